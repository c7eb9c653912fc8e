import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// `[dispatch] branch_limit_share` on the GridKit grid, whose Swedish branches are rated: the
/// dispatch holds every rated branch to that share of its rating and leaves unrated ones at the
/// angle bound.
@Suite("Branch limit share")
struct BranchLimitShareTests {
    /// One winter day of base-2025 on the GridKit grid dispatched with the given share.
    static func dispatch(share: Double) throws -> (problem: DispatchProblem, solution: DispatchSolution, network: Network, order: [Int]) {
        let path = YearRunTests.root.appendingPathComponent("Scenarios/sweden/base-2025-gridkit.toml").path
        var (s, network, sidecar) = try ScenarioLoader.load(path: path)
        s.dispatch.branchLimitShare = share
        let day = try #require(CalendarDate(parsing: "2025-01-15"))
        let (profiles, _) = try YearRun.profiles(weather: s.weather, covering: Period(from: day, to: day), sidecar: sidecar)
        let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
        let (_, problem) = setup.problem(0..<24)
        return (problem, try DispatchLP.solve(problem), setup.grid.network, setup.order)
    }

    @Test("rated branches are held to the share of their rating; the full rating lets some pass it")
    func heldToShare() throws {
        let full = try Self.dispatch(share: 1), derated = try Self.dispatch(share: 0.8)
        let net = derated.network, mva = net.baseMVA
        let rated = derated.order.indices.filter { net.branches.rateA[derated.order[$0]] > 0 }
        #expect(rated.count > 200, "the GridKit grid rates its Swedish branches")
        var passedShare = 0
        for k in rated {
            let rating = net.branches.rateA[derated.order[k]] * mva
            #expect(abs(derated.problem.branches[k].limitMW! - 0.8 * rating) <= 1e-9 * rating)
            #expect(abs(full.problem.branches[k].limitMW! - rating) <= 1e-9 * rating)
            for h in 0..<24 {
                #expect(abs(derated.solution.flowMW[h, k]) <= 0.8 * rating + 1e-5)
                if abs(full.solution.flowMW[h, k]) > 0.8 * rating + 1 { passedShare += 1 }
            }
        }
        #expect(passedShare > 0, "with the full rating some branch carries more than 0.8 of it, so the share binds")
        // Unrated branches (Nordic44's) keep the same limit either way.
        for k in derated.order.indices where net.branches.rateA[derated.order[k]] == 0 {
            #expect(derated.problem.branches[k].limitMW == full.problem.branches[k].limitMW)
        }
        #expect(derated.solution.costEUR >= full.solution.costEUR - 1e-6 * abs(full.solution.costEUR))
    }
}
