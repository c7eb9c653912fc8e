import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// `--size-compensation` on the shipped Ringhals 3–4 closure over its first days of 2030 (which
/// fail without support): the bisection's answer against a brute-force search over a coarse grid
/// of ranges, and against a real run with the answer as a `[[compensation]]` element.
@Suite("Compensation sizing", .serialized)
struct CompensationSizingTests {
    static let scenario = YearRunTests.root.appendingPathComponent("Scenarios/sweden/ringhals-3-4-close-2030.toml").path
    static let from = "2030-01-01", to = "2030-01-03"

    @Test("bisection lands in the brute-force bracket; the answer holds in a real run; passing is monotone on the grid")
    func againstBruteForce() throws {
        let (s, network, sidecar) = try ScenarioLoader.load(path: Self.scenario)
        let span = Period(from: try #require(CalendarDate(parsing: Self.from)), to: try #require(CalendarDate(parsing: Self.to)))
        let (profiles, hours) = try YearRun.profiles(weather: s.weather, covering: span, sidecar: sidecar)
        let place = Compensation.Location.site("Ringhals")
        let period = try CompensationSizing.Period(scenario: s, network: network, sidecar: sidecar, profiles: profiles, only: hours,
                                                   place: place, threads: 2)
        #expect(period.bus == 3359, "site Ringhals is bus 3359 in the sidecar")

        // Brute force: every range on a 500 Mvar grid, from the dispatches made once.
        let step = 500.0
        let grid = stride(from: 0.0, through: 3000, by: step).map { try? period.check(mvar: $0) }
        let passes = try grid.map { try #require($0).passes }
        let first = try #require(passes.firstIndex(of: true), "some range up to 3000 Mvar passes: \(grid.map { $0?.failedHours ?? -1 })")
        #expect(first > 0, "the closure needs support in these days: \(grid[0]!)")
        #expect(passes[first...].allSatisfy { $0 }, "more range never fails on the grid: \(passes)")

        let tolerance = 25.0
        let answer = try CompensationSizing.size(period, place: place, startMvar: 400, toleranceMvar: tolerance)
        let mvar = try #require(answer.mvar)
        #expect(mvar > Double(first - 1) * step && mvar <= Double(first) * step, "±\(mvar) against the grid's first pass at ±\(Double(first) * step)")
        #expect(answer.checks.first?.mvar == 0 && !answer.without.passes)
        #expect(try #require(answer.with).passes)
        // Within the tolerance below the answer lies a range that was checked and failed.
        #expect(answer.checks.contains { !$0.passes && $0.mvar < mvar && $0.mvar >= mvar - tolerance })

        // The same with the answer as a scenario element, dispatched afresh: no active power, so
        // the dispatch is the same and every hour passes.
        var with = s
        with.compensation.append(CompensationSizing.device(at: place, mvar: mvar, origin: Origin(file: "test", keyPath: "")))
        let run = try YearRun.run(scenario: with, network: network, sidecar: sidecar, profiles: profiles, only: hours, threads: 2)
        #expect(run.records.allSatisfy(\.converged) && run.records.allSatisfy { $0.voltageViolations.isEmpty })
        let metrics = Dictionary(run.metrics, uniquingKeysWith: { a, _ in a })
        #expect(metrics["nonconverged_hours"] == 0 && metrics["voltage_violation_hours"] == 0)
        // The compensator's output stays within its range and is used.
        let g = period.generator
        let q = run.records.map { $0.reactiveMvar[g] }
        #expect(q.allSatisfy { abs($0) <= mvar + 1e-6 } && (q.max() ?? 0) > 0)
    }

    @Test("the shipped Ringhals STATCOM scenario solves a January week that fails without it")
    func shippedStatcom() throws {
        let without = try YearRunTests.run("ringhals-3-4-close-2030", from: "2030-01-15", to: "2030-01-21")
        let with = try YearRunTests.run("ringhals-3-4-close-2030-statcom", from: "2030-01-15", to: "2030-01-21")
        #expect(without.records.contains { !$0.converged }, "the week fails without support")
        #expect(with.records.allSatisfy(\.converged) && with.records.allSatisfy { $0.voltageViolations.isEmpty })
        // No active power: the dispatch, and so the prices, are the same hour by hour.
        #expect(zip(with.records, without.records).allSatisfy { $0.zonePrice == $1.zonePrice })
    }

    @Test("R3 and R4 kept as condensers add their machines' kinetic energy to every hour, and more hours converge")
    func keptCondensers() throws {
        let closed = try YearRunTests.run("ringhals-3-4-close-2030", from: "2030-01-15", to: "2030-01-17")
        let kept = try YearRunTests.run("ringhals-3-4-close-2030-condensers", from: "2030-01-15", to: "2030-01-17")
        let condensers = kept.grid.units.indices.filter { kept.grid.units[$0].support == .synchronousCondenser }
        try #require(condensers.count == 2 && condensers.allSatisfy { ["R3", "R4"].contains(kept.grid.units[$0].name) })
        // Each condenser's H·S is its reactor machine's, from the fleet's placement (H of the grid's nuclear machines × S).
        let reactors = kept.grid.units.indices.filter { ["R3", "R4"].contains(kept.grid.units[$0].name) && kept.grid.units[$0].technology == .nuclear }
        let expected = reactors.reduce(0) { $0 + kept.grid.units[$1].inertiaMWs } / 1000
        #expect(abs(condensers.reduce(0) { $0 + kept.grid.units[$1].inertiaMWs } / 1000 - expected) < 1e-9 && expected > 10)
        // The dispatch is the same; the kinetic energy differs by the condensers', and by what the
        // AC slack commits: the two runs' losses differ, the slack units' output by as much (ΔG),
        // and a unit's plants commit in proportion to output, at most H·S/P = 6 s / 0.9 per MW.
        var compared = 0
        for (a, b) in zip(kept.records, closed.records) where a.converged && b.converged {
            let slack = abs(a.generationMW - b.generationMW) * 6.0 / 0.9 / 1000
            #expect(abs(a.kineticGWs - b.kineticGWs - expected) <= slack + 1e-6, "hour \(a.hour): \(a.kineticGWs) against \(b.kineticGWs), ΔG \(a.generationMW - b.generationMW) MW")
            compared += 1
        }
        #expect(compared > 24)
        #expect(kept.records.filter(\.converged).count > closed.records.filter(\.converged).count)
    }
}
