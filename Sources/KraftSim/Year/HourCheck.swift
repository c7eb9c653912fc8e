import KraftCore

/// Checks one dispatched hour with AC load flow and reads off its figures. One per worker: it
/// keeps a `PowerFlowSolver` (admittance matrix and symbolic factorization) across hours and
/// warm-starts each hour from the previous one's voltages.
final class HourCheck {
    let grid: StudyGrid
    let borders: [BorderSpec]
    let interfaceOfBorder: [Int?]
    private let solver: PowerFlowSolver
    private let shuntG: [Double]
    private let techColumn: [Int]
    private let zoneIndexOfBus: [Int]
    /// Loads that carry a fixed exchange over a link (not replaced by a price-taking neighbour):
    /// fixed externals of the dispatch, after the neighbours.
    private let fixedExchangeLoads: [Int]
    /// Per generator, read once: turns in synchronism; shares the AC slack.
    private let synchronous: [Bool]
    /// Per generator: connected whenever in service (synchronous machines, reactive support).
    private let alwaysConnected: [Bool]
    /// Whether the grid has reactive support (then each hour keeps every generator's Mvar).
    private let hasSupport: Bool
    private let dispatchable: [Bool]

    init(grid: StudyGrid, borders: [BorderSpec], interfaceNames: [String]) {
        self.grid = grid
        self.borders = borders
        interfaceOfBorder = borders.map { b in interfaceNames.firstIndex(of: b.name) }
        var options = PowerFlowOptions()
        options.enforceQLimits = true
        // No retries from other starts: on a year of the default scenario they rescued 8 of the
        // 1,046 hours that failed from the previous hour's voltages and took most of the AC time.
        options.fallback = false
        options.initialPoint = .case
        solver = PowerFlowSolver(network: grid.network, options: options)
        shuntG = grid.network.busShunt().g
        techColumn = grid.units.map { YearRecordLayout.column($0.technology) }
        let zoneIndex = Dictionary(uniqueKeysWithValues: grid.zones.enumerated().map { ($1, $0) })
        zoneIndexOfBus = grid.zoneOfBus.map { zoneIndex[$0] ?? -1 }
        synchronous = grid.units.indices.map(grid.isSynchronous)
        alwaysConnected = grid.units.indices.map(grid.isAlwaysConnected)
        hasSupport = grid.units.contains { $0.support != nil }
        dispatchable = grid.units.indices.map(grid.isDispatchable)
        fixedExchangeLoads = WindowProblem.fixedExchangeLoads(grid)
    }

    /// Lowest output at which an added producer counts as connected, MW.
    static func isRunning(outputMW: Double, capacityMW: Double) -> Bool { outputMW >= max(1, 0.01 * capacityMW) }

    /// The share of a running machine's kinetic energy that spins at `outputMW`. A fleet unit (a
    /// named reactor or plant) is one turbine-generator: synchronised, it spins whole at any
    /// output (a reactor following the price down to 0.6 of capacity keeps all its inertia). An
    /// aggregate stands for many plants, which stay connected while in service (they hold the
    /// voltage) and commit plants in proportion to their output (ASSUMPTION), so its inertia
    /// follows the dispatch. A support device (a condenser) spins whole without output.
    static func spinningShare(outputMW: Double, capacityMW: Double, namedUnit: Bool, support: Bool) -> Double {
        if support { return 1 }
        if namedUnit { return isRunning(outputMW: outputMW, capacityMW: capacityMW) ? 1 : 0 }
        return capacityMW > 0 ? min(max(outputMW / capacityMW, 0), 1) : 0
    }

