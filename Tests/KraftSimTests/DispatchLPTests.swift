import Foundation
import Synchronization
import KraftCore
import KraftSim
import Testing

/// The LP dispatch against hand-derived cases and against the merit order.
@Suite struct DispatchLPTests {
    /// Triangle with equal reactances: a unit at bus 0 sends 2/3 of its output over 0→2 and 1/3
    /// over 0→1→2; a unit at bus 1 sends 1/3 over 0→2 (via 1→0) and 2/3 over 1→2.
    /// With 0→2 limited to 80 MW: (2/3)P0 + (1/3)(150 − P0) = 80 → P0 = 90, P1 = 60;
    /// flows 0→1 = (P0 − P1)/3 = 10, 1→2 = (P0 + 2 P1)/3 = 70, 0→2 = 80.
    /// Nodal prices: bus 0 = 10, bus 1 = 50 (their units are marginal); one more MW at bus 2 must
    /// keep 0→2 at 80: dP0 + dP1 = 1, (2/3)dP0 + (1/3)dP1 = 0 → dP0 = −1, dP1 = 2 → 90 EUR/MWh.
    @Test("one binding line: outputs, flows and the three nodal prices as derived by hand")
    func bindingLine() throws {
        let s = try DispatchLP.solve(DispatchTestProblems.triangle(limit02: 80))
        expectClose(s.outputMW, [90, 60])
        expectClose(s.flowMW, [10, 70, 80])
        expectClose(s.priceEURPerMWh, [10, 50, 90])
        #expect(abs(s.costEUR - (90 * 10 + 60 * 50)) < 1e-6)
        #expect(s.unservedMW.values.allSatisfy { abs($0) < 1e-9 })
    }

    @Test("uncongested: the cheap unit serves all, every price is its cost")
    func uncongested() throws {
        let s = try DispatchLP.solve(DispatchTestProblems.triangle())
        expectClose(s.outputMW, [150, 0])
        // 2/3 of 150 direct, 1/3 around.
        expectClose(s.flowMW, [50, 50, 100])
        expectClose(s.priceEURPerMWh, [10, 10, 10])
    }

    @Test("limit ignored when enforceBranchLimits is off")
    func limitsOff() throws {
        var p = DispatchTestProblems.triangle(limit02: 80)
        p.enforceBranchLimits = false
        expectClose(try DispatchLP.solve(p).outputMW, [150, 0])
    }

    /// Interface = the two branches leaving bus 0 (0→1 and 0→2, sign +1), forward limit 90: the
    /// cheap unit can export only 90, the dear one covers 60 and sets the price at buses 1 and 2.
    @Test("interface limit binds at its forward limit and splits the prices")
    func interface() throws {
        var p = DispatchTestProblems.triangle()
        p.interfaces = [.init(name: "out of 0", branches: [(0, 1), (2, 1)], forwardMW: 90, backwardMW: 0)]
        let s = try DispatchLP.solve(p)
        expectClose(s.outputMW, [90, 60])
        #expect(abs(s.flowMW[0, 0] + s.flowMW[0, 2] - 90) < 1e-6)
        expectClose(s.priceEURPerMWh, [10, 50, 50])
        // A loose interface changes nothing.
        p.interfaces[0].forwardMW = 500
        expectClose(try DispatchLP.solve(p).outputMW, [150, 0])
    }

    /// Hydro (free, 100 MW) with 30 MWh for two hours of load 80 and 150 MW, beside a 20 and an
    /// 80 EUR/MWh unit of 100 MW each. Hour 2 needs 50 MW beyond the cheap unit; every MWh of
    /// hydro there saves 80, in hour 1 only 20, so all 30 MWh go to hour 2:
    /// hour 1: cheap 80; hour 2: cheap 100, hydro 30, dear 20. Cost 80·20 + 100·20 + 20·80 = 5200
    /// (7000 if the hydro ran in hour 1). Prices 20 and 80.
    @Test("an energy budget moves hydro to the expensive hour")
    func hydroShift() throws {
        let s = try DispatchLP.solve(DispatchTestProblems.hydroWeek(budget: 30))
        expectClose(s.outputMW, [80, 0, 0, 100, 20, 30])
        #expect(abs(s.costEUR - 5200) < 1e-6)
        expectClose(s.priceEURPerMWh, [20, 80])
        // The merit order's level rule finds the same split here.
        let m = try MeritOrderDispatch.solve(DispatchTestProblems.hydroWeek(budget: 30))
        expectClose(m.outputMW, [80, 0, 0, 100, 20, 30])
        #expect(abs(m.costEUR - 5200) < 1e-6)
    }

    @Test("energy balance closes every hour; curtailment is pmax − output")
    func energyBalance() throws {
        let p = DispatchTestProblems.generated()
        for s in [try DispatchLP.solve(p), try MeritOrderDispatch.solve(p)] {
            expectBalanced(p, s)
        }
    }

