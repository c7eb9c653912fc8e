import Foundation
import Testing

/// `kraft validate` on the shipped scenarios and on a broken one.
@Suite("kraft validate")
struct ValidateCommandTests {
    static let shipped = ["base-2025", "ringhals-3-4-close-2030", "oskarshamn-3-close-2035", "forsmark-close-2040",
                          "datacentres-2030", "high-der-2035"].map {
        KraftProcess.root.appendingPathComponent("Scenarios/sweden/\($0).toml").path
    }

    @Test("every shipped Swedish scenario is valid")
    func shippedScenarios() throws {
        let run = try KraftProcess.run(["validate"] + Self.shipped)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == Self.shipped.count)
        #expect(run.stderr.isEmpty)
    }

    @Test("every problem of a broken file is printed, then the count; exit 2")
    func broken() throws {
        let text = try String(contentsOfFile: Self.shipped[1], encoding: .utf8)
            .replacingOccurrences(of: "unit = \"R3\"", with: "unit = \"R5\"")
            .replacingOccurrences(of: "year = 2030", with: "year = 2030\nhours = 24")
            .replacingOccurrences(of: "extends = \"base-2025.toml\"", with: "extends = \"\(Self.shipped[0])\"")
        let path = try KraftProcess.temporaryFile(named: "broken.toml", text)
        let run = try KraftProcess.run(["validate", path])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(path): period.hours: is not a known key here"))
        #expect(lines.contains { $0.hasPrefix("\(path): closure[1].unit: is \"R5\", not a unit of the fleet (expected one of F1, F2, F3, Karlshamn, O1") })
        #expect(lines.last == "2 problems found")
    }

    /// A scenario on a weather folder of one week (SE1-SE4 load only, the rest from a seed).
    static func weekOfWeather(_ edit: (inout [String]) -> Void = { _ in }) throws -> (scenario: String, folder: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-week-\(UUID().uuidString)")
        let weather = dir.appendingPathComponent("weather")
        try FileManager.default.createDirectory(at: weather, withIntermediateDirectories: true)
        var lines = ["time,SE1,SE2,SE3,SE4"]
        for h in 0..<168 { lines.append(String(format: "2025-01-%02dT%02d:00,1200,1800,11000,2900", 6 + h / 24, h % 24)) }
        edit(&lines)
        try (lines.joined(separator: "\n") + "\n").write(to: weather.appendingPathComponent("load.csv"), atomically: true, encoding: .utf8)
        let scenario = dir.appendingPathComponent("week.toml").path
        try """
            extends = "\(Self.shipped[0])"
            name = "one week of weather"
            [period]
            from = 2025-01-06
            to = 2025-01-12
            [weather]
            source = "csv"
            folder = "weather"
            synthetic_seed = 3
            """.write(toFile: scenario, atomically: true, encoding: .utf8)
        return (scenario, weather)
    }

    @Test("a weather folder covering only the period is valid and runs; the week's own load is what the run serves")
    func weekFolder() throws {
        let (scenario, _) = try Self.weekOfWeather()
        let valid = try KraftProcess.run(["validate", scenario])
        #expect(valid.status == 0 && valid.stderr.isEmpty, "\(valid.stderr)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-week-run-\(UUID().uuidString)").path
        let run = try KraftProcess.run(["run", scenario, "--output", folder])
        #expect(run.status == 0, "\(run.stderr)")
        // Sweden's load is the file's: 16 900 MW every hour.
        let zones = try String(contentsOfFile: folder + "/zones.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let sweden = zones.filter { $0.contains(",SE") }.map { Double($0.split(separator: ",")[3])! }
        #expect(sweden.count == 168 * 4 && abs(sweden.reduce(0, +) / 168 - 16900) < 1e-6)
    }

    @Test("validate reads the weather folder as the run would and prints every problem at once")
    func brokenWeather() throws {
        let (scenario, weather) = try Self.weekOfWeather { lines in
            lines[3] = "2025-01-06T02:00,1200,-5,11000,2900"      // negative load
            lines[10] = "2025-01-06T09:00,1200,1800,abc,2900"    // not a number
            lines.remove(at: 50)                                  // an hour missing
        }
        try "time,SE1,SE9\n".write(to: weather.appendingPathComponent("wind.csv"), atomically: true, encoding: .utf8)
        let run = try KraftProcess.run(["validate", scenario])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let load = weather.appendingPathComponent("load.csv").path, wind = weather.appendingPathComponent("wind.csv").path
        #expect(lines == ["\(load):4: SE2: -5 is negative (expected demand in MW, from 0 to 1000000)",
                          "\(load):11: SE3: 'abc' is not a number (expected demand in MW, from 0 to 1000000)",
                          "\(load):51: hour 2025-01-08T02:00 follows 2025-01-08T00:00: 1 hour missing (expected one row per hour)",
                          "\(wind):1: unknown zone column 'SE9' (expected zones of the grid: FI, NO1, NO2, NO3, NO4, NO5, SE1, SE2, SE3, SE4)",
                          "4 problems found"], "\(lines)")
    }
}
