import Foundation
import KraftCore
import KraftScenario

/// The hourly profiles a run uses, in the CSV folder format (docs/profiles.md), every zone in MW:
/// what `kraft profiles export` writes, a template a user fills with measured series. Reading
/// the files back gives the same run.
public enum ProfileExport {
    /// `profiles` with the relative zones (Norway's and Finland's synthetic load and inflow)
    /// turned into MW on this scenario's grid and fleet: load = factor × the zone's load in the
    /// grid file, inflow = share × the zone's hydro capacity, scaled to the fleet's annual inflow
    /// as a run scales it.
    public static func inMW(_ profiles: HourlyProfiles, scenario: Scenario, network: Network, sidecar: GridSidecar?) -> HourlyProfiles {
        let maker = HourInputMaker(grid: StudyGrid.build(scenario: scenario, network: network, sidecar: sidecar), profiles: profiles)
        var p = profiles
        for zone in profiles.relativeLoadZones {
            let grid = maker.gridZoneLoadMW[zone] ?? 0
            p.loadMW[zone] = profiles.loadMW[zone]?.map { $0 * grid }
        }
        for zone in profiles.inflowMW.keys {
            p.inflowMW[zone] = (0..<profiles.hours).map { maker.inflowMW(zone: zone, hour: $0) }
        }
        p.relativeLoadZones = []
        p.relativeInflowZones = []
        return p
    }

    /// The four files' text by file name: `time,ZONE,...` then one row per hour, MW with four
    /// decimals, availabilities with six.
    public static func files(_ p: HourlyProfiles) -> [String: String] {
        precondition(p.relativeLoadZones.isEmpty && p.relativeInflowZones.isEmpty, "relative zones are turned into MW first (inMW)")
        let zones = p.zones.sorted()
        func text(_ series: [String: [Double]], digits: Int) -> String {
            var out = "time," + zones.joined(separator: ",") + "\n"
            out.reserveCapacity(p.hours * (18 + zones.count * (digits + 8)))
            for h in 0..<p.hours {
                out += p.moment(at: h).description
                for z in zones { out += "," + fixed(series[z]?[h] ?? 0, digits) }
                out += "\n"
            }
            return out
        }
        return ["load.csv": text(p.loadMW, digits: 4), "wind.csv": text(p.wind, digits: 6),
                "solar.csv": text(p.solar, digits: 6), "inflow.csv": text(p.inflowMW, digits: 4)]
    }

    /// `x` with `digits` decimals (0 to 6), without a minus sign on a rounded zero: a value that
    /// rounds to zero is written as 0, any other is at least one unit of the last decimal.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        let r = (x * powersOfTen[digits]).rounded() / powersOfTen[digits]
        return String(format: "%.\(digits)f", r == 0 ? 0 : r)
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1000, 1e4, 1e5, 1e6]
}
