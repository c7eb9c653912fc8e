import Foundation
import KraftCore
@testable import KraftSim
import Testing

/// The branch-limit round started from another window's optimal basis (`DispatchBasis`): where
/// CLP starts may pick another of the LP's optima of equal cost, never another cost, and a basis
/// that does not fit (other hours, other units, other branches) is only a worse start.
@Suite struct DispatchBasisTests {
    /// Nordic44 with hydro budgets and every branch at 80 % of its unlimited peak flow, and the
    /// same grid with loads 6 % higher and hydro budgets 10 % lower: two "weeks" of one grid.
    static func twoWindows(hours: Int) throws -> (DispatchProblem, DispatchProblem) {
        let a = try DispatchTestProblems.nordic44Limited(hours: hours, limitShare: 0.8)
        var b = a
        b.loadMW = HourMatrix(hours: b.hours, width: b.busCount, values: b.loadMW.values.map { $0 * 1.06 })
        b.energyBudgetsMWh = b.energyBudgetsMWh.map { $0 * 0.9 }
        return (a, b)
    }

    static func expectSameOptimum(_ cold: DispatchSolution, _ warm: DispatchSolution, _ p: DispatchProblem) {
        #expect(abs(warm.costEUR - cold.costEUR) <= 1e-9 * abs(cold.costEUR), "warm \(warm.costEUR) against cold \(cold.costEUR)")
        for h in 0..<p.hours {
            for (l, br) in p.branches.enumerated() { if let limit = br.limitMW { #expect(abs(warm.flowMW[h, l]) <= limit + 1e-5) } }
            let load = (0..<p.busCount).reduce(0.0) { $0 + p.loadMW[h, $1] }
            let served = (0..<p.units.count).reduce(0.0) { $0 + warm.outputMW[h, $1] } + (0..<p.busCount).reduce(0.0) { $0 + warm.unservedMW[h, $1] }
            #expect(abs(served - load) <= 1e-6 * max(load, 1), "hour \(h) balances")
        }
    }

    @Test("a window started from another window's basis reaches the cold solve's optimum cost, limits held")
    func otherWindowsBasis() throws {
        let (a, b) = try Self.twoWindows(hours: 24)
        let (_, basisA) = try DispatchLP.solve(a, start: nil)
        let (cold, _) = try DispatchLP.solve(b, start: nil)
        let (warm, _) = try DispatchLP.solve(b, start: basisA)
        #expect(cold.statistics.rounds >= 2, "the branch limits bind, so there is a round to start")
        Self.expectSameOptimum(cold, warm, b)
        // The market round is not started from the basis: with zonal pricing its prices are the same bits.
        var za = a, zb = b
        za.pricing = .zonal; zb.pricing = .zonal
        let (_, zonalBasis) = try DispatchLP.solve(za, start: nil)
        let zoneCold = try DispatchLP.solve(zb), zoneWarm = try DispatchLP.solve(zb, start: zonalBasis).solution
        #expect(zoneWarm.priceEURPerMWh.values.map(\.bitPattern) == zoneCold.priceEURPerMWh.values.map(\.bitPattern))
        Self.expectSameOptimum(zoneCold, zoneWarm, zb)
    }

    @Test("its own optimal basis restarts a window in fewer iterations than the market's")
    func ownBasis() throws {
        let (a, _) = try Self.twoWindows(hours: 24)
        let (cold, basis) = try DispatchLP.solve(a, start: nil)
        let (warm, again) = try DispatchLP.solve(a, start: basis)
        Self.expectSameOptimum(cold, warm, a)
        #expect(warm.statistics.iterations < cold.statistics.iterations,
                "\(warm.statistics.iterations) iterations from its own basis against \(cold.statistics.iterations)")
        #expect(again.limitRows.keys.sorted() == basis.limitRows.keys.sorted(), "the same branches bind")
    }

    @Test("a basis that does not fit (fewer hours, a unit and a branch limit gone) still gives the cold optimum")
    func misfit() throws {
        let (_, b) = try Self.twoWindows(hours: 24)
        var short = try DispatchTestProblems.nordic44Limited(hours: 12, limitShare: 0.7)
        short.units.removeLast()
        let (_, basis) = try DispatchLP.solve(short, start: nil)
        #expect(basis.columns.count == 12)
        var other = b
        if let l = other.branches.indices.first(where: { basis.limitRows[$0] != nil }) { other.branches[l].limitMW = nil }
        let (cold, _) = try DispatchLP.solve(other, start: nil)
        let (warm, _) = try DispatchLP.solve(other, start: basis)
        Self.expectSameOptimum(cold, warm, other)
    }
}
