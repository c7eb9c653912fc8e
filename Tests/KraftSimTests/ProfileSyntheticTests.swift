import KraftScenario
@testable import KraftSim
import Testing

/// The synthetic generator against the documented figures of shared/data/sweden (values copied
/// here from the data files, not from `ProfileTargets`), and shape checks that fail when the
/// physics or the calendar is wrong.
@Suite("Synthetic profiles")
struct ProfileSyntheticTests {
    static let zones = ["SE1", "SE2", "SE3", "SE4", "NO1", "NO2", "NO3", "NO4", "NO5", "FI"]
    static let sweden = ["SE1", "SE2", "SE3", "SE4"]
    static let year2030 = SyntheticProfiles(seed: 2025).year(2030, zones: zones)

    static func average(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

    static func within(_ value: Double, _ target: Double, _ tolerance: Double = 0.02) -> Bool {
        abs(value - target) <= tolerance * abs(target)
    }

    @Test("annual energy per zone and the national peak are within 2 % of zones.csv")
    func loadCalibration() {
        let p = Self.year2030
        #expect(p.hours == 8760)
        // zones.csv: annual_consumption 2019, TWh (DERIVED: load share × 138 TWh).
        for (zone, twh) in [("SE1", 10.3), ("SE2", 16.3), ("SE3", 86.9), ("SE4", 24.5)] {
            let energy = p.loadMW[zone]!.reduce(0, +) / 1e6
            #expect(Self.within(energy, twh), "\(zone): \(energy) TWh")
        }
        let national = (0..<p.hours).map { t in Self.sweden.reduce(0.0) { $0 + p.loadMW[$1]![t] } }
        #expect(Self.within(national.max()!, 26_883), "peak \(national.max()!) MW")  // load_datapoints.csv
        #expect(Self.within(national.reduce(0, +) / 1e6, 138), "national use 138 TWh (2019)")
        // Summer nights: Sweden's lowest load is well above zero (a shape that collapses fails here).
        #expect(national.min()! > 0.3 * 26_883, "minimum \(national.min()!) MW")
        // Relative zones: mean 1.
        for zone in ["NO1", "NO4", "FI"] {
            #expect(abs(p.loadMW[zone]!.reduce(0, +) / Double(p.hours) - 1) < 1e-9)
            #expect(p.relativeLoadZones.contains(zone) && p.relativeInflowZones.contains(zone))
        }
        #expect(!p.relativeLoadZones.contains("SE3"))
    }

    @Test("the national peak falls on a winter weekday in a reported peak window (08–11 or 16–19)")
    func peakTiming() {
        let p = Self.year2030
        let national = (0..<p.hours).map { t in Self.sweden.reduce(0.0) { $0 + p.loadMW[$1]![t] } }
        let t = national.indices.max { national[$0] < national[$1] }!
        let m = p.moment(at: t)
        #expect([12, 1, 2].contains(m.date.month), "\(m)")
        #expect([8, 9, 10, 16, 17, 18].contains(m.hour), "\(m)")
        #expect(m.weekday < 5, "\(m)")
    }

    @Test("wind and solar energy for the installed capacity are within 2 % of the reported generation")
    func windSolarCalibration() {
        let p = Self.year2030
        for zone in Self.zones {
            // 16 251 MW at end-2023 of which about 2 000 MW added in 2023 (zones.csv): mean 15 251 MW
            // gave 34.5 TWh.
            let wind = 15_251 * p.wind[zone]!.reduce(0, +) / 1e6
            #expect(Self.within(wind, 34.5), "\(zone) wind \(wind) TWh")
            // 3 970 MW at end-2023 of which 1 598 MW added in 2023: mean 3 171 MW gave 3.1 TWh.
            let solar = 3_171 * p.solar[zone]!.reduce(0, +) / 1e6
            #expect(Self.within(solar, 3.1), "\(zone) solar \(solar) TWh")
            #expect(p.wind[zone]!.allSatisfy { (0...1).contains($0) } && p.solar[zone]!.allSatisfy { (0...1).contains($0) })
        }
    }

    @Test("hydro inflow per zone is within 2 % of the ENTSO-E 2016–2020 mean, about 65 TWh in total")
    func inflowCalibration() {
        let p = Self.year2030
        // zone_generation_entsoe_2016_2020.csv, hydro energy_twh_derived, mean of the five years.
        let entsoe = ["SE1": (20.44 + 19.4 + 19.06 + 18.52 + 18.99) / 5, "SE2": (31.34 + 35.56 + 33.37 + 35.01 + 40.66) / 5,
                      "SE3": (9.26 + 8.62 + 8.31 + 10.28 + 11.1) / 5, "SE4": (1.04 + 1.24 + 1.02 + 1.3 + 1.33) / 5]
        var total = 0.0
        for (zone, twh) in entsoe {
            let e = p.inflowMW[zone]!.reduce(0, +) / 1e6
            total += e
            #expect(Self.within(e, twh), "\(zone) \(e) TWh")
        }
        #expect(Self.within(total, 65), "MEMO §3: about 65 TWh in a normal year; got \(total)")
        // Spring flood: May–June inflow in SE2 well above February's.
        let se2 = p.inflowMW["SE2"]!
        let mayJune = Array(se2[(120 * 24)..<(181 * 24)]), february = Array(se2[(31 * 24)..<(59 * 24)])
        let flood = Self.average(mayJune), winter = Self.average(february)
        #expect(flood > 2.5 * winter, "May–June \(flood) MW, February \(winter) MW")
    }

    @Test("same seed gives the same series, another seed different ones, whichever zones are asked for")
    func determinism() {
        let a = SyntheticProfiles(seed: 7).year(2030, zones: ["SE3", "NO1"])
        let b = SyntheticProfiles(seed: 7).year(2030, zones: ["SE3", "NO1"])
        let c = SyntheticProfiles(seed: 8).year(2030, zones: ["SE3", "NO1"])
        let d = SyntheticProfiles(seed: 7).year(2030, zones: Self.zones)
        for zone in ["SE3", "NO1"] {
            #expect(a.loadMW[zone]! == b.loadMW[zone]! && a.wind[zone]! == b.wind[zone]! && a.solar[zone]! == b.solar[zone]!
                    && a.inflowMW[zone]! == b.inflowMW[zone]!)
            #expect(a.loadMW[zone]! == d.loadMW[zone]! && a.wind[zone]! == d.wind[zone]!)
            #expect(a.loadMW[zone]! != c.loadMW[zone]! && a.wind[zone]! != c.wind[zone]! && a.solar[zone]! != c.solar[zone]!)
        }
    }

