import KraftCore
import KraftIO

/// A solved case with what a writer needs to present it in engineering units: the network, the
/// result, where it came from and how long reading took.
public struct PowerFlowReport: Sendable {
    public var caseName: String
    public var network: Network
    public var result: PowerFlowResult
    public var options: PowerFlowOptions
    /// Milliseconds spent reading and checking the case file.
    public var parseMilliseconds: Double
    /// What the reader noticed and the solve ignores (e.g. DC lines), for the reader of the report.
    public var inputNotes: [String]

    public init(caseName: String, network: Network, result: PowerFlowResult, options: PowerFlowOptions,
                parseMilliseconds: Double, inputNotes: [String] = []) {
        self.caseName = caseName
        self.network = network
        self.result = result
        self.options = options
        self.parseMilliseconds = parseMilliseconds
        self.inputNotes = inputNotes
    }

    public var baseMVA: Double { network.baseMVA }
    public var allNotes: [String] { inputNotes + result.notes }

    /// Wall time of the whole run so far (reading plus solving), ms.
    public var totalMilliseconds: Double { parseMilliseconds + result.timings.total }

    /// Lowest and highest voltage magnitude among energised buses, with their internal indices.
    public var voltageExtremes: (low: (bus: Int, vm: Double), high: (bus: Int, vm: Double))? {
        let dead = Set(result.deadBuses)
        var low: (Int, Double)?, high: (Int, Double)?
        for i in 0..<result.vm.count where !dead.contains(i) {
            if low == nil || result.vm[i] < low!.1 { low = (i, result.vm[i]) }
            if high == nil || result.vm[i] > high!.1 { high = (i, result.vm[i]) }
        }
        guard let low, let high else { return nil }
        return ((low.0, low.1), (high.0, high.1))
    }

    /// Total generation and demand in service, MW and MVAr.
    public var totals: (pg: Double, qg: Double, pd: Double, qd: Double) {
        var pg = 0.0, qg = 0.0
        for g in 0..<network.generators.count where network.generators.status[g] {
            pg += result.pg[g]
            qg += result.qg[g]
        }
        let demand = network.busDemand()
        let dead = Set(result.deadBuses)
        var pd = 0.0, qd = 0.0
        for i in 0..<demand.p.count where !dead.contains(i) { pd += demand.p[i]; qd += demand.q[i] }
        return (pg * baseMVA, qg * baseMVA, pd * baseMVA, qd * baseMVA)
    }
}
