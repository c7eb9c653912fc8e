import Foundation
import KraftCore
import KraftScenario

/// A seeded synthetic weather year, calibrated to the documented Swedish figures
/// (`ProfileTargets`): the same seed gives the same series on every machine (own integer PRNG,
/// `SplitMix64`; one random stream per year, quantity and zone, so a zone's series does not
/// depend on which other zones are asked for). Method, assumptions and sources: docs/profiles.md.
///
/// - Load: temperature (zone monthly normals plus a day-to-day anomaly, AR(1) with lag-one
///   correlation 0.8, correlated 0.7 between zones, 2.5 K standard deviation in summer to 5 K in
///   winter) gives heating degrees below 17 °C; load ∝ (1 + α · sensitivity · heating degrees / 10)
///   × a weekday or weekend hour-of-day shape with its peaks in the reported 08–11 and 16–19
///   windows. Calibration: each Swedish zone is scaled to its annual energy for any α, and the one
///   national heating amplitude α is fitted (regula falsi) so the national peak hour equals the
///   reported peak.
/// - Wind: capacity factor = logistic(a + 1.6·x + 0.35·cos(season)), x a latent hourly AR(1)
///   Gaussian (30-hour correlation time, correlated 0.6 between zones), windier in winter; a is
///   solved (Newton) so the annual mean equals the target capacity factor.
/// - Solar: clear-sky output from the sun's elevation at the zone's latitude (standard local time
///   taken as solar time, horizontal surface, Meinel air-mass attenuation) times a clearness
///   series (daily AR(1) Gaussian, correlation 0.6 day to day and 0.5 between zones, clearer in
///   summer); scaled so the annual mean equals the target capacity factor, capped at 1.
/// - Inflow: a seasonal shape — winter base, a spring flood peaking on the zone's flood day
///   (three-week standard deviation) and a small autumn-rain bump — times a slow daily noise,
///   scaled to the zone's annual hydro energy. Constant within each day.
///
/// Zones outside Sweden get the same machinery with a relative scale (see
/// `HourlyProfiles.relativeLoadZones` and `relativeInflowZones`). Leap years keep the average MW of the targets (8,784 h).
/// Transcendental functions come from the platform's C library; the random streams are
/// bit-identical everywhere.
public struct SyntheticProfiles: Sendable {
    public var seed: Int
    public var targets: ProfileTargets

    public init(seed: Int, targets: ProfileTargets = .sweden) {
        self.seed = seed
        self.targets = targets
    }

    /// Profiles for `hours` hours from `start` 00:00. Each calendar year the span touches is made
    /// whole and calibrated, then the span is cut out, so a week of a year is the same week as in
    /// the whole year's run.
    public func make(start: CalendarDate, hours: Int, zones: [String]) -> HourlyProfiles {
        precondition(hours >= 0)
        let last = CalendarDate(dayNumber: start.dayNumber + max(hours - 1, 0) / 24)
        let firstDay = CalendarDate(year: start.year, month: 1, day: 1).dayNumber
        let offset = (start.dayNumber - firstDay) * 24
        var load = [String: [Double]](), wind = load, solar = load, inflow = load
        for year in start.year...last.year {
            let y = self.year(year, zones: zones)
            for z in zones {
                load[z, default: []] += y.loadMW[z]!
                wind[z, default: []] += y.wind[z]!
                solar[z, default: []] += y.solar[z]!
                inflow[z, default: []] += y.inflowMW[z]!
            }
        }
        func cut(_ d: [String: [Double]]) -> [String: [Double]] { d.mapValues { Array($0[offset..<offset + hours]) } }
        return HourlyProfiles(start: start, hours: hours, zones: zones, isSynthetic: true, source: source(zones: zones),
                              loadMW: cut(load), wind: cut(wind), solar: cut(solar), inflowMW: cut(inflow),
                              relativeZones: relativeZones(zones))
    }

    /// The zones calibrated in MW (those with an energy target); the others are relative.
    func relativeZones(_ zones: [String]) -> Set<String> { Set(zones.filter { targets.zoneEnergyTWh[$0] == nil }) }