    @Test("without line limits the LP costs what the merit order costs (generated, 120 units, 24 h)")
    func lpEqualsMeritOrder() throws {
        var p = DispatchTestProblems.generated()
        p.branches = p.branches.map { var b = $0; b.limitMW = 50; return b }
        p.enforceBranchLimits = false
        let lp = try DispatchLP.solve(p), mo = try MeritOrderDispatch.solve(p)
        #expect(abs(lp.costEUR - mo.costEUR) <= 1e-6 * abs(mo.costEUR), "LP \(lp.costEUR) vs merit order \(mo.costEUR)")
        // With limits enforced the LP can only cost more.
        p.enforceBranchLimits = true
        let limited = try DispatchLP.solve(p)
        #expect(limited.costEUR > lp.costEUR * (1 + 1e-6))
        expectBalanced(p, limited)
        for h in 0..<p.hours {
            for l in 0..<p.branches.count { #expect(abs(limited.flowMW[h, l]) <= 50 + 1e-6, "branch \(l) hour \(h): \(limited.flowMW[h, l])") }
        }
    }

    @Test("deterministic: the same problem gives identical bits, also after solving another")
    func determinism() throws {
        var limited = DispatchTestProblems.generated(seed: 11)
        limited.branches = limited.branches.map { var b = $0; b.limitMW = 120; return b }
        let p = DispatchTestProblems.generated()
        let a = try DispatchLP.solve(p)
        _ = try DispatchLP.solve(limited)
        let b = try DispatchLP.solve(p)
        for (x, y) in [(a.outputMW, b.outputMW), (a.flowMW, b.flowMW), (a.priceEURPerMWh, b.priceEURPerMWh),
                       (a.unservedMW, b.unservedMW), (a.externalMW, b.externalMW), (a.curtailedMW, b.curtailedMW)] {
            #expect(x.values.map(\.bitPattern) == y.values.map(\.bitPattern))
        }
        #expect(a.costEUR.bitPattern == b.costEUR.bitPattern)
        // And on other threads at once.
        let results = try (0..<4).map { _ in p }.concurrentMap { try DispatchLP.solve($0) }
        for r in results { #expect(r.outputMW.values.map(\.bitPattern) == a.outputMW.values.map(\.bitPattern)) }
    }

    @Test("an iteration limit is an error with its cause, not an answer")
    func iterationLimit() {
        var options = ClpOptions()
        options.maximumIterations = 2
        #expect {
            try DispatchLP.solve(DispatchTestProblems.generated(), options: options)
        } throws: { error in
            guard case DispatchError.solverFailed(let message) = error else { return false }
            return message.contains("iteration limit")
        }
    }

    /// Unit 0 must run at 180 MW in hour 1 against 150 MW of load, with nowhere else to go: the
    /// 30 MW are dumped at bus 0 at the surplus cost (an infeasible problem before), the price there
    /// is −surplusCost, and both solvers agree.
    @Test("minimum output above load: the surplus is dumped at its bus, priced and reported, by the LP and the merit order")
    func surplus() throws {
        var r = DispatchTestProblems.triangle(hours: 2)
        r.units[0].pmin = [0, 180]
        let lp = try DispatchLP.solve(r)
        expectClose(lp.surplusMW, [0, 0, 0, 30, 0, 0])
        expectClose(lp.outputMW, [150, 0, 180, 0])
        #expect(abs(lp.costEUR - (150 * 10 + 180 * 10 + 30 * r.surplusCostEURPerMWh)) < 1e-6)
        #expect(abs(lp.priceEURPerMWh[1, 0] + r.surplusCostEURPerMWh) < 1e-6, "\(lp.priceEURPerMWh.values)")
        let merit = try MeritOrderDispatch.solve(r)
        expectClose(merit.surplusMW, [0, 0, 0, 30, 0, 0])
        expectClose(merit.outputMW, [150, 0, 180, 0])
        #expect(abs(merit.costEUR - lp.costEUR) < 1e-6)
        // A fixed import with no load at all in an hour: all of it is dumped.
        var f = DispatchTestProblems.triangle(hours: 2)
        f.loadMW = HourMatrix(hours: 2, width: 3, values: [0, 0, 150, 0, 0, 0])
        f.externals = [.init(name: "X", bus: 2, importMW: 50, exportMW: 50, mode: .fixed(scheduleMW: [20, 20]))]
        let fixed = try DispatchLP.solve(f)
        expectClose(fixed.surplusMW, [0, 0, 0, 0, 0, 20])
        expectClose(fixed.outputMW, [130, 0, 0, 0])
        // A normal window has no surplus and the same answer as before.
        let plain = try DispatchLP.solve(DispatchTestProblems.triangle(limit02: 80))
        #expect(plain.surplusMW.values.allSatisfy { $0 == 0 })
        expectClose(plain.outputMW, [90, 60])
    }

    /// Branch limit 0→2 of 10 MW and a must-run 100 MW unit at bus 0 against 100 MW of load at bus
    /// 2: the island balances, but the limit keeps most of the must-run output in (1/3 of the flow
    /// goes around, so at most 15 MW reach bus 2 from bus 0). Primal infeasible without a dump.
    @Test("must-run output a branch limit cannot carry is dumped, not an infeasible LP")
    func surplusBehindALimit() throws {
        var p = DispatchTestProblems.triangle(limit02: 10)
        p.units[0].pmin = [100]
        p.loadMW = HourMatrix(hours: 1, width: 3, values: [0, 0, 100])
        let s = try DispatchLP.solve(p)
        #expect(s.surplusMW[0, 0] > 1, "\(s.surplusMW.values)")
        #expect(abs(s.flowMW[0, 2]) <= 10 + 1e-6)
        #expect(abs(s.outputMW[0, 0] - 100) < 1e-6)
    }

    @Test("bad input is named by unit and hour")
    func badInput() {
        var p = DispatchTestProblems.triangle(hours: 3)
        p.units[1].pmin[2] = 300
        #expect(throws: DispatchError.invalidProblem("unit 1, hour 2: pmin 300.0 MW > pmax 200.0 MW (expected pmin ≤ pmax)")) {
            try DispatchLP.solve(p)
        }
        #expect(throws: DispatchError.self) { try MeritOrderDispatch.solve(p) }
        var q = DispatchTestProblems.triangle(hours: 2)
        q.units[0].pmax = [200]
        #expect(throws: DispatchError.invalidProblem("unit 0: pmin has 2 and pmax 1 values (expected 2 each)")) { try DispatchLP.solve(q) }
        var h = DispatchTestProblems.hydroWeek(budget: 30)
        h.units[2].pmin = [20, 20]
        #expect(throws: DispatchError.self) { try DispatchLP.solve(h) }
        var t = DispatchTestProblems.triangle()
        t.referenceBuses = [0, 2]
        #expect(throws: DispatchError.self) { try DispatchLP.solve(t) }
    }
}

func expectClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    for (x, y) in zip(a, b) where abs(x - y) > tolerance * max(1, abs(y)) {
        Issue.record("\(a) vs expected \(b)", sourceLocation: sourceLocation)
        return
    }
}

/// `expectClose` on a matrix's values, hour-major.
func expectClose(_ a: HourMatrix<Double>, _ b: [Double], tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(a.values, b, tolerance: tolerance, sourceLocation: sourceLocation)
}

func expectClose(_ a: HourMatrix<Double>, _ b: HourMatrix<Double>, tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.hours == b.hours && a.width == b.width, sourceLocation: sourceLocation)
    expectClose(a.values, b.values, tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Σ output + exchanges + unserved = load every hour (1e-6 relative), unserved within 0…load,
/// curtailment = pmax − output of weather-driven units.
func expectBalanced(_ p: DispatchProblem, _ s: DispatchSolution, sourceLocation: SourceLocation = #_sourceLocation) {
    for h in 0..<p.hours {
        let load = p.loadMW[hour: h].reduce(0, +)
        let supply = s.outputMW[hour: h].reduce(0, +) + s.externalMW[hour: h].reduce(0, +) + s.unservedMW[hour: h].reduce(0, +)
        #expect(abs(supply - load) <= 1e-6 * max(1, load), "hour \(h): supply \(supply) vs load \(load)", sourceLocation: sourceLocation)
        for b in 0..<p.busCount {
            #expect(s.unservedMW[h, b] >= -1e-9 && s.unservedMW[h, b] <= max(p.loadMW[h, b], 0) + 1e-6, sourceLocation: sourceLocation)
        }
        for (k, unit) in p.units.enumerated() {
            let out = s.outputMW[h, k]
            #expect(out >= unit.pmin[h] - 1e-6 && out <= unit.pmax[h] + 1e-6, sourceLocation: sourceLocation)
            let expected = unit.curtailable ? unit.pmax[h] - out : 0
            #expect(abs(s.curtailedMW[h, k] - expected) <= 1e-6, sourceLocation: sourceLocation)
        }
    }
}

extension Array where Element: Sendable {
    /// Maps on concurrent threads (one per element), keeping the order.
    func concurrentMap<T: Sendable>(_ transform: @Sendable @escaping (Element) throws -> T) throws -> [T] {
        let results = Mutex([Result<T, any Error>?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let r = Result { try transform(self[i]) }
            results.withLock { $0[i] = r }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }
}
