import Foundation
import Testing

/// `kraft sweep`: shards, failures, resuming, merging, validation and the Slurm scripts, on
/// snapshot members of the shipped Ringhals 3–4 scenario (well under a second each).
@Suite("kraft sweep")
struct SweepCommandTests {
    static let ringhals = KraftProcess.root.appendingPathComponent("Scenarios/sweden/ringhals-3-4-close-2030.toml").path

    /// 4 members: R3 closed before the moment (2029) or still running (2031) × weather seeds 1, 2.
    static let sweep = """
        name = "cli-test"
        base = "\(ringhals)"
        [run]
        at = "2030-09-15T12:00"
        [[axis]]
        key = "closure[unit=R3].date"
        values = [2029-01-01, 2031-01-01]
        [[axis]]
        key = "weather.seed"
        values = [1, 2]
        """

    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kraft-sweep-\(UUID().uuidString)").path
    }

    static func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    static func metrics(_ resultFolder: String) throws -> [String: Double] {
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: resultFolder + "/summary.json"))) as? [String: Any]
        return (summary?["metrics"] as? [String: NSNumber] ?? [:]).mapValues(\.doubleValue)
    }

    @Test("the same results whatever the number of shards, and each member equals a hand-written scenario's run")
    func shardsAgree() throws {
        let sweepFile = try KraftProcess.temporaryFile(named: "sweep.toml", Self.sweep)
        let local = Self.folder(), sharded = Self.folder()
        let all = try KraftProcess.run(["sweep", "run", sweepFile, "--local", "--jobs", "2", "--output", local])
        #expect(all.status == 0, "\(all.stdout)\(all.stderr)")
        for i in 1...3 {
            let shard = try KraftProcess.run(["sweep", "run", sweepFile, "--shard", "\(i)/3", "--output", sharded])
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        for folder in [local, sharded] { #expect(try KraftProcess.run(["sweep", "merge", folder]).status == 0) }
        let a = try String(contentsOfFile: local + "/sweep-results.csv", encoding: .utf8)
        let b = try String(contentsOfFile: sharded + "/sweep-results.csv", encoding: .utf8)
        #expect(a == b)
        let rows = Self.rows(a)
        #expect(rows.count == 4 && rows.allSatisfy { $0["status"] == "ok" })

        // Reference: the member with R3 closed in 2029 and seed 2 is the shipped scenario (R3 closed
        // 2030-01-01, both before the moment) with seed 2, written by hand with `extends`.
        let handWritten = try KraftProcess.temporaryFile(named: "seed2.toml", """
            extends = "\(Self.ringhals)"
            name = "Ringhals 3–4 close in 2030"
            [weather]
            source = "synthetic"
            seed = 2
            """)
        let reference = Self.folder()
        #expect(try KraftProcess.run(["run", handWritten, "--at", "2030-09-15T12:00", "--output", reference]).status == 0)
        let expected = try Self.metrics(reference)
        let member = try #require(rows.first { $0["closure[unit=R3].date"] == "2029-01-01" && $0["weather.seed"] == "2" })
        #expect(try Self.metrics(local + "/members/" + member["member"]!) == expected)
        #expect(!expected.isEmpty && expected["nonconverged_hours"] == 0)
        // With R3 still running (mid-September, outside its refuelling outage), SE3 produces
        // 649–1,081 MW more (R3 between its minimum and its capacity): it imports less.
        let running = try #require(rows.first { $0["closure[unit=R3].date"] == "2031-01-01" && $0["weather.seed"] == "2" })
        // One hour: TWh × 10⁶ is MW.
        let gain = (Double(member["net_import_se3_twh"]!)! - Double(running["net_import_se3_twh"]!)!) * 1e6
        #expect(gain > 500 && gain < 1200, "SE3 net export rises by \(gain) MW with R3 in service")

        // The merge's paired differences: R3 running (2031) − closed (2029) under the same seed,
        // exactly the two members' own figures subtracted; one pair per seed.
        let pairs = Self.rows(try String(contentsOfFile: local + "/sweep-pairs.csv", encoding: .utf8))
        let closure = pairs.filter { $0["axis"] == "1" && $0["metric"] == "net_import_se3_twh" }
        #expect(closure.map { $0["context"] } == ["weather.seed = 1", "weather.seed = 2"])
        let seed2 = try #require(closure.last)
        #expect(seed2["from_member"] == member["member"] && seed2["to_member"] == running["member"])
        #expect(Double(seed2["difference"]!)! == Double(running["net_import_se3_twh"]!)! - Double(member["net_import_se3_twh"]!)!)
        let report = try String(contentsOfFile: local + "/sweep-report.txt", encoding: .utf8)
        #expect(report.contains("2031-01-01 − 2029-01-01: 2 pairs of members with the same weather.seed"))
    }

    @Test("a member with a bad override fails alone, with its error recorded and merged")
    func badMember() throws {
        let sweepFile = try KraftProcess.temporaryFile(named: "sweep.toml", """
            base = "\(Self.ringhals)"
            [run]
            at = "2030-09-15T12:00"
            [[member]]
            "weather.seed" = 1
            [[member]]
            "weather.seed" = -3
            [[member]]
            "weather.seed" = 2
            """)
        let out = Self.folder()
        let run = try KraftProcess.run(["sweep", "run", sweepFile, "--local", "--output", out])
        #expect(run.status == 1)
        let merge = try KraftProcess.run(["sweep", "merge", out])
        #expect(merge.status == 1)
        let rows = Self.rows(try String(contentsOfFile: out + "/sweep-results.csv", encoding: .utf8))
        #expect(rows.map { $0["status"] } == ["ok", "failed", "ok"])
        let bad = rows[1]["member"]!
        let record = try String(contentsOfFile: "\(out)/members/\(bad).failed", encoding: .utf8)
        #expect(record.contains("exited with status 2") && record.contains("weather.seed: is -3 (expected 0 to 2147483647)"))
        #expect(merge.stderr.contains("\(bad): failed: kraft run exited with status 2"))
        #expect(try String(contentsOfFile: out + "/sweep-report.txt", encoding: .utf8).contains("1 failed"))
    }

    @Test("a killed shard re-run completes only the missing members and clears what was left half-written")
    func resume() throws {
        let sweepFile = try KraftProcess.temporaryFile(named: "sweep.toml", Self.sweep)
        let out = Self.folder()
        // Shard 1 of 2 completes members 1 and 3: the part that finished before the kill.
        #expect(try KraftProcess.run(["sweep", "run", sweepFile, "--shard", "1/2", "--output", out]).status == 0)
        let members = try FileManager.default.contentsOfDirectory(atPath: out + "/members")
        let done = members.filter { !$0.contains(".") }.sorted()
        #expect(done.count == 2)
        try "untouched".write(toFile: "\(out)/members/\(done[0])/marker", atomically: true, encoding: .utf8)
        // What a kill leaves: a staging folder of member 2 and a result folder of member 4 without manifest.
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/sweep.json"))) as? [String: Any]
        let all = (plan?["members"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(all.count == 4)
        try FileManager.default.createDirectory(atPath: "\(out)/members/.\(all[1]).partial-1234/x", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(out)/members/\(all[3])", withIntermediateDirectories: true)
        try "half".write(toFile: "\(out)/members/\(all[3])/summary.json", atomically: true, encoding: .utf8)

        let again = try KraftProcess.run(["sweep", "run", sweepFile, "--local", "--output", out])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("4 members, 2 already complete, 2 to run"))
        #expect(!again.stdout.contains("\(done[0]): complete") && !again.stdout.contains("\(done[1]): complete"))
        #expect(again.stdout.contains("\(all[1]): complete") && again.stdout.contains("\(all[3]): complete"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/members/\(done[0])/marker"), "a complete member is not run again")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/members/.\(all[1]).partial-1234"))
        #expect(try KraftProcess.run(["sweep", "merge", out]).status == 0)
        // A different sweep in the same folder is refused rather than mixed in.
        let other = try KraftProcess.temporaryFile(named: "sweep.toml", Self.sweep.replacingOccurrences(of: "values = [1, 2]", with: "values = [1, 3]"))
        let refused = try KraftProcess.run(["sweep", "run", other, "--local", "--output", out])
        #expect(refused.status == 2 && refused.stderr.contains("holds a different sweep"))
    }

    @Test("validate checks sweep files: a key that does not exist is named with its place")
    func validate() throws {
        let sweepFile = try KraftProcess.temporaryFile(named: "sweep.toml", Self.sweep.replacingOccurrences(of: "weather.seed", with: "weather.sed"))
        let v = try KraftProcess.run(["validate", sweepFile])
        #expect(v.status == 2)
        #expect(v.stderr.contains("\(sweepFile): axis[2].key: weather.sed does not exist in the scenario (weather has: seed, source)"))
        let good = try KraftProcess.temporaryFile(named: "sweep.toml", Self.sweep)
        #expect(try KraftProcess.run(["validate", good]).status == 0)
    }

    @Test("plan deals members round-robin; slurm writes an array of shards and a merge job")
    func planAndSlurm() throws {
        let sweepFile = try KraftProcess.temporaryFile(named: "sweep.toml", Self.sweep)
        let plan = try KraftProcess.run(["sweep", "plan", sweepFile, "--shards", "3"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("4 members") && plan.stdout.contains("1/3") && plan.stdout.contains("3/3"))
        let out = Self.folder()
        let slurm = try KraftProcess.run(["sweep", "slurm", sweepFile, "--shards", "2", "--partition", "long", "--time", "01:00:00", "--mem", "2G", "--output", out])
        #expect(slurm.status == 0, "\(slurm.stderr)")
        let array = try String(contentsOfFile: out + "/slurm/array.sbatch", encoding: .utf8)
        #expect(array.contains("#SBATCH --array=1-2") && array.contains("#SBATCH --partition=long") && array.contains("#SBATCH --mem=2G"))
        #expect(array.contains("sweep run \(sweepFile) --shard \"$SLURM_ARRAY_TASK_ID/2\""))
        #expect(try String(contentsOfFile: out + "/slurm/merge.sbatch", encoding: .utf8).contains("sweep merge \(out)"))
    }

    @Test("a control character in the sweep file's path or any option written into the scripts is refused (exit 2, naming it), nothing written")
    func slurmInjection() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-sweep-\(UUID().uuidString)\nsqueue --me\n#")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sweepFile = dir.appendingPathComponent("sweep.toml").path
        try Self.sweep.write(toFile: sweepFile, atomically: true, encoding: .utf8)
        let out = Self.folder()
        let bad = try KraftProcess.run(["sweep", "slurm", sweepFile, "--shards", "2", "--output", out])
        #expect(bad.status == 2, "\(bad.stderr)")
        #expect(bad.stderr.contains("the sweep file's path contains the control character U+000A"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/slurm/array.sbatch"))

        let good = try KraftProcess.temporaryFile(named: "sweep.toml", Self.sweep)
        for (option, value, message) in [("--partition", "long\nrm -rf ~", "--partition contains the control character U+000A"),
                                         ("--time", "01:00:00\r", "--time contains the control character U+000D"),
                                         ("--mem", "2G extra", "--mem is \"2G extra\" (expected letters, digits"),
                                         ("--output", out + "\nx", "--output contains the control character U+000A")] {
            var arguments = ["sweep", "slurm", good, "--shards", "2", option, value]
            if option != "--output" { arguments += ["--output", out] }
            let run = try KraftProcess.run(arguments)
            #expect(run.status == 2, "\(option): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(option): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/slurm/array.sbatch"))
        }
        // A path with a space and a quote is fine: quoted for the shell on every shell line.
        let spaced = FileManager.default.temporaryDirectory.appendingPathComponent("kraft sweep it's \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: spaced, withIntermediateDirectories: true)
        let spacedFile = spaced.appendingPathComponent("sweep.toml").path
        try Self.sweep.write(toFile: spacedFile, atomically: true, encoding: .utf8)
        let ok = try KraftProcess.run(["sweep", "slurm", spacedFile, "--shards", "2", "--output", out])
        #expect(ok.status == 0, "\(ok.stderr)")
        let array = try String(contentsOfFile: out + "/slurm/array.sbatch", encoding: .utf8)
        let quoted = "'" + spacedFile.replacingOccurrences(of: "'", with: "'\\''") + "'"
        #expect(array.contains("sweep run \(quoted) --shard"), "\(array)")
        #expect(array.contains("# Written by kraft sweep slurm for \(quoted)\n"), "\(array)")
    }
}
