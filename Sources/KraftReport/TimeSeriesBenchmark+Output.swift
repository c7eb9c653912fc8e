import KraftCore
import KraftIO

/// `kraft bench --timeseries`'s table and JSON (the series is measured in KraftCore).
extension TimeSeriesBenchmark {
    public static func table(_ rows: [TimeSeriesBenchmark]) -> String {
        var t = TextTable(headers: ["case", "buses", "hours", "converged", "iterations", "solver", "setup ms",
                                    "hours ms", "total ms", "ms/hour", "median hour ms", "max hour ms"])
        for r in rows {
            t.append([r.caseName, String(r.buses), String(r.hours), String(r.convergedHours), String(r.iterations),
                      r.linearSolver, fixed(r.setupMs, 2), fixed(r.hoursMs, 1), fixed(r.totalMs, 1),
                      fixed(r.hoursMs / Double(max(r.hours, 1)), 4), fixed(r.hourMsMedian, 4), fixed(r.hourMsMax, 3)])
        }
        var text = t.render()
        text += "Newton–Raphson per hour, all loads (P and Q) scaled by the hour's factor, generator set-points fixed, "
        text += "each hour warm-started from the previous one; setup: Ybus, bus types, Jacobian pattern\n"
        for r in rows where !r.failedHours.isEmpty {
            text += "\(r.caseName): \(r.failedHours.count) hours did not converge (first: hour \(r.failedHours[0]))\n"
        }
        return text
    }

    public static func json(_ rows: [TimeSeriesBenchmark]) -> String {
        var j = JSONText()
        j.raw("[")
        for (k, r) in rows.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("\n{"); j.key("case"); j.string(r.caseName)
            j.raw(","); j.key("buses"); j.number(r.buses)
            j.raw(","); j.key("hours"); j.number(r.hours)
            j.raw(","); j.key("converged_hours"); j.number(r.convergedHours)
            j.raw(","); j.key("failed_hours"); j.raw("[" + r.failedHours.map(String.init).joined(separator: ",") + "]")
            j.raw(","); j.key("iterations"); j.number(r.iterations)
            j.raw(","); j.key("linear_solver"); j.string(r.linearSolver)
            j.raw(","); j.key("setup_ms"); j.number(r.setupMs)
            j.raw(","); j.key("hours_ms"); j.number(r.hoursMs)
            j.raw(","); j.key("total_ms"); j.number(r.totalMs)
            j.raw(","); j.key("hour_ms_mean"); j.number(r.hoursMs / Double(max(r.hours, 1)))
            j.raw(","); j.key("hour_ms_median"); j.number(r.hourMsMedian)
            j.raw(","); j.key("hour_ms_max"); j.number(r.hourMsMax)
            j.raw(","); j.key("samples"); j.raw("[")
            for (s, sample) in r.samples.enumerated() {
                if s > 0 { j.raw(",") }
                j.raw("{"); j.key("hour"); j.number(sample.hour)
                j.raw(","); j.key("vm"); numbers(sample.vm, &j)
                j.raw(","); j.key("va_deg"); numbers(sample.vaDegrees, &j)
                j.raw("}")
            }
            j.raw("]}")
        }
        j.raw("\n]\n")
        return j.text
    }

    private static func numbers(_ xs: [Double], _ j: inout JSONText) {
        j.raw("[")
        for (i, x) in xs.enumerated() {
            if i > 0 { j.raw(",") }
            j.number(x)
        }
        j.raw("]")
    }
}
