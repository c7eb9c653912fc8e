import Foundation
import KraftIO
import KraftScenario
@testable import KraftSim
import Testing

/// A folder of hourly CSV files read into hourly profiles: cut to the period, columns matched by
/// name, a synthetic seed standing in for what the folder lacks. (Bad input in a file:
/// KraftScenarioTests' `ProfileCSVReaderTests`.)
@Suite("Profile CSV folder")
struct ProfileCSVFolderTests {
    static let start = CalendarDate(year: 2030, month: 1, day: 1)

    /// Rows `time,SE1,SE2` for `hours` hours from `first` (a moment), value = f(hour index, zone index).
    static func rows(from first: String, hours: Int, _ f: (Int, Int) -> String) -> [String] {
        let m = Moment(parsing: first)!
        let base = m.date.dayNumber * 24 + m.hour
        return (0..<hours).map { t in "\(Moment(absoluteHour: base + t)),\(f(t, 0)),\(f(t, 1))" }
    }

    @Test("a folder of four files is read, cut to the period, columns matched by name")
    func happyPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // One hour before and after the period: ignored. CRLF line ends and spaces are accepted.
        let load = ["time, SE2 ,SE1"] + Self.rows(from: "2029-12-31T23:00", hours: 50) { t, z in "\(z == 0 ? 2000 + t : 1000 + t)" }
        try (load.joined(separator: "\r\n") + "\r\n").write(to: folder.appendingPathComponent("load.csv"), atomically: true, encoding: .utf8)
        for (name, value) in [("wind", "0.25"), ("solar", "0"), ("inflow", "1.5e3")] {
            let lines = ["time,SE1,SE2"] + Self.rows(from: "2030-01-01T00:00", hours: 48) { _, _ in value }
            try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
        }
        let weather = Weather.csv(folder: folder.path)
        let p = try HourlyProfiles.make(weather: weather, period: Period(from: Self.start, to: CalendarDate(year: 2030, month: 1, day: 2)),
                                        zones: ["SE1", "SE2"])
        #expect(p.hours == 48 && !p.isSynthetic && p.relativeLoadZones.isEmpty && p.relativeInflowZones.isEmpty)
        // Row 2030-01-01T00:00 is the second data row (t = 1): SE2 column first in the file.
        #expect(p.loadMW["SE2"]![0] == 2001 && p.loadMW["SE1"]![0] == 1001 && p.loadMW["SE1"]![47] == 1048)
        #expect(p.wind["SE1"]!.allSatisfy { $0 == 0.25 } && p.inflowMW["SE2"]![10] == 1500 && p.solar["SE2"]![5] == 0)
        #expect(p.source.contains(folder.path))
        #expect(p.loadScale(zone: "SE1", hour: 0, gridLoadMW: 500) == 1001.0 / 500)

        try FileManager.default.removeItem(at: folder.appendingPathComponent("solar.csv"))
        #expect(throws: InputError.self) { try HourlyProfiles.make(weather: weather, period: Period(from: Self.start, to: Self.start), zones: ["SE1", "SE2"]) }
        do { _ = try HourlyProfiles.make(weather: weather, period: Period(from: Self.start, to: Self.start), zones: ["SE1", "SE2"]) } catch {
            #expect(error.description == "\(folder.path)/solar.csv: cannot open file: No such file or directory")
        }
    }

    @Test("with a synthetic seed, the folder's columns and files are read and the seed's year fills the rest")
    func filledFromSyntheticSeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // load.csv has SE1 only; wind.csv has SE1 and NO1; no solar.csv, no inflow.csv.
        let hours = 48
        try (["time,SE1"] + (0..<hours).map { "\(Moment(absoluteHour: Self.start.dayNumber * 24 + $0)),\(5000 + $0)" })
            .joined(separator: "\n").write(to: folder.appendingPathComponent("load.csv"), atomically: true, encoding: .utf8)
        try (["time,NO1,SE1"] + (0..<hours).map { "\(Moment(absoluteHour: Self.start.dayNumber * 24 + $0)),0.5,0.25" })
            .joined(separator: "\n").write(to: folder.appendingPathComponent("wind.csv"), atomically: true, encoding: .utf8)
        let zones = ["NO1", "SE1", "SE2"]
        let period = Period(from: Self.start, to: CalendarDate(year: 2030, month: 1, day: 2))
        let p = try HourlyProfiles.make(weather: .csv(folder: folder.path, fillSeed: 7), period: period, zones: zones)
        let synthetic = SyntheticProfiles(seed: 7).make(start: Self.start, hours: hours, zones: zones)
        #expect(p.hours == hours && !p.isSynthetic)
        // Read: SE1's load (MW), SE1's and NO1's wind.
        #expect(p.loadMW["SE1"] == (0..<hours).map { Double(5000 + $0) } && !p.relativeLoadZones.contains("SE1"))
        #expect(p.wind["SE1"]!.allSatisfy { $0 == 0.25 } && p.wind["NO1"]!.allSatisfy { $0 == 0.5 })
        // Filled: SE2's and NO1's load (NO1 stays relative), every zone's solar and inflow, SE2's wind.
        #expect(p.loadMW["SE2"] == synthetic.loadMW["SE2"] && p.loadMW["NO1"] == synthetic.loadMW["NO1"])
        #expect(p.relativeLoadZones == ["NO1"] && p.relativeInflowZones == ["NO1"])
        #expect(p.solar == synthetic.solar && p.inflowMW == synthetic.inflowMW && p.wind["SE2"] == synthetic.wind["SE2"])
        #expect(p.source.contains("load SE1; wind NO1 SE1") && p.source.contains("(load NO1 SE2; wind SE2; solar NO1 SE1 SE2; inflow NO1 SE1 SE2)")
                && p.source.contains("synthetic (seed 7)"), "\(p.source)")
        // Without the seed, the missing column is an error, as before.
        do { _ = try HourlyProfiles.make(weather: .csv(folder: folder.path), period: period, zones: zones); Issue.record("no error") } catch {
            #expect(error.description == "\(folder.path)/load.csv:1: no column for zone NO1 (expected one column per zone of the grid: time,NO1,SE1,SE2)")
        }
        // A bad value in a file that is there is still an error with its line.
        try "time,SE1\n2030-01-01T00:00,-1\n".write(to: folder.appendingPathComponent("solar.csv"), atomically: true, encoding: .utf8)
        do { _ = try HourlyProfiles.make(weather: .csv(folder: folder.path, fillSeed: 7), period: period, zones: zones); Issue.record("no error") } catch {
            #expect(error.description.hasPrefix("\(folder.path)/solar.csv:2: SE1: -1 is negative"))
        }
    }

    @Test("a weather folder that does not exist names the command that makes it")
    func missingFolder() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-no-such-\(UUID().uuidString)").path
        let period = Period(from: Self.start, to: Self.start)
        do { _ = try HourlyProfiles.make(weather: .csv(folder: folder, fillSeed: 1, madeBy: "Tools/weather/make-history-weather 2019"),
                                         period: period, zones: ["SE1"]); Issue.record("no error") } catch {
            #expect(error.description == "\(folder): no such folder (expected a folder of hourly CSV files: make it with Tools/weather/make-history-weather 2019)")
        }
        do { _ = try HourlyProfiles.make(weather: .csv(folder: folder), period: period, zones: ["SE1"]); Issue.record("no error") } catch {
            #expect(error.description == "\(folder): no such folder (expected a folder of hourly CSV files: load.csv, wind.csv, solar.csv, inflow.csv; docs/profiles.md)")
        }
    }
}
