import KraftIO
import KraftSim

/// Two or more runs side by side (`kraft compare`): every summary metric, and the per-zone figures
/// of `summary.json`, with the absolute and relative difference of each run against the first.
/// Runs are lettered A, B, C… in the order given.
public struct RunComparison: Sendable {
    public struct Row: Sendable {
        /// `metrics` or `zone`.
        public var section: String
        public var key: String
        public var zone: String?
        public var label: MetricLabel
        /// One value per run; nil where a run does not have it.
        public var values: [Double?]
        /// Taken over the converged hours only (losses, voltages, reactive reserve): marked `*`.
        public var convergedOnly = false
        /// Per run, whether its converged hours are the first run's (set by `RunComparison`).
        var sameConvergedHours: [Bool] = []

        public func absoluteDifference(_ run: Int) -> Double? {
            guard let a = values[0], let b = values[run] else { return nil }
            return b - a
        }

        /// Percent of the first run's value; nil when it is 0 or missing, and for a figure over
        /// converged hours only when the two runs converged in different hours (a relative
        /// difference of sums over different hours is no change of the figure).
        public func relativeDifference(_ run: Int) -> Double? {
            if isIncomparable(run) { return nil }
            guard let a = values[0], let b = values[run], a != 0 else { return nil }
            return 100 * (b - a) / abs(a)
        }

        /// A figure over converged hours only, of a run whose converged hours differ from the first's.
        public func isIncomparable(_ run: Int) -> Bool {
            convergedOnly && run < sameConvergedHours.count && !sameConvergedHours[run]
        }

        /// The metric's header, `*` marking a figure over converged hours only.
        public var header: String { convergedOnly ? label.header.replacingOccurrences(of: " (", with: "* (", options: [], range: label.header.range(of: " (")) + (label.header.contains(" (") ? "" : "*") : label.header }
    }

    public var runs: [RunResult]
    public var rows: [Row]

    /// What makes a difference of the figures more than the change under study: a run whose period
    /// or weather differs from the first's (a closure against a base of another year, or another
    /// weather year, compares two things at once).
    public var warnings: [String] {
        var out = [String]()
        let first = runs[0]
        for (k, run) in runs.enumerated().dropFirst() {
            let a = Self.letter(0), b = Self.letter(k)
            if run.summary.periodFrom != first.summary.periodFrom || run.summary.periodTo != first.summary.periodTo {
                out.append("\(b) covers \(run.summary.periodFrom) to \(run.summary.periodTo), \(a) \(first.summary.periodFrom) to \(first.summary.periodTo): the periods differ, so the differences include the years' own (run the base over the same period)")
            }
            if run.scenario.weatherSource != first.scenario.weatherSource {
                out.append("\(b)'s weather is \(run.scenario.weatherSource), \(a)'s \(first.scenario.weatherSource): the weather differs, so the differences include it")
            }
            if !Self.sameConvergedHours(first, run) {
                out.append("\(b)'s AC check converged in \(run.summary.convergedHours) of its \(run.summary.hours) hours, \(a)'s in \(first.summary.convergedHours) of \(first.summary.hours): the figures marked * (losses, voltages, reactive reserve) are taken over those hours only, so they cover different hours; their relative differences are not given")
            }
        }
        return out
    }

    /// Whether two runs' figures over converged hours cover the same number of hours (the hours
    /// themselves are not in the summary: equal counts over equal periods are taken as the same).
    static func sameConvergedHours(_ a: RunResult, _ b: RunResult) -> Bool {
        a.summary.convergedHours == b.summary.convergedHours && a.summary.hours == b.summary.hours
    }

    /// The line under a table with rows marked *: each run's converged hours.
    public var convergedFootnote: String {
        "* over the converged hours only: " + runs.enumerated().map { "\(Self.letter($0)) \($1.summary.convergedHours) of \($1.summary.hours)" }.joined(separator: ", ")
    }

    public static func letter(_ k: Int) -> String { k < 26 ? String(UnicodeScalar(UInt8(65 + k))) : "R\(k + 1)" }

