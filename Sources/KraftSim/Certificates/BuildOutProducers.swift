import KraftScenario

/// Turns a certificate run's build-out into distributed producers for a grid scenario: one
/// producer per zone, technology and commissioning year, in service from 1 January of that year,
/// spread over the zone's buses by the scenario's rule, curtailable.
public enum BuildOutProducers {
    /// Capacity that yields `twh` a year at `capacityFactor`: TWh × 10⁶ / (8760 h × factor), MW.
    public static func capacityMW(twh: Double, capacityFactor: Double) -> Double {
        twh * 1e6 / (8760 * capacityFactor)
    }

    /// Plants commissioned in `years` in the grid's `zones` (others, e.g. Norway, are left out).
    public static func producers(_ run: CertificateRun, years: ClosedRange<Int>, zones: Set<String>,
                                 spread: Producer.Spread, file: String) -> [Producer] {
        struct Key: Hashable { var zone: String; var technology: Producer.Technology; var year: Int }
        var mw = [Key: Double]()
        for b in run.built where years.contains(b.year) && zones.contains(b.zone) {
            mw[Key(zone: b.zone, technology: b.technology, year: b.year), default: 0] +=
                capacityMW(twh: b.twh, capacityFactor: b.capacityFactor)
        }
        let keys = mw.keys.sorted { ($0.year, $0.zone, $0.technology.rawValue) < ($1.year, $1.zone, $1.technology.rawValue) }
        return keys.enumerated().map { i, k in
            Producer(technology: k.technology, location: .zone(k.zone), capacityMW: mw[k]!, spread: spread,
                     curtailable: true, from: CalendarDate(year: k.year, month: 1, day: 1),
                     origin: Origin(file: file, keyPath: "producer[\(i + 1)]"))
        }
    }
}
