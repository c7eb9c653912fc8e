import Foundation
import Testing

/// `kraft profiles export`: the profiles a run uses as a CSV folder, and a run on it.
@Suite("kraft profiles export")
struct ProfilesCommandTests {
    static let base = KraftProcess.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path

    static func fresh(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kraft-\(name)-\(UUID().uuidString)").path
    }

    /// Per zone and hour, the load and the generation columns of a result folder's zones.csv.
    static func zoneRows(_ folder: String) throws -> [String: [Double]] {
        var rows = [String: [Double]]()
        for line in try String(contentsOfFile: folder + "/zones.csv", encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            rows["\(f[0]),\(f[2])"] = f[3...11].map { Double($0)! }
        }
        return rows
    }

    @Test("the export is the scenario's own weather: a week run on it equals the week run on the synthetic year")
    func roundTrip() throws {
        let folder = Self.fresh("profiles")
        let export = try KraftProcess.run(["profiles", "export", Self.base, "--output", folder])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["inflow.csv", "load.csv", "solar.csv", "wind.csv"])
        let load = try String(contentsOfFile: folder + "/load.csv", encoding: .utf8).split(separator: "\n")
        #expect(load.count == 8761 && load[0] == "time,FI,NO1,NO2,NO3,NO4,NO5,SE1,SE2,SE3,SE4" && load[1].hasPrefix("2025-01-01T00:00,"))
        // Norway's load is in MW now (the synthetic year keeps it as a factor of about 1 on the grid's loads).
        let no1 = load.dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(no1.reduce(0, +) / Double(no1.count) > 1000, "NO1 mean \(no1.reduce(0, +) / Double(no1.count)) MW")

        let own = Self.fresh("run-own"), read = Self.fresh("run-read")
        let week = ["--from", "2025-01-06", "--to", "2025-01-12"]
        #expect(try KraftProcess.run(["run", Self.base, "--output", own] + week).status == 0)
        let run = try KraftProcess.run(["run", Self.base, "--weather", "csv:" + folder, "--output", read] + week)
        #expect(run.status == 0, "\(run.stderr)")
        let a = try Self.zoneRows(own), b = try Self.zoneRows(read)
        #expect(a.count == 168 * 10 && Set(a.keys) == Set(b.keys))
        // Loads to the file's rounding; generation by technology to a millionth of the load (the
        // inputs differ by their last printed decimal, the dispatch may settle a hair apart).
        for (key, x) in a {
            let y = b[key]!
            #expect(abs(x[0] - y[0]) < 0.01, "\(key): load \(x[0]) against \(y[0])")
            for i in 1..<x.count { #expect(abs(x[i] - y[i]) < 1e-3 * max(x[0], 100), "\(key): column \(i) \(x[i]) against \(y[i])") }
        }
        // The folder appears whole or not at all; an existing one is refused.
        let again = try KraftProcess.run(["profiles", "export", Self.base, "--output", folder])
        #expect(again.status == 2 && again.stderr.contains("already exists"))
    }
}
