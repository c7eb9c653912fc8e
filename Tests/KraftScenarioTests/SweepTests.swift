import Foundation
@testable import KraftScenario
import Testing

/// Sweep files, override key paths, the merged scenario tree and the TOML writer, on the shipped
/// Swedish scenarios (Nordic44 grid).
@Suite("Sweeps")
struct SweepTests {
    static let sweden = ScenarioTests.root.appendingPathComponent("Scenarios/sweden").path
    static let ringhals = sweden + "/ringhals-3-4-close-2030.toml"

    /// The scenario files of Scenarios/sweden (beside them: NOTICE, and weather folders a user made).
    static func shippedScenarios() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sweden).filter { $0.hasSuffix(".toml") }.sorted()
    }

    static func sweepFile(_ text: String) throws -> String {
        try ScenarioTests.folder(["sweep.toml": text]) + "/sweep.toml"
    }

    @Test("the TOML writer's text reads back to the same tree (every shipped scenario and the Nordic44 sidecar)")
    func tomlRoundTrip() throws {
        let files = try Self.shippedScenarios().map { Self.sweden + "/" + $0 }
            + [ScenarioTests.root.appendingPathComponent("Scenarios/grids/nordic44.sidecar.toml").path]
        for file in files {
            let tree = try ConfigValue.parse(toml: String(contentsOfFile: file, encoding: .utf8), file: file)
            let again = try ConfigValue.parse(toml: TOMLWriter.write(tree), file: "written")
            #expect(again == tree, "\(file)")
        }
        // Awkward values: escapes, an array of tables, date-times with and without offset, a time.
        let day = CalendarDate(year: 2030, month: 1, day: 15)
        let odd = ConfigValue.table([
            ("a key", .string("quote \" and \\ and\nline"), 1), ("list", .array([.table([("k", .integer(1), 1)])]), 1),
            ("t", .dateTime(day, TimeOfDay(hour: 8, minute: 0), offsetMinutes: nil), 1),
            ("u", .dateTime(day, TimeOfDay(hour: 8, minute: 0, second: 30), offsetMinutes: -90), 1),
            ("v", .time(TimeOfDay(hour: 23, minute: 59, second: 1, nanosecond: 500_000_000)), 1), ("x", .float(3), 1)])
        #expect(try ConfigValue.parse(toml: TOMLWriter.write(odd), file: "odd") == odd)
    }

    @Test("a merged tree decodes to the same scenario as the loader's file-by-file merge")
    func mergedTreeAgreesWithLoader() throws {
        for name in try Self.shippedScenarios() {
            let path = Self.sweden + "/" + name
            let direct = try ScenarioLoader.load(path: path).scenario
            let tree = try ScenarioTree.load(path: path)
            #expect(tree.root["extends"] == nil)
            let viaTree = try ScenarioLoader.load(tree: tree).scenario
            #expect(viaTree.name == direct.name && viaTree.grid == direct.grid && viaTree.sidecar == direct.sidecar, "\(name)")
            #expect(viaTree.period == direct.period && viaTree.weather == direct.weather, "\(name)")
            #expect(viaTree.closures.map { "\($0.unit) \($0.date)" } == direct.closures.map { "\($0.unit) \($0.date)" }, "\(name)")
            #expect(viaTree.commissionings.map { "\($0.unit) \($0.date)" } == direct.commissionings.map { "\($0.unit) \($0.date)" }, "\(name)")
            #expect(viaTree.dataCentres.map { "\($0.name) \($0.capacityMW)" } == direct.dataCentres.map { "\($0.name) \($0.capacityMW)" }, "\(name)")
            #expect(viaTree.producers.map { "\($0.technology) \($0.capacityMW) \($0.location)" } == direct.producers.map { "\($0.technology) \($0.capacityMW) \($0.location)" }, "\(name)")
            #expect(viaTree.certificates?.quota == direct.certificates?.quota && viaTree.certificates?.endYear == direct.certificates?.endYear, "\(name)")
            #expect(viaTree.borders.map { "\($0.border) \($0.forwardMW) \($0.backwardMW)" } == direct.borders.map { "\($0.border) \($0.forwardMW) \($0.backwardMW)" }, "\(name)")
            #expect(viaTree.inflowFactors.map { "\($0.zone) \($0.factor)" } == direct.inflowFactors.map { "\($0.zone) \($0.factor)" }, "\(name)")
        }
    }

    @Test("[[inflow]] of a file that extends another is appended in the merged tree, as the loader does")
    func inflowAppendedInTree() throws {
        let base = Self.sweden + "/history-2019.toml"
        let folder = try ScenarioTests.folder(["wet-finland.toml": "extends = \"\(base)\"\n[[inflow]]\nzone = \"FI\"\nfactor = 1.1\n"])
        let path = folder + "/wet-finland.toml"
        let direct = try ScenarioLoader.load(path: path).scenario
        let viaTree = try ScenarioLoader.load(tree: try ScenarioTree.load(path: path)).scenario
        // history-2019's NO1-NO5 factors and this file's FI.
        #expect(direct.inflowFactors.map(\.zone) == ["NO1", "NO2", "NO3", "NO4", "NO5", "FI"])
        #expect(viaTree.inflowFactors.map { "\($0.zone) \($0.factor)" } == direct.inflowFactors.map { "\($0.zone) \($0.factor)" })
    }

    @Test("key paths: keys, selectors, positions and appends; a path to nothing is an error naming what exists")
    func overridePaths() throws {
        let tree = try ScenarioTree.load(path: Self.ringhals)
        let date = ConfigValue.date(CalendarDate(year: 2033, month: 7, day: 1))
        let moved = try tree.overriding(OverridePath(parsing: "closure[unit=R3].date"), with: date, relativeTo: "/").root
        guard case .array(let closures)? = moved["closure"] else { Issue.record("no closures"); return }
        #expect(closures.filter { $0["date"] == date }.map { $0["unit"] } == [.string("R3")])
        #expect(closures.count == 6, "O2, O1, R2, R1 from the base, R3, R4 from the file")
        let second = try OverridePath(parsing: "closure[2].unit").set(.string("F1"), in: tree.root)
        #expect(second["closure"].flatMap { if case .array(let a) = $0 { a[1]["unit"] } else { nil } } == .string("F1"))
        let added = try OverridePath(parsing: "closure[+]").set(.table([("unit", .string("F2"), 0), ("date", date, 0)]), in: tree.root)
        #expect(added["closure"].flatMap { if case .array(let a) = $0 { a.count } else { nil } } == 7)

        #expect(throws: OverridePath.Failure.self) { try OverridePath(parsing: "weather.sed").set(.integer(1), in: tree.root) }
        do { _ = try OverridePath(parsing: "weather.sed").set(.integer(1), in: tree.root) } catch {
            #expect(error.message == "weather.sed does not exist in the scenario (weather has: seed, source)")
        }
        do { _ = try OverridePath(parsing: "closure[unit=R9].date").set(date, in: tree.root) } catch {
            #expect(error.message == "closure[unit=R9] matches no element (closure has unit = O2, O1, R2, R1, R3, R4)")
        }
        for bad in ["weather..seed", "closure[unit=R3", "closure[0].date", "closure[+].date", "closure[x]"] {
            #expect(throws: OverridePath.Failure.self, "\(bad)") { try OverridePath(parsing: bad) }
        }
        #expect(try OverridePath(parsing: "datacentre[name=\"Luleå 2.0\"].capacity_mw").steps
                == [.key("datacentre"), .select(field: "name", value: "Luleå 2.0"), .key("capacity_mw")])
    }

    static let productSweep = """
        base = "\(ringhals)"
        [run]
        at = "2030-01-15T08:00"
        [[axis]]
        keys = ["closure[unit=R3].date", "closure[unit=R4].date"]
        values = [[2029-01-01, 2029-01-01], [2031-01-01, 2032-01-01]]
        [[axis]]
        key = "weather.seed"
        from = 1
        to = 4
        """

    @Test("axes combine as a full product with stable, distinct ids; members decode with their overrides")
    func product() throws {
        let path = try Self.sweepFile(Self.productSweep)
        let sweep = try Sweep.load(path: path)
        #expect(sweep.members.count == 8)
        #expect(sweep.keys == ["closure[unit=R3].date", "closure[unit=R4].date", "weather.seed"])
        #expect(sweep.runOptions == ["--at", "2030-01-15T08:00"])
        #expect(Set(sweep.members.map(\.id)).count == 8)
        #expect(try Sweep.load(path: path).members.map(\.id) == sweep.members.map(\.id), "same sweep, same ids")
        #expect(sweep.members[5].value(of: "weather.seed") == "2" && sweep.members[5].value(of: "closure[unit=R4].date") == "2032-01-01")
        #expect(sweep.members[0].id.hasPrefix("0001-") && sweep.members[7].id.hasPrefix("0008-"))
        // The hash part names the overrides, not the position: the same member in a reordered sweep keeps it.
        let reordered = try Sweep.load(path: try Self.sweepFile(Self.productSweep.replacingOccurrences(of: "from = 1\n", with: "from = 2\n")))
        #expect(reordered.members[0].id.dropFirst(5) == sweep.members[1].id.dropFirst(5))

        let member = try ScenarioLoader.load(tree: sweep.memberTree(sweep.members[5], file: "member")).scenario
        #expect(member.weather == .synthetic(seed: 2))
        #expect(member.closures.first { $0.unit == "R4" }?.date == CalendarDate(year: 2032, month: 1, day: 1))
        #expect(member.closures.first { $0.unit == "R3" }?.date == CalendarDate(year: 2031, month: 1, day: 1))
        // The member file reads back to the same tree (what `kraft run` sees).
        let text = try sweep.memberFile(sweep.members[5])
        #expect(text.contains("# override: weather.seed = 2"))
        #expect(try ConfigValue.parse(toml: text, file: "m") == sweep.memberTree(sweep.members[5], file: "m").root)

        // Round-robin shards: every member in exactly one shard.
        for n in 1...9 {
            let shards = (1...n).map { i in sweep.members.filter { $0.shard(of: n) == i }.map(\.index) }
            #expect(shards.flatMap { $0 }.sorted() == Array(1...8))
        }
    }

    @Test("sweep file problems: a key that does not exist, a malformed axis, both axes and a list")
    func problems() throws {
        let path = try Self.sweepFile("""
            base = "\(Self.ringhals)"
            [run]
            at = "2030-01-15T08:00"
            [[axis]]
            key = "weather.sed"
            values = [1, 2]
            [[axis]]
            keys = ["period.year", "weather.seed"]
            values = [[2030, 1], [2031]]
            [[axis]]
            key = "closure[unit=R7].date"
            values = [2030-01-01]
            """)
        let found = Sweep.problems(path: path).map(\.description)
        #expect(found.contains("\(path): axis[1].key: weather.sed does not exist in the scenario (weather has: seed, source)"))
        #expect(found.contains("\(path): axis[2].values[2]: is [2031] (expected a list of 2 values, one per key)"))
        #expect(found.contains("\(path): axis[3].key: closure[unit=R7] matches no element (closure has unit = O2, O1, R2, R1, R3, R4)"))
        let both = try Self.sweepFile("base = \"\(Self.ringhals)\"\nsurprise = 1\n[run]\nat = \"2030-01-15T08:00\"\n[[axis]]\nkey = \"weather.seed\"\nvalues = [1]\n[[member]]\n\"weather.seed\" = 2\n")
        let bothFound = Sweep.problems(path: both).map(\.description)
        #expect(bothFound.contains("\(both): surprise: is not a known key here"))
        #expect(bothFound.contains { $0.hasPrefix("\(both): member: is given together with [[axis]]") })
    }

    @Test("at most 10,000 members: a product of three 1,000-value axes, one 100,000-value axis or 10,001 listed members are refused at once, naming the limit (issue #15)")
    func memberLimit() throws {
        let head = "base = \"\(Self.ringhals)\"\n[run]\nat = \"2030-01-15T08:00\"\n"
        let clock = ContinuousClock(), start = clock.now
        let three = try Self.sweepFile(head + "[[axis]]\nkey = \"weather.seed\"\nfrom = 1\nto = 1000\n"
            + "[[axis]]\nkey = \"period.year\"\nvalues = [\((1...1000).map { String(1950 + $0 % 150) }.joined(separator: ", "))]\n"
            + "[[axis]]\nkey = \"closure[unit=R3].date\"\nfrom = 1\nto = 1000\n")
        let found = Sweep.problems(path: three).map(\.description)
        #expect(found == ["\(three): axis: makes 1000000000 members (1000 × 1000 × 1000), more than the limit of 10000 (expected at most 10000 members in one sweep: split it into several sweeps)"], "\(found)")
        let one = try Self.sweepFile(head + "[[axis]]\nkey = \"weather.seed\"\nfrom = 1\nto = 100000\n")
        #expect(Sweep.problems(path: one).map(\.description) == ["\(one): axis: makes 100000 members (100000), more than the limit of 10000 (expected at most 10000 members in one sweep: split it into several sweeps)"])
        let huge = try Self.sweepFile(head + "[[axis]]\nkey = \"weather.seed\"\nfrom = \(Int.min)\nto = \(Int.max)\n[[axis]]\nkey = \"period.year\"\nfrom = 1\nto = \(Int.max)\n")
        #expect(Sweep.problems(path: huge).first?.message.hasPrefix("makes more than") == true)
        let listed = try Self.sweepFile(head + String(repeating: "[[member]]\n\"weather.seed\" = 1\n", count: 10_001))
        #expect(Sweep.problems(path: listed).map(\.description) == ["\(listed): member: lists 10001 members, more than the limit of 10000 (expected at most 10000 members in one sweep: split it into several sweeps)"])
        #expect(clock.now - start < .seconds(20))
    }

    @Test("a sweep at the limit, 10,000 members, is validated in seconds: the grid, sidecar and fleet are parsed once, not per member")
    func validateAtLimit() throws {
        let path = try Self.sweepFile("base = \"\(Self.ringhals)\"\n[run]\nat = \"2030-01-15T08:00\"\n[[axis]]\nkey = \"weather.seed\"\nfrom = 1\nto = 10000\n")
        let clock = ContinuousClock(), start = clock.now
        #expect(Sweep.problems(path: path).isEmpty)
        #expect(clock.now - start < .seconds(60))  // about 1.5 s in a debug build; over 300 s when each member parsed them
        // A member whose override breaks a file the others share still fails alone.
        let broken = try Self.sweepFile("base = \"\(Self.ringhals)\"\n[run]\nat = \"2030-01-15T08:00\"\n[[member]]\n\"weather.seed\" = 1\n[[member]]\nsidecar = \"/nonexistent/side.toml\"\n[[member]]\n\"weather.seed\" = 2\n")
        let found = Sweep.problems(path: broken)
        #expect(!found.isEmpty && found.allSatisfy { $0.file.contains("(member 0002-") }, "\(found)")
        #expect(found.contains { $0.keyPath == "sidecar" && $0.message.contains("/nonexistent/side.toml cannot be read") }, "\(found)")
    }

    @Test("[run] at must be a real date and a whole hour: 2030-02-30T25:00 is refused by validate")
    func badMoment() throws {
        for (at, expected) in [("\"2030-02-30T25:00\"", "at: is \"2030-02-30T25:00\", not a date and hour"),
                               ("\"2030-02-28T25:00\"", "at: is \"2030-02-28T25:00\", not a date and hour"),
                               ("\"2030-02-30T08:00\"", "at: is \"2030-02-30T08:00\", not a date and hour"),
                               ("\"2030-01-15T08:30\"", "at: is \"2030-01-15T08:30\", not a date and hour"),
                               ("\"2230-01-15T08:00\"", "at: is \"2230-01-15T08:00\", not a date and hour"),
                               ("2030-01-15T08:30:00", "at: is 2030-01-15T08:30 (expected a whole hour")] {
            let path = try Self.sweepFile("base = \"\(Self.ringhals)\"\n[run]\nat = \(at)\n[[axis]]\nkey = \"weather.seed\"\nvalues = [1]\n")
            let found = Sweep.problems(path: path).map(\.description)
            #expect(found.contains { $0.hasPrefix("\(path): run.\(expected)") }, "\(at): \(found)")
        }
        #expect(Sweep.isMoment("2030-02-28T23:00") && Sweep.isMoment("2032-02-29T00:00") && !Sweep.isMoment("2030-02-29T00:00"))
    }

    @Test("an explicit member list; a member's bad value is that member's problem, named with its overrides")
    func memberList() throws {
        let path = try Self.sweepFile("""
            base = "\(Self.ringhals)"
            [run]
            at = "2030-01-15T08:00"
            [[member]]
            "weather.seed" = 5
            [[member]]
            "weather.seed" = -1
            [[member]]
            "closure[unit=R3].date" = 2031-01-01
            """)
        let sweep = try Sweep.load(path: path)
        #expect(sweep.members.count == 3 && sweep.keys == ["weather.seed", "closure[unit=R3].date"])
        #expect(sweep.members[2].value(of: "weather.seed") == nil)
        let found = Sweep.problems(path: path).map(\.description)
        #expect(found == ["\(path) (member \(sweep.members[1].id): weather.seed = -1): weather.seed: is -1 (expected 0 to 2147483647)"])
    }
}
