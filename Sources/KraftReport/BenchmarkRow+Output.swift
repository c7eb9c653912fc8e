import KraftCore
import KraftIO

/// `kraft bench`'s table and JSON of the power-flow benchmark (measured in KraftCore).
extension BenchmarkRow {
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
