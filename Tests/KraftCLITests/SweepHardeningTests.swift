import Foundation
import Testing

/// `kraft sweep merge` and `kraft run` against hostile or interrupted output folders (issue #15):
/// plans whose member ids are paths or repeat, merges that cannot finish, leftovers of killed runs.
@Suite("kraft sweep and run hardening")
struct SweepHardeningTests {
    static func plan(name: String = "p", ids: [String]) -> String {
        let members = ids.enumerated().map { "{\"index\":\($0.offset + 1),\"id\":\"\($0.element)\",\"values\":{\"weather.seed\":\"\($0.offset + 1)\"}}" }
        return "{\"format\":\"kraft-sweep\",\"version\":1,\"name\":\"\(name)\",\"keys\":[\"weather.seed\"],\"members\":[\(members.joined(separator: ","))]}\n"
    }

    static func folder(plan: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-hard-\(UUID().uuidString)/sw").path
        try FileManager.default.createDirectory(atPath: dir + "/members", withIntermediateDirectories: true)
        try plan.write(toFile: dir + "/sweep.json", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("merge refuses member ids that are paths, not of Kraft's form, or repeated (exit 2, naming the id)")
    func memberIDs() throws {
        for (ids, expected) in [(["../../x"], "members: id \"../../x\" is not a member id"),
                                (["0001-1a2b3c4d/../../../etc"], "is not a member id"),
                                (["/etc/passwd"], "is not a member id"),
                                (["0001-1A2B3C4D"], "is not a member id"),
                                (["0001-1a2b3c4d", "0001-1a2b3c4d"], "members: id 0001-1a2b3c4d appears more than once")] {
            let dir = try Self.folder(plan: Self.plan(ids: ids))
            let r = try KraftProcess.run(["sweep", "merge", dir])
            #expect(r.status == 2 && r.stderr.contains(expected), "\(ids): \(r.status) \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/sweep-results.csv"))
        }
        let ok = try Self.folder(plan: Self.plan(ids: ["0001-1a2b3c4d", "0002-00ff00ff"]))
        let r = try KraftProcess.run(["sweep", "merge", ok])
        #expect(r.status == 1 && r.stderr.contains("0002-00ff00ff: missing"), "\(r.stderr)")
    }

    @Test("merge writes its three files as one set: when one cannot be written, the earlier merge's files stay as they were")
    func mergeIsOneSet() throws {
        let dir = try Self.folder(plan: Self.plan(name: "first", ids: ["0001-1a2b3c4d"]))
        #expect(try KraftProcess.run(["sweep", "merge", dir]).status == 1)
        let json = try String(contentsOfFile: dir + "/sweep-results.json", encoding: .utf8)
        #expect(json.contains("\"first\""))
        // The report's place is taken by a folder: the merge fails, and must not leave a new CSV
        // and JSON beside the old report.
        try FileManager.default.removeItem(atPath: dir + "/sweep-report.txt")
        try FileManager.default.createDirectory(atPath: dir + "/sweep-report.txt/x", withIntermediateDirectories: true)
        try Self.plan(name: "second", ids: ["0001-1a2b3c4d"]).write(toFile: dir + "/sweep.json", atomically: true, encoding: .utf8)
        let r = try KraftProcess.run(["sweep", "merge", dir])
        #expect(r.status == 2 && r.stderr.contains("sweep-report.txt"), "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/sweep-results.json", encoding: .utf8) == json)
        // Nothing half-made is left: the merged sets' folder holds only the first merge's set.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") && $0 != ".sweep-merge" }
        #expect(left.isEmpty, "\(left)")
        let sets = try FileManager.default.contentsOfDirectory(atPath: dir + "/.sweep-merge").sorted()
        #expect(sets.count == 2 && sets.contains("current"), "\(sets)")
    }

    @Test("a merge killed at any point leaves one whole set: the three files are links through one switch")
    func mergeSwitchesAtOnce() throws {
        let dir = try Self.folder(plan: Self.plan(name: "first", ids: ["0001-1a2b3c4d"]))
        #expect(try KraftProcess.run(["sweep", "merge", dir]).status == 1)
        let fm = FileManager.default
        for name in ["sweep-results.csv", "sweep-results.json", "sweep-report.txt"] {
            #expect(try fm.destinationOfSymbolicLink(atPath: dir + "/" + name) == ".sweep-merge/current/" + name)
        }
        let first = try fm.destinationOfSymbolicLink(atPath: dir + "/.sweep-merge/current")
        // A second merge: a new set folder, the link switched, the first set removed.
        try Self.plan(name: "second", ids: ["0001-1a2b3c4d"]).write(toFile: dir + "/sweep.json", atomically: true, encoding: .utf8)
        #expect(try KraftProcess.run(["sweep", "merge", dir]).status == 1)
        let second = try fm.destinationOfSymbolicLink(atPath: dir + "/.sweep-merge/current")
        #expect(second != first && !fm.fileExists(atPath: dir + "/.sweep-merge/" + first))
        #expect(try String(contentsOfFile: dir + "/sweep-results.json", encoding: .utf8).contains("\"second\""))
        // A merge killed before its switch (a set folder written, the link not yet moved) changes nothing a reader sees.
        try fm.createDirectory(atPath: dir + "/.sweep-merge/half", withIntermediateDirectories: true)
        try "partial".write(toFile: dir + "/.sweep-merge/half/sweep-results.json", atomically: true, encoding: .utf8)
        #expect(try String(contentsOfFile: dir + "/sweep-results.json", encoding: .utf8).contains("\"second\""))
    }

    /// The ids of the processes whose parent is `pid`, from /proc.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let child = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == pid ? child : nil
        }
    }

    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    @Test("SIGTERM to kraft sweep run stops its kraft run children too, and it exits only after them (128 + 15)")
    func stopsChildren() throws {
        let ringhals = KraftProcess.root.appendingPathComponent("Scenarios/sweden/ringhals-3-4-close-2030.toml").path
        let sweep = try KraftProcess.temporaryFile(named: "slow.toml", """
            base = "\(ringhals)"
            [run]
            from = 2030-01-01
            to = 2030-06-30
            threads = 1
            [[axis]]
            key = "weather.seed"
            values = [1, 2, 3]
            """)
        let output = (sweep as NSString).deletingLastPathComponent + "/out"
        let process = Process()
        process.executableURL = KraftProcess.executable
        process.arguments = ["sweep", "run", sweep, "--local", "--jobs", "2", "--output", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 60)
        var children = [Int32]()
        while children.count < 2 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            children = Self.children(of: process.processIdentifier)
        }
        #expect(children.count == 2, "children: \(children)")
        Thread.sleep(forTimeInterval: 0.5)  // the children are past their start
        kill(process.processIdentifier, SIGTERM)
        let stopBy = Date(timeIntervalSinceNow: 30)
        while process.isRunning && Date() < stopBy { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM)
        for child in children {
            #expect(!Self.isRunning(child), "child \(child) survived its sweep")
            if Self.isRunning(child) { kill(child, SIGKILL) }
        }
        // Stopped members are not recorded as failed; a later run would finish them.
        let left = try FileManager.default.contentsOfDirectory(atPath: output + "/members")
        #expect(!left.contains { $0.hasSuffix(".failed") }, "\(left)")
    }
}
