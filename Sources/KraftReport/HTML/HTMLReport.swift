import Foundation
import KraftScenario

/// `kraft report`: one run's result folder as a self-contained HTML page, in the order a reader
/// asks: Sweden's totals, the question and the answer, the week with the most load shed or failed
/// hours hour by hour, energy balance, duration curves, branch loading and the
/// map, voltages, reactive reserve and inertia, N-1 and certificates when present. Charts are SVG
/// from this module; tables carry units in every header.
public enum HTMLReport {
    /// The five numbers that answer a scenario's question: key in `summary.json` metrics, label.
    public static let answerMetrics: [(key: String, label: String)] = [
        ("unserved_energy_mwh", "unserved energy"), ("congested_hours_se2_se3", "hours congested on SE2→SE3"),
        ("lowest_voltage_pu", "lowest voltage"),
        // Beside the voltage they qualify: the hours with no voltages at all, and those outside limits.
        ("nonconverged_hours", "hours the AC check failed"), ("voltage_violation_hours", "hours with a voltage outside limits"),
        ("lowest_kinetic_energy_gws", "lowest kinetic energy"),
        ("total_cost_eur", "total cost"),
    ]

    public static func html(_ run: RunResult) -> String {
        let run = run.withRelativePaths
        var page = HTMLPage()
        header(run, &page)
        sweden(run, &page)
        question(run, &page)
        worstWeeks(run, &page)
        energy(run, &page)
        durations(run, &page)
        branches(run, &page)
        stability(run, &page)
        optionalSections(run, &page)
        page.paragraph("Written by kraft report from the result folder \((run.path as NSString).lastPathComponent) (result format \(ResultFolderReader.formatVersion), kraft \(run.kraftVersion)).")
        return page.render(title: "\(run.scenario.name) — Kraft report")
    }

    /// Under a table with figures marked *: over how many hours they are taken.
    static func convergedNote(_ s: RunResult.Summary) -> String {
        s.convergedHours == s.hours ? "* over all \(s.hours) hours (every hour's AC check converged)."
            : "* over the \(s.convergedHours) converged hours of \(s.hours) only: the \(s.hours - s.convergedHours) hours whose AC check failed have no voltages, losses or reactive reserve."
    }

    /// The scenario's name, description, period and weather: what the page is about.
    static func header(_ run: RunResult, _ page: inout HTMLPage) {
        let s = run.summary
        page.heading(1, run.scenario.name)
        page.paragraph(run.scenario.description)
        var period = "\(run.kind == .year ? "Year run" : "Snapshot"), \(s.periodFrom) to \(s.periodTo), \(s.hours) hours."
        period += s.syntheticWeather ? " Weather: SYNTHETIC (\(run.scenario.weatherSource))." : " Weather: \(run.scenario.weatherSource)."
        page.raw("<p>\(escapeXML(period))\(s.syntheticWeather ? " <span class=\"flag\">synthetic weather</span>" : "")</p>\n")
    }

    static func question(_ run: RunResult, _ page: inout HTMLPage) {
        let s = run.summary
        page.heading(2, "The question and the answer", id: "answer")
        if let base = run.scenario.base {
            page.paragraph("Changes against its base scenario, \(base):")
            page.list(run.scenario.changes.isEmpty ? ["(none listed)"] : run.scenario.changes)
        } else {
            page.paragraph("A base scenario (it extends no other).")
            if !run.scenario.changes.isEmpty { page.list(run.scenario.changes) }
        }
        var rows = [[String]]()
        for m in answerMetrics {
            let label = MetricLabel(key: m.key)
            guard let value = s.metric(m.key) else { continue }  // a folder written before the metric existed
            rows.append([m.label + (s.convergedOnlyMetrics.contains(m.key) ? "*" : ""), label.format(value), label.unit])
        }
        page.table(["result", "value", "unit"], rows, numeric: [1], cssClass: "answer")
        page.paragraph(convergedNote(s))
        if let threshold = s.metric("kinetic_threshold_gws"), let below = s.metric("hours_below_kinetic_threshold") {
            page.paragraph("Kinetic energy was below its threshold of \(fixed(threshold, 1)) GWs in \(fixed(below, 0)) hours; \(fixed(s.metric("nonconverged_hours") ?? 0, 0)) hours did not converge.")
        }
        page.heading(3, "Every summary metric")
        page.table(["metric", "value", "unit"], s.metrics.map { m in let l = MetricLabel(key: m.key); return [l.name + (s.convergedOnlyMetrics.contains(m.key) ? "*" : ""), l.format(m.value), l.unit] }, numeric: [1])
        page.paragraph(convergedNote(s))
        if !s.notes.isEmpty { page.heading(3, "Notes"); page.list(s.notes) }
        page.heading(3, "Inputs")
        page.raw("<table>\n<tr><th>file</th><th>SHA-256</th></tr>\n")
        for i in run.scenario.inputs { page.raw("<tr><td>\(escapeXML(i.path))</td><td><code>\(escapeXML(i.sha256))</code></td></tr>\n") }
        page.raw("</table>\n")
    }

