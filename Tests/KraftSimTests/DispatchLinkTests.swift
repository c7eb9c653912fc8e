import KraftCore
import KraftSim
import Testing

/// Controllable links (HVDC) in the LP, against cases derived by hand.
@Suite struct DispatchLinkTests {
    /// Two buses with no AC branch between them (two islands, each its own reference and zone),
    /// joined only by a link 0→1: a 10 EUR/MWh unit and 50 MW of load at bus 0, a 50 EUR/MWh unit
    /// and 100 MW of load at bus 1 (200 MW each).
    static func twoIslands(forward: Double, backward: Double, reversed: Bool = false) -> DispatchProblem {
        var p = DispatchProblem(
            hours: 1, baseMVA: 100, busCount: 2, zoneOfBus: [0, 1], zones: ["A", "B"], referenceBuses: [0, 1], branches: [],
            units: [.init(bus: 0, cost: 10, pmin: [0], pmax: [200], curtailable: false, budget: nil),
                    .init(bus: 1, cost: 50, pmin: [0], pmax: [200], curtailable: false, budget: nil)],
            energyBudgetsMWh: [], loadMW: HourMatrix(hours: 1, width: 2, values: [50, 100]), interfaces: [], externals: [])
        p.links = [reversed ? .init(name: "B-A", from: 1, to: 0, forwardMW: forward, backwardMW: backward)
                            : .init(name: "A-B", from: 0, to: 1, forwardMW: forward, backwardMW: backward)]
        return p
    }

    /// Link at 80 MW forward: bus 1 needs 100, gets 80 over the link, the dear unit makes 20.
    /// Cheap unit 50 + 80 = 130. Prices: 10 at bus 0, 50 at bus 1 (each island's marginal unit);
    /// the difference, 40, is what one more MW of link would save (50 − 10). Cost 130·10 + 20·50.
    @Test("two islands, link at its forward limit: flows, prices, and the difference as its shadow price")
    func twoIslandsBinding() throws {
        let s = try DispatchLP.solve(Self.twoIslands(forward: 80, backward: 80))
        expectClose(s.outputMW, [130, 20])
        expectClose(s.linkMW, [80])
        expectClose(s.priceEURPerMWh, [10, 50])
        expectClose(s.linkPriceDifferenceEURPerMWh, [40])
        #expect(abs(s.costEUR - 2300) < 1e-6)
        // The same link named the other way (1→0): the flow is at its backward limit, −80 MW,
        // and the difference (price at 0 minus price at 1) is −40.
        let r = try DispatchLP.solve(Self.twoIslands(forward: 80, backward: 80, reversed: true))
        expectClose(r.outputMW, [130, 20])
        expectClose(r.linkMW, [-80])
        expectClose(r.linkPriceDifferenceEURPerMWh, [-40])
        // One more MW of capacity saves exactly the difference.
        let more = try DispatchLP.solve(Self.twoIslands(forward: 81, backward: 80))
        #expect(abs((s.costEUR - more.costEUR) - 40) < 1e-6)
    }

    /// Link of 150 MW: bus 1's 100 MW all come over it (within the limit), the cheap unit makes
    /// 150 and sets both prices: 10 and 10, no difference. Cost 1500. Without the link bus 1's own
    /// unit would make 100 at 50: the link saves 100·40 = 4000.
    @Test("two islands, link within its limits: one price at both ends")
    func twoIslandsNotBinding() throws {
        let s = try DispatchLP.solve(Self.twoIslands(forward: 150, backward: 150))
        expectClose(s.outputMW, [150, 0])
        expectClose(s.linkMW, [100])
        expectClose(s.priceEURPerMWh, [10, 10])
        expectClose(s.linkPriceDifferenceEURPerMWh, [0])
        #expect(abs(s.costEUR - 1500) < 1e-6)
        let none = try DispatchLP.solve(Self.twoIslands(forward: 0, backward: 0))
        expectClose(none.outputMW, [50, 100])
        expectClose(none.linkMW, [0])
        #expect(abs(none.costEUR - s.costEUR - 4000) < 1e-6)
    }

