import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// A week's dispatch has many optima of equal cost: hydro of one cost at several buses and in
/// several hours. Which one CLP returns depends on its path, so the prices and congestion the run
/// reports must not: two CLP settings that visit different bases (perturbation 50, and CLP's
/// automatic choice) must agree on zone prices, the cuts' shadow prices and the congested flags.
/// Unit outputs may differ (which of the equal-cost units runs, and when).
@Suite struct DispatchUniquenessTests {
    @Test("two CLP paths to the optimum of a January week of base-2025 give the same prices, cut shadow prices and congested hours")
    func pathIndependentFigures() throws {
        let (s, network, sidecar) = try ScenarioLoader.load(path: YearRunTests.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path)
        let period = Period(from: try #require(CalendarDate(parsing: "2025-01-06")), to: try #require(CalendarDate(parsing: "2025-01-12")))
        let (profiles, hours) = try YearRun.profiles(weather: s.weather, covering: period, sidecar: sidecar)
        let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
        let (inputs, problem) = setup.problem(setup.window(of: hours.lowerBound))
        var automatic = ClpOptions()
        automatic.perturbation = 100
        let a = try DispatchLP.solve(problem)
        let b = try DispatchLP.solve(problem, options: automatic)
        #expect(a.statistics.iterations != b.statistics.iterations, "the two settings must take different paths")
        #expect(abs(a.costEUR - b.costEUR) <= 1e-9 * abs(a.costEUR))
        #expect(zip(a.priceEURPerMWh.values, b.priceEURPerMWh.values).allSatisfy { abs($0 - $1) < 1e-5 })
        let shadowA = a.interfaceShadowPriceEURPerMWh, shadowB = b.interfaceShadowPriceEURPerMWh
        #expect(shadowA.hours == problem.hours && shadowA.width == problem.interfaces.count && shadowB.values.count == shadowA.values.count)
        #expect(zip(shadowA.values, shadowB.values).allSatisfy { abs($0 - $1) < 1e-5 })
        // The congested flags the run reports (every sixth hour: each is an AC check).
        let check = HourCheck(grid: setup.grid, borders: setup.borders, interfaceNames: problem.interfaces.map(\.name))
        let cuts = setup.borders.indices.filter { k in problem.interfaces.contains { $0.name == setup.borders[k].name } }
        var anyCongested = false
        for h in stride(from: 0, to: problem.hours, by: 6) {
            let ra = check.check(hour: h, index: h, inputs: inputs[h], problem: problem, solution: a, start: nil).record
            let rb = check.check(hour: h, index: h, inputs: inputs[h], problem: problem, solution: b, start: nil).record
            #expect(ra.borderCongested == rb.borderCongested, "hour \(h)")
            anyCongested = anyCongested || cuts.contains { ra.borderCongested[$0] }
        }
        #expect(anyCongested, "some zonal cut must be congested in a January week for the comparison to mean anything")
    }
}
