import Foundation
import KraftCore
import Testing

/// MATPOWER's AC power flow after each single branch outage, solved independently from the
/// case's voltages (Tools/references/make-contingency-references).
struct ContingencyReference: Decodable {
    struct Outage: Decodable {
        /// 1-based branch row.
        var branch: Int
        var converged: Bool
        var iterations: Int
        var pf: [Double], qf: [Double], pt: [Double], qt: [Double]
        /// Generator reactive outputs (MVAr), in the references solved with Q limits.
        var qg: [Double]?
    }
    var `case`: String
    var contingencies: [Outage]

    static func load(_ name: String) throws -> ContingencyReference {
        let url = Paths.references.appendingPathComponent("contingency/\(name).json")
        return try JSONDecoder().decode(ContingencyReference.self, from: Data(contentsOf: url))
    }
}

@Suite("N-1 against MATPOWER re-solving each outage")
struct ContingencyAgreementTests {
    @Test("post-contingency branch flows within 1e-4 MW/MVAr, every branch that does not island", arguments: ["case118", "case300"])
    func branchOutages(caseName: String) throws {
        let network = try Paths.network(caseName)
        let reference = try ContingencyReference.load(caseName)
        var options = ContingencyOptions()
        options.keepSolutions = true
        let report = try ContingencyAnalysis(network: network, options: options).run(Contingency.branchOutages(of: network))
        #expect(report.base.converged)
        let base = network.baseMVA
        let bridges = BranchBridges.find(network: network)
        let byBranch = Dictionary(uniqueKeysWithValues: report.results.map { r -> (Int, ContingencyResult) in
            guard case .branch(let l) = report.contingencies[r.index].outages[0] else { fatalError() }
            return (l, r)
        })
        // Every branch is either in the reference or a bridge, which Kraft reports as islanding.
        #expect(reference.contingencies.count + bridges.filter { $0 }.count == network.branches.count)
        for l in 0..<network.branches.count where bridges[l] { #expect(byBranch[l]?.islanding != nil, "branch \(l + 1) islands") }
        var worst = 0.0, compared = 0
        for outage in reference.contingencies {
            let l = outage.branch - 1
            let result = try #require(byBranch[l])
            #expect(result.islanding == nil)
            let ac = try #require(result.ac)
            guard outage.converged else { continue }
            #expect(ac.converged, "\(caseName) branch \(outage.branch): MATPOWER converged, Kraft did not")
            guard let flows = ac.flows else { continue }
            let d = [maxDifference(flows.pf.map { $0 * base }, outage.pf), maxDifference(flows.qf.map { $0 * base }, outage.qf),
                     maxDifference(flows.pt.map { $0 * base }, outage.pt), maxDifference(flows.qt.map { $0 * base }, outage.qt)].max()!
            #expect(d <= 1e-4, "\(caseName) branch \(outage.branch): |Δflow| = \(d) MW/MVAr")
            worst = max(worst, d)
            compared += 1
        }
        #expect(compared == reference.contingencies.filter(\.converged).count)
        if ProcessInfo.processInfo.environment["KRAFT_TEST_VERBOSE"] != nil {
            print("\(caseName): \(compared) outages compared with MATPOWER, largest |Δflow| \(worst) MW/MVAr")
        }
    }
}