    public init(_ runs: [RunResult]) {
        self.runs = runs
        var rows = [Row]()
        var keys = HTMLReport.answerMetrics.map(\.key)
        for run in runs { for m in run.summary.metrics where !keys.contains(m.key) { keys.append(m.key) } }
        let answer = Set(HTMLReport.answerMetrics.map(\.key))
        keys = keys.filter(answer.contains) + keys.filter { !answer.contains($0) }.sorted()
        let same = runs.map { Self.sameConvergedHours(runs[0], $0) }
        for key in keys where runs.contains(where: { $0.summary.metric(key) != nil }) {
            var row = Row(section: "metrics", key: key, zone: nil, label: MetricLabel(key: key), values: runs.map { $0.summary.metric(key) })
            row.convergedOnly = runs.contains { $0.summary.convergedOnlyMetrics.contains(key) }
            row.sameConvergedHours = same
            rows.append(row)
        }
        var zones = [String]()
        for run in runs { for z in run.summary.zones where !zones.contains(z.zone) { zones.append(z.zone) } }
        for zone in zones {
            let per = runs.map { r in r.summary.zones.first { $0.zone == zone } }
            func add(_ key: String, _ value: (RunResult.ZoneSummary) -> Double?) {
                let values = per.map { $0.flatMap(value) }
                guard values.contains(where: { $0 != nil }) else { return }
                var label = MetricLabel(key: key)
                label.name = "\(zone) \(label.name)"
                var row = Row(section: "zone", key: key, zone: zone, label: label, values: values)
                row.convergedOnly = ["min_reactive_reserve_mvar", "lowest_vm_pu"].contains(key)
                row.sameConvergedHours = same
                rows.append(row)
            }
            add("load_twh") { $0.loadTWh }
            var techs = [String]()
            for z in per.compactMap({ $0 }) { for g in z.generationTWh where !techs.contains(g.technology) { techs.append(g.technology) } }
            for t in techs { add("\(t)_twh") { z in z.generationTWh.first { $0.technology == t }?.twh } }
            add("net_export_twh") { $0.netExportTWh }
            add("price_mean_eur_mwh") { $0.priceMeanEURPerMWh }
            add("unserved_mwh") { $0.unservedMWh }
            add("curtailed_mwh") { $0.curtailedMWh }
            add("min_reactive_reserve_mvar") { $0.minReactiveReserveMVAr }
            add("lowest_vm_pu") { $0.lowestVmPU }
        }
        self.rows = rows
    }

