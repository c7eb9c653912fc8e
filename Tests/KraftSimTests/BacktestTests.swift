import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

private let calibrationFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/sweden/calibration")

/// The 2019 backtest: a year of Scenarios/sweden/history-2019.toml (the 2019 fleet on 2019's
/// measured hours: Swedish load, wind and solar, Finnish load, external prices) against what 2019
/// was, as published in shared/data/sweden/calibration (Energimyndigheten's national balance, the
/// plants' own output, ENTSO-E day-ahead prices) and measured in shared/data/sweden/hourly (hydro
/// output per zone). The tolerances are the issue's: production by technology within 10 %, prices
/// within 25 %, no load shed; the hours with a price split, which the issue names without one,
/// within 30 %. Read from shared/ at run time; the suite is disabled where it is
/// absent (a fresh clone without the project's shared data).
@Suite("Backtest 2019", .serialized,
       .enabled(if: FileManager.default.fileExists(atPath: calibrationFolder.path) && HistoryWeather.available,
                "shared/data/sweden/calibration or hourly is absent: the published 2019 figures are not here"))
struct BacktestTests {
    static let calibration = calibrationFolder

    /// The first row of `file` with this area, metric and year: the preferred figure (the
    /// calibration README lists the preferred source first).
    static func published(_ file: String, _ area: String, _ metric: String, _ year: String = "2019") throws -> Double {
        let text = try String(contentsOf: calibration.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            if f.count > 3, f[0] == area, f[1] == metric, f[2] == year, let v = Double(f[3]) { return v }
        }
        throw BacktestError(description: "\(file) has no \(area),\(metric),\(year)")
    }

    struct BacktestError: Error, CustomStringConvertible { var description: String }

    static let year: Result<YearResult, Error> = Result {
        try YearRunTests.run("history-2019", from: "2019-01-01", to: "2019-12-31", weather: try HistoryWeather.weather(2019))
    }

    static func within(_ model: Double, _ published: Double, _ tolerance: Double) -> Bool {
        abs(model - published) <= tolerance * abs(published)
    }

    @Test("production by technology within 10 % of Energimyndigheten's 2019 balance, no load shed")
    func production() throws {
        let r = try Self.year.get()
        let se = try #require(r.sweden)
        let twh = { (t: Technology) in se.generationMWh[YearRecordLayout.technologies.firstIndex(of: t)!] / 1e6 }
        let nuclear = twh(.nuclear), hydro = twh(.hydro), wind = twh(.wind)
        let other = twh(.chp) + twh(.thermal) + twh(.solar) + twh(.other) + twh(.smallHydro)
        let p = (nuclear: try Self.published("production.csv", "SE", "nuclear_production"),
                 hydro: try Self.published("production.csv", "SE", "hydro_production"),
                 wind: try Self.published("production.csv", "SE", "wind_production"),
                 other: try Self.published("production.csv", "SE", "other_production_chp_condensing_solar"),
                 netImport: try Self.published("production.csv", "SE", "net_import"))
        #expect(Self.within(nuclear, p.nuclear, 0.10), "nuclear \(nuclear) TWh, published \(p.nuclear)")
        #expect(Self.within(hydro, p.hydro, 0.10), "hydro \(hydro) TWh, published \(p.hydro)")
        #expect(Self.within(other, p.other, 0.10), "CHP, condensing and solar \(other) TWh, published \(p.other)")
        // Wind is 2019's measured output over the fleet's capacity: only curtailment could take any away.
        #expect(Self.within(wind, p.wind, 0.01), "wind \(wind) TWh, published \(p.wind)")
        #expect(Self.within(se.loadMWh / 1e6, try Self.published("production.csv", "SE", "electricity_use"), 0.001))
        let netExport = se.netExportMWh / 1e6
        #expect(Self.within(netExport, -p.netImport, 0.15), "net export \(netExport) TWh, published \(-p.netImport)")
        #expect(se.unservedMWh == 0, "load shed: \(se.unservedMWh) MWh")
        #expect(se.reserveHours == 0)
    }

