import KraftCore
import KraftScenario

/// Builds the dispatch problem of consecutive hours of a study: DC branches in service, every
/// unit with its hourly availability, one energy budget per zone for the grid's hydro units
/// (the zone's inflow over the window), the zonal cuts, the price-taking neighbours, the fixed
/// exchanges and the links inside the grid (`StudyGrid.links`, e.g. Fenno-Skan).
///
/// Only consumption is demand in the problem (and may go unserved): a load that carries a fixed
/// exchange over a link (`fixedExchangeLoads`) is a fixed `External` at its bus instead, after the
/// neighbours. As a load it could be "shed" like consumption: the LP met a shortage in SE3 by
/// dropping Fenno-Skan's 1,220 MW export at bus 3020, which the AC check then carried in full, so
/// the hour's balance missed that much.
enum WindowProblem {
    /// Branch indices of the grid in the order the problem lists them (in-service branches).
    static func branchOrder(_ grid: StudyGrid) -> [Int] {
        (0..<grid.network.branches.count).filter { grid.network.branches.status[$0] }
    }

    /// Loads that carry a fixed exchange over a link: exchanges neither replaced by a price-taking
    /// neighbour or a dispatched link nor such a neighbour's or link's own load. The dispatch has
    /// one fixed `External` per load, in this order after the neighbours.
    static func fixedExchangeLoads(_ grid: StudyGrid) -> [Int] {
        let own = Set(grid.neighbours.map(\.load)).union(grid.linkLoads)
        return (0..<grid.network.loads.count).filter {
            grid.loads[$0].isExchange && !grid.loads[$0].isReplacedExchange && !own.contains($0)
        }
    }

    static func make(grid: StudyGrid, hours: [HourInputs], inflowMWh: [String: Double], referenceBuses: [Int],
                     branchOrder: [Int], settings: DispatchSettings) -> DispatchProblem {
        let net = grid.network, mva = net.baseMVA, n = net.buses.count, count = hours.count
        let position = Dictionary(uniqueKeysWithValues: branchOrder.enumerated().map { ($1, $0) })
        let branches = branchOrder.map { l in
            let ratio = net.branches.ratio[l] == 0 ? 1 : net.branches.ratio[l]
            let x = net.branches.x[l] * ratio
            let angleBound = Assumptions.maxAngleDifference / abs(x) * mva
            let rating = net.branches.rateA[l] > 0 ? settings.branchLimitShare * net.branches.rateA[l] * mva : .infinity
            let limit = min(rating, angleBound)
            return DispatchProblem.Branch(from: net.branches.from[l], to: net.branches.to[l], x: x, limitMW: limit)
        }
        var budgetOfZone = [String: Int]()
        var budgets = [Double]()
        let units = (0..<grid.units.count).map { g -> DispatchProblem.Unit in
            var budget: Int?
            let zone = grid.zoneOfBus[net.generators.bus[g]]
            if grid.units[g].technology == .hydro && !grid.units[g].added && !grid.units[g].runOfRiver, let energy = inflowMWh[zone] {
                if budgetOfZone[zone] == nil { budgetOfZone[zone] = budgets.count; budgets.append(energy) }
                budget = budgetOfZone[zone]
            }
            var unit = DispatchProblem.Unit(bus: net.generators.bus[g], cost: grid.units[g].cost,
                                            pmin: hours.map { $0.minimum[g] }, pmax: hours.map { $0.available[g] },
                                            curtailable: grid.units[g].curtailable, budget: budget)
            if !grid.units[g].runOfRiver { unit.offerSteps = grid.units[g].operation.offerSteps }
            return unit
        }
        var load = HourMatrix(hours: count, width: n, repeating: 0.0)
        for (h, hour) in hours.enumerated() {
            for l in 0..<net.loads.count where !grid.loads[l].isExchange { load[h, net.loads.bus[l]] += hour.loadP[l] }
        }
        let zoneIndex = Dictionary(uniqueKeysWithValues: grid.zones.enumerated().map { ($1, $0) })
        let interfaces = settings.mode == .lp ? grid.interfaces.compactMap { cut -> DispatchProblem.Interface? in
            let mapped = cut.branches.compactMap { e in position[e.branch].map { ($0, e.sign) } }
            return mapped.isEmpty ? nil : DispatchProblem.Interface(name: cut.name, branches: mapped,
                                                                     forwardMW: cut.forwardMW, backwardMW: cut.backwardMW)
        } : []
        let normaliser = hours.first.map { ExternalPrices.normaliser(year: $0.date.year) } ?? 1
        var externals = grid.neighbours.map { nb in
            DispatchProblem.External(name: nb.zone, bus: nb.bus, importMW: nb.importMW, exportMW: nb.exportMW,
                                     mode: .priceTaking(priceEURPerMWh: hours.map {
                                         grid.priceSeries?.price(area: nb.zone, date: $0.date, hour: $0.hourOfDay)
                                             ?? ExternalPrices.price(mean: nb.priceEURPerMWh, date: $0.date, hour: $0.hourOfDay, normaliser: normaliser)
                                     }))
        }
        for l in fixedExchangeLoads(grid) {
            let schedule = hours.map { -$0.loadP[l] }
            externals.append(DispatchProblem.External(name: "fixed exchange at bus \(net.buses.id[net.loads.bus[l]])", bus: net.loads.bus[l],
                                                      importMW: max(schedule.max() ?? 0, 0), exportMW: max(-(schedule.min() ?? 0), 0),
                                                      mode: .fixed(scheduleMW: schedule)))
        }
        let links = grid.links.map {
            DispatchProblem.Link(name: $0.border, from: $0.fromBus, to: $0.toBus, forwardMW: $0.forwardMW, backwardMW: $0.backwardMW)
        }
        var problem = DispatchProblem(hours: count, baseMVA: mva, busCount: n,
                                      zoneOfBus: grid.zoneOfBus.map { zoneIndex[$0] ?? 0 }, zones: grid.zones,
                                      referenceBuses: referenceBuses, branches: branches, units: units,
                                      energyBudgetsMWh: budgets, loadMW: load, interfaces: interfaces, externals: externals)
        problem.links = links
        problem.unservedCostEURPerMWh = settings.unservedCostEURPerMWh
        problem.pricing = settings.pricing == .zonal ? .zonal : .nodal
        return problem
    }
}