    /// "synthetic (seed N), not a real weather year: calibrated to ..." — the line every output
    /// made from these profiles carries (`targets.lines` has each figure with its source).
    func source(zones: [String]) -> String {
        let relative = relativeZones(zones).sorted()
        let inflow = targets.hydroInflowTWh.values.reduce(0, +)
        return "synthetic (seed \(seed)), not a real weather year: calibrated to zones.csv 2019 consumption per zone "
            + "(\(targets.nationalEnergyTWh) TWh, DERIVED), national peak \(Int(targets.nationalPeakMW)) MW (reported), "
            + "wind capacity factor \(rounded(targets.windCapacityFactor)) and solar \(rounded(targets.solarCapacityFactor)) "
            + "(DERIVED from 2023 figures), hydro inflow \(rounded(inflow)) TWh (DERIVED, ENTSO-E 2016–2020)"
            + (relative.isEmpty ? "" : "; \(relative.joined(separator: ", ")) relative to the grid's own loads (ASSUMPTION)")
    }

    private func rounded(_ x: Double) -> String { String((x * 1000).rounded() / 1000) }

    /// One calendar year (8,760 or 8,784 hours) for `zones`. The Swedish zones of the targets are
    /// always made, because the national peak is fitted over all of them.
    public func year(_ year: Int, zones: [String]) -> HourlyProfiles {
        let calendar = YearCalendar(year: year)
        let swedish = targets.zoneEnergyTWh.keys.sorted()
        let all = swedish + zones.filter { targets.zoneEnergyTWh[$0] == nil }

        // Load: per zone an hour-of-day factor and a heating term; one national heating
        // amplitude fitted to the peak, then each zone scaled to its energy (or to mean 1).
        let common = SplitMix64(seed: seed, stream: "\(year)/temperature").gaussiansOf(calendar.days + 1)
        var parts = [String: LoadParts]()
        for z in all { parts[z] = loadParts(zone: z, calendar: calendar, common: common) }
        let alpha = fitHeatingAmplitude(swedish.map { (parts[$0]!, targets.zoneEnergyTWh[$0]! * 1e6 / 8760) })

        let windCommon = SplitMix64(seed: seed, stream: "\(year)/wind").gaussiansOf(calendar.hours)
        let cloudCommon = SplitMix64(seed: seed, stream: "\(year)/cloud").gaussiansOf(calendar.days + 1)
        var load = [String: [Double]](), wind = load, solar = load, inflow = load
        for z in all {
            load[z] = parts[z]!.load(alpha: alpha, mean: targets.zoneEnergyTWh[z].map { $0 * 1e6 / 8760 } ?? 1)
            wind[z] = windSeries(zone: z, calendar: calendar, common: windCommon)
            solar[z] = solarSeries(zone: z, calendar: calendar, common: cloudCommon)
            inflow[z] = inflowSeries(zone: z, calendar: calendar)
        }
        let keep = { (d: [String: [Double]]) in d.filter { zones.contains($0.key) } }
        return HourlyProfiles(start: CalendarDate(year: year, month: 1, day: 1), hours: calendar.hours, zones: zones,
                              isSynthetic: true, source: source(zones: zones), loadMW: keep(load), wind: keep(wind),
                              solar: keep(solar), inflowMW: keep(inflow), relativeZones: relativeZones(zones))
    }

    // MARK: - Load

    /// Hour-of-day shapes, hours 0…23 (ASSUMPTION, placed at the reported 08–11 and 16–19 peak
    /// windows): weekdays with a night trough at 02–04 and two plateaus; weekends later and flatter.
    static let weekdayShape: [Double] = [0.80, 0.78, 0.77, 0.77, 0.79, 0.84, 0.92, 0.98, 1.00, 1.00, 1.00, 0.98,
                                         0.96, 0.95, 0.95, 0.97, 0.99, 1.00, 1.00, 0.98, 0.95, 0.91, 0.87, 0.83]
    static let weekendShape: [Double] = [0.82, 0.79, 0.78, 0.77, 0.77, 0.78, 0.80, 0.84, 0.88, 0.91, 0.93, 0.93,
                                         0.92, 0.91, 0.90, 0.91, 0.93, 0.95, 0.96, 0.95, 0.93, 0.90, 0.87, 0.84]
    /// Heating starts below this daily temperature, °C (ASSUMPTION, the usual degree-day base).
    static let heatingBaseC = 17.0

    /// A zone's load before calibration: hour-of-day factor `daily` and heating term `heating`
    /// (sensitivity × heating degrees / 10); load ∝ daily · (1 + α · heating).
    struct LoadParts {
        var daily: [Double]
        var heating: [Double]

        /// Hourly load with mean `mean`.
        func load(alpha: Double, mean: Double) -> [Double] {
            var out = [Double](repeating: 0, count: daily.count)
            var sum = 0.0
            for t in 0..<daily.count {
                out[t] = daily[t] * (1 + alpha * heating[t])
                sum += out[t]
            }
            let k = mean * Double(daily.count) / sum
            for t in 0..<out.count { out[t] *= k }
            return out
        }
    }

