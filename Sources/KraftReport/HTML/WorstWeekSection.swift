extension HTMLReport {
    /// The week with the most load shed and the week with the most hours without an AC solution,
    /// hour by hour: yearly totals hide when and how a closure fails, a week shows it (the
    /// evening peaks that shed load, the cold days that do not converge). Weeks are 168-hour
    /// blocks from the run's first hour, as in `branch_weeks.csv`.
    static func worstWeeks(_ run: RunResult, _ page: inout HTMLPage) {
        guard run.kind == .year, !run.system.loadMW.isEmpty else { return }
        let choice = WeekChoice(run.system)
        page.heading(2, "The hardest week, hour by hour", id: "worst-week")
        guard !choice.weeks.isEmpty else {
            page.paragraph("No hour shed load and every hour had an AC solution: no week stands out.")
            return
        }
        for (week, reasons) in choice.weeks {
            let hours = choice.range(week)
            let shed = hours.map { run.system.unservedMW[$0] }.reduce(0, +)
            let failed = hours.filter { !run.system.converged[$0] }.count
            page.heading(3, "Week \(week + 1), \(day(run.system.time[hours.lowerBound])) to \(day(run.system.time[hours.upperBound - 1])): "
                         + reasons.joined(separator: " and "))
            page.paragraph("\(grouped(fixed(shed, 0))) MWh of load shed in \(hours.filter { run.system.unservedMW[$0] > 0 }.count) hours; "
                           + "\(failed) of \(hours.count) hours without an AC solution.")
            balance(run, hours, id: "week-balance-\(week + 1)", &page)
            prices(run, hours, id: "week-prices-\(week + 1)", &page)
            hourTable(run, hours, &page)
        }
    }

    private static func day(_ time: String) -> String { String(time.prefix(10)) }

    /// Generation by technology every hour of the week, load shed on top, hours without an AC solution hatched.
    private static func balance(_ run: RunResult, _ hours: Range<Int>, id: String, _ page: inout HTMLPage) {
        var series = ResultFolderReader.technologies.compactMap { t -> (String, String, [Double])? in
            let mw = hours.map { h in run.zones.reduce(0) { $0 + ($1.generationMW.first { $0.technology == t }?.mw[h] ?? 0) } }
            return mw.contains { $0 > 0 } ? (t.replacingOccurrences(of: "_", with: " "), ChartPalette.technologyColour[t] ?? "#999", mw) : nil
        }
        let shed = hours.map { run.system.unservedMW[$0] }
        if shed.contains(where: { $0 > 0 }) { series.append(("load shed", "#d00000", shed)) }
        let labels = hours.map { h in run.system.time[h].hasSuffix("T12:00") ? day(run.system.time[h]) : "" }
        let chart = StackedBarChart(
            categories: hours.map { run.system.time[$0] }, series: series, marker: ("load", hours.map { run.system.loadMW[$0] }),
            categoryTitle: "hour (labelled at noon)", valueTitle: "power (MW)", axisLabels: labels,
            flagged: ("no AC solution", hours.map { !run.system.converged[$0] }))
        page.figure(chart.svg(id: id, title: "Hourly balance"),
                    caption: "Generation by technology every hour, all zones (MW, stacked), load shed in red on top; black marks: the load. Hatched grey: hours without an AC solution (voltages and losses unknown).")
    }

    /// Every Swedish zone's price each hour (every zone's when the grid has no Swedish zone), the axis broken above normal prices.
    private static func prices(_ run: RunResult, _ hours: Range<Int>, id: String, _ page: inout HTMLPage) {
        let swedish = run.zones.filter { $0.zone.hasPrefix("SE") }
        let zones = swedish.isEmpty ? run.zones : swedish
        let chart = LineChart(
            series: zones.map { z in
                LineChart.Series(name: z.zone, x: hours.map { Double($0 - hours.lowerBound) }, y: hours.map { z.priceEURPerMWh[$0] ?? .nan })
            }, xTitle: "hour of the week (h)", yTitle: "price (EUR/MWh)", plotHeight: 200, breakAxis: true)
        page.figure(chart.svg(id: id, title: "Hourly prices"),
                    caption: "Price every hour (EUR/MWh) in \(swedish.isEmpty ? "every zone" : "the Swedish zones")." + brokenAxisNote(chart, unit: "EUR/MWh", what: "zone-hours"))
    }

    /// The week's hours that shed load or had no AC solution, consecutive hours of the same kind
    /// (shedding or not, solved or not) in one row; the causes by their kind (the text before the
    /// first ";", the rest being the hour's own figures: every hour's whole cause is in the table
    /// of hours that did not converge).
    private static func hourTable(_ run: RunResult, _ hours: Range<Int>, _ page: inout HTMLPage) {
        let cause = Dictionary(run.nonconverged.map { ($0.hour, $0.cause) }, uniquingKeysWith: { a, _ in a })
        struct Span { var first: Int; var last: Int; var shed: [Double]; var zones: Set<String>; var converged: Bool; var causes: [String] }
        var spans = [Span]()
        for h in hours where run.system.unservedMW[h] > 0 || !run.system.converged[h] {
            let zones = Set(run.zones.filter { $0.unservedMW[h] > 0 }.map(\.zone))
            let converged = run.system.converged[h], shedding = run.system.unservedMW[h] > 0
            let why = converged ? [] : [cause[h].map { String($0.split(separator: ";", maxSplits: 1).first ?? "") } ?? "(not in nonconverged.csv)"]
            if var last = spans.last, last.last == h - 1, last.converged == converged, (last.shed.last! > 0) == shedding {
                last.last = h; last.shed.append(run.system.unservedMW[h]); last.zones.formUnion(zones); last.causes += why
                spans[spans.count - 1] = last
            } else {
                spans.append(Span(first: h, last: h, shed: [run.system.unservedMW[h]], zones: zones, converged: converged, causes: why))
            }
        }
        let order = run.zones.map(\.zone)
        page.table(["from", "to", "hours (h)", "load shed (MWh)", "largest load shed (MW)", "zones shedding", "AC solution", "cause"],
                   spans.map { s in
                       let zones = order.filter(s.zones.contains)
                       var kinds = [String](), count = [String: Int]()
                       for c in s.causes { if count[c] == nil { kinds.append(c) }; count[c, default: 0] += 1 }
                       let causes = kinds.map { s.causes.count > 1 ? "\($0) (\(count[$0]!) h)" : $0 }.joined(separator: "; ")
                       return [run.system.time[s.first], run.system.time[s.last], String(s.last - s.first + 1), grouped(fixed(s.shed.reduce(0, +), 0)),
                               grouped(fixed(s.shed.max() ?? 0, 0)), zones.isEmpty ? "-" : zones.joined(separator: " "), s.converged ? "yes" : "NO",
                               causes.isEmpty ? "-" : causes]
                   }, numeric: [2, 3, 4])
    }
}

