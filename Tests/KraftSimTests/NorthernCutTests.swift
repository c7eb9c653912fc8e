import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// Nordic44's cut between the north (SE1, SE2) and SE3. The equivalent's long SE1–SE3 line
/// (Porjus–Forsmark) counts in it: before it did, 400–650 MW reached SE3 from the north past the
/// cut's trading capacity, the line being in no cut.
@Suite("Nordic44's northern cut")
struct NorthernCutTests {
    @Test("on a day of base-2025 (29 May) no more than the SE2→SE3 trading capacity reaches SE3 from SE1 and SE2 over all their lines, and it binds")
    func nothingPastTheCut() throws {
        let path = YearRunTests.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path
        let (s, network, sidecar) = try ScenarioLoader.load(path: path)
        let day = try #require(CalendarDate(parsing: "2025-05-29"))
        let (profiles, hours) = try YearRun.profiles(weather: s.weather, covering: Period(from: day, to: day), sidecar: sidecar)
        let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
        let (_, problem) = setup.problem(hours)
        let solution = try DispatchLP.solve(problem)
        // The scenario's capacity (2022's mean allocation), not the sidecar's 7,300 MW maximum.
        let capacity = try #require(sidecar?.interconnectors.first { $0.border == "SE2-SE3" }?.capacityForwardMW)
        #expect(capacity == 6505)
        let zone = setup.grid.zoneOfBus, north: Set<String> = ["SE1", "SE2"]
        var most = 0.0
        for h in 0..<problem.hours {
            // Every AC branch with one end in the north and the other in SE3, counted southwards.
            var southward = 0.0
            for (k, branch) in problem.branches.enumerated() {
                if north.contains(zone[branch.from]) && zone[branch.to] == "SE3" { southward += solution.flowMW[h, k] }
                if north.contains(zone[branch.to]) && zone[branch.from] == "SE3" { southward -= solution.flowMW[h, k] }
            }
            #expect(southward <= capacity + 1e-5, "hour \(h): \(southward) MW from the north into SE3")
            most = max(most, southward)
        }
        #expect(most > capacity - 1, "the cut binds on 29 May 2025: at most \(most) MW")
    }
}
