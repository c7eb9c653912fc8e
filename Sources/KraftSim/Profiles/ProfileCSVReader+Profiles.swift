import KraftIO
import KraftScenario

extension ProfileCSVReader {
    /// The four files of `folder`, each cut to `hours` hours from `start` 00:00, for `zones`, as
    /// hourly profiles (KraftScenario's `ProfileCSVReader` reads the files). With `fill`, a file or
    /// zone column the folder lacks comes from that synthetic year, and the profiles' `source`
    /// names what was read and what stands in. `madeBy` is named when the folder does not exist.
    /// Throws the first problem; `problems` lists them all.
    public static func read(folder: String, start: CalendarDate, hours: Int, zones: [String],
                            fill: SyntheticProfiles? = nil, madeBy: String? = nil) throws(InputError) -> HourlyProfiles {
        let series = try series(folder: folder, start: start, hours: hours, zones: zones, filled: fill != nil, madeBy: madeBy)
        guard let fill else {
            return HourlyProfiles(start: start, hours: hours, zones: zones, isSynthetic: false,
                                  source: "CSV folder \(folder) (load.csv, wind.csv, solar.csv, inflow.csv)",
                                  loadMW: series[.load]!, wind: series[.wind]!, solar: series[.solar]!, inflowMW: series[.inflow]!)
        }
        var p = fill.make(start: start, hours: hours, zones: zones)
        let synthetic = p.source
        p.isSynthetic = false
        for (z, v) in series[.load]! { p.loadMW[z] = v; p.relativeLoadZones.remove(z) }
        for (z, v) in series[.wind]! { p.wind[z] = v }
        for (z, v) in series[.solar]! { p.solar[z] = v }
        for (z, v) in series[.inflow]! { p.inflowMW[z] = v; p.relativeInflowZones.remove(z) }
        func list(_ q: Quantity, read: Bool) -> String? {
            let z = zones.filter { (series[q]![$0] != nil) == read }
            return z.isEmpty ? nil : "\(q.rawValue) \(z.joined(separator: " "))"
        }
        let real = Quantity.allCases.compactMap { list($0, read: true) }, standIn = Quantity.allCases.compactMap { list($0, read: false) }
        p.source = "CSV folder \(folder) (\(real.isEmpty ? "nothing read" : real.joined(separator: "; ")))"
            + (standIn.isEmpty ? "" : "; standing in where it has no series (\(standIn.joined(separator: "; "))): \(synthetic)")
        return p
    }
}
