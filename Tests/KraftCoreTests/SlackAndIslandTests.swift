import Foundation
import KraftCore
import Testing

/// Distributed slack, islands and non-convergence: behaviour MATPOWER does not offer, checked
/// against balances and against solving the parts separately.
@Suite("Slack, islands and failures")
struct SlackAndIslandTests {
    @Test("distributed slack shares the imbalance in proportion to Pmax")
    func distributedSlack() throws {
        let network = try Paths.network("case30")
        var o = PowerFlowOptions()
        o.slack = .distributedByPmax
        let r = PowerFlowSolver(network: network, options: o).solve()
        #expect(r.converged)
        let gens = network.generators
        let pmaxTotal = (0..<gens.count).filter { gens.status[$0] }.map { gens.pmax[$0] }.reduce(0, +)
        let share = r.slackShare[0]
        for g in 0..<gens.count where gens.status[g] {
            #expect(abs((r.pg[g] - gens.pg[g]) - share * gens.pmax[g] / pmaxTotal) < 1e-9)
        }
        // Generation covers load plus losses.
        let load = network.loads.p.reduce(0, +)
        #expect(abs(r.pg.reduce(0, +) - load - r.losses) < 1e-8)
    }

    @Test("distributed slack with all weight on the reference generator equals a single slack")
    func distributedEqualsSingle() throws {
        let network = try Paths.network("case118")
        var weights = [Double](repeating: 0, count: network.generators.count)
        let ref = network.buses.type.firstIndex(of: .ref)!
        weights[network.generators.bus.firstIndex(of: ref)!] = 1
        var o = PowerFlowOptions()
        o.slack = .distributed(weights: weights)
        let distributed = PowerFlowSolver(network: network, options: o).solve()
        let single = PowerFlowSolver(network: network).solve()
        #expect(distributed.converged)
        #expect(maxDifference(distributed.vm, single.vm) < 1e-8)
        #expect(maxDifference(distributed.pg, single.pg) < 1e-8)
    }

    /// case9 twice, the copy's reference bus demoted to PV, plus a load bus tied to nothing that
    /// generates: three islands, one made its own reference, one de-energised.
    static func islanded() throws -> Network {
        var net = try Paths.network("case9")
        let n = net.buses.count
        let copy = net
        for i in 0..<n {
            net.buses.append(id: copy.buses.id[i] + 100, type: copy.buses.type[i] == .ref ? .pv : copy.buses.type[i],
                             vm: copy.buses.vm[i], va: copy.buses.va[i], baseKV: copy.buses.baseKV[i])
        }
        for l in 0..<copy.loads.count { net.loads.append(bus: copy.loads.bus[l] + n, p: copy.loads.p[l], q: copy.loads.q[l]) }
        for l in 0..<copy.branches.count {
            net.branches.append(from: copy.branches.from[l] + n, to: copy.branches.to[l] + n, r: copy.branches.r[l],
                                x: copy.branches.x[l], b: copy.branches.b[l])
        }
        for g in 0..<copy.generators.count {
            net.generators.append(bus: copy.generators.bus[g] + n, pg: copy.generators.pg[g], qmax: copy.generators.qmax[g],
                                  qmin: copy.generators.qmin[g], vg: copy.generators.vg[g])
        }
        net.buses.append(id: 500, type: .pq, vm: 1, va: 0, baseKV: 345)
        net.buses.append(id: 501, type: .pq, vm: 1, va: 0, baseKV: 345)
        net.loads.append(bus: 2 * n, p: 0.2, q: 0.05)
        net.branches.append(from: 2 * n, to: 2 * n + 1, r: 0.01, x: 0.1, b: 0)
        return Network(name: "islands", baseMVA: net.baseMVA, buses: net.buses, loads: net.loads, shunts: net.shunts,
                       branches: net.branches, generators: net.generators)
    }

    @Test("each island is solved with its own reference; a dead island is reported")
    func islands() throws {
        let network = try Self.islanded()
        let r = PowerFlowSolver(network: network).solve()
        let alone = PowerFlowSolver(network: try Paths.network("case9")).solve()
        #expect(r.converged)
        #expect(r.islandCount == 2)
        #expect(r.deadBuses == [18, 19])
        #expect(r.notes.contains { $0.contains("bus 101 made the reference") })
        #expect(r.notes.contains { $0.contains("from bus 500") && $0.contains("de-energised") })
        #expect(maxDifference(Array(r.vm[0..<9]), alone.vm) < 1e-9)
        #expect(maxDifference(Array(r.vm[9..<18]), alone.vm) < 1e-9)
        #expect(maxDifference(Array(r.pg[3..<6]), alone.pg) < 1e-9, "the copy's new reference takes its island's balance")
        #expect(r.vm[18] == 0 && r.vm[19] == 0)
    }

    @Test("an overloaded case does not converge and says why and where")
    func nonConvergence() throws {
        var network = try Paths.network("case9")
        for l in 0..<network.loads.count { network.loads.p[l] *= 10; network.loads.q[l] *= 10 }
        for solver in LinearSolverChoice.allCases {
            var o = PowerFlowOptions()
            o.linearSolver = solver
            let r = PowerFlowSolver(network: network, options: o).solve()
            #expect(!r.converged)
            let failure = try #require(r.failure)
            #expect(!failure.worstBuses.isEmpty)
            #expect(r.notes.contains { $0.contains("retrying with a DC start") }, "the fallback chain was tried")
            #expect(!r.maxMismatch.isNaN || failure == .notANumber(worstBuses: failure.worstBuses))
        }
    }

    @Test("Q-limit enforcement switches the generators MATPOWER switches", arguments: ["case14", "case118", "case300"])
    func qLimitLog(caseName: String) throws {
        struct QLimits: Decodable { var gen_rows: [Int]; var limit: [String] }
        struct Reference: Decodable { var q_limits: QLimits }
        let url = Paths.references.appendingPathComponent("\(caseName)/nr_qlim.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        var o = PowerFlowOptions()
        o.enforceQLimits = true
        let r = PowerFlowSolver(network: try Paths.network(caseName), options: o).solve()
        let switched = r.qLimitSwitches.sorted { $0.generator < $1.generator }
        #expect(switched.map { $0.generator + 1 } == reference.q_limits.gen_rows)
        #expect(switched.map(\.limit.rawValue) == reference.q_limits.limit)
    }

    @Test("Q limits that no operating point can meet are reported as such")
    func infeasibleQLimits() throws {
        var network = try Paths.network("case9")
        // Every generator must absorb at least 50 MVAr: all three violate Qmax at the first solve.
        for g in 0..<network.generators.count {
            network.generators.qmax[g] = -0.5
            network.generators.qmin[g] = -1.0
        }
        var o = PowerFlowOptions()
        o.enforceQLimits = true
        let r = PowerFlowSolver(network: network, options: o).solve()
        #expect(!r.converged)
        #expect(r.failure == .reactiveLimitsInfeasible)
        #expect(r.notes.contains { $0.contains("no feasible solution with Q limits enforced") })
    }
}
