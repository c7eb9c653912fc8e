/// One case's benchmark: a cold solve, then `repeats` solves that reuse the admittance matrix and
/// the symbolic factorization, each from the same initial point. `kraft bench` prints it (the
/// table and JSON are KraftReport's); the case file's name and reading time are passed in.
public struct BenchmarkRow: Sendable {
    public var caseName: String
    public var buses: Int
    public var branches: Int
    public var iterations: Int
    public var converged: Bool
    public var linearSolver: String
    public var parseMs: Double
    public var ybusMs: Double
    public var analyzeMs: Double
    /// Medians over the repeats.
    public var factorMs: Double
    public var iterateMs: Double
    public var solveMsMedian: Double
    public var solveColdMs: Double
    public var repeats: Int
    /// Largest mismatch at the solution, MVA.
    public var maxMismatchMVA: Double

    public static func measure(network: Network, caseName: String, parseMs: Double, options: PowerFlowOptions,
                               repeats: Int) -> BenchmarkRow {
        let solver = PowerFlowSolver(network: network, options: options)
        let cold = solver.solve()
        var warm = [PowerFlowResult]()
        for _ in 0..<repeats { warm.append(solver.solve()) }
        func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let last = warm.last ?? cold
        return BenchmarkRow(
            caseName: caseName, buses: network.buses.count, branches: network.branches.count,
            iterations: last.iterations, converged: cold.converged && warm.allSatisfy(\.converged),
            linearSolver: last.linearSolver, parseMs: parseMs, ybusMs: cold.timings.ybus,
            analyzeMs: cold.timings.analyze, factorMs: median(warm.map(\.timings.factor)),
            iterateMs: median(warm.map(\.timings.iterate)), solveMsMedian: median(warm.map(\.timings.total)),
            solveColdMs: cold.timings.total, repeats: repeats, maxMismatchMVA: last.maxMismatch * network.baseMVA)
    }
}