    /// The grid of hour `h` of `solution` (an hour of the window) as dispatched: served demand,
    /// neighbours' exchanges, running units at their output; with the slack weights of the units
    /// that share the AC slack, and which units run. Surplus the dispatch had to dispose of
    /// (`DispatchSolution.surplusMW`) is taken off at its bus: the running units there back off
    /// below their minimum in proportion to their output, and what is left lowers the bus's fixed
    /// imports; `dumpedMW` says by how much per generator and per load.
    func dispatchedNetwork(index h: Int, inputs: HourInputs, solution: DispatchSolution)
        -> (network: Network, weights: [Double], running: [Bool], demandAtBus: [Double],
            dumpedMW: (generator: [Double], load: [Double])) {
        let base = grid.network, mva = base.baseMVA
        let nb = base.buses.count, ng = base.generators.count
        var net = base
        // Demand served: each bus's consumption scaled down by its unserved share.
        var demandAtBus = [Double](repeating: 0, count: nb)
        for l in 0..<net.loads.count where !grid.loads[l].isExchange { demandAtBus[net.loads.bus[l]] += inputs.loadP[l] }
        for l in 0..<net.loads.count {
            var keep = 1.0
            let b = net.loads.bus[l]
            if !grid.loads[l].isExchange && demandAtBus[b] > 0 { keep = max(0, 1 - solution.unservedMW[h, b] / demandAtBus[b]) }
            net.loads.p[l] = inputs.loadP[l] * keep / mva
            net.loads.q[l] = inputs.loadQ[l] * keep / mva
        }
        for (e, nbr) in grid.neighbours.enumerated() {
            net.loads.p[nbr.load] = -solution.externalMW[h, e] / mva
        }
        // A link withdraws its flow at its from bus and injects it at its to bus.
        for (k, link) in grid.links.enumerated() {
            let f = solution.linkMW[h, k]
            net.loads.p[link.fromLoad] = f / mva
            net.loads.p[link.toLoad] = -f / mva
        }
        var weights = [Double](repeating: 0, count: ng)
        var running = [Bool](repeating: false, count: ng)
        for g in 0..<ng {
            let out = solution.outputMW[h, g]
            running[g] = inputs.inService[g] && (alwaysConnected[g] || Self.isRunning(outputMW: out, capacityMW: grid.units[g].capacityMW))
            net.generators.status[g] = running[g]
            net.generators.pg[g] = running[g] ? out / mva : 0
            if running[g] && dispatchable[g] { weights[g] = grid.units[g].capacityMW }
        }
        var dumpedAtGenerator = [Double](repeating: 0, count: ng), dumpedAtLoad = [Double](repeating: 0, count: net.loads.count)
        if !solution.surplusMW.isEmpty {
            for b in 0..<nb where solution.surplusMW[h, b] > 0 {
                var left = solution.surplusMW[h, b]
                let here = (0..<ng).filter { net.generators.bus[$0] == b && running[$0] && solution.outputMW[h, $0] > 0 }
                let total = here.reduce(0) { $0 + solution.outputMW[h, $1] }
                if total > 0 {
                    let share = min(left / total, 1)
                    for g in here {
                        dumpedAtGenerator[g] = solution.outputMW[h, g] * share
                        net.generators.pg[g] = (solution.outputMW[h, g] - dumpedAtGenerator[g]) / mva
                    }
                    left -= total * share
                }
                for l in fixedExchangeLoads where left > 0 && net.loads.bus[l] == b && inputs.loadP[l] < 0 {
                    dumpedAtLoad[l] = min(left, -inputs.loadP[l])
                    net.loads.p[l] = (inputs.loadP[l] + dumpedAtLoad[l]) / mva
                    left -= dumpedAtLoad[l]
                }
            }
        }
        return (net, weights, running, demandAtBus, (dumpedAtGenerator, dumpedAtLoad))
    }