    @Test("solar is zero at night and far lower at SE1 in December than in June")
    func solarShape() {
        let p = Self.year2030
        for zone in ["SE3", "SE4"] {
            for day in 0..<365 { #expect(p.solar[zone]![day * 24] == 0 && p.solar[zone]![day * 24 + 23] == 0) }
        }
        let se1 = p.solar["SE1"]!
        func midday(_ firstDay: Int, _ days: Int) -> Double {
            let values: [Double] = (firstDay..<firstDay + days).flatMap { (d: Int) -> [Double] in [se1[d * 24 + 11], se1[d * 24 + 12]] }
            return Self.average(values)
        }
        let december = midday(334, 31), june = midday(151, 30)
        #expect(june > 0.2 && december < 0.1 * june, "December \(december), June \(june)")
        // Winter nights in SE1: dark from 16:00 to 08:00 in December.
        #expect((334..<365).allSatisfy { d in (0..<8).allSatisfy { se1[d * 24 + $0] == 0 } })
    }

    @Test("load: winter above summer, weekday evening peak above the night trough, weekends lower")
    func loadShape() {
        let se3 = Self.year2030.loadMW["SE3"]!
        func mean(_ days: Range<Int>, hour: Int? = nil, weekdays: Bool? = nil) -> Double {
            let calendar = YearCalendar(year: 2030)
            let values = days.filter { weekdays == nil || calendar.isWeekend(day: $0) != weekdays! }.flatMap { d in
                (hour.map { [$0] } ?? Array(0..<24)).map { se3[d * 24 + $0] }
            }
            return Self.average(values)
        }
        #expect(mean(0..<31) > 1.3 * mean(181..<212), "January against July")
        #expect(mean(0..<365, hour: 17, weekdays: true) > 1.15 * mean(0..<365, hour: 3, weekdays: true))
        #expect(mean(0..<365, hour: 9, weekdays: true) > 1.05 * mean(0..<365, hour: 9, weekdays: false))
    }

    @Test("wind is persistent hour to hour and correlated, not identical, between neighbouring zones")
    func windShape() {
        let p = Self.year2030
        func correlation(_ x: ArraySlice<Double>, _ y: ArraySlice<Double>) -> Double {
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
            return sxy / (sxx * syy).squareRoot()
        }
        let se3 = p.wind["SE3"]!, se4 = p.wind["SE4"]!
        #expect(correlation(se3.dropLast(), se3.dropFirst()) > 0.9)
        let r = correlation(se3[...], se4[...])
        #expect(r > 0.3 && r < 0.95, "SE3–SE4 correlation \(r)")
    }

    @Test("a span is cut from its calibrated year(s); leap years have 8,784 hours")
    func spans() throws {
        let g = SyntheticProfiles(seed: 3)
        let year = g.year(2030, zones: ["SE2"])
        let week = try HourlyProfiles.make(weather: .synthetic(seed: 3), period: Period(
            from: CalendarDate(year: 2030, month: 1, day: 8), to: CalendarDate(year: 2030, month: 1, day: 14)), zones: ["SE2"])
        #expect(week.hours == 168 && week.isSynthetic)
        #expect(week.loadMW["SE2"]! == Array(year.loadMW["SE2"]![168..<336]))
        #expect(week.solar["SE2"]! == year.slice(from: 168, hours: 168).solar["SE2"]!)
        let newYear = g.make(start: CalendarDate(year: 2029, month: 12, day: 31), hours: 48, zones: ["SE2"])
        #expect(Array(newYear.wind["SE2"]![24..<48]) == Array(year.wind["SE2"]![0..<24]))
        #expect(Array(newYear.wind["SE2"]![0..<24]) == Array(g.year(2029, zones: ["SE2"]).wind["SE2"]![(364 * 24)...]))
        let leap = g.year(2028, zones: ["SE3"])
        #expect(leap.hours == 8784 && leap.moment(at: 8783).description == "2028-12-31T23:00")
        #expect(Self.within(leap.loadMW["SE3"]!.reduce(0, +) / 8784, 86.9e6 / 8760, 1e-9))
        #expect(week.source.contains("synthetic (seed 3)") && week.source.contains("26883"))
    }
}
