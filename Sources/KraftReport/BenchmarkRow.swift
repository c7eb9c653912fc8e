import KraftCore
import KraftIO

/// One case's benchmark: a cold solve, then `repeats` solves that reuse the admittance matrix and
/// the symbolic factorization, each from the same initial point.
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

    public static func measure(file: CaseFile, options: PowerFlowOptions, repeats: Int) -> BenchmarkRow {
        let solver = PowerFlowSolver(network: file.network, options: options)
        let cold = solver.solve()
        var warm = [PowerFlowResult]()
        for _ in 0..<repeats { warm.append(solver.solve()) }
        func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let last = warm.last ?? cold
        return BenchmarkRow(
            caseName: file.name, buses: file.network.buses.count, branches: file.network.branches.count,
            iterations: last.iterations, converged: cold.converged && warm.allSatisfy(\.converged),
            linearSolver: last.linearSolver, parseMs: file.readMilliseconds, ybusMs: cold.timings.ybus,
            analyzeMs: cold.timings.analyze, factorMs: median(warm.map(\.timings.factor)),
            iterateMs: median(warm.map(\.timings.iterate)), solveMsMedian: median(warm.map(\.timings.total)),
            solveColdMs: cold.timings.total, repeats: repeats, maxMismatchMVA: last.maxMismatch * file.network.baseMVA)
    }

    public static func table(_ rows: [BenchmarkRow]) -> String {
        var t = TextTable(headers: ["case", "buses", "branches", "iter", "solver", "parse ms", "Ybus ms", "analyze ms",
                                    "factor ms", "iterate ms", "solve ms", "cold ms", "mismatch MVA"])
        for r in rows {
            t.append([r.caseName, String(r.buses), String(r.branches), r.converged ? String(r.iterations) : "FAIL",
                      r.linearSolver, fixed(r.parseMs, 2), fixed(r.ybusMs, 3), fixed(r.analyzeMs, 3), fixed(r.factorMs, 3),
                      fixed(r.iterateMs, 3), fixed(r.solveMsMedian, 3), fixed(r.solveColdMs, 3),
                      PowerFlowTableWriter.scientific(r.maxMismatchMVA)])
        }
        let n = rows.first?.repeats ?? 0
        return t.render() + "solve ms: median of \(n) repeated solves with Ybus and symbolic analysis reused; cold ms: first solve, Ybus and analysis included\n"
    }

    public static func json(_ rows: [BenchmarkRow]) -> String {
        var j = JSONText()
        j.raw("[")
        for (k, r) in rows.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("\n{"); j.key("case"); j.string(r.caseName)
            j.raw(","); j.key("buses"); j.number(r.buses)
            j.raw(","); j.key("branches"); j.number(r.branches)
            j.raw(","); j.key("iterations"); j.number(r.iterations)
            j.raw(","); j.key("converged"); j.bool(r.converged)
            j.raw(","); j.key("linear_solver"); j.string(r.linearSolver)
            j.raw(","); j.key("parse_ms"); j.number(r.parseMs)
            j.raw(","); j.key("ybus_ms"); j.number(r.ybusMs)
            j.raw(","); j.key("analyze_ms"); j.number(r.analyzeMs)
            j.raw(","); j.key("factor_ms"); j.number(r.factorMs)
            j.raw(","); j.key("iterate_ms"); j.number(r.iterateMs)
            j.raw(","); j.key("solve_ms_median"); j.number(r.solveMsMedian)
            j.raw(","); j.key("solve_cold_ms"); j.number(r.solveColdMs)
            j.raw(","); j.key("repeats"); j.number(r.repeats)
            j.raw(","); j.key("max_mismatch"); j.number(r.maxMismatchMVA)
            j.raw("}")
        }
        j.raw("\n]\n")
        return j.text
    }
}
