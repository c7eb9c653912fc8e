extension HTMLReport {
    /// Sweden's own totals (zones SE1–SE4), first on the page: what a Swedish planner asks before
    /// anything about the rest of the Nordic model — production by technology, net export per
    /// border, prices, load shed and the strategic reserve's use. From `summary.json`'s `sweden`
    /// object and, for prices and load-shed hours, the Swedish zones' rows of `zones.csv`.
    static func sweden(_ run: RunResult, _ page: inout HTMLPage) {
        guard let se = run.summary.sweden else { return }
        let zones = run.zones.filter { $0.zone.hasPrefix("SE") }
        let figures = ZoneHourFigures(zones)
        page.heading(2, "Sweden", id: "sweden")
        page.paragraph("Sweden's own totals over the run (bidding zones \(zones.map(\.zone).joined(separator: ", "))), apart from the rest of the Nordic model.")
        let production = se.generationTWh.map(\.twh).reduce(0, +)
        var rows = [["load", fixed(se.loadTWh, 2), "TWh"], ["production", fixed(production, 2), "TWh"],
                    ["net export (+ out of Sweden)", fixed(se.netExportTWh, 2), "TWh"]]
        if let mean = figures.loadWeightedMean { rows.append(["price, mean weighted by load", fixed(mean, 2), "EUR/MWh"]) }
        rows += [["load shed", grouped(fixed(se.unservedMWh, 0)), "MWh"], ["hours with load shed", String(figures.shedHours), "h"],
                 ["strategic reserve used", fixed(se.strategicReserveHours, 0), "h"], ["strategic reserve energy", grouped(fixed(se.strategicReserveMWh, 0)), "MWh"],
                 ["curtailed", grouped(fixed(se.curtailedMWh, 0)), "MWh"], ["emissions of Swedish plants", grouped(fixed(se.emissionsT, 0)), "t CO2"]]
        page.table(["result", "value", "unit"], rows, numeric: [1], cssClass: "sweden")
        page.raw("<div class=\"grid\">\n<div>\n")
        page.heading(3, "Production by technology")
        page.table(["technology", "production (TWh)", "share (%)"],
                   se.generationTWh.filter { $0.twh != 0 }.map { [$0.technology.replacingOccurrences(of: "_", with: " "), fixed($0.twh, 2),
                                                                  fixed(production > 0 ? 100 * $0.twh / production : 0, 1)] },
                   numeric: [1, 2])
        page.raw("</div>\n<div>\n")
        page.heading(3, "Net export per border")
        page.table(["border", "net export (TWh)"], se.netExportByBorderTWh.map { [$0.border, fixed($0.twh, 2)] }, numeric: [1])
        page.paragraph("Positive: out of Sweden over the border.")
        page.raw("</div>\n</div>\n")
        page.heading(3, "Prices and load shed by zone")
        page.table(["zone", "mean price (EUR/MWh)", "median (EUR/MWh)", "lowest (EUR/MWh)", "highest (EUR/MWh)", "load shed (MWh)", "hours with load shed (h)"],
                   figures.zones.map { z in
                       [z.zone, z.mean.map { fixed($0, 2) } ?? "-", z.median.map { fixed($0, 2) } ?? "-", z.lowest.map { fixed($0, 2) } ?? "-",
                        z.highest.map { fixed($0, 2) } ?? "-", grouped(fixed(z.shedMWh, 0)), String(z.shedHours)]
                   }, numeric: Set(1...6))
    }
}

/// Price and load-shed figures of a country's zones from their hourly rows.
struct ZoneHourFigures {
    struct Zone {
        var zone: String
        var mean: Double?
        var median: Double?
        var lowest: Double?
        var highest: Double?
        var shedMWh: Double
        var shedHours: Int
    }

    var zones: [Zone]
    /// Σ price × load / Σ load over every zone-hour that has a price; nil when none has.
    var loadWeightedMean: Double?
    /// Hours in which any of the zones shed load.
    var shedHours: Int

    init(_ series: [RunResult.ZoneSeries]) {
        zones = series.map { z in
            let prices = z.priceEURPerMWh.compactMap { $0 }.sorted()
            let n = prices.count
            let median = n == 0 ? nil : n % 2 == 1 ? prices[n / 2] : (prices[n / 2 - 1] + prices[n / 2]) / 2
            return Zone(zone: z.zone, mean: n == 0 ? nil : prices.reduce(0, +) / Double(n), median: median, lowest: prices.first,
                        highest: prices.last, shedMWh: z.unservedMW.reduce(0, +), shedHours: z.unservedMW.filter { $0 > 0 }.count)
        }
        var weighted = 0.0, load = 0.0
        for z in series {
            for (p, l) in zip(z.priceEURPerMWh, z.loadMW) { if let p { weighted += p * l; load += l } }
        }
        loadWeightedMean = load > 0 ? weighted / load : nil
        let hours = series.map(\.unservedMW.count).max() ?? 0
        shedHours = (0..<hours).filter { h in series.contains { h < $0.unservedMW.count && $0.unservedMW[h] > 0 } }.count
    }
}