    /// The AC check of hour `h` of `solution` (an hour of the window), starting from `start`.
    func check(hour: Int, index h: Int, inputs: HourInputs, problem: DispatchProblem, solution: DispatchSolution,
               start: (vm: [Double], va: [Double])?) -> (record: HourRecord, voltages: (vm: [Double], va: [Double])?) {
        let base = grid.network, mva = base.baseMVA
        let nb = base.buses.count, ng = base.generators.count, nz = grid.zones.count
        var (net, weights, running, demandAtBus, dumped) = dispatchedNetwork(index: h, inputs: inputs, solution: solution)
        if let start { net.buses.vm = start.vm; net.buses.va = start.va }
        solver.move(to: net)
        solver.options.slack = weights.contains { $0 > 0 } ? .distributed(weights: weights) : .single
        let flow = solver.solve()
        let cause = flow.converged ? nil : failureCause(flow)

        // Figures from the dispatch (always there) and from the AC check (when it converged).
        var record = HourRecord(
            hour: hour, converged: flow.converged, iterations: flow.iterations,
            cause: cause,
            zoneLoadMW: .init(repeating: 0, count: nz), zoneGenerationMW: .init(repeating: .init(repeating: 0, count: YearRecordLayout.technologies.count), count: nz),
            zoneNetExportMW: .init(repeating: 0, count: nz), zonePrice: (0..<nz).map { solution.priceEURPerMWh[h, $0] },
            zoneUnservedMW: .init(repeating: 0, count: nz), zoneCurtailedMW: .init(repeating: 0, count: nz),
            zoneReactiveReserveMVAr: .init(repeating: 0, count: nz), zoneKineticGWs: .init(repeating: 0, count: nz),
            zoneLowestVm: .init(repeating: nil, count: nz), loadMW: 0, generationMW: 0, netImportMW: 0, lossesMW: nil,
            unservedMW: 0, curtailedMW: 0, costEUR: 0, emissionsT: 0, kineticGWs: 0, lowestVm: nil, highestVm: nil,
            borderFlowMW: [], borderCongested: [], branchMVA: .init(repeating: 0, count: base.branches.count), vm: [],
            generatorMW: .init(repeating: 0, count: ng), generatorCurtailedMW: .init(repeating: 0, count: ng))
        record.acNotes = flow.notes
        record.zoneSurplusMW = .init(repeating: 0, count: nz)
        for b in 0..<nb where zoneIndexOfBus[b] >= 0 {
            let z = zoneIndexOfBus[b]
            record.zoneLoadMW[z] += demandAtBus[b] - solution.unservedMW[h, b]
            record.zoneUnservedMW[z] += solution.unservedMW[h, b]
            record.unservedMW += solution.unservedMW[h, b]
            record.costEUR += solution.unservedMW[h, b] * problem.unservedCostEURPerMWh
        }
        if !solution.surplusMW.isEmpty {
            for b in 0..<nb where solution.surplusMW[h, b] > 0 {
                let z = zoneIndexOfBus[b]
                if z >= 0 { record.zoneSurplusMW[z] += solution.surplusMW[h, b] }
                record.surplusMW += solution.surplusMW[h, b]
                record.costEUR += solution.surplusMW[h, b] * problem.surplusCostEURPerMWh
            }
        }
        record.loadMW = record.zoneLoadMW.reduce(0, +)
        for g in 0..<ng {
            let z = zoneIndexOfBus[base.generators.bus[g]]
            let output = flow.converged ? (running[g] ? flow.pg[g] * mva : 0) : solution.outputMW[h, g] - dumped.generator[g]
            let curtailed = solution.curtailedMW[h, g]
            record.generatorMW[g] = output
            record.generatorCurtailedMW[g] = curtailed
            record.generationMW += output
            record.curtailedMW += curtailed
            record.costEUR += problem.units[g].energyCost(output, hour: h) + curtailed * problem.curtailmentCostEURPerMWh
            record.emissionsT += grid.units[g].emissions * output
            guard z >= 0 else { continue }
            record.zoneGenerationMW[z][techColumn[g]] += output
            record.zoneCurtailedMW[z] += curtailed
            if running[g] && synchronous[g] {
                let share = Self.spinningShare(outputMW: output, capacityMW: grid.units[g].capacityMW,
                                               namedUnit: grid.units[g].name != nil, support: grid.isSupport(g))
                record.zoneKineticGWs[z] += grid.units[g].inertiaMWs / 1000 * share
            }
            if running[g] && alwaysConnected[g] && flow.converged {
                record.zoneReactiveReserveMVAr[z] += (base.generators.qmax[g] - flow.qg[g]) * mva
            }
        }
        record.kineticGWs = record.zoneKineticGWs.reduce(0, +)
        for (e, nbr) in grid.neighbours.enumerated() {
            let imported = solution.externalMW[h, e]
            record.netImportMW += imported
            if case .priceTaking(let price) = problem.externals[e].mode { record.costEUR += imported * price[h] }
            if zoneIndexOfBus[nbr.bus] >= 0 { record.zoneNetExportMW[zoneIndexOfBus[nbr.bus]] -= imported }
        }
        for (k, link) in grid.links.enumerated() {
            let f = solution.linkMW[h, k]
            if zoneIndexOfBus[link.fromBus] >= 0 { record.zoneNetExportMW[zoneIndexOfBus[link.fromBus]] += f }
            if zoneIndexOfBus[link.toBus] >= 0 { record.zoneNetExportMW[zoneIndexOfBus[link.toBus]] -= f }
        }
        for l in fixedExchangeLoads {
            let z = zoneIndexOfBus[base.loads.bus[l]]
            if z >= 0 { record.zoneNetExportMW[z] += inputs.loadP[l] + dumped.load[l] }
            record.netImportMW -= inputs.loadP[l] + dumped.load[l]
        }

        if flow.converged {
            var losses = 0.0
            for l in 0..<base.branches.count where base.branches.status[l] {
                losses += (flow.pf[l] + flow.pt[l]) * mva
                let sf = (flow.pf[l] * flow.pf[l] + flow.qf[l] * flow.qf[l]).squareRoot()
                let st = (flow.pt[l] * flow.pt[l] + flow.qt[l] * flow.qt[l]).squareRoot()
                record.branchMVA[l] = max(sf, st) * mva
                let zf = zoneIndexOfBus[base.branches.from[l]], zt = zoneIndexOfBus[base.branches.to[l]]
                if zf != zt {
                    if zf >= 0 { record.zoneNetExportMW[zf] += flow.pf[l] * mva }
                    if zt >= 0 { record.zoneNetExportMW[zt] += flow.pt[l] * mva }
                }
            }
            for b in 0..<nb { losses += shuntG[b] * flow.vm[b] * flow.vm[b] * mva }
            record.lossesMW = losses
            record.vm = flow.vm
            record.voltageViolations = VoltageLimits.violations(vm: flow.vm, vmin: grid.vmin, vmax: grid.vmax)
            // Kept only where there is support to size or read (a year of every machine's Q is tens of MB).
            if hasSupport { record.reactiveMvar = (0..<ng).map { running[$0] ? flow.qg[$0] * mva : 0 } }
            for b in 0..<nb where flow.vm[b] > 0 {
                let id = base.buses.id[b]
                if record.lowestVm.map({ flow.vm[b] < $0.vm }) ?? true { record.lowestVm = (id, flow.vm[b]) }
                if record.highestVm.map({ flow.vm[b] > $0.vm }) ?? true { record.highestVm = (id, flow.vm[b]) }
                let z = zoneIndexOfBus[b]
                if z >= 0 && (record.zoneLowestVm[z].map { flow.vm[b] < $0 } ?? true) { record.zoneLowestVm[z] = flow.vm[b] }
            }
        }

        if !flow.converged {
            // No AC flows: the zones' exchanges over branches are the dispatch's DC flows.
            for l in 0..<base.branches.count where base.branches.status[l] {
                let zf = zoneIndexOfBus[base.branches.from[l]], zt = zoneIndexOfBus[base.branches.to[l]]
                guard zf != zt, let k = branchPosition[l] else { continue }
                let f = solution.flowMW[h, k]
                if zf >= 0 { record.zoneNetExportMW[zf] += f }
                if zt >= 0 { record.zoneNetExportMW[zt] -= f }
            }
        }

        // Borders: AC flow (or the exchange, or the link's flow). A cut is congested when its limit
        // has a price in the dispatch, a neighbour's link or a link inside the grid when the
        // dispatch holds it at its limit.
        for (k, border) in borders.enumerated() {
            var flowMW = 0.0, congested = false
            switch border.kind {
            case .branches(let members):
                for (l, sign) in members {
                    if flow.converged {
                        flowMW += (sign > 0 ? flow.pf[l] : flow.pt[l]) * mva
                    } else if let k = branchPosition[l] {
                        flowMW += sign * solution.flowMW[h, k]
                    }
                }
                if let i = interfaceOfBorder[k] {
                    let shadow = solution.interfaceShadowPriceEURPerMWh[h, i]
                    congested = shadow > Assumptions.congestionShadowPriceEURPerMWh
                }
            case .neighbour(let e):
                let imported = solution.externalMW[h, e]
                flowMW = -imported
                // Like a cut: congested when its limit has a price (the grid's price at the link's
                // bus differs from the neighbour's), not whenever the dispatch sits at it, which
                // depends on CLP's path among optima of equal cost. The merit order has no duals.
                let difference = solution.externalPriceDifferenceEURPerMWh
                if difference.isEmpty {
                    let nbr = grid.neighbours[e]
                    congested = imported >= nbr.importMW - 1e-6 || -imported >= nbr.exportMW - 1e-6
                } else {
                    congested = abs(difference[h, e]) > Assumptions.congestionShadowPriceEURPerMWh
                }
            case .link(let k):
                let link = grid.links[k]
                flowMW = solution.linkMW[h, k]
                let difference = solution.linkPriceDifferenceEURPerMWh
                congested = difference.isEmpty ? (flowMW >= link.forwardMW - 1e-6 || -flowMW >= link.backwardMW - 1e-6)
                    : abs(difference[h, k]) > Assumptions.congestionShadowPriceEURPerMWh
            case .exchange(let loads):
                flowMW = loads.reduce(0) { $0 + inputs.loadP[$1] }
            }
            record.borderFlowMW.append(flowMW)
            record.borderCongested.append(congested)
        }
        return (record, flow.converged ? (flow.vm, flow.va) : nil)
    }

    /// Why the hour failed. A failure with reactive limits enforced is tried once more without
    /// them (warm-started, a few iterations): when that converges, the hour lacks reactive power
    /// rather than a load-flow solution, which is what a planner needs to know.
    private func failureCause(_ flow: PowerFlowResult) -> String {
        let reason = flow.failure?.reason ?? "did not converge"
        solver.options.enforceQLimits = false
        defer { solver.options.enforceQLimits = true }
        let free = solver.solve()
        guard free.converged else { return reason }
        let gens = solver.network.generators
        var beyond = 0.0
        for g in 0..<gens.count where gens.status[g] {
            beyond += max(free.qg[g] - gens.qmax[g], gens.qmin[g] - free.qg[g], 0) * solver.network.baseMVA
        }
        return "\(reason) with reactive limits enforced; without them it converges with the machines \(Int(beyond.rounded())) Mvar beyond their limits (short of reactive power)"
    }

    private lazy var branchPosition: [Int: Int] = Dictionary(uniqueKeysWithValues: WindowProblem.branchOrder(grid).enumerated().map { ($1, $0) })
}