/// Which weeks of a run to show hour by hour: the one with the most load shed (MWh) and the one
/// with the most hours without an AC solution, the earliest on a tie; one week when it is both,
/// none when no hour shed load or failed.
struct WeekChoice {
    let hours: Int
    /// Week index (0-based) and why it was chosen, in week order.
    var weeks: [(week: Int, reasons: [String])] = []

    func range(_ week: Int) -> Range<Int> { (week * 168)..<min(hours, (week + 1) * 168) }

    init(_ system: RunResult.SystemSeries) {
        hours = system.loadMW.count
        let count = (hours + 167) / 168
        var shed = Array(repeating: 0.0, count: count), failed = Array(repeating: 0, count: count)
        for h in 0..<hours {
            shed[h / 168] += system.unservedMW[h]
            if !system.converged[h] { failed[h / 168] += 1 }
        }
        var chosen = [Int: [String]]()
        if let top = shed.max(), top > 0, let w = shed.firstIndex(of: top) {
            chosen[w, default: []].append("the most load shed (\(fixed(top, 0)) MWh)")
        }
        if let top = failed.max(), top > 0, let w = failed.firstIndex(of: top) {
            chosen[w, default: []].append("the most hours without an AC solution (\(top))")
        }
        weeks = chosen.keys.sorted().map { ($0, chosen[$0]!) }
    }
}
