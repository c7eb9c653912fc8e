import Foundation
@testable import KraftScenario
import Testing

/// `[[compensation]]`, `[[closure]] keep_as_condenser` and `[voltage_limits]` in scenario files:
/// what loads, and each mistake reported with its file and key.
@Suite("Reactive support and voltage limits in scenarios")
struct CompensationScenarioTests {
    typealias S = ScenarioTests

    static func load(_ extra: String) throws -> Scenario {
        try ScenarioLoader.load(path: try S.folder(["main.toml": S.base + "\n" + extra]) + "/main.toml").scenario
    }

    static func expectOne(_ extra: String, keyPath: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try S.expectOne(["main.toml": S.base + "\n" + extra], keyPath: keyPath, message, sourceLocation: sourceLocation)
    }

    @Test("the four kinds load with their ranges, inertia, steps and dates")
    func kinds() throws {
        let s = try Self.load("""
            [[compensation]]
            name = "SC1"
            type = "synchronous_condenser"
            site = "North"
            max_mvar = 200
            h_s = 2.5
            from = 2030-03-01
            [[compensation]]
            type = "synchronous_condenser"
            bus = 5
            max_mvar = 100
            min_mvar = -80
            inertia_mws = 400
            [[compensation]]
            type = "statcom"
            bus = 7
            max_mvar = 150
            [[compensation]]
            type = "svc"
            bus = 7
            max_mvar = 90
            min_mvar = -30
            [[compensation]]
            type = "switched_shunt"
            bus = 9
            steps = 3
            step_mvar = -25
            """)
        let c = s.compensation
        try #require(c.count == 5)
        #expect(c[0].kind == .synchronousCondenser && c[0].location == .site("North") && c[0].name == "SC1")
        // Only the producing limit given: the condenser absorbs half of it (the stated default).
        #expect(c[0].maxMvar == 200 && c[0].minMvar == -100)
        #expect(c[0].inertiaMWs == 500, "H 2.5 s on a 200 MVA rating")
        #expect(c[0].from == CalendarDate(year: 2030, month: 3, day: 1))
        #expect(c[1].minMvar == -80 && c[1].inertiaMWs == 400 && c[1].location == .bus(5) && c[1].from == nil)
        #expect(c[2].kind == .statcom && c[2].minMvar == -150 && c[2].maxMvar == 150 && c[2].inertiaMWs == 0, "symmetric by default")
        #expect(c[3].kind == .svc && c[3].minMvar == -30 && c[3].maxMvar == 90)
        #expect(c[4].kind == .switchedShunt && c[4].stepsMvar == [-25, -25, -25] && c[4].minMvar == -75 && c[4].maxMvar == 0)
        #expect(s.changes.isEmpty, "a base scenario has no changes")
    }

    @Test("keep_as_condenser on a closure loads; a scenario extending it lists the element among its changes")
    func keepAsCondenser() throws {
        let dir = try S.folder([
            "base.toml": S.base,
            "main.toml": "extends = \"base.toml\"\nname = \"closure\"\n[[closure]]\nunit = \"G2\"\ndate = 2030-02-01\nkeep_as_condenser = true\n[[compensation]]\ntype = \"statcom\"\nbus = 7\nmax_mvar = 50\n",
        ])
        let s = try ScenarioLoader.load(path: dir + "/main.toml").scenario
        #expect(s.closures.map(\.keepAsCondenser) == [false, true])
        #expect(s.changes.contains("G2 closes on 2030-02-01, kept as a synchronous condenser"), "\(s.changes)")
        #expect(s.changes.contains { $0.hasPrefix("statcom") && $0.contains("-50 to +50 Mvar at bus 7") }, "\(s.changes)")
        #expect(s.compensation.count == 1)
    }

