import KraftSim
import Testing

/// The LP is solved first without unserved-demand columns (`DispatchLP`); these are the two ways
/// it must come back to them: a shortfall (the LP without them is infeasible) and a price above
/// the unserved cost (feasible without them, but not the full LP's optimum). Both on the triangle
/// of `DispatchTestProblems` (10 EUR/MWh at bus 0, 50 EUR/MWh at bus 1, 200 MW each, no limits:
/// one price everywhere), derived by hand.
@Suite struct DispatchLPUnservedTests {
    @Test("a shortfall: 500 MW of load on 400 MW of units sheds 100 MW at the unserved cost")
    func shortfall() throws {
        var p = DispatchTestProblems.triangle()
        p.loadMW[0, 2] = 500
        let s = try DispatchLP.solve(p)
        expectClose(s.outputMW, [200, 200])
        expectClose(s.unservedMW, [0, 0, 100])
        expectClose(s.priceEURPerMWh, [3000, 3000, 3000])
        #expect(abs(s.costEUR - (200 * 10 + 200 * 50 + 100 * 3000)) < 1e-6)
    }

    /// With the dear unit at 5,000 EUR/MWh and 300 MW of load the LP without unserved demand
    /// runs it for 100 MW at a price of 5,000; with it, shedding those 100 MW at 3,000 is cheaper.
    @Test("a price above the unserved cost: the unit dearer than shedding stays off")
    func dearerThanShedding() throws {
        var p = DispatchTestProblems.triangle()
        p.units[1].cost = 5000
        p.loadMW[0, 2] = 300
        let s = try DispatchLP.solve(p)
        expectClose(s.outputMW, [200, 0])
        expectClose(s.unservedMW, [0, 0, 100])
        expectClose(s.priceEURPerMWh, [3000, 3000, 3000])
        #expect(abs(s.costEUR - (200 * 10 + 100 * 3000)) < 1e-6)
    }
}