    @Test("nuclear per plant within 10 % of the plants' own 2019 output")
    func nuclearPerPlant() throws {
        let r = try Self.year.get()
        var plant = [String: Double]()
        for g in r.grid.units.indices {
            guard let u = r.grid.units[g].name, r.grid.units[g].technology == .nuclear, r.grid.zoneOfBus[r.grid.network.generators.bus[g]] == "SE3" else { continue }
            plant[String(u.prefix(1)), default: 0] += r.records.reduce(0) { $0 + $1.generatorMW[g] } / 1e6
        }
        let forsmark = try Self.published("nuclear_production.csv", "Forsmark", "net_production")
        let ringhals = try Self.published("nuclear_production.csv", "Ringhals", "net_production")
        let oskarshamn = try Self.published("nuclear_production.csv", "Oskarshamn 3", "net_production")
        #expect(Self.within(plant["F"] ?? 0, forsmark, 0.10), "Forsmark \(plant["F"] ?? 0) TWh, published \(forsmark)")
        #expect(Self.within(plant["R"] ?? 0, ringhals, 0.10), "Ringhals \(plant["R"] ?? 0) TWh, published \(ringhals)")
        #expect(Self.within(plant["O"] ?? 0, oskarshamn, 0.10), "Oskarshamn 3 \(plant["O"] ?? 0) TWh, published \(oskarshamn)")
    }

