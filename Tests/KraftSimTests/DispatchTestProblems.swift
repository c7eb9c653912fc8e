import Foundation
import KraftCore
import KraftIO
import KraftScenario
import KraftSim

/// Dispatch problems for the tests: hand-derivable small grids, a seeded generated one, and the
/// Nordic44 grid read from the shipped MATPOWER file.
enum DispatchTestProblems {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Three buses in a triangle, all reactances 0.1 p.u.: a 10 EUR/MWh unit at bus 0, a
    /// 50 EUR/MWh unit at bus 1 (200 MW each), 150 MW load at bus 2. Branches 0: 0→1, 1: 1→2,
    /// 2: 0→2. Each bus its own zone, so zone prices are nodal prices.
    static func triangle(limit02: Double? = nil, hours: Int = 1) -> DispatchProblem {
        DispatchProblem(
            hours: hours, baseMVA: 100, busCount: 3, zoneOfBus: [0, 1, 2], zones: ["A", "B", "C"], referenceBuses: [0],
            branches: [.init(from: 0, to: 1, x: 0.1, limitMW: nil), .init(from: 1, to: 2, x: 0.1, limitMW: nil),
                       .init(from: 0, to: 2, x: 0.1, limitMW: limit02)],
            units: [.init(bus: 0, cost: 10, pmin: .init(repeating: 0, count: hours), pmax: .init(repeating: 200, count: hours), curtailable: false, budget: nil),
                    .init(bus: 1, cost: 50, pmin: .init(repeating: 0, count: hours), pmax: .init(repeating: 200, count: hours), curtailable: false, budget: nil)],
            energyBudgetsMWh: [], loadMW: HourMatrix(hours: hours, width: 3, values: (0..<hours).flatMap { _ in [0.0, 0, 150] }), interfaces: [], externals: [])
    }

    /// One bus, two hours with load 80 and 150 MW: a cheap unit (20 EUR/MWh, 100 MW), a dear one
    /// (80 EUR/MWh, 100 MW) and free hydro (0 EUR/MWh, 100 MW) with `budget` MWh for the window.
    static func hydroWeek(budget: Double) -> DispatchProblem {
        DispatchProblem(
            hours: 2, baseMVA: 100, busCount: 1, zoneOfBus: [0], zones: ["Z"], referenceBuses: [0], branches: [],
            units: [.init(bus: 0, cost: 20, pmin: [0, 0], pmax: [100, 100], curtailable: false, budget: nil),
                    .init(bus: 0, cost: 80, pmin: [0, 0], pmax: [100, 100], curtailable: false, budget: nil),
                    .init(bus: 0, cost: 0, pmin: [0, 0], pmax: [100, 100], curtailable: false, budget: 0)],
            energyBudgetsMWh: [budget], loadMW: HourMatrix(hours: 2, width: 1, values: [80, 150]), interfaces: [], externals: [])
    }

    /// A seeded connected grid: a random spanning tree plus extra branches, many units with
    /// distinct costs (some weather-driven, some with pmin), hourly loads, two price-taking
    /// neighbours and one fixed schedule. No limits, budgets or interfaces unless added.
    static func generated(buses n: Int = 30, units: Int = 120, hours: Int = 24, seed: UInt64 = 7) -> DispatchProblem {
        var rng = SplitMix64(state: seed)  // seeded: reproducible generated problems
        var branches = [DispatchProblem.Branch]()
        for b in 1..<n { branches.append(.init(from: Int(rng.next() % UInt64(b)), to: b, x: 0.02 + 0.2 * rng.uniform(), limitMW: nil)) }
        for _ in 0..<(n / 2) {
            let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
            if a != b { branches.append(.init(from: a, to: b, x: 0.02 + 0.2 * rng.uniform(), limitMW: nil)) }
        }
        var list = [DispatchProblem.Unit]()
        for k in 0..<units {
            let curtailable = k % 5 == 0
            let size = 50 + 400 * rng.uniform()
            let pmax = (0..<hours).map { _ in curtailable ? size * rng.uniform() : size }
            let pmin = pmax.map { k % 7 == 3 ? 0.2 * $0 : 0 }
            list.append(.init(bus: Int(rng.next() % UInt64(n)), cost: curtailable ? 1 + rng.uniform() : 5 + 120 * rng.uniform(),
                              pmin: pmin, pmax: pmax, curtailable: curtailable, budget: nil))
        }
        let capacity = list.reduce(0) { $0 + $1.pmax[0] }
        let base = (0..<n).map { _ in rng.uniform() }
        let total = base.reduce(0, +)
        let loads = (0..<hours).flatMap { h in
            base.map { $0 / total * capacity * (0.45 + 0.5 * sin(Double(h) / Double(hours) * .pi)) }
        }
        let externals: [DispatchProblem.External] = [
            .init(name: "N1", bus: 1, importMW: 300, exportMW: 200, mode: .priceTaking(priceEURPerMWh: (0..<hours).map { _ in 30 + 60 * rng.uniform() })),
            .init(name: "N2", bus: n - 1, importMW: 150, exportMW: 400, mode: .priceTaking(priceEURPerMWh: (0..<hours).map { _ in 10 + 90 * rng.uniform() })),
            .init(name: "F", bus: n / 2, importMW: 100, exportMW: 100, mode: .fixed(scheduleMW: (0..<hours).map { _ in -100 + 200 * rng.uniform() })),
        ]
        let zones = ["Z0", "Z1", "Z2"]
        return DispatchProblem(hours: hours, baseMVA: 100, busCount: n, zoneOfBus: (0..<n).map { $0 % 3 }, zones: zones,
                               referenceBuses: [0], branches: branches, units: list, energyBudgetsMWh: [], loadMW: HourMatrix(hours: hours, width: n, values: loads),
                               interfaces: [], externals: externals)
    }

