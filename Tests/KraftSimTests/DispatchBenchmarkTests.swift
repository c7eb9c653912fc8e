import Foundation
import KraftCore
import KraftSim
import Testing

/// Timing of one engine-sized week (Nordic44, 168 hours, hydro budgets per zone, binding branch
/// limits). Not a unit test: runs only with `KRAFT_BENCH_DISPATCH=1`, and means something only in a
/// release build:
///
///     KRAFT_BENCH_DISPATCH=1 swift test -c release --disable-xctest --filter DispatchBenchmark
@Suite struct DispatchBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KRAFT_BENCH_DISPATCH"] == "1"))
    func week() throws {
        var (p, _) = try DispatchTestProblems.nordic44(hours: 168)
        // Hydro (the cheapest dispatchable technology here is not weather-driven: pick units by cost
        // band) gets one budget per zone: 60 % of its available energy.
        let hydroCost = TechnologyCosts.cost("hydro")
        var groupOfZone = [Int: Int]()
        for k in p.units.indices where abs(p.units[k].cost - hydroCost) < 1 {
            let z = p.zoneOfBus[p.units[k].bus]
            if groupOfZone[z] == nil { groupOfZone[z] = groupOfZone.count; p.energyBudgetsMWh.append(0) }
            p.units[k].budget = groupOfZone[z]
            p.energyBudgetsMWh[groupOfZone[z]!] += 0.6 * p.units[k].pmax.reduce(0, +)
        }
        let free = try DispatchLP.solve(p)
        // Limits at 80 % of the unlimited peak flow. The case's negative loads (fixed injections
        // of up to 1,584 MW, equivalents of neighbours) are dropped first: no slack can reduce them,
        // so limiting the branches that carry them would make the LP infeasible.
        for b in p.loadMW.indices where p.loadMW[b] < 0 { p.loadMW[b] = 0 }
        for l in p.branches.indices {
            let peak = (0..<p.hours).map { abs(free.flowMW[$0 * p.branches.count + l]) }.max()!
            p.branches[l].limitMW = 0.8 * peak
        }
        print("dispatch bench: \(p.busCount) buses, \(p.units.count) units, \(p.branches.count) branches, \(p.zones.count) zones, \(p.energyBudgetsMWh.count) budgets, \(p.hours) h")
        func time(_ label: String, _ run: () throws -> DispatchSolution) rethrows {
            var ms = [Double](), last: DispatchSolution?
            for _ in 0..<7 { var c = Stopwatch(); last = try run(); ms.append(c.lap()) }
            ms.sort()
            let s = last!.statistics
            print("  \(label): median \(String(format: "%.1f", ms[3])) ms, min \(String(format: "%.1f", ms[0])) ms; rows \(s.rows), columns \(s.columns), nonzeros \(s.nonzeros), iterations \(s.iterations), cost \(String(format: "%.2f", last!.costEUR))")
        }
        for algorithm in ClpOptions.Algorithm.allCases {
            for presolve in [false, true] {
                for scaling: Int32 in [0, 3] {
                    for perturbation: Int32 in [50, 100] {
                        var o = ClpOptions()
                        o.algorithm = algorithm; o.presolve = presolve; o.scaling = scaling; o.perturbation = perturbation
                        let label = "LP \(algorithm.rawValue), presolve \(presolve ? "on" : "off"), scaling \(scaling), perturbation \(perturbation)"
                        // A configuration CLP fails on is a finding of the benchmark, not the end of it.
                        do { try time(label) { try DispatchLP.solve(p, options: o) } } catch { print("  \(label): failed: \(error)") }
                    }
                }
            }
        }
        p.enforceBranchLimits = false
        try time("LP dual, no branch limits") { try DispatchLP.solve(p) }
        try time("merit order") { try MeritOrderDispatch.solve(p) }
    }
}
