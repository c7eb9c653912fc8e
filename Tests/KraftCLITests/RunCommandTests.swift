import Foundation
import Testing

/// `kraft run --at`: the summary, the result folder, and the errors.
@Suite("kraft run")
struct RunCommandTests {
    static let scenario = KraftProcess.root.appendingPathComponent("Scenarios/sweden/ringhals-3-4-close-2030.toml").path

    static func freshFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kraft-run-\(UUID().uuidString)").path
    }

    @Test("writes the result folder and prints the zone summary")
    func snapshot() throws {
        let folder = Self.freshFolder()
        let run = try KraftProcess.run(["run", Self.scenario, "--at", "2030-01-15T08:00", "--output", folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Ringhals 3–4 close in 2030 at 2030-01-15T08:00 (synthetic weather)"))
        #expect(run.stdout.contains("SE2-SE3"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["branches.csv", "buses.csv", "manifest.json", "scenario.json", "summary.json", "zones.csv"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
        #expect(summary["synthetic_weather"] as? Bool == true)
        #expect((summary["inputs"] as? [[String: Any]])?.count == 4)
        let zones = try String(contentsOfFile: folder + "/zones.csv", encoding: .utf8).split(separator: "\n")
        #expect(zones.count == 11, "header and ten zones")
        let text = try String(contentsOfFile: folder + "/summary.json", encoding: .utf8)
        #expect(!text.contains("nan") && !text.contains("NaN"))
    }

    @Test("an existing output folder is refused and left alone; a bad time is a usage error; a bad scenario is bad input")
    func errors() throws {
        let folder = Self.freshFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "keep".write(toFile: folder + "/mine.txt", atomically: true, encoding: .utf8)
        let exists = try KraftProcess.run(["run", Self.scenario, "--at", "2030-01-15T08:00", "--output", folder])
        #expect(exists.status == 2)
        #expect(exists.stderr.contains("already exists"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["mine.txt"])
        let badTime = try KraftProcess.run(["run", Self.scenario, "--at", "2030-01-15 08:00"])
        #expect(badTime.status == 64)
        let broken = try KraftProcess.temporaryFile(named: "s.toml", "name = \"x\"\nsurprise = 1\n")
        let bad = try KraftProcess.run(["run", broken, "--at", "2030-01-15T08:00", "--output", Self.freshFolder()])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(broken): surprise: is not a known key here"))
    }
}
