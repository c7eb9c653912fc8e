import Foundation
import KraftCore
import KraftIO
@testable import KraftScenario
@testable import KraftSim
import Testing

/// Reactive support placed on the study grid, voltage limits and their violations, and the N-1
/// hours chosen when a critical hour failed.
@Suite("Reactive support and voltage limits on the study grid")
struct CompensationTests {
    static let root = YearRunTests.root
    static let grid = root.appendingPathComponent("Tests/Fixtures/cases/case9.m").path
    static let sidecar = root.appendingPathComponent("Tests/Fixtures/scenarios/case9.sidecar.toml").path

    /// The case9 test scenario (sidecar: G1 hydro H 3.5 s at bus 1, G2 nuclear H 6 s at bus 2)
    /// with `extra` appended, loaded and its study grid built.
    static func grid(_ extra: String) throws -> (Scenario, Network, StudyGrid) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-comp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "name = \"t\"\ngrid = \"\(grid)\"\nsidecar = \"\(sidecar)\"\n[period]\nyear = 2030\n" + extra
        try text.write(to: dir.appendingPathComponent("s.toml"), atomically: true, encoding: .utf8)
        let (s, network, sc) = try ScenarioLoader.load(path: dir.appendingPathComponent("s.toml").path)
        return (s, network, StudyGrid.build(scenario: s, network: network, sidecar: sc))
    }

    @Test("a [[compensation]] is a generator at its bus with its reactive range, no active power, inertia only for a condenser")
    func placement() throws {
        let (_, network, g) = try Self.grid("""
            [[compensation]]
            type = "synchronous_condenser"
            site = "South"
            max_mvar = 200
            min_mvar = -120
            h_s = 2
            from = 2030-03-01
            [[compensation]]
            type = "statcom"
            bus = 7
            max_mvar = 80
            """)
        let n = network.generators.count
        let gens = g.network.generators, mva = g.network.baseMVA
        try #require(gens.count == n + 2)
        // Site "South" is bus 2 (the sidecar); bus 2 already has G2, whose setpoint the condenser holds.
        #expect(g.network.buses.id[gens.bus[n]] == 2 && gens.vg[n] == network.generators.vg[1])
        #expect(gens.qmax[n] * mva == 200 && gens.qmin[n] * mva == -120 && gens.pmax[n] == 0)
        #expect(g.units[n].inertiaMWs == 400 && g.units[n].capacityMW == 0)
        #expect(g.units[n].support == .synchronousCondenser && g.isSynchronous(n) && g.isAlwaysConnected(n))
        #expect(g.network.buses.id[gens.bus[n + 1]] == 7 && gens.qmax[n + 1] * mva == 80 && gens.qmin[n + 1] * mva == -80)
        #expect(g.units[n + 1].inertiaMWs == 0 && !g.isSynchronous(n + 1) && g.isAlwaysConnected(n + 1), "a STATCOM has no inertia but is always connected")
        // In service from its date only.
        #expect(!g.status(on: CalendarDate(year: 2030, month: 2, day: 28))[n])
        #expect(g.status(on: CalendarDate(year: 2030, month: 3, day: 1))[n])
        #expect(g.status(on: CalendarDate(year: 2030, month: 1, day: 1))[n + 1])
        #expect(g.units[0..<n].allSatisfy { $0.support == nil })
        #expect(g.notes.contains { $0.hasPrefix("reactive support:") })
    }

    @Test("a closure with keep_as_condenser: the unit stops, a condenser with its reactive range and inertia starts that day")
    func keptCondenser() throws {
        let (_, network, g) = try Self.grid("[[closure]]\nunit = \"G2\"\ndate = 2030-06-01\nkeep_as_condenser = true\n")
        let n = network.generators.count
        try #require(g.network.generators.count == n + 1)
        let gens = g.network.generators
        #expect(gens.bus[n] == gens.bus[1] && gens.qmax[n] == gens.qmax[1] && gens.qmin[n] == gens.qmin[1] && gens.vg[n] == gens.vg[1])
        #expect(gens.pmax[n] == 0)
        // G2: H 6 s on the case's machine base.
        #expect(g.units[n].inertiaMWs == 6 * network.generators.mBase[1] && g.units[n].inertiaMWs > 0)
        #expect(g.units[n].name == "G2" && g.units[n].technology == .synchronousCondenser)
        let before = g.status(on: CalendarDate(year: 2030, month: 5, day: 31)), after = g.status(on: CalendarDate(year: 2030, month: 6, day: 1))
        #expect(before[1] && !before[n])
        #expect(!after[1] && after[n])
        // Without the key the unit just closes.
        let (_, _, plain) = try Self.grid("[[closure]]\nunit = \"G2\"\ndate = 2030-06-01\n")
        #expect(plain.network.generators.count == n)
    }

    @Test("voltage limits: default per level, the sidecar's per bus, the scenario's over both, most specific first")
    func limits() throws {
        var network = try MatpowerReader.readNetwork(path: Self.grid)
        network.buses.baseKV[8] = 20  // bus 9 below 110 kV
        #expect(VoltageLimits.defaultBand(baseKV: 345) == .init(minPU: 0.90, maxPU: 1.05))
        let plain = VoltageLimits.resolve(network: network, sidecar: nil, settings: nil)
        #expect(plain.vmin == Array(repeating: 0.90, count: 9))
        #expect(plain.vmax == Array(repeating: 1.05, count: 8) + [1.10])
        var sidecar = GridSidecar()
        sidecar.voltageLimitsOfBus = [2: (0.85, 1.07)]  // bus 3
        let withSidecar = VoltageLimits.resolve(network: network, sidecar: sidecar, settings: nil)
        #expect(withSidecar.vmin[2] == 0.85 && withSidecar.vmax[2] == 1.07 && withSidecar.vmin[3] == 0.90)
        #expect(withSidecar.note.contains("the sidecar sets bus 3 0.85–1.07"))
        let settings = VoltageLimitSettings(all: .init(minPU: 0.93, maxPU: 1.04), levels: [20: .init(minPU: 0.95, maxPU: 1.05)],
                                            buses: [1: .init(minPU: 0.8, maxPU: 1.2)], origin: Origin(file: "s.toml", keyPath: "voltage_limits"))
        let both = VoltageLimits.resolve(network: network, sidecar: sidecar, settings: settings)
        #expect(both.vmin[0] == 0.8 && both.vmax[0] == 1.2, "the scenario's bus")
        #expect(both.vmin[8] == 0.95, "the scenario's level")
        #expect(both.vmin[2] == 0.93 && both.vmin[4] == 0.93, "the scenario's every-bus band over the sidecar's and the default")
    }

    @Test("violations: the buses outside their band, how far, and none on the band's edge")
    func violations() {
        let v = VoltageLimits.violations(vm: [0.95, 0.89, 1.05, 1.07, 0.90], vmin: [0.9, 0.9, 0.9, 0.9, 0.9], vmax: [1.05, 1.05, 1.05, 1.05, 1.05])
        #expect(v.map(\.bus) == [1, 3])
        #expect(abs(v[0].excess - -0.01) < 1e-12 && abs(v[1].excess - 0.02) < 1e-12)
    }

    /// A record of a made-up hour: only what the choice of critical hours reads.
    static func record(_ hour: Int, load: Double, kinetic: Double, converged: Bool) -> HourRecord {
        HourRecord(hour: hour, converged: converged, iterations: 3, cause: converged ? nil : "iteration limit reached",
                   zoneLoadMW: [], zoneGenerationMW: [], zoneNetExportMW: [], zonePrice: [], zoneUnservedMW: [], zoneCurtailedMW: [],
                   zoneReactiveReserveMVAr: [], zoneKineticGWs: [], zoneLowestVm: [], loadMW: load, generationMW: load, netImportMW: 0,
                   lossesMW: converged ? 1 : nil, unservedMW: 0, curtailedMW: 0, costEUR: 0, emissionsT: 0, kineticGWs: kinetic,
                   lowestVm: nil, highestVm: nil, borderFlowMW: [], borderCongested: [], branchMVA: [], vm: [], generatorMW: [],
                   generatorCurtailedMW: [])
    }

    static func result(_ records: [HourRecord]) throws -> YearResult {
        let (s, _, g) = try grid("")
        return YearResult(scenario: s, grid: g, borders: [], start: CalendarDate(year: 2030, month: 1, day: 1), records: records,
                          syntheticWeather: true, weatherSource: "synthetic", kineticThresholdGWs: 120, notes: [])
    }

    @Test("N-1 hours: a failed peak-load hour is named with its cause and the converged hour nearest by load studied instead")
    func criticalHoursWhenThePeakFails() throws {
        // Loads 100, 180 (the peak, fails), 150, 175 (nearest to it by load), 170; lowest kinetic energy at hour 12.
        let r = try Self.result([
            Self.record(10, load: 100, kinetic: 50, converged: true), Self.record(11, load: 180, kinetic: 60, converged: false),
            Self.record(12, load: 150, kinetic: 20, converged: true), Self.record(13, load: 175, kinetic: 70, converged: true),
            Self.record(14, load: 170, kinetic: 80, converged: true),
        ])
        let picks = HourContingency.criticalHours(r)
        #expect(picks.studied.map(\.hour) == [13, 12])
        #expect(picks.studied[0].reason == "peak load, nearest converged hour by load")
        #expect(picks.studied[0].insteadOf?.hour == 11 && picks.studied[0].insteadOf?.cause == "iteration limit reached")
        #expect(picks.studied[1].reason == "lowest inertia" && picks.studied[1].insteadOf == nil)
        #expect(picks.unstudied.map(\.hour) == [11])
        #expect(picks.unstudied[0].reason == "peak load" && picks.unstudied[0].why.contains("iteration limit reached"))
    }

    @Test("N-1 hours: both critical hours failed onto one substitute; no converged hour at all")
    func criticalHoursEdgeCases() throws {
        // Peak (hour 1) and lowest inertia (hour 2) fail; hour 0 is nearest to both: one study, both reasons.
        let r = try Self.result([
            Self.record(0, load: 150, kinetic: 40, converged: true), Self.record(1, load: 160, kinetic: 45, converged: false),
            Self.record(2, load: 140, kinetic: 30, converged: false), Self.record(3, load: 100, kinetic: 90, converged: true),
        ])
        let picks = HourContingency.criticalHours(r)
        #expect(picks.studied.map(\.hour) == [0])
        #expect(picks.studied[0].reason.contains("peak load") && picks.studied[0].reason.contains("lowest inertia"))
        #expect(Set(picks.unstudied.map(\.hour)) == [1, 2])
        let none = try Self.result([Self.record(0, load: 10, kinetic: 9, converged: false), Self.record(1, load: 5, kinetic: 5, converged: false)])
        let nothing = HourContingency.criticalHours(none)
        #expect(nothing.studied.isEmpty)
        #expect(nothing.unstudied.count == 2 && nothing.unstudied.allSatisfy { $0.why.contains("no hour of the run converged") })
    }
}
