import Foundation
import KraftCore
import Testing

/// Q limits and distributed slack inside the contingency solves.
@Suite("N-1 with reactive limits and distributed slack")
struct ContingencyLimitsTests {
    /// MATPOWER re-solving every 9th outage with `pf.enforce_q_lims = 1`
    /// (Tools/references/make-contingency-references --qlim).
    @Test("Q limits: post-contingency flows as MATPOWER's runpf with enforce_q_lims = 1, within 1e-4 MW/MVAr",
          arguments: ["case118", "case300"])
    func reactiveLimits(caseName: String) throws {
        let network = try Paths.network(caseName)
        let reference = try ContingencyReference.load("\(caseName)-qlim")
        var options = ContingencyOptions()
        options.keepSolutions = true
        options.enforceQLimits = true
        let list = reference.contingencies.map { Contingency(name: "\($0.branch)", outages: [.branch($0.branch - 1)]) }
        let report = try ContingencyAnalysis(network: network, options: options).run(list)
        #expect(report.base.converged)
        #expect(!report.base.qLimitSwitches.isEmpty, "\(caseName): the base case hits reactive limits")
        let base = network.baseMVA
        var compared = 0, limited = 0
        for (outage, result) in zip(reference.contingencies, report.results) {
            guard outage.converged else { continue }
            let ac = try #require(result.ac)
            #expect(ac.converged, "\(caseName) branch \(outage.branch): MATPOWER converged, Kraft did not")
            guard let flows = ac.flows else { continue }
            let d = [maxDifference(flows.pf.map { $0 * base }, outage.pf), maxDifference(flows.qf.map { $0 * base }, outage.qf),
                     maxDifference(flows.pt.map { $0 * base }, outage.pt), maxDifference(flows.qt.map { $0 * base }, outage.qt)].max()!
            #expect(d <= 1e-4, "\(caseName) branch \(outage.branch): |Δflow| = \(d) MW/MVAr")
            if !ac.reactiveLimited.isEmpty { limited += 1 }
            compared += 1
        }
        #expect(compared == reference.contingencies.filter(\.converged).count)
        #expect(limited == compared, "every solved outage holds some generator at a limit, as the base case does")
    }

    /// Distributed slack by Pmax: the generation at each generator bus, computed from the
    /// post-contingency branch flows, shunts and demand (Kirchhoff at the bus), differs from the
    /// case's set-points by one common multiple of the bus's Pmax.
    @Test("distributed slack: every generator picks up the imbalance in proportion to its Pmax")
    func distributedSlack() throws {
        let network = try Paths.network("case118")
        var options = ContingencyOptions()
        options.keepSolutions = true
        options.slack = .distributedByPmax
        let bridges = BranchBridges.find(network: network)
        let branches = [0, 6, 40, 95, 150].filter { !bridges[$0] }
        let report = try ContingencyAnalysis(network: network, options: options)
            .run(branches.map { Contingency(name: "\($0 + 1)", outages: [.branch($0)]) })
        #expect(report.base.converged)
        let n = network.buses.count, br = network.branches, gens = network.generators
        let demand = network.busDemand(), shunt = network.busShunt()
        var setPoint = [Double](repeating: 0, count: n), weight = setPoint
        for g in 0..<gens.count where gens.status[g] {
            setPoint[gens.bus[g]] += gens.pg[g]
            weight[gens.bus[g]] += gens.pmax[g]
        }
        for result in report.results {
            let ac = try #require(result.ac)
            #expect(ac.converged)
            let flows = try #require(ac.flows), vm = try #require(ac.vm)
            var injection = (0..<n).map { shunt.g[$0] * vm[$0] * vm[$0] }
            for l in 0..<br.count {
                injection[br.from[l]] += flows.pf[l]
                injection[br.to[l]] += flows.pt[l]
            }
            let shares = (0..<n).filter { weight[$0] > 0 }.map { i in (injection[i] + demand.p[i] - setPoint[i]) / weight[i] }
            let lambda = shares[0]
            #expect(abs(lambda) > 1e-6, "the outage changes the losses, so the slack moves every generator")
            #expect(shares.allSatisfy { abs($0 - lambda) <= 1e-6 }, "shares per Pmax: \(shares.min()!) to \(shares.max()!)")
        }
    }
}
