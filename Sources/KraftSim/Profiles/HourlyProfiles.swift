import KraftScenario

/// A year (or a stated period) of hourly profiles per zone: the weather and demand a run is
/// driven by. Read from CSV files (`ProfileCSVReader`) or made by the seeded, calibrated
/// `SyntheticProfiles`; `isSynthetic` travels into every output made from it.
/// `HourlyProfiles.make(weather:period:zones:scenarioFile:)` picks the source for a scenario.
public struct HourlyProfiles: Sendable {
    /// First hour is `start` 00:00 local time; `hours` consecutive hours follow. The clock is
    /// standard local time without daylight saving (CET, UTC+01:00, all year): every day has 24 hours.
    public var start: CalendarDate
    public var hours: Int
    public var zones: [String]
    public var isSynthetic: Bool
    /// One line for reports: "synthetic (seed 2025), calibrated to ..." or "CSV folder ...".
    public var source: String
    /// Per zone, `hours` values each.
    /// Demand, MW — except for the zones in `relativeLoadZones`, where it is a factor on the grid's own loads.
    public var loadMW: [String: [Double]]
    /// Wind availability, 0…1 of installed capacity.
    public var wind: [String: [Double]]
    /// Solar availability, 0…1 of installed capacity.
    public var solar: [String: [Double]]
    /// Hydro inflow (run-of-river plus reservoir inflow) as available energy per hour, MW —
    /// except for the zones in `relativeInflowZones`, where it is a share of the zone's hydro capacity.
    public var inflowMW: [String: [Double]]
    /// Zones without documented figures to calibrate to (the Norwegian and Finnish zones of the
    /// synthetic generator): their `loadMW` is a factor on the grid's own bus loads, 1 on average
    /// over a year (ASSUMPTION: the grid's base case stands for the zone's average load). Use
    /// `loadScale` to read either kind. Empty for series read from CSV (MW).
    public var relativeLoadZones: Set<String>
    /// Zones whose `inflowMW` is a share of the zone's hydro capacity (synthetic, as above); use
    /// `inflow` to read either kind. Separate from `relativeLoadZones`: a CSV folder may give a
    /// zone's load and leave its inflow to the synthetic year.
    public var relativeInflowZones: Set<String>

    /// `relativeZones` sets both kinds of relative zone.
    public init(start: CalendarDate, hours: Int, zones: [String], isSynthetic: Bool, source: String,
                loadMW: [String: [Double]], wind: [String: [Double]], solar: [String: [Double]],
                inflowMW: [String: [Double]], relativeZones: Set<String> = []) {
        self.start = start; self.hours = hours; self.zones = zones; self.isSynthetic = isSynthetic
        self.source = source; self.loadMW = loadMW; self.wind = wind; self.solar = solar; self.inflowMW = inflowMW
        self.relativeLoadZones = relativeZones
        self.relativeInflowZones = relativeZones
    }

    /// The factor to multiply a zone's grid bus loads by in `hour` (0-based), given the zone's
    /// total load in the grid file: profile MW / grid MW, or the relative factor itself.
    /// 1 when the zone has no profile or no load in the grid.
    public func loadScale(zone: String, hour: Int, gridLoadMW: Double) -> Double {
        guard let series = loadMW[zone] else { return 1 }
        if relativeLoadZones.contains(zone) { return series[hour] }
        return gridLoadMW > 0 ? series[hour] / gridLoadMW : 1
    }

    /// Hydro inflow of a zone in `hour`, MW, given the zone's hydro capacity in the grid (used
    /// only for relative zones); 0 when the zone has no profile.
    public func inflow(zone: String, hour: Int, hydroCapacityMW: Double) -> Double {
        guard let series = inflowMW[zone] else { return 0 }
        return relativeInflowZones.contains(zone) ? series[hour] * hydroCapacityMW : series[hour]
    }

    /// The 0-based hour of a moment, or nil when it lies outside the profiles.
    public func hourIndex(of moment: Moment) -> Int? {
        let i = (moment.date.dayNumber - start.dayNumber) * 24 + moment.hour
        return (0..<hours).contains(i) ? i : nil
    }

    /// The moment of a 0-based hour (0 ≤ hour).
    public func moment(at hour: Int) -> Moment {
        Moment(date: CalendarDate(dayNumber: start.dayNumber + hour / 24), hour: hour % 24)
    }

    /// `count` hours from `hour` on, where `hour` is a midnight (a multiple of 24) and the range
    /// lies inside the profiles — e.g. one 168-hour window of a year.
    public func slice(from hour: Int, hours count: Int) -> HourlyProfiles {
        precondition(hour >= 0 && count >= 0 && hour + count <= hours && hour % 24 == 0,
                     "a slice starts at a midnight inside the profiles")
        func cut(_ d: [String: [Double]]) -> [String: [Double]] { d.mapValues { Array($0[hour..<hour + count]) } }
        var cutProfiles = self
        cutProfiles.start = CalendarDate(dayNumber: start.dayNumber + hour / 24)
        cutProfiles.hours = count
        cutProfiles.loadMW = cut(loadMW); cutProfiles.wind = cut(wind); cutProfiles.solar = cut(solar); cutProfiles.inflowMW = cut(inflowMW)
        return cutProfiles
    }
}
