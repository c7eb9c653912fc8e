import KraftCore
import KraftIO

/// An N-1 run with what the writers need to present it: the case, where it came from, how long
/// reading took, and what the reader noticed.
public struct ContingencyStudy: Sendable {
    public var caseName: String
    public var network: Network
    public var report: ContingencyReport
    public var parseMilliseconds: Double
    public var inputNotes: [String]

    public init(caseName: String, network: Network, report: ContingencyReport, parseMilliseconds: Double,
                inputNotes: [String] = []) {
        self.caseName = caseName
        self.network = network
        self.report = report
        self.parseMilliseconds = parseMilliseconds
        self.inputNotes = inputNotes
    }

    public var baseMVA: Double { network.baseMVA }

    /// One word for a contingency's outcome: `not converged`, `overload`, `voltage`,
    /// `overload+voltage` (caused or worsened by the outage), `lost load`, `ok`; without AC,
    /// `dc overload`, `lost load` or `screened out`.
    public func status(_ r: ContingencyResult) -> String {
        if let ac = r.ac {
            if !ac.converged { return "not converged" }
            let overload = ac.overloads.contains(where: \.worsened), voltage = ac.voltageViolations.contains(where: \.worsened)
            if overload && voltage { return "overload+voltage" }
            if overload { return "overload" }
            if voltage { return "voltage" }
            if (r.islanding?.lostLoad ?? 0) > 0 { return "lost load" }
            return "ok"
        }
        if (r.dc?.worsenedOverloads ?? 0) > 0 { return "dc overload" }
        if (r.islanding?.lostLoad ?? 0) > 0 { return "lost load" }
        return "screened out"
    }

    public func branchLabel(_ l: Int) -> String { ContingencyList.branchLabel(l, in: network) }

    /// `branch 7 (4-5)`, `gen 3 (bus 30)`.
    public func outageLabel(_ o: Outage) -> String {
        switch o {
        case .branch(let l): "branch \(l + 1) (\(branchLabel(l)))"
        case .generator(let g): "gen \(g + 1) (bus \(network.buses.id[network.generators.bus[g]]))"
        }
    }

    /// `single`, `pmax` or `weights`.
    public var slackLabel: String {
        switch report.options.slack {
        case .single: "single"
        case .distributedByPmax: "pmax"
        case .distributed: "weights"
        }
    }

    public var pickupLabel: String {
        switch report.options.generatorPickup {
        case .reference: "reference"
        case .pmax: "pmax"
        case .weights: "weights"
        }
    }
}
