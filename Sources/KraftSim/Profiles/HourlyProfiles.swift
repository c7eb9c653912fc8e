import KraftScenario

/// A year (or a stated period) of hourly profiles per zone: the weather and demand a run is
/// driven by. Read from CSV files (`ProfileCSVReader`) or made by the seeded, calibrated
/// `SyntheticProfiles`; `isSynthetic` travels into every output made from it.
public struct HourlyProfiles: Sendable {
    /// First hour is `start` 00:00 local time; `hours` consecutive hours follow.
    public var start: CalendarDate
    public var hours: Int
    public var zones: [String]
    public var isSynthetic: Bool
    /// One line for reports: "synthetic (seed 2025), calibrated to ..." or "CSV folder ...".
    public var source: String
    /// Per zone, `hours` values each.
    /// Demand, MW.
    public var loadMW: [String: [Double]]
    /// Wind availability, 0…1 of installed capacity.
    public var wind: [String: [Double]]
    /// Solar availability, 0…1 of installed capacity.
    public var solar: [String: [Double]]
    /// Hydro inflow (run-of-river plus reservoir inflow) as available energy per hour, MW.
    public var inflowMW: [String: [Double]]

    public init(start: CalendarDate, hours: Int, zones: [String], isSynthetic: Bool, source: String,
                loadMW: [String: [Double]], wind: [String: [Double]], solar: [String: [Double]],
                inflowMW: [String: [Double]]) {
        self.start = start; self.hours = hours; self.zones = zones; self.isSynthetic = isSynthetic
        self.source = source; self.loadMW = loadMW; self.wind = wind; self.solar = solar; self.inflowMW = inflowMW
    }
}
