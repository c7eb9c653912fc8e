import KraftIO
import KraftScenario

extension HourlyProfiles {
    /// The profiles a run is driven by: the scenario's `[weather]` — a CSV folder
    /// (`ProfileCSVReader`) or the seeded synthetic generator (`SyntheticProfiles`, calibrated to
    /// `ProfileTargets.sweden`) — for every hour of `period` (8,760 h, 8,784 h in a leap year, or
    /// any span of whole days) and the grid's `zones`. Throws the CSV reader's `InputError`.
    public static func make(weather: Weather, period: Period, zones: [String]) throws(InputError) -> HourlyProfiles {
        switch weather {
        case .synthetic(let seed):
            SyntheticProfiles(seed: seed).make(start: period.from, hours: period.hours, zones: zones)
        case .csv(let folder, let fill, let madeBy):
            try ProfileCSVReader.read(folder: folder, start: period.from, hours: period.hours, zones: zones,
                                      fill: fill.map { SyntheticProfiles(seed: $0) }, madeBy: madeBy)
        }
    }
}
