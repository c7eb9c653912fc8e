import KraftSim
import Testing

/// A unit's offer steps (`DispatchProblem.Unit.offerSteps`): its capacity in equal steps, each at
/// its cost plus the step's added cost. On `DispatchTestProblems.hydroWeek` (one bus; hours of 80
/// and 150 MW; a cheap unit at 20 and a dear one at 80 EUR/MWh, 100 MW each; hydro at 0 EUR/MWh,
/// 100 MW, with a budget for the window), the hydro offered in two steps of 50 MW, the second 30
/// EUR/MWh dearer. Answers derived by hand in each test's comment.
@Suite struct DispatchLPOfferStepsTests {
    static func problem(budget: Double, secondHourLoad: Double = 150) -> DispatchProblem {
        var p = DispatchTestProblems.hydroWeek(budget: budget)
        p.units[2].offerSteps = [0, 30]
        p.loadMW[1, 0] = secondHourLoad
        return p
    }

    /// 100 MWh of water. Worth per MWh: hour 2's first step 80 (it displaces the dear unit), hour
    /// 1's first step 20 (the cheap one), either second step 20 − 30 < 0. So 50 MW in each hour's
    /// first step (with one flat step, 100 MW in hour 2 was as good: the steps make it unique),
    /// the cheap unit the rest: 30 and 100 MW; cost 20 · 130 = 2,600 EUR.
    @Test("the water goes where its first step is worth most; a second step dearer than what it displaces stays off")
    func firstSteps() throws {
        let s = try DispatchLP.solve(Self.problem(budget: 100))
        expectClose(s.outputMW, [30, 0, 50, 100, 0, 50])
        #expect(abs(s.costEUR - 2_600) < 1e-6)
    }

    /// 250 MW in hour 2 and water enough (200 MWh): the second step (30 EUR/MWh) displaces the dear
    /// unit (80), so hydro runs 100 MW there, the cheap unit 100 and the dear one 50 (the price,
    /// 80); hour 1 as above (50 MW of hydro, the cheap unit 30 at a price of 20). Cost: 20 · 130 +
    /// 80 · 50 + 30 · 50 = 8,100 EUR, of which 1,500 the second step's.
    @Test("the second step runs when the price is above its added cost, and its cost is counted")
    func secondStep() throws {
        let s = try DispatchLP.solve(Self.problem(budget: 200, secondHourLoad: 250))
        expectClose(s.outputMW, [30, 0, 50, 100, 50, 100])
        expectClose(s.priceEURPerMWh, [20, 80])
        #expect(abs(s.costEUR - 8_100) < 1e-6)
    }

    /// 100 MW in two 50 MW steps at +0 and +30: 70 MW costs 0 · 50 + 30 · 20 = 600 EUR/h above
    /// the base cost; an AC slack's 120 MW puts its 20 MW above pmax on the last step (+ 30 · 70).
    @Test("a unit's energy cost adds each step's cost on the part of the output in it")
    func energyCost() {
        var u = DispatchProblem.Unit(bus: 0, cost: 10, pmin: [0], pmax: [100], curtailable: false, budget: nil)
        u.offerSteps = [0, 30]
        #expect(abs(u.energyCost(70, hour: 0) - (10 * 70 + 30 * 20)) < 1e-9)
        #expect(abs(u.energyCost(120, hour: 0) - (10 * 120 + 30 * 70)) < 1e-9)
        u.offerSteps = []
        #expect(abs(u.energyCost(70, hour: 0) - 700) < 1e-9)
    }

    @Test("steps out of order are refused")
    func descending() {
        var p = Self.problem(budget: 100)
        p.units[2].offerSteps = [30, 0]
        #expect(throws: DispatchError.self) { try DispatchLP.solve(p) }
    }
}
