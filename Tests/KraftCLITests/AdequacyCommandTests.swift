import Foundation
import Testing

/// `kraft adequacy`: output formats and keys, the same samples for any --threads, bad input and
/// usage errors, no half-written output, and a sweep that shards the samples and merges them into
/// exactly what one local run of the same samples prints. On a three-zone 9-bus test system
/// (Tests/Fixtures/scenarios/case9-adequacy.toml) that sheds load often, so every figure is non-zero.
@Suite("kraft adequacy")
struct AdequacyCommandTests {
    static let scenario = KraftProcess.root.appendingPathComponent("Tests/Fixtures/scenarios/case9-adequacy.toml").path

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("JSON has samples, zones.<Z>.lole_h, lole_ci95, eens_mwh, eens_ci95 and the same under sweden; identical for 1 and 3 threads")
    func jsonAndThreads() throws {
        let one = try KraftProcess.run(["adequacy", Self.scenario, "--samples", "5", "--threads", "1", "--format", "json"])
        let three = try KraftProcess.run(["adequacy", Self.scenario, "--samples", "5", "--threads", "3", "--format", "json"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == three.stdout)
        let j = try Self.json(one.stdout)
        #expect(j["samples"] as? Int == 5)
        let zones = try #require(j["zones"] as? [String: [String: Any]])
        #expect(Set(zones.keys) == ["A", "B", "C"])
        for area in Array(zones.values) + [try #require(j["sweden"] as? [String: Any])] {
            let lole = try #require(area["lole_h"] as? Double), eens = try #require(area["eens_mwh"] as? Double)
            let loleCI = try #require(area["lole_ci95"] as? [Double]), eensCI = try #require(area["eens_ci95"] as? [Double])
            #expect(loleCI.count == 2 && loleCI[0] <= lole && lole <= loleCI[1])
            #expect(eensCI.count == 2 && eensCI[0] <= eens && eens <= eensCI[1])
        }
        #expect((zones["A"]?["lole_h"] as? Double ?? 0) > 0, "the test system sheds load in A")
        // CSV: a row per zone and Sweden, the same numbers as the JSON.
        let csv = try KraftProcess.run(["adequacy", Self.scenario, "--samples", "5", "--format", "csv"])
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 5 && rows[1][0] == "A")
        #expect(Double(rows[1][2]) == zones["A"]?["lole_h"] as? Double)
    }

    @Test("bad input and usage: exit 2 naming the file or key, 64 for a malformed option; a failed write leaves no file")
    func badInput() throws {
        let missing = try KraftProcess.run(["adequacy", "/nonexistent/scenario.toml"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/scenario.toml"))
        let usage = try KraftProcess.run(["adequacy", Self.scenario, "--samples", "0"])
        #expect(usage.status == 64 && usage.stderr.contains("--samples"))
        let badKey = try KraftProcess.temporaryFile(named: "bad.toml", """
            extends = "\(Self.scenario)"
            [adequacy]
            import_share = 1.5
            [adequacy.forced_outage.fusion]
            rate = 0.1
            """)
        let bad = try KraftProcess.run(["adequacy", badKey])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("adequacy.import_share") && bad.stderr.contains("adequacy.forced_outage.fusion"), "\(bad.stderr)")
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-folder-\(UUID().uuidString)/out.json").path
        let unwritable = try KraftProcess.run(["adequacy", Self.scenario, "--samples", "2", "--format", "json", "--output", target])
        #expect(unwritable.status == 2)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("a sweep shards the samples over members (adequacy.first_sample) and merges them into what one local run prints")
    func sweepMergeEqualsLocal() throws {
        let base = try KraftProcess.temporaryFile(named: "base.toml", """
            extends = "\(Self.scenario)"
            [adequacy]
            samples = 3
            first_sample = 0
            """)
        let sweepFile = try KraftProcess.temporaryFile(named: "adequacy-sweep.toml", """
            name = "adequacy shards"
            base = "\(base)"
            [run]
            command = "adequacy"
            [[axis]]
            key = "adequacy.first_sample"
            values = [0, 3, 6]
            """)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-adequacy-sweep-\(UUID().uuidString)").path
        for i in 1...2 {
            let shard = try KraftProcess.run(["sweep", "run", sweepFile, "--shard", "\(i)/2", "--output", folder])
            #expect(shard.status == 0, "\(shard.stdout)\(shard.stderr)")
        }
        let merge = try KraftProcess.run(["sweep", "merge", folder])
        #expect(merge.status == 0, "\(merge.stderr)")
        let local = try KraftProcess.run(["adequacy", base, "--samples", "9", "--first-sample", "0", "--format", "json"])
        let merged = try String(contentsOfFile: folder + "/adequacy.json", encoding: .utf8)
        #expect(merged == local.stdout)
        #expect(try Self.json(merged)["samples"] as? Int == 9)
        // With one member missing, the merge says so (exit 1) and merges the rest.
        let partial = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-adequacy-sweep-\(UUID().uuidString)").path
        #expect(try KraftProcess.run(["sweep", "run", sweepFile, "--shard", "1/2", "--output", partial]).status == 0)
        let some = try KraftProcess.run(["sweep", "merge", partial])
        #expect(some.status == 1 && some.stderr.contains("not run yet"))
        #expect(try Self.json(String(contentsOfFile: partial + "/adequacy.json", encoding: .utf8))["samples"] as? Int == 6)
    }

    @Test("--against: on the same samples a scenario against itself differs by exactly 0; closing a unit raises LOLE by a real difference, scenario − base")
    func against() throws {
        let same = try KraftProcess.run(["adequacy", Self.scenario, "--samples", "4", "--against", Self.scenario, "--format", "json"])
        #expect(same.status == 0, "\(same.stderr)")
        let s = try #require(try Self.json(same.stdout)["against"] as? [String: Any])
        for (_, area) in try #require(s["zones"] as? [String: [String: Any]]) {
            #expect(area["lole_difference_h"] as? Double == 0 && (area["lole_difference_ci95"] as? [NSNumber])?.map(\.doubleValue) == [0, 0])
        }
        let closed = try KraftProcess.temporaryFile(named: "closed.toml", """
            extends = "\(Self.scenario)"
            name = "G3 closed"
            [[closure]]
            unit = "G3"
            date = 2030-01-01
            """)
        let run = try KraftProcess.run(["adequacy", closed, "--samples", "4", "--against", Self.scenario, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run.stdout)
        let zones = try #require(j["zones"] as? [String: [String: Any]])
        let base = try #require((j["against"] as? [String: Any])?["zones"] as? [String: [String: Any]])
        let c = try #require(base["C"]), lole = try #require(zones["C"]?["lole_h"] as? Double)
        let baseLOLE = try #require(c["lole_h"] as? Double), difference = try #require(c["lole_difference_h"] as? Double)
        #expect(abs(difference - (lole - baseLOLE)) < 1e-9)
        #expect(difference > 0 && c["difference_is_real"] as? Bool == true)
        let mismatch = try KraftProcess.run(["adequacy", closed, "--samples", "2", "--against", KraftProcess.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path])
        #expect(mismatch.status == 2 && mismatch.stderr.contains("same grid"))
    }
}