    /// Temperature is the zone's normal plus a day-to-day anomaly, interpolated hour by hour;
    /// heating follows it without a daily swing (buildings smooth it out: ASSUMPTION).
    func loadParts(zone: String, calendar: YearCalendar, common: [Double]) -> LoadParts {
        let climate = ZoneClimate.of(zone)
        let own = SplitMix64(seed: seed, stream: "\(calendar.year)/temperature/\(zone)").gaussiansOf(calendar.days + 1)
        let anomaly = SplitMix64.ar1(SplitMix64.mix(common: common, own: own, rho: 0.7), phi: 0.8)
        var parts = LoadParts(daily: [Double](repeating: 0, count: calendar.hours), heating: [Double](repeating: 0, count: calendar.hours))
        for d in 0..<calendar.days {
            let winter = (1 + cos(2 * Double.pi * (Double(d) - 14) / Double(calendar.days))) / 2
            let spread = 2.5 + 2.5 * winter
            let shape = calendar.isWeekend(day: d) ? Self.weekendShape : Self.weekdayShape
            for h in 0..<24 {
                let f = Double(h) / 24
                let temperature = climate.normalTemperature(dayOfYear: Double(d) + f, daysInYear: calendar.days)
                    + spread * (anomaly[d] * (1 - f) + anomaly[d + 1] * f)
                parts.daily[d * 24 + h] = shape[h]
                parts.heating[d * 24 + h] = climate.heatingSensitivity * max(0, Self.heatingBaseC - temperature) / 10
            }
        }
        return parts
    }

    /// The heating amplitude α at which the national peak hour of the zones (each scaled to its
    /// mean MW) equals the target peak; the peak grows with α. 0 when the daily
    /// shapes alone already exceed the peak.
    func fitHeatingAmplitude(_ zones: [(parts: LoadParts, mean: Double)]) -> Double {
        // A zone's load is mean · daily·(1 + α·heating) / (m₀ + α·m₁), with m₀, m₁ the annual
        // means of daily and daily·heating; the peak of the sum is evaluated without allocating.
        let hours = zones.first?.parts.daily.count ?? 0
        let moments = zones.map { z -> (Double, Double) in
            var m0 = 0.0, m1 = 0.0
            for t in 0..<hours { m0 += z.parts.daily[t]; m1 += z.parts.daily[t] * z.parts.heating[t] }
            return (m0 / Double(hours), m1 / Double(hours))
        }
        func peak(_ alpha: Double) -> Double {
            let scale = zip(zones, moments).map { $0.mean / ($1.0 + alpha * $1.1) }
            var best = 0.0
            for t in 0..<hours {
                var sum = 0.0
                for z in 0..<zones.count { sum += scale[z] * zones[z].parts.daily[t] * (1 + alpha * zones[z].parts.heating[t]) }
                best = max(best, sum)
            }
            return best
        }
        // Bracket, then regula falsi (Illinois variant): a handful of evaluations.
        let target = targets.nationalPeakMW
        var low = 0.0, high = 1.0
        var fLow = peak(low) - target, fHigh = peak(high) - target
        guard fLow < 0 else { return 0 }
        while fHigh < 0 && high < 1e3 { low = high; fLow = fHigh; high *= 2; fHigh = peak(high) - target }
        var side = 0
        for _ in 0..<100 {
            let mid = (low * fHigh - high * fLow) / (fHigh - fLow), f = peak(mid) - target
            if abs(f) < 1e-9 * target { return mid }
            if f < 0 {
                low = mid; fLow = f
                if side == -1 { fHigh /= 2 }
                side = -1
            } else {
                high = mid; fHigh = f
                if side == 1 { fLow /= 2 }
                side = 1
            }
        }
        return (low + high) / 2
    }

    // MARK: - Wind

    func windSeries(zone: String, calendar: YearCalendar, common: [Double]) -> [Double] {
        let own = SplitMix64(seed: seed, stream: "\(calendar.year)/wind/\(zone)").gaussiansOf(calendar.hours)
        let x = SplitMix64.ar1(SplitMix64.mix(common: common, own: own, rho: 0.6), phi: exp(-1.0 / 30))
        var latent = [Double](repeating: 0, count: calendar.hours)
        for d in 0..<calendar.days {
            let season = 0.35 * cos(2 * Double.pi * (Double(d) - 14) / Double(calendar.days))
            for h in 0..<24 { latent[d * 24 + h] = 1.6 * x[d * 24 + h] + season }
        }
        let target = targets.windCapacityFactor
        var a = log(target / (1 - target))
        var cf = [Double](repeating: 0, count: calendar.hours)
        for _ in 0..<30 {
            var sum = 0.0, slope = 0.0
            for t in 0..<calendar.hours {
                let v = 1 / (1 + exp(-(a + latent[t])))
                cf[t] = v
                sum += v
                slope += v * (1 - v)
            }
            let n = Double(calendar.hours), error = sum / n - target
            if abs(error) < 1e-10 * target { break }
            a -= error / (slope / n)
        }
        return cf
    }