    @Test("mistakes in [[compensation]] name the file, the key and what was expected")
    func mistakes() throws {
        try Self.expectOne("[[compensation]]\nbus = 5\nmax_mvar = 10", keyPath: "compensation[1].type", "is missing (expected one of synchronous_condenser")
        try Self.expectOne("[[compensation]]\ntype = \"flywheel\"\nbus = 5\nmax_mvar = 10", keyPath: "compensation[1].type", "is \"flywheel\"")
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nbus = 5\nsite = \"North\"\nmax_mvar = 10", keyPath: "compensation[1].bus", "together with site")
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nmax_mvar = 10", keyPath: "compensation[1].site", "is missing")
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nbus = 5", keyPath: "compensation[1].max_mvar", "is missing")
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nbus = 5\nmax_mvar = -10", keyPath: "compensation[1].max_mvar", "greater than 0")
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nbus = 5\nmax_mvar = 10\nmin_mvar = 5", keyPath: "compensation[1].min_mvar", "at most 0")
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nbus = 5\nmax_mvar = 10\nh_s = 3", keyPath: "compensation[1].h_s", "no rotating mass")
        try Self.expectOne("[[compensation]]\ntype = \"synchronous_condenser\"\nbus = 5\nmax_mvar = 10", keyPath: "compensation[1].h_s", "is missing")
        try Self.expectOne("[[compensation]]\ntype = \"synchronous_condenser\"\nbus = 5\nmax_mvar = 10\nh_s = 2\ninertia_mws = 20",
                           keyPath: "compensation[1].h_s", "together with inertia_mws")
        try Self.expectOne("[[compensation]]\ntype = \"switched_shunt\"\nbus = 5\nmax_mvar = 10\nsteps = 2\nstep_mvar = 5",
                           keyPath: "compensation[1].max_mvar", "for a switched shunt")
        try Self.expectOne("[[compensation]]\ntype = \"switched_shunt\"\nbus = 5\nsteps = 2\nstep_mvar = 0", keyPath: "compensation[1].step_mvar", "is 0")
        try Self.expectOne("[[compensation]]\ntype = \"svc\"\nbus = 5\nmax_mvar = 10\nsteps = 2", keyPath: "compensation[1].steps", "only for a switched_shunt")
        try Self.expectOne("[[compensation]]\ntype = \"svc\"\nbus = 5\nmax_mvar = 10\nfrom = 1900-01-01", keyPath: "compensation[1].from", "1950 to 2100")
        try Self.expectOne("[[compensation]]\ntype = \"svc\"\nbus = 5\nmax_mvar = 10\nrating = 5", keyPath: "compensation[1].rating", "not a known key")
    }

    @Test("references to the grid: a bus it lacks, a site its sidecar lacks; keep_as_condenser only on a closure")
    func references() throws {
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nbus = 99\nmax_mvar = 10", keyPath: "compensation[1].bus", "not a bus of the grid")
        try Self.expectOne("[[compensation]]\ntype = \"statcom\"\nsite = \"East\"\nmax_mvar = 10", keyPath: "compensation[1].site", "not a site of the grid sidecar")
        try Self.expectOne("[[commissioning]]\nunit = \"G1\"\ndate = 2030-07-01\nkeep_as_condenser = true",
                           keyPath: "commissioning[1].keep_as_condenser", "is not a known key here")
        try Self.expectOne("[[closure]]\nunit = \"G2\"\ndate = 2030-07-01\nkeep_as_condenser = \"yes\"",
                           keyPath: "closure[2].keep_as_condenser", "expected true or false")
    }

    @Test("[voltage_limits]: every bus, levels and buses load; bands and references are checked")
    func voltageLimits() throws {
        let s = try Self.load("""
            [voltage_limits]
            min_pu = 0.92
            max_pu = 1.06
            [[voltage_limits.level]]
            base_kv = 345
            min_pu = 0.95
            max_pu = 1.05
            [[voltage_limits.bus]]
            bus = 5
            min_pu = 0.85
            max_pu = 1.1
            """)
        let v = try #require(s.voltageLimits)
        #expect(v.all == .init(minPU: 0.92, maxPU: 1.06))
        #expect(v.levels == [345: .init(minPU: 0.95, maxPU: 1.05)])
        #expect(v.buses == [5: .init(minPU: 0.85, maxPU: 1.1)])
        try Self.expectOne("[voltage_limits]\nmin_pu = 1.05\nmax_pu = 0.95", keyPath: "voltage_limits.max_pu", "not above min_pu")
        try Self.expectOne("[voltage_limits]\nmin_pu = 0.9", keyPath: "voltage_limits.max_pu", "is missing")
        try Self.expectOne("[voltage_limits]\nmin_pu = 0.2\nmax_pu = 1.1", keyPath: "voltage_limits.min_pu", "at least 0.5")
        try Self.expectOne("[[voltage_limits.bus]]\nbus = 99\nmin_pu = 0.9\nmax_pu = 1.1", keyPath: "voltage_limits.bus", "names bus 99")
        try Self.expectOne("[[voltage_limits.level]]\nbase_kv = 400\nmin_pu = 0.9\nmax_pu = 1.1", keyPath: "voltage_limits.level",
                           "not a voltage level of the grid")
        try Self.expectOne("[[voltage_limits.bus]]\nbus = 5\nmin_pu = 0.9", keyPath: "voltage_limits.bus[1].max_pu", "is missing")
    }
}
