import Foundation
import KraftCore
import Testing

@Suite("N-1 engine")
struct ContingencyTests {
    /// The same network solved from scratch with the outage applied by hand.
    static func resolve(_ network: Network) -> PowerFlowResult {
        var o = PowerFlowOptions()
        o.fallback = false
        return PowerFlowSolver(network: network, options: o).solve()
    }

    static func flowDifference(_ a: BranchFlows, _ b: PowerFlowResult) -> Double {
        [maxDifference(a.pf, b.pf), maxDifference(a.qf, b.qf), maxDifference(a.pt, b.pt), maxDifference(a.qt, b.qt)].max()!
    }

    static func keeping(_ configure: (inout ContingencyOptions) -> Void = { _ in }) -> ContingencyOptions {
        var o = ContingencyOptions()
        o.keepSolutions = true
        configure(&o)
        return o
    }

    @Test("identical results for 1, 2 and 3 threads", arguments: ["case118", "case30"])
    func threads(caseName: String) throws {
        let network = try Paths.network(caseName)
        let list = Contingency.branchOutages(of: network) + Contingency.generatorOutages(of: network)
        let runs = try [1, 2, 3].map { t in
            try ContingencyAnalysis(network: network, options: Self.keeping { $0.threads = t; $0.generatorPickup = .pmax }).run(list)
        }
        for run in runs.dropFirst() {
            #expect(run.ranking == runs[0].ranking)
            for (a, b) in zip(run.results, runs[0].results) {
                #expect(a.dc == b.dc)
                #expect(a.islanding == b.islanding)
                #expect(a.ac?.converged == b.ac?.converged && a.ac?.iterations == b.ac?.iterations)
                #expect(a.ac?.vm == b.ac?.vm && a.ac?.va == b.ac?.va, "bitwise identical voltages")
                #expect(a.ac?.flows?.pf == b.ac?.flows?.pf && a.ac?.flows?.qt == b.ac?.flows?.qt)
                #expect(a.ac?.overloads == b.ac?.overloads && a.ac?.voltageViolations == b.ac?.voltageViolations)
            }
        }
    }

    @Test("an outage that cuts the reference generator off: two islands, a new reference, as a fresh solve")
    func islandWithGenerator() throws {
        let network = try Paths.network("case9")
        // Branch 1 (1-4) is bus 1's only connection; bus 1 holds the reference generator.
        let report = try ContingencyAnalysis(network: network, options: Self.keeping())
            .run([Contingency(name: "1-4", outages: [.branch(0)])])
        let r = report.results[0]
        let islanding = try #require(r.islanding)
        #expect(islanding.islands == 2 && islanding.deadBuses.isEmpty && islanding.lostLoad == 0)
        #expect(islanding.newReferences.map { network.buses.id[$0] } == [2])
        #expect(r.dc == nil)
        let ac = try #require(r.ac)
        #expect(ac.converged)
        var outaged = network
        outaged.branches.status[0] = false
        let fresh = Self.resolve(outaged)
        #expect(fresh.converged)
        // Both stop below 1e-8 p.u. of mismatch, from different starts.
        #expect(Self.flowDifference(try #require(ac.flows), fresh) < 1e-7)
        #expect(maxDifference(try #require(ac.vm), fresh.vm) < 1e-7)
    }

