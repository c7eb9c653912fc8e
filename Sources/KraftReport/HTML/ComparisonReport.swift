/// `kraft compare --format html`: the comparison table and the main charts with every run's
/// line overlaid (duration curves of load, SE3 price and the SE2→SE3 flow, kinetic energy) and
/// generation by zone side by side.
public enum ComparisonReport {
    public static func html(_ c: RunComparison) -> String {
        var page = HTMLPage()
        page.heading(1, "Comparison of \(c.runs.count) runs")
        page.list(c.legend())
        if !c.warnings.isEmpty { page.heading(2, "Warnings", id: "warnings"); page.list(c.warnings.map { "warning: \($0)" }) }
        let letters = c.runs.indices.map(RunComparison.letter)
        page.heading(2, "Every summary metric, against run A", id: "metrics")
        var headers = ["metric"]
        for (k, l) in letters.enumerated() { headers.append(l); if k > 0 { headers += ["Δ \(l)−A", "Δ \(l) (%)"] } }
        var rows = [[String]]()
        for r in c.rows {
            var row = [r.header]
            for k in c.runs.indices {
                row.append(r.values[k].map(r.label.format) ?? "-")
                if k > 0 { row += [r.absoluteDifference(k).map(r.label.format) ?? "-", r.relativeDifference(k).map { fixed($0, 1) } ?? (r.isIncomparable(k) ? "n/a*" : "-")] }
            }
            rows.append(row)
        }
        page.table(headers, rows, numeric: Set(1..<headers.count))
        if c.rows.contains(where: \.convergedOnly) { page.paragraph(c.convergedFootnote) }
        page.heading(2, "Charts, runs overlaid", id: "charts")
        let year = c.runs.filter { $0.kind == .year }
        let yearLetters = c.runs.indices.filter { c.runs[$0].kind == .year }.map(RunComparison.letter)
        if !year.isEmpty {
            let load = LineChart(series: zip(yearLetters, year).map { LineChart.durationCurve("\($0) system load", $1.system.loadMW) },
                                 xTitle: "share of hours (%)", yTitle: "load (MW)")
            page.figure(load.svg(id: "cmp-load", title: "Load duration curves"), caption: "Load duration curves (MW), one line per run.")
            let price = LineChart(series: zip(yearLetters, year).compactMap { l, r in
                r.zones.first { $0.zone == "SE3" }.map { LineChart.durationCurve("\(l) SE3", $0.priceEURPerMWh.compactMap { $0 }) } },
                                  xTitle: "share of hours (%)", yTitle: "price (EUR/MWh)")
            if !price.series.isEmpty { page.figure(price.svg(id: "cmp-price", title: "SE3 price duration"), caption: "SE3 price duration curves (EUR/MWh), one line per run.") }
            let flow = LineChart(series: zip(yearLetters, year).compactMap { l, r in
                r.borders.first { $0.border == "SE2-SE3" }.map { LineChart.durationCurve("\(l) SE2→SE3", $0.flowMW) } },
                                 references: year[0].borders.first { $0.border == "SE2-SE3" }?.capacityForwardMW.map { [("capacity", $0)] } ?? [],
                                 xTitle: "share of hours (%)", yTitle: "flow (MW)")
            if !flow.series.isEmpty { page.figure(flow.svg(id: "cmp-flow", title: "SE2→SE3 flow duration"), caption: "Flow on the SE2→SE3 cut, highest first (MW), one line per run.") }
            let kinetic = LineChart(series: zip(yearLetters, year).map { l, r in .init(name: "\(l) kinetic energy", x: r.system.kineticEnergyGWs.indices.map(Double.init), y: r.system.kineticEnergyGWs) },
                                    references: year[0].summary.metric("kinetic_threshold_gws").map { [("threshold", $0)] } ?? [],
                                    xTitle: "hour of the run (h)", yTitle: "kinetic energy (GWs)")
            page.figure(kinetic.svg(id: "cmp-kinetic", title: "Kinetic energy"), caption: "Kinetic energy every hour (GWs), one line per run, against the first run's threshold.")
        }
        var zones = [String]()
        for r in c.runs { for z in r.summary.zones where !zones.contains(z.zone) { zones.append(z.zone) } }
        var categories = [String](), load = [Double]()
        var perTech = [String: [Double]]()
        for zone in zones {
            for (k, r) in c.runs.enumerated() {
                categories.append("\(zone) \(letters[k])")
                let z = r.summary.zones.first { $0.zone == zone }
                load.append(z?.loadTWh ?? .nan)
                for t in ResultFolderReader.technologies { perTech[t, default: []].append(z?.generationTWh.first { $0.technology == t }?.twh ?? 0) }
            }
        }
        let techs = ResultFolderReader.technologies.filter { perTech[$0]?.contains { $0 > 0 } ?? false }
        let bars = StackedBarChart(categories: categories, series: techs.map { ($0.replacingOccurrences(of: "_", with: " "), ChartPalette.technologyColour[$0] ?? "#999", perTech[$0]!) },
                                   marker: ("load", load), categoryTitle: "zone and run", valueTitle: "energy (TWh)",
                                   labelEvery: categories.count > 24 ? c.runs.count : 1)
        page.figure(bars.svg(id: "cmp-zones", title: "Generation by zone, runs side by side"), caption: "Generation by zone and technology (TWh), the runs side by side in each zone; the black bar is the load.")
        return page.render(title: "Kraft comparison")
    }
}