    /// ENTSO-E's 2019 production per zone and technology, TWh (A75,
    /// `profiles/zone_generation_entsoe_2016_2020.csv`), keyed "zone technology".
    static let entsoe2019: Result<[String: Double], Error> = Result {
        let file = calibration.deletingLastPathComponent().appendingPathComponent("profiles/zone_generation_entsoe_2016_2020.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        let (y, z, t, e) = (header.firstIndex(of: "year")!, header.firstIndex(of: "zone")!, header.firstIndex(of: "technology")!,
                            header.firstIndex(of: "energy_twh_derived")!)
        var energy = [String: Double]()
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.count > e, f[y] == "2019", let v = Double(f[e]) { energy["\(f[z]) \(f[t])"] = v }
        }
        return energy
    }

    @Test("each zone's production by technology against ENTSO-E's 2019 figures: hydro within 15 %, wind within 1 %, nuclear within 10 %, CHP and condensing at least A75's")
    func zoneProduction() throws {
        let r = try Self.year.get(), a75 = try Self.entsoe2019.get()
        let twh = { (zone: String, technologies: [Technology]) -> Double in
            let z = r.grid.zones.firstIndex(of: zone)!
            return r.records.reduce(0) { sum, x in sum + technologies.reduce(0) { $0 + x.zoneGenerationMW[z][YearRecordLayout.column($1)] } } / 1e6
        }
        for zone in ["SE1", "SE2", "SE3", "SE4"] {
            let hydro = twh(zone, [.hydro, .smallHydro]), wind = twh(zone, [.wind]), nuclear = twh(zone, [.nuclear])
            let thermal = twh(zone, [.chp, .thermal, .other])
            // A75 lists no row where a zone has none of the technology (nuclear outside SE3).
            let entsoe = { (technology: String) in a75["\(zone) \(technology)"] ?? 0 }
            let published = (hydro: entsoe("hydro"), wind: entsoe("wind"), nuclear: entsoe("nuclear"), thermal: entsoe("thermal"))
            // 15 %: the model's inflow per zone is the 2016–2020 mean (65.2 TWh; 2019 made 65.1), not 2019's own.
            #expect(Self.within(hydro, published.hydro, 0.15), "\(zone) hydro \(hydro) TWh, ENTSO-E \(published.hydro)")
            #expect(Self.within(wind, published.wind, 0.01), "\(zone) wind \(wind) TWh, ENTSO-E \(published.wind)")
            #expect(published.nuclear == 0 ? nuclear == 0 : Self.within(nuclear, published.nuclear, 0.10),
                    "\(zone) nuclear \(nuclear) TWh, ENTSO-E \(published.nuclear)")
            // A75 misses much of the CHP (8.25 TWh of thermal against about 15.6 in the national
            // balance; calibration/README.md): a floor per zone, the national total tested above.
            #expect(thermal >= published.thermal, "\(zone) CHP and condensing \(thermal) TWh, ENTSO-E (incomplete) \(published.thermal)")
        }
    }

    @Test("zone prices within 25 % of 2019's day-ahead means, SE4 the dearest")
    func prices() throws {
        let r = try Self.year.get()
        var mean = [String: Double]()
        for z in r.zoneYears { mean[z.zone] = z.meanPrice }
        for zone in ["SE1", "SE2", "SE3", "SE4"] {
            let published = try Self.published("prices.csv", zone, "day_ahead_price_mean")
            #expect(Self.within(mean[zone]!, published, 0.25), "\(zone): \(mean[zone]!) EUR/MWh, published \(published)")
        }
        #expect(mean["SE3"]! >= mean["SE2"]! - 1e-6, "\(mean)")
        // In 2019 SE4 was the dearest zone, 1.4 EUR/MWh above SE3 (39.8 against 38.4): it is, with
        // the cut SE3-SE4 at its 2019 capacity (the scenario's [[border]]).
        #expect(mean["SE4"]! > mean["SE3"]! + 0.5, "\(mean)")
    }

    @Test("hours with a price split: SE2/SE3 and SE3/SE4 within 30 % of 2019's, SE1/SE2 in under 1 % of hours")
    func priceSplits() throws {
        let r = try Self.year.get()
        let zone = { (name: String) in r.grid.zones.firstIndex(of: name)! }
        // Apart by 0.5 EUR/MWh or more (the README's measure): the LP's duals can differ a little
        // where a market's prices would be equal (the flow-based market's loops through Norway).
        let apart = { (a: String, b: String) in r.records.filter { abs($0.zonePrice[zone(a)] - $0.zonePrice[zone(b)]) >= 0.5 }.count }
        let se23 = try Self.published("prices.csv", "SE2/SE3", "hours_with_price_difference")
        let se34 = try Self.published("prices.csv", "SE3/SE4", "hours_with_price_difference")
        #expect(Self.within(Double(apart("SE2", "SE3")), se23, 0.30), "SE2/SE3 apart \(apart("SE2", "SE3")) h, published \(se23)")
        #expect(Self.within(Double(apart("SE3", "SE4")), se34, 0.30), "SE3/SE4 apart \(apart("SE3", "SE4")) h, published \(se34)")
        let se12 = try Self.published("prices.csv", "SE1/SE2", "hours_with_price_difference")
        #expect(apart("SE1", "SE2") < r.records.count / 100, "SE1/SE2 apart \(apart("SE1", "SE2")) h, published \(se12)")
    }

    @Test("the model's weekly Swedish hydro output follows 2019's measured output (correlation at least 0.7)")
    func hydroWeeks() throws {
        let r = try Self.year.get()
        let hydro = YearRecordLayout.column(.hydro)
        let zones = ["SE1", "SE2", "SE3", "SE4"].compactMap { r.grid.zones.firstIndex(of: $0) }
        var model = [Double](repeating: 0, count: 52)
        for x in r.records where x.hour / 168 < 52 { model[x.hour / 168] += zones.reduce(0) { $0 + x.zoneGenerationMW[$1][hydro] } }
        // The measured series is in UTC: CET hour h is UTC row h − 1.
        let text = try String(contentsOf: HistoryWeather.hourly.appendingPathComponent("hydro_SE_2019.csv"), encoding: .utf8)
        var measured = [Double](repeating: 0, count: 52)
        for (i, line) in text.split(whereSeparator: \.isNewline).dropFirst().enumerated() where (i + 1) / 168 < 52 {
            measured[(i + 1) / 168] += line.split(separator: ",").dropFirst().compactMap { Double($0) }.reduce(0, +)
        }
        let mm = model.reduce(0, +) / 52, me = measured.reduce(0, +) / 52
        let cov = zip(model, measured).reduce(0) { $0 + ($1.0 - mm) * ($1.1 - me) }
        let corr = cov / (model.reduce(0) { $0 + ($1 - mm) * ($1 - mm) } * measured.reduce(0) { $0 + ($1 - me) * ($1 - me) }).squareRoot()
        #expect(corr >= 0.7, "weekly correlation \(corr)")
    }
}

