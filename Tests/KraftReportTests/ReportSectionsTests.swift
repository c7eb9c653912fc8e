import Foundation
@testable import KraftReport
import Testing

/// The parts of the report that answer a planner's question: Sweden's totals first, a price axis
/// broken above normal prices, labels on the map, the hardest week hour by hour, and inputs named
/// relative to the scenario. Expected values are computed here from the real fixture's CSV rows or
/// by hand.
@Suite("Report sections")
struct ReportSectionsTests {
    static let html = HTMLReportTests.html
    nonisolated(unsafe) static let scan = PageScan.scan(html)

    /// A table by its first header row.
    func table(_ headers: [String]) throws -> [[String]] {
        try #require(Self.scan.tables.first { $0.rows.first == headers }).rows
    }

    @Test("Sweden comes first: its section is the first h2, its totals equal the Swedish zones' rows")
    func swedenFirst() throws {
        let h2 = Self.html.ranges(of: "<h2").map { Self.html[$0.lowerBound...].prefix(40) }
        #expect(h2.first?.contains("id=\"sweden\"") == true, "\(h2.first ?? "")")
        let zones = try ReportFixtures.csv(ReportFixtures.base, "zones.csv").filter { $0["zone"]!.hasPrefix("SE") }
        let headline = try #require(Self.scan.tables.first { $0.cssClass == "sweden" }).rows
        let value = Dictionary(uniqueKeysWithValues: headline.dropFirst().map { ($0[0], number($0[1])!) })
        let load = zones.map { Double($0["load_mw"]!)! }.reduce(0, +) / 1e6
        #expect(abs(value["load"]! - load) <= 0.005 + 1e-9)
        let shed = zones.map { Double($0["unserved_mw"]!)! }.reduce(0, +)
        #expect(shed > 0 && value["load shed"] == shed.rounded(), "the fixture sheds load in SE4")
        let shedHours = Set(zones.filter { Double($0["unserved_mw"]!)! > 0 }.map { $0["hour"]! })
        #expect(value["hours with load shed"] == Double(shedHours.count))
        var weighted = 0.0
        for r in zones { weighted += Double(r["price_eur_mwh"]!)! * Double(r["load_mw"]!)! }
        #expect(abs(value["price, mean weighted by load"]! - weighted / (load * 1e6)) <= 0.005 + 1e-9)

        let techs = ["nuclear", "hydro", "wind", "solar", "small_hydro", "chp", "thermal", "other"]
        let production = try table(["technology", "production (TWh)", "share (%)"])
        let total = techs.map { t in zones.map { Double($0["\(t)_mw"]!)! }.reduce(0, +) }.reduce(0, +)
        for row in production.dropFirst() {
            let mw = zones.map { Double($0["\(row[0].replacingOccurrences(of: " ", with: "_"))_mw"]!)! }.reduce(0, +)
            #expect(abs(number(row[1])! - mw / 1e6) <= 0.005 + 1e-9, "\(row[0])")
            #expect(abs(number(row[2])! - 100 * mw / total) <= 0.05 + 1e-9, "\(row[0]) share")
        }

        // net export per border: Σ flow over the border, + out of Sweden
        let borders = try ReportFixtures.csv(ReportFixtures.base, "borders.csv")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ReportFixtures.base + "/summary.json"))) as! [String: Any]
        let ends = (json["borders"] as! [String: [String: Any]]).mapValues { ($0["from_zone"] as! String, $0["to_zone"] as! String) }
        let leaving = ends.filter { $0.value.0.hasPrefix("SE") != $0.value.1.hasPrefix("SE") }
        let perBorder = try table(["border", "net export (TWh)"]).dropFirst()
        #expect(!leaving.isEmpty && Set(perBorder.map { $0[0] }) == Set(leaving.keys))
        for row in perBorder {
            let sign = leaving[row[0]]!.0.hasPrefix("SE") ? 1.0 : -1.0
            let twh = borders.filter { $0["border"] == row[0] }.map { Double($0["flow_mw"]!)! }.reduce(0, +) * sign / 1e6
            #expect(abs(number(row[1])! - twh) <= 0.005 + 1e-9, "\(row[0])")
        }

        // prices by zone: mean, median, lowest, highest of the zone's hourly prices
        let prices = try table(["zone", "mean price (EUR/MWh)", "median (EUR/MWh)", "lowest (EUR/MWh)", "highest (EUR/MWh)", "load shed (MWh)", "hours with load shed (h)"])
        #expect(prices.dropFirst().map { $0[0] } == ["SE1", "SE2", "SE3", "SE4"])
        for row in prices.dropFirst() {
            let p = zones.filter { $0["zone"] == row[0] }.map { Double($0["price_eur_mwh"]!)! }.sorted()
            let n = p.count
            #expect(n == 168 && n % 2 == 0)
            #expect(abs(number(row[1])! - p.reduce(0, +) / Double(n)) <= 0.005 + 1e-9)
            #expect(abs(number(row[2])! - (p[n / 2 - 1] + p[n / 2]) / 2) <= 0.005 + 1e-9, "median of an even count: the middle two's mean")
            #expect(abs(number(row[3])! - p.first!) <= 0.005 + 1e-9 && abs(number(row[4])! - p.last!) <= 0.005 + 1e-9)
            let mine = zones.filter { $0["zone"] == row[0] }.map { Double($0["unserved_mw"]!)! }
            #expect(number(row[5]) == mine.reduce(0, +).rounded() && number(row[6]) == Double(mine.filter { $0 > 0 }.count))
        }
        let se4 = try #require(prices.last)
        #expect(se4[0] == "SE4" && number(se4[4]) == 3000 && number(se4[5])! > 0, "SE4's highest price is the cap, in the hours it sheds load")
    }

    @Test("the split of a broken axis, by hand: the largest gap relative to the span below it")
    func brokenAxisSplit() {
        // 10…100 and two hours at 3000: the gap 100 → 3000 is 32 times the span 10…100
        #expect(BrokenAxis.split(Array(stride(from: 10.0, through: 100, by: 10)) + [3000, 3000])! == (100, 3000))
        // 0…200, one hour at 1400, four at 3000: 200 → 1400 (6 × its span) beats 1400 → 3000 (1.14 ×)
        #expect(BrokenAxis.split([0, 50, 100, 150, 200, 1400, 3000, 3000, 3000, 3000])! == (200, 1400))
        // evenly spread values: no break
        #expect(BrokenAxis.split([10, 20, 30, 40, 50]) == nil)
        // a gap no larger than the span below it: no break
        #expect(BrokenAxis.split([0, 100, 190]) == nil)
        // fewer than half the values below the gap: no break (11 values at 3000, 9 from 10 to 90)
        #expect(BrokenAxis.split(Array(stride(from: 10.0, through: 90, by: 10)) + Array(repeating: 3000, count: 11)) == nil)
        // 60 % at one price, the rest spread far above: the lower band is that price
        #expect(BrokenAxis.split([40, 40, 40, 1000, 2000])! == (40, 1000))
        // negative prices count in the span
        #expect(BrokenAxis.split([-20, 0, 40, 2000])! == (40, 2000))
    }

    @Test("a broken axis keeps every value in order and each band in its own pixels")
    func brokenAxisPixels() {
        let values = Array(stride(from: 10.0, through: 100, by: 10)) + [3000, 3000]
        let axis = BrokenAxis(values, split: BrokenAxis.split(values)!, bottom: 266, top: 16)
        let pixels = values.sorted().map(axis.pixel)
        for (a, b) in zip(pixels, pixels.dropFirst()) { #expect(a >= b, "higher values are higher on the page (smaller y)") }
        for v in values where v <= 100 { #expect(axis.pixel(v) <= 266 && axis.pixel(v) >= axis.lowerTop) }
        #expect(axis.pixel(3000) >= 16 && axis.pixel(3000) <= axis.upperBottom)
        #expect(axis.lowerTop - axis.upperBottom == 14)
        // the lower band is 70 % of the plot less the gap, (250 − 14) × 0.7 = 165.2 px for 0…100:
        // 10…100 spread over 148.7 px, where one linear axis to 3000 would give it 7.5
        #expect(abs(axis.pixel(10) - axis.pixel(100) - 0.9 * 165.2) < 0.01)
    }

    /// The fixture's prices are normal (below 1,000 EUR/MWh) or scarcity prices: 3,000 (the
    /// unserved cost) where load is shed, and just below it in zones whose water the shedding
    /// prices (the unserved cost less the hydro's offer step). The break lies between the two.
    @Test("the report's price duration curve breaks its axis above normal prices and says where")
    func priceDuration() throws {
        let prices = try ReportFixtures.csv(ReportFixtures.base, "zones.csv").map { Double($0["price_eur_mwh"]!)! }
        let below = prices.filter { $0 < 1000 }.max()!
        let scarce = prices.filter { $0 >= 1000 }
        let shedding = try ReportFixtures.csv(ReportFixtures.base, "zones.csv").filter { Double($0["unserved_mw"]!)! > 0 }
        #expect(!scarce.isEmpty && shedding.allSatisfy { Double($0["price_eur_mwh"]!)! >= 3000 }, "the cap in every zone-hour that sheds load")
        let low = scarce.min()!, top = scarce.max()!
        let band = low < top ? "from \(fixed(low, 0)) to \(fixed(top, 0)) EUR/MWh" : "at \(fixed(low, 0)) EUR/MWh"
        #expect(Self.html.contains("The price axis is broken between \(fixed(below, 0)) and \(fixed(low, 0)) EUR/MWh so that normal prices read at a normal scale: the upper band holds the \(scarce.count) zone-hours \(band)"))
    }

    /// The text elements of one SVG of the page.
    func svgTexts(_ id: String) throws -> [String] {
        let start = try #require(Self.html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\""))
        let svg = Self.html[start.lowerBound...]
        let end = try #require(svg.range(of: "</svg>"))
        let body = svg[..<end.lowerBound]
        return body.ranges(of: "<text").map { r in
            let tail = body[r.lowerBound...]
            let open = tail.firstIndex(of: ">")!, close = tail.range(of: "</text>")!.lowerBound
            return String(tail[tail.index(after: open)..<close])
        }
    }

    @Test("map: every bus number and every zone name is visible text on the map, not only a hover title")
    func mapLabels() throws {
        let texts = try svgTexts("grid-map")
        let words = Set(texts.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init) })
        let buses = try ReportFixtures.csv(ReportFixtures.base, "buses.csv")
        #expect(buses.count == 44)
        for b in buses { #expect(words.contains(b["bus"]!), "bus \(b["bus"]!) has a visible label") }
        for zone in Set(buses.map { $0["zone"]! }) { #expect(texts.contains(zone), "zone \(zone) is labelled") }
        #expect(texts.contains { $0.hasPrefix("3359") && $0.contains("Ringhals") }, "Ringhals is named with its bus")
    }

    @Test("map labels never overlap one another and stay inside the map")
    func labelPlacement() {
        // a dense cluster (6 points within 4 px) and its neighbours: still one label each, no overlap
        var placer = MapLabels(width: 300, height: 300, obstacles: [])
        let points: [(x: Double, y: Double)] = [(150, 150), (152, 151), (151, 153), (149, 152), (153, 149), (150, 148), (170, 150), (130, 150), (150, 170)]
        for (k, p) in points.enumerated() { placer.place(["\(k) Somewhere"], at: p.x, p.y, size: 9.5) }
        #expect(placer.placed.count == points.count)
        for (i, a) in placer.placed.enumerated() {
            #expect(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.width <= 300 && a.box.y + a.box.height <= 300)
            for b in placer.placed[(i + 1)...] { #expect(!a.box.overlaps(b.box), "\(a.lines) and \(b.lines) overlap") }
        }
        // points closer than the distance are one group; single linkage chains them
        #expect(MapLabels.clusters([(0, 0), (10, 0), (20, 0), (100, 0)], distance: 12) == [[0, 1, 2], [3]])
        #expect(GridMapChart.shortSite("Kristiansand (Skagerrak converter)") == "Kristiansand")
    }

    @Test("the hardest weeks: by hand on a small series, and on the fixtures' pages")
    func worstWeek() throws {
        var system = RunResult.SystemSeries()
        system.loadMW = Array(repeating: 100, count: 400)
        system.unservedMW = Array(repeating: 0, count: 400)
        system.converged = Array(repeating: true, count: 400)
        #expect(WeekChoice(system).weeks.isEmpty, "no shed, no failure: no week")
        system.unservedMW[10] = 5; system.unservedMW[200] = 3; system.unservedMW[201] = 3
        for h in [30, 31, 350] { system.converged[h] = false }
        let choice = WeekChoice(system)
        // shed: week 1 has 5 MWh, week 2 has 6 → week 2; failed: week 1 has 2 hours, week 3 one → week 1
        #expect(choice.weeks.map(\.week) == [0, 1])
        #expect(choice.weeks[0].reasons == ["the most hours without an AC solution (2)"])
        #expect(choice.weeks[1].reasons == ["the most load shed (6 MWh)"])
        #expect(choice.range(2) == 336..<400, "the last week is short")
        // one week that is both
        system.unservedMW[200] = 0; system.unservedMW[201] = 0
        #expect(WeekChoice(system).weeks.map(\.week) == [0] && WeekChoice(system).weeks[0].reasons.count == 2)

        // the base fixture: one week, every hour converged, SE4 shedding in runs of hours
        let written = try ReportFixtures.csv(ReportFixtures.base, "system.csv")
        let shed = written.map { Double($0["unserved_mw"]!)! }
        #expect(written.allSatisfy { $0["converged"] == "1" } && shed.contains { $0 > 0 })
        #expect(Self.html.contains("Week 1, 2030-01-14 to 2030-01-20: the most load shed (\(fixed(shed.reduce(0, +), 0)) MWh)"))
        #expect(!Self.html.contains("the most hours without an AC solution"))
        let rows = Self.scan.tables.filter { $0.rows.first?.first == "from" }.flatMap { $0.rows.dropFirst() }
        var runs = [Range<Int>](), h = 0
        while h < shed.count {
            if shed[h] > 0 { var e = h; while e + 1 < shed.count && shed[e + 1] > 0 { e += 1 }; runs.append(h..<e + 1); h = e + 1 } else { h += 1 }
        }
        #expect(rows.count == runs.count)
        for r in runs {
            let mw: [Double] = r.map { shed[$0] }
            let total: Double = mw.reduce(0, +).rounded(), largest: Double = mw.max()!.rounded()
            let row = try #require(rows.first { $0[0] == written[r.lowerBound]["time"] }, "\(r)")
            #expect(row[1] == written[r.upperBound - 1]["time"] && row[2] == String(r.count), "\(r)")
            #expect(number(row[3]) == total && number(row[4]) == largest)
            #expect(Array(row.suffix(3)) == ["SE4", "yes", "-"])
        }
        let ids = Self.scan.svgs.map(\.id)
        for id in ["week-balance-1", "week-prices-1"] { #expect(ids.contains(id)) }

        // the variant: hours whose AC check failed, counted here from its system.csv
        let variant = try ReportFixtures.csv(ReportFixtures.variant, "system.csv")
        let failed = variant.filter { $0["converged"] == "0" }
        #expect(!failed.isEmpty)
        let page = HTMLReport.html(try ResultFolderReader.read(ReportFixtures.variant))
        #expect(page.contains("the most hours without an AC solution (\(failed.count))"))
        let failedRows = PageScan.scan(page).tables.filter { $0.rows.first?.first == "from" }.flatMap { $0.rows.dropFirst() }.filter { $0[6] == "NO" }
        #expect(failedRows.map { Int($0[2])! }.reduce(0, +) == failed.count)
    }

    @Test("paths relative to the scenario's folder, by hand")
    func relativePaths() {
        let p = RelativePaths(scenarioFile: "/work/main/Scenarios/sweden/ringhals.toml")
        #expect(p.relative("/work/main/Scenarios/sweden/ringhals.toml") == "ringhals.toml")
        #expect(p.relative("/work/main/Scenarios/grids/nordic44.m") == "../grids/nordic44.m")
        #expect(p.relative("/work/shared/data/sweden/hourly/prices.csv") == "../../../shared/data/sweden/hourly/prices.csv")
        #expect(p.relative("/work/main/Scenarios/sweden/weather/2019") == "weather/2019")
        #expect(p.relative("/work/main/Scenarios/sweden") == ".")
        #expect(p.relative("grids/x.m") == "grids/x.m", "a relative path is kept")
        #expect(p.text("weather: CSV folder /work/main/Scenarios/sweden/weather/2019 (load SE1); see /work/main/Scenarios/fleet/nordic.toml.")
                == "weather: CSV folder weather/2019 (load SE1); see ../fleet/nordic.toml.")
        #expect(p.text("Qmin −0.3·S, 1/2 of SE2→SE3 and a/b") == "Qmin −0.3·S, 1/2 of SE2→SE3 and a/b", "not paths: unchanged")
        #expect(RelativePaths(scenarioFile: nil).relative("/home/someone/x/grid.m") == "grid.m", "no scenario: the file name only")
    }

    @Test("the page names inputs relative to the scenario and holds no absolute path of a run")
    func noAbsolutePaths() throws {
        let dir = try ReportFixtures.copy()
        // a run's folder as kraft run writes it: absolute inputs, the weather folder in the source and a note
        let scenario = dir + "/scenario.json", summary = dir + "/summary.json"
        var s = try String(contentsOfFile: scenario, encoding: .utf8)
        let inputs = "\"inputs\":[{\"path\":\"/home/planner/kraft/Scenarios/sweden/history-2019.toml\",\"sha256\":\"aa\"},{\"path\":\"/home/planner/kraft/Scenarios/grids/nordic44.m\",\"sha256\":\"bb\"}]"
        s = s.replacing(#/"inputs":\[.*?\]/#, with: inputs)
        s = s.replacing(#/"source":"synthetic[^"]*"/#, with: "\"source\":\"CSV folder /home/planner/kraft/Scenarios/sweden/weather/2019 (load SE1)\"")
        try s.write(toFile: scenario, atomically: true, encoding: .utf8)
        let notes = try String(contentsOfFile: summary, encoding: .utf8)
            .replacing(#/"weather: synthetic[^"]*"/#, with: "\"weather: CSV folder /home/planner/kraft/Scenarios/sweden/weather/2019 (load SE1)\"")
        try notes.write(toFile: summary, atomically: true, encoding: .utf8)
        let html = HTMLReport.html(try ResultFolderReader.read(dir))
        #expect(!html.contains("/home/planner"), "no absolute path on the page")
        #expect(!html.contains(dir), "nor the result folder's")
        let files = try #require(PageScan.scan(html).tables.first { $0.rows.first == ["file", "SHA-256"] }).rows.dropFirst().map { $0[0] }
        #expect(files == ["history-2019.toml", "../grids/nordic44.m"])
        #expect(html.contains("weather: CSV folder weather/2019 (load SE1)"))
        #expect(html.contains("Weather: SYNTHETIC (CSV folder weather/2019 (load SE1))"))
    }
}
