import KraftCore
@testable import KraftSim
import Testing

/// Zonal pricing: the zone price is the market's (cleared before branch limits), the dispatch the
/// redispatch that respects them. Hand-derived on the triangle.
@Suite("Dispatch pricing")
struct DispatchPricingTests {
    /// The triangle (DispatchTestProblems) as one zone, branch 0→2 limited to 60 MW. Bus 2's 150 MW
    /// reach it 2/3 over 0→2 from bus 0 and 1/3 from bus 1, so with a from bus 0 and b from bus 1:
    /// 2a/3 + b/3 = 60 and a + b = 150 give a = 30 MW, b = 120 MW, cost 6,300 EUR. Nodal price at
    /// bus 2: one more MW there needs Δa = −1, Δb = +2, so 90 EUR/MWh. The market without the
    /// limit takes all 150 MW from bus 0: 10 EUR/MWh.
    static func problem(_ pricing: DispatchPricing) -> DispatchProblem {
        let t = DispatchTestProblems.triangle(limit02: 60)
        var p = DispatchProblem(hours: 1, baseMVA: 100, busCount: 3, zoneOfBus: [0, 0, 0], zones: ["Z"], referenceBuses: [0],
                                branches: t.branches, units: t.units, energyBudgetsMWh: [], loadMW: t.loadMW,
                                interfaces: [], externals: [])
        p.pricing = pricing
        return p
    }

    @Test("zonal: the market's price, the redispatched output; nodal: the limit's price")
    func triangle() throws {
        let zonal = try DispatchLP.solve(Self.problem(.zonal)), nodal = try DispatchLP.solve(Self.problem(.nodal))
        for s in [zonal, nodal] {
            #expect(abs(s.outputMW[0, 0] - 30) < 1e-6 && abs(s.outputMW[0, 1] - 120) < 1e-6)
            #expect(abs(s.flowMW[0, 2] - 60) < 1e-6)
            #expect(abs(s.costEUR - 6300) < 1e-6)
        }
        #expect(abs(zonal.priceEURPerMWh[0, 0] - 10) < 1e-6)
        #expect(abs(nodal.priceEURPerMWh[0, 0] - 90) < 1e-6)
    }

    @Test("without a binding limit both pricings give the same prices")
    func unlimited() throws {
        var zonal = Self.problem(.zonal), nodal = Self.problem(.nodal)
        zonal.branches[2].limitMW = 500; nodal.branches[2].limitMW = 500
        let z = try DispatchLP.solve(zonal), n = try DispatchLP.solve(nodal)
        #expect(z.priceEURPerMWh.values == n.priceEURPerMWh.values)
        #expect(abs(z.priceEURPerMWh[0, 0] - 10) < 1e-6)
    }

    @Test("zonal: prices are those of the problem solved without branch limits; output and neighbours' price differences the limited one's")
    func generatedMarket() throws {
        // The generated grid (120 units, 24 h, two price-taking neighbours) in three zones, every
        // branch limited to 50 MW: the market is the same problem with the limits switched off.
        var limited = DispatchTestProblems.generated()
        limited.zoneOfBus = (0..<limited.busCount).map { $0 % 3 }
        limited.zones = ["A", "B", "C"]
        limited.branches = limited.branches.map { var b = $0; b.limitMW = 50; return b }
        var market = limited
        market.enforceBranchLimits = false
        var zonal = limited
        zonal.pricing = .zonal
        let m = try DispatchLP.solve(market), z = try DispatchLP.solve(zonal), n = try DispatchLP.solve(limited)
        #expect(zip(z.priceEURPerMWh.values, m.priceEURPerMWh.values).allSatisfy { abs($0 - $1) <= 1e-6 })
        #expect(zip(z.externalPriceDifferenceEURPerMWh.values, n.externalPriceDifferenceEURPerMWh.values).allSatisfy { abs($0 - $1) <= 1e-9 })
        #expect(z.outputMW.values == n.outputMW.values && z.costEUR == n.costEUR)
        #expect(zip(z.priceEURPerMWh.values, n.priceEURPerMWh.values).contains { abs($0 - $1) > 1 },
                "the limits bind, so nodal prices differ from the market's somewhere")
    }
}