    static func energy(_ run: RunResult, _ page: inout HTMLPage) {
        let zones = run.summary.zones
        page.heading(2, "Energy balance", id: "energy")
        let techs = ResultFolderReader.technologies.filter { t in zones.contains { z in z.generationTWh.contains { $0.technology == t && $0.twh > 0 } } }
        let bars = StackedBarChart(
            categories: zones.map(\.zone),
            series: techs.map { t in (t.replacingOccurrences(of: "_", with: " "), ChartPalette.technologyColour[t] ?? "#999",
                                      zones.map { z in z.generationTWh.first { $0.technology == t }?.twh ?? 0 }) },
            marker: ("load", zones.map(\.loadTWh)), categoryTitle: "bidding zone", valueTitle: "energy (TWh)")
        page.figure(bars.svg(id: "zone-balance", title: "Generation by zone and technology"),
                    caption: "Generation by zone and technology (TWh, stacked); the black bar is the zone's load.")
        var rows = [[String]]()
        for z in zones {
            let gen = z.generationTWh.map(\.twh).reduce(0, +)
            rows.append([z.zone, fixed(z.loadTWh, 3), fixed(gen, 3), fixed(z.netExportTWh, 3), z.priceMeanEURPerMWh.map { fixed($0, 2) } ?? "-",
                         fixed(z.unservedMWh, 0), fixed(z.curtailedMWh, 0)])
        }
        page.table(["zone", "load (TWh)", "generation (TWh)", "net export (TWh)", "mean price (EUR/MWh)", "unserved (MWh)", "curtailed (MWh)"],
                   rows, numeric: Set(1...6))
        guard run.kind == .year, !run.zones.isEmpty else { return }
        let hours = run.summary.hours, weeks = (hours + 167) / 168
        let weekly = ResultFolderReader.technologies.compactMap { t -> (String, String, [Double])? in
            let perWeek = (0..<weeks).map { w in
                run.zones.map { z in z.generationMW.first { $0.technology == t }!.mw[(w * 168)..<min(hours, (w + 1) * 168)].reduce(0, +) }.reduce(0, +) / 1000
            }
            return perWeek.contains { $0 > 0 } ? (t.replacingOccurrences(of: "_", with: " "), ChartPalette.technologyColour[t] ?? "#999", perWeek) : nil
        }
        let weekLoad = (0..<weeks).map { w in run.zones.map { $0.loadMW[(w * 168)..<min(hours, (w + 1) * 168)].reduce(0, +) }.reduce(0, +) / 1000 }
        let chart = StackedBarChart(categories: (1...weeks).map(String.init), series: weekly, marker: ("load", weekLoad),
                                    categoryTitle: "week of the run", valueTitle: "energy (GWh)", labelEvery: weeks > 26 ? 4 : 1)
        page.figure(chart.svg(id: "weekly-generation", title: "Weekly generation"),
                    caption: "Generation per week by technology, all zones (GWh, stacked); the black bar is the week's load.")
    }

    static func durations(_ run: RunResult, _ page: inout HTMLPage) {
        guard run.kind == .year else { return }
        page.heading(2, "Duration curves", id: "durations")
        let load = LineChart(series: [LineChart.durationCurve("system load", run.system.loadMW)],
                             xTitle: "share of hours (%)", yTitle: "load (MW)")
        page.figure(load.svg(id: "load-duration", title: "Load duration curve"), caption: "Load duration curve: hourly system load, highest first (MW).")
        let prices = LineChart(series: run.zones.map { LineChart.durationCurve($0.zone, $0.priceEURPerMWh.compactMap { $0 }) },
                               xTitle: "share of hours (%)", yTitle: "price (EUR/MWh)", breakAxis: true)
        page.figure(prices.svg(id: "price-duration", title: "Price duration curves"),
                    caption: "Price duration curves per zone (EUR/MWh), highest first." + brokenAxisNote(prices, unit: "EUR/MWh", what: "zone-hours"))
        page.paragraph("Flow on each internal cut and border, highest first; positive from the border's first zone to its second (MW). Dashed red lines are the transfer capacities.")
        page.raw("<div class=\"grid\">\n")
        for (k, b) in run.borders.enumerated() {
            var refs = [(name: String, y: Double)]()
            if let f = b.capacityForwardMW { refs.append(("capacity", f)) }
            if let r = b.capacityBackwardMW { refs.append(("capacity", -r)) }
            let chart = LineChart(series: [LineChart.durationCurve(b.border, b.flowMW)], references: refs,
                                  xTitle: "share of hours (%)", yTitle: "flow (MW)", plotHeight: 150)
            page.figure(chart.svg(id: "flow-duration-\(k)", title: "Flow duration \(b.border)"),
                        caption: "\(b.border): \(b.congested.filter { $0 }.count) congested hours.")
        }
        page.raw("</div>\n")
        page.table(["border", "capacity forward (MW)", "capacity backward (MW)", "mean flow (MW)", "max |flow| (MW)", "congested (h)"],
                   run.summary.borders.map { [$0.border, $0.capacityForwardMW.map { fixed($0, 0) } ?? "-", $0.capacityBackwardMW.map { fixed($0, 0) } ?? "-",
                                              fixed($0.meanFlowMW, 0), fixed($0.maxFlowMW, 0), fixed($0.congestedHours, 0)] },
                   numeric: Set(1...5))
    }

