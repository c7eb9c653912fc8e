import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// `[dispatch] branch_limit_share` on the GridKit grid, whose Swedish branches are rated: the
/// dispatch holds every rated branch to that share of its rating and leaves unrated ones at the
/// angle bound; on Nordic44, rated by its sidecar, each branch is held to the tighter of the two.
@Suite("Branch limit share")
struct BranchLimitShareTests {
    /// One day of base-2025 (a winter day unless given) on the GridKit grid dispatched with the
    /// given share, and the zone of each bus.
    static func dispatch(share: Double, scenario: String = "base-2025-gridkit.toml", day: String = "2025-01-15") throws
        -> (problem: DispatchProblem, solution: DispatchSolution, network: Network, order: [Int], zoneOfBus: [String]) {
        let path = YearRunTests.root.appendingPathComponent("Scenarios/sweden/\(scenario)").path
        var (s, network, sidecar) = try ScenarioLoader.load(path: path)
        s.dispatch.branchLimitShare = share
        let day = try #require(CalendarDate(parsing: day))
        let (profiles, hours) = try YearRun.profiles(weather: s.weather, covering: Period(from: day, to: day), sidecar: sidecar)
        let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
        let (_, problem) = setup.problem(hours)
        return (problem, try DispatchLP.solve(problem), setup.grid.network, setup.order, setup.grid.zoneOfBus)
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
            // The full rating, or the 30° angle bound where that is lower (two long 220 kV lines).
            let l = derated.order[k], x = net.branches.x[l] * (net.branches.ratio[l] == 0 ? 1 : net.branches.ratio[l])
            let fullLimit = min(rating, Double.pi / 6 / abs(x) * mva)
            #expect(abs(full.problem.branches[k].limitMW! - fullLimit) <= 1e-9 * rating)
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

    @Test("Nordic44: a long branch keeps its 30° angle bound below its rating; a short one is held to 0.9 of its rating")
    func nordic44TighterOfTwo() throws {
        let day = try Self.dispatch(share: 0.9, scenario: "base-2025.toml")
        let net = day.network
        func limit(_ from: Int, _ to: Int) throws -> Double {
            let l = try #require((0..<net.branches.count).first { net.buses.id[net.branches.from[$0]] == from && net.buses.id[net.branches.to[$0]] == to })
            let k = try #require(day.order.firstIndex(of: l))
            return try #require(day.problem.branches[k].limitMW)
        }
        // Forsmark-Porjus, x = 0.09 p.u., rated 1,787 MVA: (π/6) / 0.09 * 100 = 581.8 MW < 0.9 * 1,787.
        #expect(abs(try limit(3000, 3115) - 581.776) < 0.001)
        // Kvilldal-Blåfalli, x = 0.042 p.u., rated 1,000 MVA: 0.9 * 1,000 = 900 MW < (π/6) / 0.042 * 100 = 1,246.7.
        #expect(abs(try limit(6000, 6100) - 900) < 1e-9)
        for k in day.order.indices {
            for h in 0..<24 { #expect(abs(day.solution.flowMW[h, k]) <= day.problem.branches[k].limitMW! + 1e-5) }
        }
    }
}
