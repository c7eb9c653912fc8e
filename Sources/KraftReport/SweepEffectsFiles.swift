import KraftIO

/// `SweepEffects` as the merge writes it: three tidy CSV files, a JSON fragment for
/// `sweep-results.json`, and the text tables of `sweep-report.txt`. Numbers in the files are
/// exact (shortest round-trip); a standard deviation of fewer than two values is an empty field
/// or `null`, never NaN.
extension SweepEffects {
    /// `axis,keys,value,metric,members,mean,sd,min,max`: one row per axis value and metric.
    public var groupsCSV: String {
        var out = "axis,keys,value,metric,members,mean,sd,min,max\n"
        for g in groups {
            for m in metricNames where g.metrics[m] != nil {
                let s = g.metrics[m]!
                out += row([String(g.axis + 1), axisName(g.axis), g.value, m, String(s.count)] + Self.fields(s))
            }
        }
        return out
    }

    /// `axis,keys,from,to,metric,pairs,mean,sd,min,max`: one row per axis change and metric.
    public var differencesCSV: String {
        var out = "axis,keys,from,to,metric,pairs,mean,sd,min,max\n"
        for d in differences {
            for m in metricNames where d.metrics[m] != nil {
                let s = d.metrics[m]!
                out += row([String(d.axis + 1), axisName(d.axis), d.from, d.to, m, String(s.count)] + Self.fields(s))
            }
        }
        return out
    }

    /// `axis,keys,from,to,context,from_member,to_member,metric,difference`: every pair's difference.
    public var pairsCSV: String {
        var out = "axis,keys,from,to,context,from_member,to_member,metric,difference\n"
        for d in differences {
            for p in d.pairs {
                for m in metricNames where p.differences[m] != nil {
                    out += row([String(d.axis + 1), axisName(d.axis), d.from, d.to, p.context, p.from, p.to, m, Self.number(p.differences[m]!)])
                }
            }
        }
        return out
    }

    /// `"axes": [...], "groups": [...], "differences": [...]` (without braces), for `sweep-results.json`.
    func json(_ j: inout JSONText) {
        j.key("axes"); j.raw("[")
        for (a, axis) in axes.enumerated() {
            if a > 0 { j.raw(",") }
            j.raw("{"); j.key("axis"); j.number(a + 1); j.raw(","); j.key("keys"); strings(axis.keys.map { keys[$0] }, &j)
            j.raw(","); j.key("values"); strings(axis.values, &j); j.raw("}")
        }
        j.raw("],"); j.key("groups"); j.raw("[")
        for (k, g) in groups.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("\n{"); j.key("axis"); j.number(g.axis + 1); j.raw(","); j.key("value"); j.string(g.value); j.raw(",")
            j.key("members"); strings(g.members, &j); j.raw(","); j.key("metrics"); spreads(g.metrics, &j); j.raw("}")
        }
        j.raw("],"); j.key("differences"); j.raw("[")
        for (k, d) in differences.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("\n{"); j.key("axis"); j.number(d.axis + 1); j.raw(","); j.key("from"); j.string(d.from); j.raw(",")
            j.key("to"); j.string(d.to); j.raw(","); j.key("metrics"); spreads(d.metrics, &j); j.raw(","); j.key("pairs"); j.raw("[")
            for (n, p) in d.pairs.enumerated() {
                if n > 0 { j.raw(",") }
                j.raw("\n{"); j.key("context"); j.string(p.context); j.raw(","); j.key("from_member"); j.string(p.from); j.raw(",")
                j.key("to_member"); j.string(p.to); j.raw(","); j.key("differences"); j.raw("{")
                for (i, m) in metricNames.filter({ p.differences[$0] != nil }).enumerated() {
                    if i > 0 { j.raw(",") }
                    j.key(m); j.number(p.differences[m]!)
                }
                j.raw("}}")
            }
            j.raw("]}")
        }
        j.raw("]")
    }

    /// For a person: each axis's values side by side (mean ± sd of every metric that differs
    /// between members), then each change of an axis with the spread of its paired differences.
    /// An axis with more than `maxColumns` values is only named here (its figures are in the files).
    func report(maxColumns: Int = 4) -> String {
        var out = ""
        let short = SweepMerge.short
        for (a, axis) in axes.enumerated() {
            let mine = groups.filter { $0.axis == a }
            out += "\naxis \(a + 1), \(axisName(a)): \(axis.values.count) value\(axis.values.count == 1 ? "" : "s")"
            guard axis.values.count <= maxColumns else {
                out += " (grouped figures and paired differences in sweep-groups.csv, sweep-differences.csv)\n"
                continue
            }
            out += "; complete members: " + mine.map { "\($0.value): \($0.members.count)" }.joined(separator: "; ") + "\n"
            var table = TextTable(headers: ["metric"] + mine.flatMap { ["\($0.value) mean", "sd"] })
            for m in metricNames where varies(m) {
                table.append([m] + mine.flatMap { g in g.metrics[m].map { [short($0.mean), $0.sd.map(short) ?? "-"] } ?? ["-", "-"] })
            }
            out += table.render()
            for d in differences where d.axis == a {
                let others = keys.indices.filter { !axis.keys.contains($0) }.map { keys[$0] }
                out += "\n\(d.to) − \(d.from): \(d.pairs.count) pair\(d.pairs.count == 1 ? "" : "s") of members"
                out += others.isEmpty ? "\n" : " with the same \(others.joined(separator: ", "))\n"
                guard !d.pairs.isEmpty else { continue }
                var diff = TextTable(headers: ["metric", "mean", "sd", "min", "max", "at min", "at max"])
                for m in metricNames { if let s = d.metrics[m], s.min != 0 || s.max != 0 {
                    diff.append([m, short(s.mean), s.sd.map(short) ?? "-", short(s.min), short(s.max), s.atMin, s.atMax])
                } }
                out += diff.rows.isEmpty ? "(no metric differs)\n" : diff.render()
            }
        }
        return out
    }

    /// True when the metric is not the same in every complete member.
    func varies(_ m: String) -> Bool {
        let spreads = groups.compactMap { $0.metrics[m] }
        guard let low = spreads.map(\.min).min(), let high = spreads.map(\.max).max() else { return false }
        return low != high
    }

    private func row(_ fields: [String]) -> String { fields.map(SweepMerge.field).joined(separator: ",") + "\n" }

    private static func fields(_ s: Spread) -> [String] {
        [number(s.mean), s.sd.map(number) ?? "", number(s.min), number(s.max)]
    }

    static func number(_ x: Double) -> String {
        var j = JSONText(capacity: 24)
        j.number(x)
        return j.text
    }

    private func strings(_ list: [String], _ j: inout JSONText) {
        j.raw("["); for (k, s) in list.enumerated() { if k > 0 { j.raw(",") }; j.string(s) }; j.raw("]")
    }

    private func spreads(_ metrics: [String: Spread], _ j: inout JSONText) {
        j.raw("{")
        for (k, m) in metricNames.filter({ metrics[$0] != nil }).enumerated() {
            let s = metrics[m]!
            if k > 0 { j.raw(",") }
            j.key(m); j.raw("{"); j.key("n"); j.number(s.count); j.raw(","); j.key("mean"); j.number(s.mean); j.raw(",")
            j.key("sd"); if let sd = s.sd { j.number(sd) } else { j.raw("null") }
            j.raw(","); j.key("min"); j.number(s.min); j.raw(","); j.key("max"); j.number(s.max); j.raw("}")
        }
        j.raw("}")
    }
}