    /// `nordic44` made into a hard week: hydro (the cheapest dispatchable technology here is not
    /// weather-driven: units picked by cost band) in one energy budget per zone, 60 % of its
    /// available energy, so the hours are coupled; then every branch limited to `limitShare` of
    /// its peak flow in that dispatch. The case's negative loads (fixed injections of up to
    /// 1,584 MW, equivalents of neighbours) are dropped before the limits are set: no slack can
    /// reduce them, so limiting the branches that carry them would make the LP infeasible.
    static func nordic44Limited(hours: Int, limitShare: Double) throws -> DispatchProblem {
        var (p, _) = try nordic44(hours: hours)
        let hydroCost = TechnologyCosts.cost(.hydro)
        var budgetOfZone = [Int: Int]()
        for k in p.units.indices where abs(p.units[k].cost - hydroCost) < 1 {
            let z = p.zoneOfBus[p.units[k].bus]
            if budgetOfZone[z] == nil { budgetOfZone[z] = budgetOfZone.count; p.energyBudgetsMWh.append(0) }
            p.units[k].budget = budgetOfZone[z]
            p.energyBudgetsMWh[budgetOfZone[z]!] += 0.6 * p.units[k].pmax.reduce(0, +)
        }
        let free = try DispatchLP.solve(p)
        for h in 0..<p.hours { for b in 0..<p.busCount where p.loadMW[h, b] < 0 { p.loadMW[h, b] = 0 } }
        for l in p.branches.indices {
            p.branches[l].limitMW = limitShare * (0..<p.hours).map { abs(free.flowMW[$0, l]) }.max()!
        }
        return p
    }

    /// Nordic44 from Scenarios/grids/nordic44.m with its sidecar's bidding zones: every branch in
    /// service with its DC reactance (`x·ratio`), every generator a unit costed by technology
    /// (plus 0.01 EUR/MWh per index, so no two tie) with Pmax 1.3 × its base-case output, wind
    /// and solar weather-driven; loads are the case's Pd plus shunt conductance, swinging
    /// ±15 % over the day. Returns the network too, for the DC power-flow reference.
    static func nordic44(hours: Int = 24) throws -> (DispatchProblem, Network) {
        let path = root.appendingPathComponent("Scenarios/grids/nordic44.m").path
        let net = try CaseFile.load(path: path).network
        let sidecarPath = root.appendingPathComponent("Scenarios/grids/nordic44.sidecar.toml").path
        let sidecar = try GridSidecar.parse(String(contentsOfFile: sidecarPath, encoding: .utf8), file: sidecarPath, network: net)
        let base = net.baseMVA, n = net.buses.count
        let zoneName = (0..<n).map { sidecar.zoneOfBus[$0] ?? "none" }
        let zones = Array(Set(zoneName)).sorted()
        var technology = [Technology?](repeating: nil, count: net.generators.count)
        for g in sidecar.generators where g.index < technology.count { technology[g.index] = g.technology }
        let gens = net.generators
        let units = (0..<gens.count).filter { gens.status[$0] }.map { g in
            DispatchProblem.Unit(bus: gens.bus[g], cost: (technology[g].map(TechnologyCosts.cost) ?? TechnologyCosts.unknown) + 0.01 * Double(g),
                                 pmin: .init(repeating: 0, count: hours), pmax: .init(repeating: 1.3 * max(gens.pg[g], 0) * base, count: hours),
                                 curtailable: technology[g] == .wind || technology[g] == .solar, budget: nil)
        }
        let br = net.branches
        let branches = (0..<br.count).filter { br.status[$0] }.map {
            DispatchProblem.Branch(from: br.from[$0], to: br.to[$0], x: br.dcReactance($0), limitMW: br.rateA[$0] > 0 ? br.rateA[$0] * base : nil)
        }
        let pd = net.busDemand().p, gs = net.busShunt().g
        var loads = [Double]()
        for h in 0..<hours {
            let factor: Double = 1 + 0.15 * sin(2 * Double.pi * Double(h) / 24)
            for b in 0..<n { loads.append((pd[b] + gs[b]) * base * factor) }
        }
        let refs = (0..<n).filter { net.buses.type[$0] == .ref }
        let problem = DispatchProblem(hours: hours, baseMVA: base, busCount: n, zoneOfBus: zoneName.map { zones.firstIndex(of: $0)! },
                                      zones: zones, referenceBuses: refs, branches: branches, units: units, energyBudgetsMWh: [],
                                      loadMW: HourMatrix(hours: hours, width: n, values: loads), interfaces: [], externals: [])
        return (problem, net)
    }
}