    // MARK: - Solar

    func solarSeries(zone: String, calendar: YearCalendar, common: [Double]) -> [Double] {
        let own = SplitMix64(seed: seed, stream: "\(calendar.year)/cloud/\(zone)").gaussiansOf(calendar.days + 1)
        let cloud = SplitMix64.ar1(SplitMix64.mix(common: common, own: own, rho: 0.5), phi: 0.6)
        let phi = ZoneClimate.of(zone).latitude * .pi / 180
        let sinPhi = sin(phi), cosPhi = cos(phi)
        let cosHourAngle = (0..<24).map { cos(Double.pi / 12 * (Double($0) + 0.5 - 12)) }
        let ln07 = log(0.7)
        var raw = [Double](repeating: 0, count: calendar.hours)
        for d in 0..<calendar.days {
            let declination = 23.44 * Double.pi / 180 * sin(2 * .pi * Double(284 + d + 1) / Double(calendar.days))
            let a = sinPhi * sin(declination), b = cosPhi * cos(declination)
            let summer = 0.2 + 0.8 * cos(2 * Double.pi * (Double(d) - 172) / Double(calendar.days))
            for h in 0..<24 {
                let sinElevation = a + b * cosHourAngle[h]
                guard sinElevation > 0 else { continue }
                // Meinel: 0.7^(air mass^0.678), air mass = 1 / sin(elevation).
                let clearSky = sinElevation * exp(ln07 * exp(-0.678 * log(sinElevation)))
                let f = Double(h) / 24, c = cloud[d] * (1 - f) + cloud[d + 1] * f
                let clearness = 0.2 + 0.8 / (1 + exp(-(summer + 1.5 * c)))
                raw[d * 24 + h] = clearSky * clearness
            }
        }
        // Scale to the target mean; capping at 1 lowers the mean, so repeat until it holds.
        let goal = targets.solarCapacityFactor * Double(calendar.hours)
        var k = goal / raw.reduce(0, +)
        var out = raw
        for _ in 0..<20 {
            out = raw.map { min(k * $0, 1) }
            let sum = out.reduce(0, +)
            if abs(sum - goal) < 1e-9 * goal { break }
            k *= goal / sum
        }
        return out
    }

    // MARK: - Inflow

    func inflowSeries(zone: String, calendar: YearCalendar) -> [Double] {
        let floodDay = ZoneClimate.of(zone).floodDay
        let noise = SplitMix64.ar1(SplitMix64(seed: seed, stream: "\(calendar.year)/inflow/\(zone)")
            .gaussiansOf(calendar.days), phi: 0.9)
        let daily = (0..<calendar.days).map { d -> Double in
            let x = Double(d)
            let flood = 2.2 * exp(-0.5 * pow((x - floodDay) / 21, 2))
            let autumn = 0.35 * exp(-0.5 * pow((x - 290) / 25, 2))
            return (0.35 + flood + autumn) * exp(0.15 * noise[d])
        }
        let goal = targets.hydroInflowTWh[zone].map { $0 * 1e6 / 8760 } ?? targets.relativeInflowShare
        let k = goal * Double(calendar.days) / daily.reduce(0, +)
        return daily.flatMap { v in repeatElement(k * v, count: 24) }
    }
}

/// Days, hours and weekends of one calendar year.
struct YearCalendar {
    var year: Int
    var days: Int
    var hours: Int { days * 24 }
    /// Weekday of 1 January, Monday = 0.
    var firstWeekday: Int

    init(year: Int) {
        self.year = year
        days = CalendarDate.isLeap(year) ? 366 : 365
        firstWeekday = Moment(date: CalendarDate(year: year, month: 1, day: 1), hour: 0).weekday
    }

    /// Saturday or Sunday (public holidays are not modelled: ASSUMPTION).
    func isWeekend(day: Int) -> Bool { (firstWeekday + day) % 7 >= 5 }
}

extension SplitMix64 {
    /// A stream's first `count` standard normal draws.
    func gaussiansOf(_ count: Int) -> [Double] {
        var copy = self
        return copy.gaussians(count)
    }
}