    static func branches(_ run: RunResult, _ page: inout HTMLPage) {
        page.heading(2, "Branch loading and the grid", id: "branches")
        let label = { (b: RunResult.Branch) in "\(b.branch): \(b.fromBus)–\(b.toBus)" }
        if run.kind == .year, !run.branchWeeks.isEmpty {
            let order = run.branches.indices.sorted { (run.branches[$0].maxLoadingPct ?? -1) > (run.branches[$1].maxLoadingPct ?? -1) }
            let peak = run.branches.compactMap(\.maxLoadingPct).max() ?? 100
            let heat = HeatmapChart(rows: order.map { label(run.branches[$0]) }, columns: run.branchWeeks[0].indices.map { String($0 + 1) },
                                    values: order.map { run.branchWeeks[$0] }, maximum: max(100, (peak / 10).rounded(.up) * 10),
                                    columnTitle: "week of the run", valueTitle: "largest loading in the week (% of rating)", missingLabel: "no rating")
            page.figure(heat.svg(id: "branch-heatmap", title: "Branch loading by week"),
                        caption: "Largest loading of each branch in each week (% of rate A), most loaded branch first; hatched: the branch has no rating.")
        }
        let coordinates = Dictionary(run.buses.compactMap { b in b.latitude.flatMap { lat in b.longitude.map { (b.bus, (lat, $0, b)) } } }, uniquingKeysWith: { a, _ in a })
        let reactors = Set(run.generators.filter { $0.technology == Technology.nuclear.rawValue && !$0.unit.isEmpty }.map(\.bus))
        let centres = Set(run.scenario.dataCentres.map(\.bus))
        if !coordinates.isEmpty {
            let map = GridMapChart(
                buses: coordinates.values.sorted { $0.2.bus < $1.2.bus }.map { lat, lon, b in
                    .init(id: b.bus, label: "\(b.bus) \(b.site) (\(b.zone))", latitude: lat, longitude: lon, reactor: reactors.contains(b.bus),
                          dataCentre: centres.contains(b.bus), site: b.site, zone: b.zone) },
                lines: run.branches.map { .init(from: $0.fromBus, to: $0.toBus, label: label($0), loadingPct: $0.maxLoadingPct) },
                loadingTitle: "peak loading over the run (% of rate A)")
            page.figure(map.svg(id: "grid-map", title: "Grid map"),
                        caption: "The grid from bus coordinates; lines by peak loading (% of rate A). Labels: zone names (bold grey) and bus number with site; buses close together share a label. Triangles: reactor sites; squares: data centres. Coordinates may be approximate (see the grid's sidecar).")
        } else {
            page.paragraph("No bus has coordinates in buses.csv: no map.")
        }
        let top = run.branches.sorted { ($0.maxLoadingPct ?? -1) > ($1.maxLoadingPct ?? -1) }.prefix(10)
        page.table(["branch", "from zone", "to zone", "rate A (MVA)", "peak (MVA)", "peak loading (%)", "p95 loading (%)", "hours over 100 % (h)"],
                   top.map { [label($0), $0.fromZone, $0.toZone, $0.rateMVA.map { fixed($0, 0) } ?? "no rating", fixed($0.maxMVA, 0),
                              $0.maxLoadingPct.map { fixed($0, 1) } ?? "-", $0.p95LoadingPct.map { fixed($0, 1) } ?? "-", $0.hoursOver100.map(String.init) ?? "-"] },
                   numeric: Set(3...7))
    }

