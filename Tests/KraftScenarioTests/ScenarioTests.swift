import Foundation
@testable import KraftScenario
import Testing

/// Scenario files in a temporary folder beside a grid and sidecar: what loads, and how each kind
/// of mistake is reported.
@Suite("Scenario files")
struct ScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let grid = root.appendingPathComponent("Tests/Fixtures/cases/case9.m").path
    static let sidecar = root.appendingPathComponent("Tests/Fixtures/scenarios/case9.sidecar.toml").path

    /// Writes `files` (name → text) into a fresh folder and returns its path.
    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir.path
    }

    static let base = """
        name = "base"
        grid = "\(grid)"
        sidecar = "\(sidecar)"
        [period]
        year = 2030
        [weather]
        source = "synthetic"
        seed = 7
        [[closure]]
        unit = "G1"
        date = 2030-06-01
        """

    /// The problems of `main.toml` in a folder made of `files`.
    static func problems(_ files: [String: String]) throws -> [ScenarioProblem] {
        ScenarioLoader.problems(path: try folder(files) + "/main.toml")
    }

    /// Expects exactly one problem at `keyPath` whose message contains `message`.
    static func expectOne(_ files: [String: String], keyPath: String, _ message: String,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try problems(files)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.keyPath == keyPath, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.message.contains(message) == true, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.file.hasSuffix(".toml") == true, sourceLocation: sourceLocation)
    }

    @Test("a valid scenario loads with its grid, sidecar and input hashes")
    func valid() throws {
        let (s, network, sidecar) = try ScenarioLoader.load(path: try Self.folder(["main.toml": Self.base]) + "/main.toml")
        #expect(s.name == "base")
        #expect(s.period.hours == 8760)
        #expect(s.weather == .synthetic(seed: 7))
        #expect(s.closures.map(\.unit) == ["G1"])
        #expect(network.buses.count == 9)
        #expect(sidecar?.units.map(\.name) == ["G1", "G2"])
        #expect(s.inputs.count == 3, "scenario, grid and sidecar")
        #expect(s.inputs.allSatisfy { $0.sha256.count == 64 })
    }

    @Test("input hashes are SHA-256: the FIPS 180-2 vector for \"abc\", and the scenario's own file")
    func hash() throws {
        let dir = try Self.folder(["abc.txt": "abc", "main.toml": Self.base])
        #expect(try InputHash.read(dir + "/abc.txt").file.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let (s, _, _) = try ScenarioLoader.load(path: dir + "/main.toml")
        #expect(s.inputs.map(\.path) == [dir + "/main.toml", Self.grid, Self.sidecar])
        #expect(s.inputs[0].sha256 == (try InputHash.read(dir + "/main.toml").file.sha256))
    }

    @Test("extends inherits, overrides values and appends element lists")
    func extends() throws {
        let child = """
            extends = "base.toml"
            name = "child"
            [period]
            from = 2031-01-01
            to = 2031-01-31
            [[closure]]
            unit = "G2"
            date = 2031-01-15
            """
        let dir = try Self.folder(["base.toml": Self.base, "main.toml": child])
        let (s, _, _) = try ScenarioLoader.load(path: dir + "/main.toml")
        #expect(s.name == "child")
        #expect(s.period.hours == 31 * 24)
        #expect(s.weather == .synthetic(seed: 7), "inherited")
        #expect(s.closures.map(\.unit) == ["G1", "G2"])
        #expect(s.inputs.map { ($0.path as NSString).lastPathComponent }.prefix(2) == ["main.toml", "base.toml"])
    }

    @Test("an unknown key is a problem, not ignored")
    func unknownKey() throws {
        try Self.expectOne(["main.toml": Self.base + "\n[[datacentre]]\nname = \"x\"\nbus = 5\ncapacity_mw = 10\nfrom = 2030-01-01\ncapacity_kw = 3\n"],
                           keyPath: "datacentre[1].capacity_kw", "is not a known key here")
        let misspelt = try Self.problems(["main.toml": Self.base.replacingOccurrences(of: "[period]", with: "[perid]")])
        #expect(misspelt.contains { $0.keyPath == "perid" && $0.message == "is not a known key here" })
        #expect(misspelt.contains { $0.keyPath == "period" && $0.message.hasPrefix("is missing") })

    }

    @Test("a wrong type names what was expected")
    func wrongType() throws {
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "seed = 7", with: "seed = \"seven\"")],
                           keyPath: "weather.seed", "is a string (expected an integer)")
    }

    @Test("a negative capacity is out of range")
    func negativeCapacity() throws {
        try Self.expectOne(["main.toml": Self.base + "\n[[producer]]\ntechnology = \"wind\"\nzone = \"A\"\ncapacity_mw = -5\n"],
                           keyPath: "producer[1].capacity_mw", "is -5 (expected a number at least 0")
    }

    @Test("[dispatch] branch_limit_share is a share above 0 and at most 1; pricing is nodal or zonal")
    func branchLimitShare() throws {
        let (s, _, _) = try ScenarioLoader.load(path: try Self.folder(["main.toml": Self.base + "\n[dispatch]\nbranch_limit_share = 0.7\n"]) + "/main.toml")
        #expect(s.dispatch.branchLimitShare == 0.7)
        let (z, _, _) = try ScenarioLoader.load(path: try Self.folder(["main.toml": Self.base + "\n[dispatch]\npricing = \"zonal\"\n"]) + "/main.toml")
        #expect(z.dispatch.pricing == .zonal && s.dispatch.pricing == .nodal)
        try Self.expectOne(["main.toml": Self.base + "\n[dispatch]\npricing = \"flat\"\n"], keyPath: "dispatch.pricing", "is \"flat\"")
        for bad in ["0", "1.2"] {
            let problems = try Self.problems(["main.toml": Self.base + "\n[dispatch]\nbranch_limit_share = \(bad)\n"])
            #expect(problems.count == 1 && problems[0].keyPath == "dispatch.branch_limit_share" && problems[0].message.hasPrefix("is \(bad) (expected"),
                    "\(problems)")
        }
    }

    @Test("a unit, bus, zone or site that does not exist")
    func unknownReferences() throws {
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "unit = \"G1\"", with: "unit = \"R9\"")],
                           keyPath: "closure[1].unit", "\"R9\", not a unit of the grid sidecar (expected one of G1, G2)")
        try Self.expectOne(["main.toml": Self.base + "\n[[datacentre]]\nname = \"x\"\nbus = 99\ncapacity_mw = 10\nfrom = 2030-01-01\n"],
                           keyPath: "datacentre[1].bus", "is 99, not a bus of the grid")
        try Self.expectOne(["main.toml": Self.base + "\n[[producer]]\ntechnology = \"solar\"\nzone = \"SE9\"\ncapacity_mw = 5\n"],
                           keyPath: "producer[1].zone", "\"SE9\", not a zone of the grid sidecar (expected one of A, B, C)")
        try Self.expectOne(["main.toml": Self.base + "\n[[datacentre]]\nname = \"x\"\nsite = \"East\"\ncapacity_mw = 10\nfrom = 2030-01-01\n"],
                           keyPath: "datacentre[1].site", "\"East\", not a site of the grid sidecar (expected one of North, South)")
    }

    @Test("[[border]] replaces a sidecar border's capacities; an unknown border or a negative capacity is a problem")
    func borderCapacity() throws {
        let text = Self.base + "\n[[border]]\nname = \"A-B\"\nforward_mw = 120\nbackward_mw = 45.5\nsource = \"a test\"\n"
        let (s, _, sidecar) = try ScenarioLoader.load(path: try Self.folder(["main.toml": text]) + "/main.toml")
        let ab = try #require(sidecar?.interconnectors.first { $0.border == "A-B" })
        #expect(ab.capacityForwardMW == 120 && ab.capacityBackwardMW == 45.5)
        #expect(s.borders.map(\.border) == ["A-B"])
        // What it extends keeps its own; the extending file's later entry wins.
        let over = "extends = \"main.toml\"\nname = \"over\"\n[[border]]\nname = \"A-B\"\nforward_mw = 99\nbackward_mw = 1\n"
        let folder = try Self.folder(["main.toml": text, "over.toml": over])
        let (o, _, overSidecar) = try ScenarioLoader.load(path: folder + "/over.toml")
        #expect(overSidecar?.interconnectors.first { $0.border == "A-B" }?.capacityForwardMW == 99)
        #expect(o.changes.contains("A-B at 99 MW forward, 1 MW back"), "\(o.changes)")
        try Self.expectOne(["main.toml": Self.base + "\n[[border]]\nname = \"A-Z\"\nforward_mw = 1\nbackward_mw = 1\n"],
                           keyPath: "border[1].name", "is \"A-Z\", not a border of the grid sidecar (expected one of A-B)")
        try Self.expectOne(["main.toml": Self.base + "\n[[border]]\nname = \"A-B\"\nforward_mw = -1\nbackward_mw = 1\n"],
                           keyPath: "border[1].forward_mw", "is -1 (expected a number at least 0")
    }

    @Test("a date-time where a date is expected is refused, not cut to its date")
    func dateTimeForDate() throws {
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "date = 2030-06-01", with: "date = 2030-06-01T00:00:00Z")],
                           keyPath: "closure[1].date", "is a date-time (2030-06-01T00:00 with an offset) (expected a date such as 2030-06-01, without a time)")
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "date = 2030-06-01", with: "date = 2030-06-01T12:30:00")],
                           keyPath: "closure[1].date", "is a date-time (2030-06-01T12:30) (expected a date such as 2030-06-01, without a time)")
    }

    @Test("control characters in a name, description or other text are refused with file and key")
    func controlCharacters() throws {
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "name = \"base\"", with: "name = \"a\\nb\"")],
                           keyPath: "name", "contains the control character U+000A (expected text without control characters")
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "name = \"base\"", with: "name = \"base\"\ndescription = \"x\\u0007y\"")],
                           keyPath: "description", "contains the control character U+0007")
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "name = \"base\"", with: "name = \"base\"\ndescription = \"\"\"\none\ntwo\"\"\"")],
                           keyPath: "description", "contains the control character U+000A")
        try Self.expectOne(["main.toml": Self.base + "\n[[datacentre]]\nname = \"x\\u0085y\"\nbus = 1\ncapacity_mw = 10\nfrom = 2030-01-01\n"],
                           keyPath: "datacentre[1].name", "contains the control character U+0085")
    }

    @Test("names, descriptions and paths have a length limit, named in the error")
    func lengthLimits() throws {
        let long = String(repeating: "x", count: 201)
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "name = \"base\"", with: "name = \"\(long)\"")],
                           keyPath: "name", "is 201 characters long (expected at most 200 characters)")
        #expect(try Self.problems(["main.toml": Self.base.replacingOccurrences(of: "name = \"base\"", with: "name = \"\(long.dropLast())\"")]).isEmpty)
        let longer = String(repeating: "y", count: 2001)
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "name = \"base\"", with: "name = \"base\"\ndescription = \"\(longer)\"")],
                           keyPath: "description", "is 2001 characters long (expected at most 2000 characters)")
        try Self.expectOne(["main.toml": Self.base + "\n[[datacentre]]\nname = \"\(long)\"\nbus = 1\ncapacity_mw = 10\nfrom = 2030-01-01\n"],
                           keyPath: "datacentre[1].name", "is 201 characters long (expected at most 200 characters)")
    }

    @Test("a date out of range")
    func dateOutOfRange() throws {
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "date = 2030-06-01", with: "date = 2230-06-01")],
                           keyPath: "closure[1].date", "is 2230-06-01 (expected a date in 1950 to 2100)")
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "year = 2030", with: "from = 2030-05-01\nto = 2030-04-01")],
                           keyPath: "period.to", "before from = 2030-05-01")
    }

    @Test("a circular extends is reported, not followed forever")
    func circularExtends() throws {
        try Self.expectOne(["main.toml": "extends = \"other.toml\"\nname = \"a\"", "other.toml": "extends = \"main.toml\"\nname = \"b\""],
                           keyPath: "extends", "forms a cycle: main.toml → other.toml → main.toml")
        try Self.expectOne(["main.toml": "extends = \"main.toml\"\nname = \"a\""], keyPath: "extends", "forms a cycle: main.toml → main.toml")
    }

    @Test("a TOML syntax error names its line; every problem is reported at once")
    func syntaxAndMany() throws {
        let syntax = try Self.problems(["main.toml": "name = \"x\"\n\ngrid = = 3\n"])
        #expect(syntax.count == 1 && syntax[0].message.hasPrefix("line 3: TOML syntax"), "\(syntax)")
        let many = try Self.problems(["main.toml": Self.base.replacingOccurrences(of: "seed = 7", with: "seed = -1\ncolour = 1")
            .replacingOccurrences(of: "unit = \"G1\"", with: "unit = 5")])
        #expect(Set(many.map(\.keyPath)) == ["weather.seed", "weather.colour", "closure[1].unit"], "\(many)")
    }

    @Test("a missing required key and an unreadable grid")
    func missing() throws {
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "name = \"base\"", with: "")],
                           keyPath: "name", "is missing (expected a name for the scenario)")
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: Self.grid, with: "/nonexistent/grid.m")],
                           keyPath: "grid", "cannot be read")
    }

    @Test("a missing sidecar or fleet file is named with its path, not only 'The file doesn't exist.'")
    func missingSidecarNamed() throws {
        let found = try Self.problems(["main.toml": Self.base.replacingOccurrences(of: Self.sidecar, with: "/nonexistent/side.toml")])
        #expect(found.contains { $0.keyPath == "sidecar" && $0.message.hasPrefix("/nonexistent/side.toml cannot be read: ") }, "\(found)")
        try Self.expectOne(["main.toml": Self.base.replacingOccurrences(of: "sidecar = ", with: "fleet = \"/nonexistent/fleet.toml\"\nsidecar = ")],
                           keyPath: "fleet", "/nonexistent/fleet.toml cannot be read")
    }

    @Test("a file's text alone: syntax, unknown keys and types, without reading other files")
    func textOnly() {
        #expect(ScenarioLoader.problems(text: "name = \"x\"\n[period]\nyear = 2030\n", file: "t.toml").isEmpty)
        let found = ScenarioLoader.problems(text: "name = 3\nextra = true\n", file: "t.toml")
        #expect(found.map(\.keyPath).sorted() == ["extra", "name"])
        #expect(ScenarioLoader.problems(text: "name = \"unterminated\n", file: "t.toml").first?.message.hasPrefix("line 1: TOML syntax") == true)
    }

    @Test("a period may touch at most 100 calendar years: 1950-2100 is refused, naming the limit (issue #15)")
    func periodLimit() {
        let long = ScenarioLoader.problems(text: "name = \"x\"\n[period]\nfrom = 1950-01-01\nto = 2100-12-31\n", file: "t.toml")
        #expect(long.contains { $0.keyPath == "period.to" && $0.message.contains("151 calendar years") && $0.message.contains("limit of 100") }, "\(long)")
        #expect(ScenarioLoader.problems(text: "name = \"x\"\n[period]\nfrom = 2000-01-01\nto = 2099-12-31\n", file: "t.toml").isEmpty)
    }

    /// Found by fuzzing the former TOMLKit reader, whose C++ core asserted (aborted) on these; Kraft's
    /// own parser reports them as syntax errors.
    @Test("a table header that does not start like a name is a syntax error, not an abort",
          arguments: ["[{bus]]\nx = 1\n", "name = \"a\"\n\n  [[=unit]]\n", "[#x]\n", "name = \"x\"\n[\n[period]\n", "[[ \r\n", "[\u{BE}period]\n"])
    func malformedHeader(text: String) {
        let found = ScenarioLoader.problems(text: text, file: "t.toml")
        #expect(found.count == 1 && found[0].message.contains("TOML syntax: a table header must name a table"), "\(found)")
    }

    @Test("brackets inside values, strings and comments are not headers")
    func notHeaders() {
        let text = "name = \"[{not a header\"\n# [{ comment\nx = [\n  [{a = 1}],\n]\ns = \"\"\"\n[{still a string\n\"\"\"\n[period]\nyear = 2030\n"
        let found = ScenarioLoader.problems(text: text, file: "t.toml")
        #expect(found.map(\.keyPath).sorted() == ["s", "x"], "only the unknown keys: \(found)")
    }
}
