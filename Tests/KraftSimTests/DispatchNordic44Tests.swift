import Foundation
import KraftCore
import KraftSim
import Testing

/// Both dispatch methods on the shipped Nordic44 grid, against the merit order and against
/// KraftCore's DC power flow of the dispatched injections.
@Suite struct DispatchNordic44Tests {
    @Test("Nordic44, no line limits: LP cost equals merit-order cost (1e-6 relative)")
    func costMatchesMeritOrder() throws {
        var (p, _) = try DispatchTestProblems.nordic44()
        p.enforceBranchLimits = false
        let lp = try DispatchLP.solve(p), mo = try MeritOrderDispatch.solve(p)
        #expect(abs(lp.costEUR - mo.costEUR) <= 1e-6 * abs(mo.costEUR), "LP \(lp.costEUR) vs merit order \(mo.costEUR)")
        expectBalanced(p, lp)
        expectBalanced(p, mo)
        // Uncongested and one island: every zone's price is the merit order's marginal cost.
        expectClose(lp.priceEURPerMWh, mo.priceEURPerMWh, tolerance: 1e-6)
    }

    @Test("Nordic44: dispatch flows equal KraftCore's DC power flow of the dispatched injections")
    func flowsMatchDCPowerFlow() throws {
        var (p, net) = try DispatchTestProblems.nordic44(hours: 3)
        // Limit two heavily loaded branches so the LP flows are not the merit order's.
        let free = try DispatchLP.solve(p)
        let busiest = (0..<p.branches.count).sorted { abs(free.flowMW[0, $0]) > abs(free.flowMW[0, $1]) }.prefix(2)
        for l in busiest { p.branches[l].limitMW = 0.7 * abs(free.flowMW[0, l]) }
        let lp = try DispatchLP.solve(p)
        #expect(lp.costEUR > free.costEUR)
        for l in busiest { #expect(abs(lp.flowMW[0, l]) <= p.branches[l].limitMW! + 1e-6) }
        let inService = (0..<net.generators.count).filter { net.generators.status[$0] }
        let branches = (0..<net.branches.count).filter { net.branches.status[$0] }
        for s in [lp, try MeritOrderDispatch.solve(p)] {
            for h in 0..<p.hours {
                var n = net
                for (k, g) in inService.enumerated() { n.generators.pg[g] = s.outputMW[h, k] / n.baseMVA }
                for b in 0..<p.busCount {
                    // The problem's load is the case's times the hour's factor; move the rest
                    // (and any unserved energy) to an extra load at the bus.
                    let caseLoad = (net.busDemand().p[b] + net.busShunt().g[b]) * n.baseMVA
                    let extra = p.loadMW[h, b] - caseLoad - s.unservedMW[h, b]
                    n.loads.append(bus: b, p: extra / n.baseMVA, q: 0)
                }
                var options = PowerFlowOptions()
                options.method = .dc
                let pf = PowerFlowSolver(network: n, options: options).solve()
                #expect(pf.converged)
                for (k, l) in branches.enumerated() {
                    let reference = pf.pf[l] * n.baseMVA, ours = s.flowMW[h, k]
                    #expect(abs(reference - ours) <= 1e-6 * max(1, abs(reference)), "\(s.statistics.method) hour \(h) branch \(l): \(ours) vs DC PF \(reference)")
                }
            }
        }
    }
}