    /// The triangle (`DispatchTestProblems.triangle`, 0→2 limited to 80 MW) with a 20 MW link
    /// 0→2 beside it. Net injections: bus 0 P0 − L, bus 1 P1, bus 2 −150 + L; flow on 0→2 =
    /// (2/3)(P0 − L) + (1/3)P1 with P1 = 150 − P0, so 0→2 ≤ 80 means P0 ≤ 90 + 2L: each MW of link
    /// lets the cheap unit make 2 MW more. L = 20 (at its limit), P0 = 130, P1 = 20.
    /// Flows: 0→1 = (110 − 20)/3 = 30, 1→2 = (110 + 2·20)/3 = 50, 0→2 = 80.
    /// Prices: bus 0 10, bus 1 50, bus 2 90 (as without the link: the link at its limit is a fixed
    /// transfer); difference across the link 90 − 10 = 80 = 2·(50 − 10), what one more MW saves.
    @Test("a link beside a congested AC line relieves it through the PTDF rows, as derived by hand")
    func triangleWithLink() throws {
        var p = DispatchTestProblems.triangle(limit02: 80)
        p.links = [.init(name: "0-2", from: 0, to: 2, forwardMW: 20, backwardMW: 20)]
        let s = try DispatchLP.solve(p)
        expectClose(s.outputMW, [130, 20])
        expectClose(s.linkMW, [20])
        expectClose(s.flowMW, [30, 50, 80])
        expectClose(s.priceEURPerMWh, [10, 50, 90])
        expectClose(s.linkPriceDifferenceEURPerMWh, [80])
        #expect(abs(s.costEUR - (130 * 10 + 20 * 50)) < 1e-6)
        // Without the link: P0 = 90, P1 = 60 (DispatchLPTests.bindingLine); the link saves 20·80.
        let without = try DispatchLP.solve(DispatchTestProblems.triangle(limit02: 80))
        #expect(abs(without.costEUR - s.costEUR - 20 * 80) < 1e-6)
        // An interface on the two branches leaving bus 0 sees the link's withdrawal at bus 0 too:
        // limited to 100 MW forward, P0 − L ≤ 100, so with L = 20 the cheap unit makes 120.
        p.enforceBranchLimits = false
        p.interfaces = [.init(name: "out of 0", branches: [(0, 1), (2, 1)], forwardMW: 100, backwardMW: 100)]
        let i = try DispatchLP.solve(p)
        expectClose(i.outputMW, [120, 30])
        expectClose(i.linkMW, [20])
        #expect(abs(i.flowMW[0, 0] + i.flowMW[0, 2] - 100) < 1e-6)
    }

    @Test("the merit order leaves links at 0 (a copper plate has nothing for them to do)")
    func meritOrderIgnoresLinks() throws {
        var p = DispatchTestProblems.triangle(limit02: 80)
        p.links = [.init(name: "0-2", from: 0, to: 2, forwardMW: 20, backwardMW: 20)]
        let m = try MeritOrderDispatch.solve(p)
        expectClose(m.linkMW, [0])
        expectClose(m.outputMW, [150, 0])
    }

    @Test("a link must join two different buses and have finite limits ≥ 0")
    func validation() {
        for link in [DispatchProblem.Link(name: "x", from: 0, to: 0, forwardMW: 1, backwardMW: 1),
                     .init(name: "x", from: 0, to: 3, forwardMW: 1, backwardMW: 1),
                     .init(name: "x", from: 0, to: 1, forwardMW: -1, backwardMW: 1),
                     .init(name: "x", from: 0, to: 1, forwardMW: 1, backwardMW: .infinity)] {
            var p = DispatchTestProblems.triangle()
            p.links = [link]
            #expect(throws: DispatchError.self) { try p.validate() }
        }
        // Two islands whose only way to balance is the link: bus 0 must run 120 MW with 50 MW of
        // load, so without a link the 70 MW are dumped as surplus; a 70 MW link takes them.
        var p = Self.twoIslands(forward: 0, backward: 0)
        p.units[0].pmin = [120]
        #expect(throws: Never.self) { try p.validate() }
        let dumped = try? DispatchLP.solve(p)
        expectClose([dumped?.surplusMW.values.reduce(0, +) ?? -1], [70])
        p.links[0].forwardMW = 70
        #expect(throws: Never.self) { try p.validate() }
        let s = try? DispatchLP.solve(p)
        expectClose(s?.linkMW.values ?? [], [70])
    }
}