    /// The runs, one line each: letter, scenario, folder.
    func legend() -> [String] {
        runs.enumerated().map { "\(Self.letter($0)): \($1.scenario.name) (\($1.path))" }
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word on its own
    /// line), the lines after the first indented by two spaces: a warning fits the terminal too.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines = [String](), line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty || line == "  " { line += word }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { lines.append(line); line = "  " + word }
        }
        lines.append(line)
        return lines
    }

    /// Tables for an 80-column terminal: one per run after the first, each against the first.
    /// `colour` adds ANSI bold to headers and yellow to rows that changed.
    public func table(colour: Bool = false) -> String {
        var out = legend().joined(separator: "\n") + "\n"
        for w in warnings { out += Self.wrap("warning: \(w)", width: 80).joined(separator: "\n") + "\n" }
        for k in 1..<runs.count {
            var t = TextTable(headers: ["metric", Self.letter(0), Self.letter(k), "Δ \(Self.letter(k))−\(Self.letter(0))", "Δ %"])
            var changed = [Bool]()
            for r in rows {
                let abs = r.absoluteDifference(k), rel = r.relativeDifference(k)
                t.append([r.header, r.values[0].map { fixed($0, r.label.decimals) } ?? "-", r.values[k].map { fixed($0, r.label.decimals) } ?? "-",
                          abs.map { signed(fixed($0, r.label.decimals)) } ?? "-", rel.map { signed(fixed($0, 1)) } ?? (r.isIncomparable(k) ? "n/a*" : "-")])
                changed.append((abs ?? 0) != 0 && fixed(abs ?? 0, r.label.decimals).trimmingCharacters(in: "-0.") != "")
            }
            out += "\n\(Self.letter(k)) against \(Self.letter(0))\n"
            let lines = fitted(t).split(separator: "\n", omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() where !(n == lines.count - 1 && line.isEmpty) {
                if colour && n == 0 { out += "\u{1B}[1m\(line)\u{1B}[0m\n" }
                else if colour && n >= 2 && changed[n - 2] { out += "\u{1B}[33m\(line)\u{1B}[0m\n" }
                else { out += line + "\n" }
            }
        }
        if rows.contains(where: \.convergedOnly) { out += convergedFootnote + "\n" }
        return out
    }

    /// The table rendered, with the metric column shortened when the whole is wider than 80.
    func fitted(_ table: TextTable) -> String {
        var t = table
        let text = t.render()
        let widest = text.split(separator: "\n").map(\.count).max() ?? 0
        guard widest > 80 else { return text }
        let cut = max(12, (t.rows.map { $0[0].count }.max() ?? 0) - (widest - 80))
        var shortened = TextTable(headers: t.headers, alignments: t.alignments)
        for row in t.rows {
            var r = row
            if r[0].count > cut { r[0] = String(r[0].prefix(cut - 1)) + "…" }
            shortened.append(r)
        }
        t = shortened
        return t.render()
    }

    func signed(_ s: String) -> String { s.hasPrefix("-") || s.trimmingCharacters(in: "0.") == "" ? s : "+" + s }

    /// Long format: one line per row and run.
    public func csv() -> String {
        var out = "section,metric,zone,unit,run,scenario,value,abs_diff,rel_diff_pct,converged_only,converged_hours\n"
        func n(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        for r in rows {
            for k in runs.indices {
                out += [r.section, r.key, r.zone ?? "", r.label.unit, Self.letter(k), runs[k].scenario.name].map(Self.csvText).joined(separator: ",") + ","
                out += "\(n(r.values[k])),\(k == 0 ? "" : n(r.absoluteDifference(k))),\(k == 0 ? "" : n(r.relativeDifference(k))),"
                out += "\(r.convergedOnly ? 1 : 0),\(runs[k].summary.convergedHours)\n"
            }
        }
        return out
    }

    /// A text cell of the CSV: a leading `=`, `+`, `-`, `@`, tab or carriage return (which a
    /// spreadsheet would run as a formula) gets a `'` in front, and the field is quoted per RFC 4180
    /// when it holds a comma, a quote or a line break.
    public static func csvText(_ s: String) -> String {
        var t = s
        if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { t = "'" + t }
        guard t.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func json() -> String {
        var j = JSONText()
        j.raw("{"); j.key("runs"); j.raw("[")
        for (k, run) in runs.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("run"); j.string(Self.letter(k)); j.raw(","); j.key("scenario"); j.string(run.scenario.name); j.raw(",")
            j.key("path"); j.string(run.path); j.raw(","); j.key("converged_hours"); j.number(run.summary.convergedHours)
            j.raw(","); j.key("hours"); j.number(run.summary.hours); j.raw("}")
        }
        j.raw("],"); j.key("warnings"); j.raw("[")
        for (k, w) in warnings.enumerated() { if k > 0 { j.raw(",") }; j.string(w) }
        j.raw("],"); j.key("rows"); j.raw("[")
        func array(_ xs: [Double?]) { j.raw("["); for (k, x) in xs.enumerated() { if k > 0 { j.raw(",") }; j.number(x ?? .nan) }; j.raw("]") }
        for (n, r) in rows.enumerated() {
            if n > 0 { j.raw(",") }
            j.raw("\n{"); j.key("section"); j.string(r.section); j.raw(","); j.key("metric"); j.string(r.key); j.raw(",")
            j.key("zone"); if let z = r.zone { j.string(z) } else { j.raw("null") }; j.raw(",")
            j.key("unit"); j.string(r.label.unit); j.raw(","); j.key("converged_only"); j.bool(r.convergedOnly); j.raw(",")
            j.key("values"); array(r.values); j.raw(",")
            j.key("abs_diff"); array(runs.indices.map { $0 == 0 ? nil : r.absoluteDifference($0) }); j.raw(",")
            j.key("rel_diff_pct"); array(runs.indices.map { $0 == 0 ? nil : r.relativeDifference($0) }); j.raw("}")
        }
        j.raw("]}\n")
        return j.text
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        String(self.drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