    static func stability(_ run: RunResult, _ page: inout HTMLPage) {
        page.heading(2, "Voltage, reactive reserve and inertia", id: "stability")
        let buses = run.buses.sorted { ($0.zone, $0.bus) < ($1.zone, $1.bus) }
        let volts = RangeChart(categories: buses.map { String($0.bus) }, low: buses.map(\.minVmPU), high: buses.map(\.maxVmPU),
                               mean: buses.map(\.meanVmPU), categoryTitle: "bus (sorted by zone)", valueTitle: "voltage (p.u.)",
                               labelEvery: buses.count > 24 ? 4 : 1)
        page.figure(volts.svg(id: "voltage-range", title: "Voltage range per bus"), caption: "Lowest to highest voltage of each bus over the run (p.u.); the dot is the mean.")
        if run.kind == .year, !run.zones.isEmpty {
            let zones = run.zones
            let reserve = zones.map { $0.reactiveReserveMVAr.compactMap { $0 } }
            let chart = RangeChart(categories: zones.map(\.zone), low: reserve.map { $0.min() ?? 0 }, high: reserve.map { $0.max() ?? 0 },
                                   mean: reserve.map { $0.isEmpty ? nil : $0.reduce(0, +) / Double($0.count) },
                                   categoryTitle: "bidding zone", valueTitle: "reactive reserve (Mvar)")
            page.figure(chart.svg(id: "reactive-reserve", title: "Reactive reserve per zone"), caption: "Reactive reserve of each zone over the run, lowest to highest (Mvar); the dot is the mean.")
            let hours = run.system.kineticEnergyGWs.indices.map(Double.init)
            var refs = [(name: String, y: Double)]()
            if let t = run.summary.metric("kinetic_threshold_gws") { refs.append(("threshold", t)) }
            let kinetic = LineChart(series: [.init(name: "kinetic energy, all zones", x: hours, y: run.system.kineticEnergyGWs)], references: refs,
                                    xTitle: "hour of the run (h)", yTitle: "kinetic energy (GWs)")
            page.figure(kinetic.svg(id: "kinetic-energy", title: "Kinetic energy over the run"), caption: "Rotational kinetic energy of the synchronous machines online, every hour (GWs), against the threshold.")
        }
        page.table(["zone", "lowest voltage (p.u.)", "at bus", "lowest reactive reserve (Mvar)"],
                   run.summary.zones.map { [$0.zone, $0.lowestVmPU.map { fixed($0, 4) } ?? "-", $0.lowestVmBus.map(String.init) ?? "-",
                                            $0.minReactiveReserveMVAr.map { fixed($0, 0) } ?? "-"] }, numeric: [1, 3])
        if !run.nonconverged.isEmpty {
            page.heading(3, "Hours that did not converge")
            page.table(["hour (h)", "time", "cause"], run.nonconverged.map { [String($0.hour), $0.time, $0.cause] }, numeric: [0])
        }
    }

    static func optionalSections(_ run: RunResult, _ page: inout HTMLPage) {
        if let n1 = run.contingency {
            page.heading(2, "N-1", id: "n-1")
            page.paragraph("\(n1.count) outages studied; \(n1.filter { !$0.converged }.count) did not converge; \(n1.filter { $0.overloads > 0 }.count) left an overload.")
            page.table(["hour (h)", "time", "outage", "converged", "max loading (%)", "worst branch", "overloads", "lowest voltage (p.u.)"],
                       n1.map { [String($0.hour), $0.time, $0.outage, $0.converged ? "yes" : "NO", $0.maxLoadingPct.map { fixed($0, 1) } ?? "-",
                                 $0.worstBranch.isEmpty ? "-" : $0.worstBranch, String($0.overloads), $0.lowestVmPU.map { fixed($0, 4) } ?? "-"] },
                       numeric: [0, 4, 6, 7])
        }
        if let years = run.certificates {
            page.heading(2, "Electricity certificates", id: "certificates")
            let x = years.map { Double($0.year) }
            let chart = LineChart(series: [.init(name: "demand", x: x, y: years.map(\.demandTWh) ), .init(name: "issued", x: x, y: years.map(\.issuedTWh)),
                                           .init(name: "bank", x: x, y: years.map(\.bankTWh))], xTitle: "year", yTitle: "certificates (TWh)")
            page.figure(chart.svg(id: "certificates", title: "Certificate market by year"), caption: "Certificates demanded (quota × load), issued and banked per year (TWh; one certificate per MWh).")
            page.table(["year", "quota (share of load)", "demand (TWh)", "issued (TWh)", "bank (TWh)", "price (EUR/MWh)"],
                       years.map { [String($0.year), fixed($0.quota, 3), fixed($0.demandTWh, 2), fixed($0.issuedTWh, 2), fixed($0.bankTWh, 2), fixed($0.priceEURPerMWh, 2)] },
                       numeric: Set(0...5))
        }
    }
}
