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
        // Every branch limited to 80 % of its unlimited peak flow, hydro in zonal budgets.
        var p = try DispatchTestProblems.nordic44Limited(hours: 168, limitShare: 0.8)
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
