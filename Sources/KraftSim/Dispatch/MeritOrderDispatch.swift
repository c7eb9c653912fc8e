import KraftCore

/// The quick dispatch and the LP's cross-check: every hour on a copper plate (branch and interface
/// limits ignored), units cheapest first.
///
/// Per hour the stack holds the units (weather-driven ones at cost − curtailment cost, as in the
/// LP), each price-taking neighbour as one unit from −export to +import at its hourly price (it
/// starts fully exporting; buying less export is worth its price), fixed exchanges at their
/// schedule, unserved energy as a last unit at VoLL up to the window's positive load, and surplus
/// as a dump from −(minimum outputs + fixed imports) to 0 at −surplusCost (raised first: energy
/// is dumped only when nothing can take it; shared over the buses by what each can dump). Energy
/// budgets lower their units' pmax hour by hour (`EnergyBudgetAllocation`). The price of every
/// zone is the marginal unit's cost. Unserved energy is shared over buses in proportion to their
/// positive load, and flows are the DC flows of the resulting injections (`DispatchDCFlows`),
/// reported although not limited.
///
/// Links are not dispatched: their flow is 0 every hour. On the copper plate both ends of a link
/// are the same node, so its flow would change neither the balance nor the cost, and without
/// branch limits there is nothing it could relieve; the LP is what dispatches links.
public enum MeritOrderDispatch {
    public static func solve(_ problem: DispatchProblem) throws(DispatchError) -> DispatchSolution {
        var clock = Stopwatch()
        try problem.validate()
        let p = problem, hours = p.hours, n = p.busCount, u = p.units.count, e = p.externals.count
        let pmax = EnergyBudgetAllocation.cappedPmax(p)
        let grid = try DispatchDCFlows(p)
        var output = HourMatrix(hours: hours, width: u, repeating: 0.0), curtailed = output
        var unserved = HourMatrix(hours: hours, width: n, repeating: 0.0), surplus = unserved
        var exchange = HourMatrix(hours: hours, width: e, repeating: 0.0)
        var flow = HourMatrix<Double>(width: p.branches.count), price = HourMatrix<Double>(width: p.zones.count)
        for h in 0..<hours {
            let load = p.loadMW[hour: h]
            let positiveLoad = load.reduce(0) { $0 + max($1, 0) }
            var stack = [MeritOrder.Unit]()
            stack.reserveCapacity(u + e + 1)
            for (k, unit) in p.units.enumerated() {
                stack.append(.init(index: k, cost: unit.cost - (unit.curtailable ? p.curtailmentCostEURPerMWh : 0),
                                   pmin: unit.pmin[h], pmax: pmax[h, k]))
            }
            for (k, ext) in p.externals.enumerated() {
                switch ext.mode {
                case .priceTaking(let pr): stack.append(.init(index: u + k, cost: pr[h], pmin: -ext.exportMW, pmax: ext.importMW))
                case .fixed(let s): stack.append(.init(index: u + k, cost: 0, pmin: s[h], pmax: s[h]))
                }
            }
            stack.append(.init(index: u + e, cost: p.unservedCostEURPerMWh, pmin: 0, pmax: positiveLoad))
            // Surplus: when the minimum outputs alone exceed demand, a dump from −(minimum outputs +
            // fixed imports) up to 0, raised first (its cost is −surplusCost), so it stays below 0
            // only by what nothing else can take. Not in the stack otherwise.
            let demand = load.reduce(0, +)
            let dumpable = p.surplusCapacityMW(hour: h), dumpTotal = dumpable.reduce(0, +)
            stack.append(.init(index: u + e + 1, cost: -p.surplusCostEURPerMWh, pmin: 0, pmax: 0))
            if stack.reduce(0, { $0 + $1.pmin }) > demand + 1e-9 { stack[u + e + 1].pmin = -dumpTotal }
            let result = MeritOrder.dispatch(stack, demand: demand)
            var injection = load.map { -$0 }
            for (k, unit) in p.units.enumerated() {
                let out = result.output[k]
                output[h, k] = out
                if unit.curtailable { curtailed[h, k] = max(unit.pmax[h] - out, 0) }
                injection[unit.bus] += out
            }
            for (k, ext) in p.externals.enumerated() {
                exchange[h, k] = result.output[u + k]
                injection[ext.bus] += result.output[u + k]
            }
            let shed = result.output[u + e]
            if shed > 0 {
                for b in 0..<n where p.loadMW[h, b] > 0 {
                    unserved[h, b] = shed * p.loadMW[h, b] / positiveLoad
                    injection[b] += unserved[h, b]
                }
            }
            let dumped = max(-result.output[u + e + 1], 0)
            if dumped > 0 {
                for b in 0..<n where dumpable[b] > 0 {
                    surplus[h, b] = dumped * dumpable[b] / dumpTotal
                    injection[b] -= surplus[h, b]
                }
            }
            try flow.appendHour(grid.flows(injectionMW: injection))
            let marginalCost = result.marginal.map { stack[$0].cost } ?? p.unservedCostEURPerMWh
            price.appendHour(repeatElement(marginalCost, count: p.zones.count))
        }
        var solution = DispatchSolution(outputMW: output, curtailedMW: curtailed, unservedMW: unserved, flowMW: flow,
                                        externalMW: exchange, priceEURPerMWh: price,
                                        costEUR: p.cost(outputMW: output, unservedMW: unserved, externalMW: exchange, surplusMW: surplus))
        solution.surplusMW = surplus
        solution.linkMW = HourMatrix(hours: hours, width: p.links.count, repeating: 0)
        solution.statistics.method = "merit-order"
        solution.statistics.milliseconds = clock.lap()
        return solution
    }
}
