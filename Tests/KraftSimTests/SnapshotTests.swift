import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// Snapshot runs of the shipped Swedish scenarios, and the pieces they are made of.
@Suite("Snapshot runs")
struct SnapshotTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func run(_ name: String, at text: String) throws -> SnapshotResult {
        let (s, network, sidecar) = try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/sweden/\(name).toml").path)
        let moment = try #require(Moment(parsing: text))
        let profiles = try SnapshotRun.profiles(for: s, sidecar: sidecar, at: moment)
        return SnapshotRun.run(scenario: s, network: network, sidecar: sidecar, profiles: profiles, at: moment)
    }

    @Test("moments parse and know their weekday")
    func moments() throws {
        let m = try #require(Moment(parsing: "2030-01-15T08:00"))
        #expect(m.weekday == 1, "2030-01-15 is a Tuesday")
        #expect(m.dayOfYear == 15)
        #expect(Moment(parsing: "2028-12-31T23")?.dayOfYear == 366, "2028 is a leap year")
        for bad in ["2030-02-30T08:00", "2030-01-15T24:00", "2030-01-15T08:30", "2030-01-15", "x"] {
            #expect(Moment(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("merit order loads the cheapest first, deterministic on ties, and reports the shortfall")
    func meritOrder() {
        let units = [MeritOrder.Unit(index: 0, cost: 50, pmin: 0, pmax: 100), MeritOrder.Unit(index: 1, cost: 10, pmin: 20, pmax: 60),
                     MeritOrder.Unit(index: 2, cost: 10, pmin: 0, pmax: 30)]
        let (out, short) = MeritOrder.dispatch(units, demand: 120)
        // Unit 1 must run 20; then 40 more from unit 1 (cost 10, lower index), 30 from unit 2, 30 from unit 0.
        #expect(out == [0: 30, 1: 60, 2: 30] && short == 0)
        let (_, shortfall) = MeritOrder.dispatch(units, demand: 250)
        #expect(shortfall == 60)
    }

    @Test("the balance closes: generation = load + branch losses + shunt conductance, nothing unserved")
    func balance() throws {
        let r = try Self.run("ringhals-3-4-close-2030", at: "2030-01-15T08:00")
        #expect(r.flow.converged)
        let net = r.model.network, mva = net.baseMVA
        let generation = (0..<net.generators.count).filter { net.generators.status[$0] }.reduce(0.0) { $0 + r.flow.pg[$1] } * mva
        let load = net.busDemand().p.reduce(0, +) * mva
        let shunts = zip(net.busShunt().g, r.flow.vm).reduce(0.0) { $0 + $1.0 * $1.1 * $1.1 } * mva
        #expect(abs(generation - load - r.flow.losses * mva - shunts) < 1e-4)
        #expect(r.model.unservedMW == 0)
        #expect(r.synthetic)
        #expect(r.inputs.map { ($0.path as NSString).lastPathComponent }
                == ["ringhals-3-4-close-2030.toml", "base-2025.toml", "nordic44.m", "nordic44.sidecar.toml"])
    }

    /// The planner's question: what does closing Ringhals 3–4 do to SE3 at winter peak?
    @Test("closing Ringhals 3–4 raises SE2→SE3 flow and lowers SE3's reactive reserve, inertia and voltage")
    func ringhalsClosure() throws {
        let base = try Self.run("base-2025", at: "2030-01-15T08:00")
        let closed = try Self.run("ringhals-3-4-close-2030", at: "2030-01-15T08:00")
        #expect(base.flow.converged && closed.flow.converged)
        let cut = { (r: SnapshotResult) in r.cuts.first { $0.border == "SE2-SE3" }!.flowMW }
        let se3 = { (r: SnapshotResult) in r.zones.first { $0.zone == "SE3" }! }
        #expect(cut(closed) > cut(base) + 1000, "more imports into SE3 over the SE2→SE3 cut")
        #expect(se3(closed).netExportMW < se3(base).netExportMW - 1000)
        #expect(se3(closed).reactiveReserveMVAr < se3(base).reactiveReserveMVAr)
        #expect(se3(closed).kineticEnergyGWs < se3(base).kineticEnergyGWs)
        #expect(se3(closed).lowestVoltage!.vm < se3(base).lowestVoltage!.vm)
        #expect(closed.notes.contains { $0.contains("R3") && $0.contains("R4") })
    }

    @Test("closing Oskarshamn 3 removes the reference bus's machines: the result says where the reference went")
    func oskarshamnReference() throws {
        let r = try Self.run("oskarshamn-3-close-2035", at: "2035-01-16T08:00")
        #expect(r.flow.converged)
        #expect(r.notes.contains { $0.contains("made the reference") })
    }

    @Test("data centres add their load from the day they connect")
    func dataCentres() throws {
        let sweden = { (r: SnapshotResult) in r.zones.filter { $0.zone.hasPrefix("SE") }.reduce(0.0) { $0 + $1.loadMW } }
        // 2026: only Meta Luleå (120 MW × 0.7). 2030: also three 300 MW halls × 0.8, Borlänge 250 × 0.7
        // and Strängnäs 750 × 0.7: 720 + 84 + 175 + 525 = 1504 MW.
        for (moment, added) in [("2026-06-01T12:00", 84.0), ("2030-06-01T12:00", 1504.0)] {
            let with = try Self.run("datacentres-2030", at: moment), without = try Self.run("base-2025", at: moment)
            #expect(abs(sweden(with) - sweden(without) - added) < 1e-6, "\(moment)")
        }
    }
}