/// The history year's neighbours trade at the real hourly prices.
@Suite("Real external prices", .enabled(if: FileManager.default.fileExists(atPath: calibrationFolder.path), "shared/data/sweden is absent"))
struct RealExternalPriceTests {
    @Test("in history-2019 the German link's price at 13:00 on 12 June is SMARD's for 12:00 UTC, read from the file here")
    func germanPriceOfAnHour() throws {
        let file = calibrationFolder.deletingLastPathComponent().appendingPathComponent("hourly/prices_external_2019.csv")
        let row = try #require(try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
            .first { $0.hasPrefix("2019-06-12T12:00:00Z,") })
        let header = ["time_utc", "DE", "DK1", "DK2", "PL", "LT"]
        let published = try #require(Double(String(row.split(separator: ",", omittingEmptySubsequences: false)[header.firstIndex(of: "DE")!])))
        let (s, network, sidecar) = try ScenarioLoader.load(path: YearRunTests.root.appendingPathComponent("Scenarios/sweden/history-2019.toml").path)
        let period = Period(from: CalendarDate(year: 2019, month: 6, day: 12), to: CalendarDate(year: 2019, month: 6, day: 12))
        // The prices do not depend on the weather: a synthetic year needs no weather folder.
        let (profiles, hours) = try YearRun.profiles(weather: .synthetic(seed: 2019), covering: period, sidecar: sidecar)
        let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
        let span = setup.window(of: hours.lowerBound + 13)
        let (_, problem) = setup.problem(span)
        let e = try #require(problem.externals.firstIndex { $0.name == "DE" })
        guard case .priceTaking(let prices) = problem.externals[e].mode else { Issue.record("DE is not price-taking"); return }
        #expect(prices[hours.lowerBound + 13 - span.lowerBound] == published)
    }
}

/// The hydro reservoirs of a zone over the year: a hand-made plan, and the 2019 year's water
/// balance and seasons.
@Suite("Hydro reservoirs")
struct ReservoirTests {
    @Test("a plan spills what would overfill the reservoir and releases no more than is there (by hand)")
    func planByHand() {
        // Storage 10, start 5. Week 1: 5 + 8 − 1 = 12 → 2 spilled, full. Week 2: 10 − 6 = 4.
        // Week 3: 4 − 6 < 0 → only 4 released, empty.
        let plan = ReservoirPlan(storageMWh: 10, startMWh: 5, inflow: [8, 0, 0], wanted: [1, 6, 6])
        #expect(plan.weeks == [.init(inflowMWh: 8, releaseMWh: 1, spillMWh: 2, contentMWh: 10),
                               .init(inflowMWh: 0, releaseMWh: 6, spillMWh: 0, contentMWh: 4),
                               .init(inflowMWh: 0, releaseMWh: 4, spillMWh: 0, contentMWh: 0)])
    }

    @Test("over 2019 every zone's water balances, the content stays within the storage, the spring flood fills and winter draws down",
          .enabled(if: FileManager.default.fileExists(atPath: calibrationFolder.path), "shared/data/sweden/calibration is absent"))
    func yearOfWater() throws {
        let r = try BacktestTests.year.get()
        #expect(Set(r.reservoirs.map(\.zone)) == ["SE1", "SE2", "SE3", "SE4", "NO1", "NO2", "NO3", "NO4", "NO5", "FI"])
        for z in r.reservoirs {
            #expect(z.weekEndTWh.count == 53)
            #expect(z.weekEndTWh.allSatisfy { $0 >= -1e-9 && $0 <= z.storageTWh + 1e-9 }, "\(z.zone)")
            // What came in less what the dispatch released and what spilled: no water made or lost.
            #expect(abs(z.startTWh + z.inflowTWh - z.releaseTWh - z.spillTWh - z.endTWh) < 1e-6, "\(z.zone): water balance")
        }
        // The inflow is the calibration's: Sweden's ENTSO-E mean (ProfileTargets), Norway's 2019
        // (SSB: 125.7 TWh of hydro; the fleet's normal 136 TWh times the backtest's [[inflow]]
        // factor); the reservoirs get what is not run-of-river.
        let inflow = { (prefix: String) in
            r.reservoirs.filter { $0.zone.hasPrefix(prefix) }.reduce(0) { $0 + $1.inflowTWh / (1 - (r.grid.runOfRiverShare[$1.zone] ?? 0)) }
        }
        let sweden = ProfileTargets.sweden.hydroInflowTWh.values.reduce(0, +)
        #expect(abs(inflow("SE") - sweden) < 0.01 * sweden, "Swedish inflow \(inflow("SE")) TWh")
        #expect(abs(inflow("NO") - 125.7) < 0.01 * 125.7, "Norwegian inflow \(inflow("NO")) TWh")
        // The Swedish north: lowest in spring before the flood (weeks 10–22), highest after it (weeks 24–40).
        for zone in ["SE1", "SE2"] {
            let w = try #require(r.reservoirs.first { $0.zone == zone }).weekEndTWh
            let low = w.firstIndex(of: w.min()!)! + 1, high = w.firstIndex(of: w.max()!)! + 1
            #expect((10...22).contains(low) && (24...40).contains(high), "\(zone): lowest in week \(low), highest in week \(high)")
        }
    }
}