    @Test("an outage that de-energises load buses: lost load, as a fresh solve")
    func deadIsland() throws {
        let network = try Paths.network("case300")
        let bridges = BranchBridges.find(network: network)
        let analysis = ContingencyAnalysis(network: network, options: Self.keeping())
        var checked = 0
        for l in bridges.indices where bridges[l] && checked < 3 {
            let report = try analysis.run([Contingency(name: "b", outages: [.branch(l)])])
            guard let islanding = report.results[0].islanding, !islanding.deadBuses.isEmpty, islanding.lostLoad > 0 else { continue }
            let demand = network.busDemand().p
            #expect(abs(islanding.lostLoad - islanding.deadBuses.reduce(0) { $0 + demand[$1] }) < 1e-12)
            var outaged = network
            outaged.branches.status[l] = false
            let fresh = Self.resolve(outaged)
            #expect(Set(fresh.deadBuses) == Set(islanding.deadBuses))
            let ac = try #require(report.results[0].ac)
            #expect(ac.converged == fresh.converged)
            if ac.converged { #expect(Self.flowDifference(try #require(ac.flows), fresh) < 1e-7) }
            checked += 1
        }
        #expect(checked == 3)
    }

    @Test("generator outage, output picked up by Pmax: as a fresh solve with the shares added by hand")
    func generatorPickup() throws {
        let network = try Paths.network("case30")
        let gens = network.generators
        for g in 1..<gens.count {
            let report = try ContingencyAnalysis(network: network, options: Self.keeping { $0.generatorPickup = .pmax })
                .run([Contingency(name: "gen", outages: [.generator(g)])])
            var outaged = network
            outaged.generators.status[g] = false
            let total = (0..<gens.count).filter { $0 != g }.reduce(0.0) { $0 + gens.pmax[$1] }
            for j in 0..<gens.count where j != g { outaged.generators.pg[j] += gens.pg[g] * gens.pmax[j] / total }
            let fresh = Self.resolve(outaged)
            let ac = try #require(report.results[0].ac)
            #expect(ac.converged && fresh.converged)
            #expect(Self.flowDifference(try #require(ac.flows), fresh) < 1e-8, "gen \(g + 1)")
            #expect(report.results[0].dc != nil)
        }
    }

    @Test("N-2 (two branches at once) as a fresh solve; DC estimate from the two-outage LODF")
    func doubleOutage() throws {
        let network = try Paths.network("case30")
        let report = try ContingencyAnalysis(network: network, options: Self.keeping())
            .run([Contingency(name: "two", outages: [.branch(4), .branch(10)])])
        var outaged = network
        outaged.branches.status[4] = false
        outaged.branches.status[10] = false
        let fresh = Self.resolve(outaged)
        let ac = try #require(report.results[0].ac)
        #expect(Self.flowDifference(try #require(ac.flows), fresh) < 1e-8)
        // The DC estimate against a DC solve with both out (reactive part zero: rates large).
        var dcOptions = PowerFlowOptions()
        dcOptions.method = .dc
        let dcBase = PowerFlowSolver(network: network, options: dcOptions).solve()
        let dcAfter = PowerFlowSolver(network: outaged, options: dcOptions).solve()
        let lodf = try DCSensitivities(network: network).lodf(outages: [4, 10])
        // Two-outage superposition from single LODF columns reproduces the DC re-solve.
        let h = [[1.0, -lodf.matrix[4, 1]], [-lodf.matrix[10, 0], 1.0]]
        let det = h[0][0] * h[1][1] - h[0][1] * h[1][0]
        let z0 = (h[1][1] * dcBase.pf[4] - h[0][1] * dcBase.pf[10]) / det
        let z1 = (h[0][0] * dcBase.pf[10] - h[1][0] * dcBase.pf[4]) / det
        for l in 0..<network.branches.count where l != 4 && l != 10 {
            #expect(abs(dcBase.pf[l] + lodf.matrix[l, 0] * z0 + lodf.matrix[l, 1] * z1 - dcAfter.pf[l]) < 1e-10)
        }
        #expect(report.results[0].dc != nil)
    }

    @Test("overloads against rate A, B or C, and ranking worst first")
    func overloadsAndRanking() throws {
        var network = try Paths.network("case30")
        // Tighten the ratings so that outages overload something.
        for l in 0..<network.branches.count { network.branches.rateA[l] *= 0.5; network.branches.rateB[l] *= 0.6 }
        let list = Contingency.branchOutages(of: network)
        let a = try ContingencyAnalysis(network: network, options: Self.keeping()).run(list)
        let b = try ContingencyAnalysis(network: network, options: Self.keeping { $0.rating = .b }).run(list)
        #expect(a.withViolations > 0)
        #expect(a.results.map(\.maxLoading).max()! > b.results.map(\.maxLoading).max()!)
        for r in a.results {
            guard let ac = r.ac, ac.converged else { continue }
            for o in ac.overloads {
                #expect(o.loading > 1 && abs(o.rating - network.branches.rateA[o.branch]) < 1e-15)
                let flows = try #require(ac.flows)
                let s = max(hypot(flows.pf[o.branch], flows.qf[o.branch]), hypot(flows.pt[o.branch], flows.qt[o.branch]))
                #expect(abs(o.loading - s / network.branches.rateA[o.branch]) < 1e-12)
            }
            #expect(zip(ac.overloads, ac.overloads.dropFirst()).allSatisfy { $0.loading >= $1.loading })
            // A base-case overload counts against the outage only when it grows by over 1 % of the rating.
            for o in ac.overloads {
                let base = a.baseOverloads.first { $0.branch == o.branch }?.loading
                #expect(o.worsened == (base == nil || o.loading - base! > 0.01))
                if let base { #expect(abs(o.baseLoading - base) < 1e-12) }
            }
        }
        // Ranking: AC failures, then violations, then the rest, each by loading.
        let ranked = a.ranking.map { a.results[$0] }
        let failures = ranked.prefix { $0.ac?.converged == false }
        #expect(failures.count == a.acFailures)
        let rest = ranked.dropFirst(failures.count)
        let firstClean = rest.firstIndex { !$0.hasViolation } ?? rest.endIndex
        #expect(rest[..<firstClean].allSatisfy(\.hasViolation) && rest[firstClean...].allSatisfy { !$0.hasViolation })
        #expect(zip(rest[..<firstClean], rest[..<firstClean].dropFirst()).allSatisfy { $0.maxLoading >= $1.maxLoading })
        #expect(zip(rest[firstClean...], rest[firstClean...].dropFirst()).allSatisfy { $0.maxLoading >= $1.maxLoading })
    }

    @Test("voltage violations below vmin and above vmax")
    func voltageViolations() throws {
        var network = try Paths.network("case30")
        // Base voltages lie in [0.96, 1.0]; some outages lift a bus above 1.001.
        for i in 0..<network.buses.count { network.buses.vmin[i] = 0.97; network.buses.vmax[i] = 1.001 }
        let report = try ContingencyAnalysis(network: network, options: Self.keeping()).run(Contingency.branchOutages(of: network))
        var seen = Set<VoltageViolation.Kind>()
        for r in report.results {
            guard let ac = r.ac, ac.converged, let vm = ac.vm else { continue }
            let dead = Set(r.islanding?.deadBuses ?? [])
            let expected = (0..<vm.count).filter { !dead.contains($0) && (vm[$0] < 0.97 - 1e-9 || vm[$0] > 1.001 + 1e-9) }
            #expect(Set(ac.voltageViolations.map(\.bus)) == Set(expected))
            for v in ac.voltageViolations { seen.insert(v.kind); #expect(v.excess > 0) }
        }
        #expect(seen == [.low, .high])
        #expect(!report.baseVoltageViolations.isEmpty)
    }

    @Test("screened: only DC-flagged contingencies get AC, with the same results as under all")
    func screened() throws {
        var network = try Paths.network("case30")
        // Base loading up to about 73 %: some outages reach the 90 % screening threshold.
        for l in 0..<network.branches.count { network.branches.rateA[l] *= 1.5 }
        let list = Contingency.branchOutages(of: network)
        let all = try ContingencyAnalysis(network: network, options: Self.keeping()).run(list)
        let screened = try ContingencyAnalysis(network: network, options: Self.keeping { $0.ac = .screened }).run(list)
        #expect(screened.acVerified < all.acVerified && screened.acVerified > 0)
        // case30 has radial branches: their outages island a bus and have no DC estimate to
        // screen with, so they are AC-verified; every other outage has one and is verified when flagged.
        #expect(screened.results.contains { $0.islanding != nil } && screened.results.contains { $0.islanding == nil })
        for (s, a) in zip(screened.results, all.results) {
            #expect(s.dc == a.dc)
            if s.islanding != nil {
                #expect(s.dc == nil && s.ac != nil, "contingency \(s.index): islanding, AC-verified without a DC estimate")
            } else {
                let dc = try #require(s.dc, "contingency \(s.index): no DC estimate")
                #expect((s.ac != nil) == (dc.flagged > 0), "contingency \(s.index)")
            }
            if let ac = s.ac { #expect(ac.flows?.pf == a.ac?.flows?.pf) }
        }
        let none = try ContingencyAnalysis(network: network, options: Self.keeping { $0.ac = .none }).run(list)
        #expect(none.acVerified == 0 && none.results.allSatisfy { $0.dc != nil || $0.islanding != nil })
    }

    @Test("elements that do not exist are refused, all of them named; elements already out are noted")
    func unknownElements() throws {
        var network = try Paths.network("case9")
        #expect(throws: ContingencyAnalysis.ListError.unknownElements([.branch(9), .generator(7)])) {
            try ContingencyAnalysis(network: network).run([Contingency(name: "x", outages: [.branch(9), .branch(2), .generator(7)])])
        }
        network.branches.status[3] = false
        let report = try ContingencyAnalysis(network: network).run([Contingency(name: "y", outages: [.branch(3)])])
        #expect(report.results[0].alreadyOut == [.branch(3)])
        #expect(report.results[0].ac?.converged == true)
    }
}
