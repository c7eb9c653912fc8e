import KraftCore

/// Builds the dispatch problem of consecutive hours of a study: DC branches in service, every
/// unit with its hourly availability, one energy budget per zone for the grid's hydro units
/// (the zone's inflow over the window), the zonal cuts and the price-taking neighbours.
enum WindowProblem {
    /// Branch indices of the grid in the order the problem lists them (in-service branches).
    static func branchOrder(_ grid: StudyGrid) -> [Int] {
        (0..<grid.network.branches.count).filter { grid.network.branches.status[$0] }
    }

    static func make(grid: StudyGrid, hours: [HourInputs], inflowMWh: [String: Double], referenceBuses: [Int],
                     branchOrder: [Int], settings: (unservedCost: Double, interfaces: Bool)) -> DispatchProblem {
        let net = grid.network, mva = net.baseMVA, n = net.buses.count, count = hours.count
        let position = Dictionary(uniqueKeysWithValues: branchOrder.enumerated().map { ($1, $0) })
        let branches = branchOrder.map { l in
            let ratio = net.branches.ratio[l] == 0 ? 1 : net.branches.ratio[l]
            let x = net.branches.x[l] * ratio
            let limit = net.branches.rateA[l] > 0 ? net.branches.rateA[l] * mva : Assumptions.maxAngleDifference / abs(x) * mva
            return DispatchProblem.Branch(from: net.branches.from[l], to: net.branches.to[l], x: x, limitMW: limit)
        }
        var budgetOfZone = [String: Int]()
        var budgets = [Double]()
        let units = (0..<grid.capacityMW.count).map { g -> DispatchProblem.Unit in
            var budget: Int?
            let zone = grid.zoneOfBus[net.generators.bus[g]]
            if grid.technology[g] == "hydro" && !grid.added[g], let energy = inflowMWh[zone] {
                if budgetOfZone[zone] == nil { budgetOfZone[zone] = budgets.count; budgets.append(energy) }
                budget = budgetOfZone[zone]
            }
            return DispatchProblem.Unit(bus: net.generators.bus[g], cost: grid.cost[g],
                                        pmin: hours.map { $0.minimum[g] }, pmax: hours.map { $0.available[g] },
                                        curtailable: grid.curtailable[g], budget: budget)
        }
        var load = [Double](repeating: 0, count: count * n)
        for (h, hour) in hours.enumerated() {
            for l in 0..<net.loads.count { load[h * n + net.loads.bus[l]] += hour.loadP[l] }
        }
        let zoneIndex = Dictionary(uniqueKeysWithValues: grid.zones.enumerated().map { ($1, $0) })
        let interfaces = settings.interfaces ? grid.interfaces.compactMap { cut -> DispatchProblem.Interface? in
            let mapped = cut.branches.compactMap { e in position[e.branch].map { ($0, e.sign) } }
            return mapped.isEmpty ? nil : DispatchProblem.Interface(name: cut.name, branches: mapped,
                                                                     forwardMW: cut.forwardMW, backwardMW: cut.backwardMW)
        } : []
        let normaliser = hours.first.map { ExternalPrices.normaliser(year: $0.date.year) } ?? 1
        let externals = grid.neighbours.map { nb in
            DispatchProblem.External(name: nb.zone, bus: nb.bus, importMW: nb.importMW, exportMW: nb.exportMW,
                                     mode: .priceTaking(priceEURPerMWh: hours.map {
                                         ExternalPrices.price(mean: nb.priceEURPerMWh, date: $0.date, hour: $0.hourOfDay, normaliser: normaliser)
                                     }))
        }
        var problem = DispatchProblem(hours: count, baseMVA: mva, busCount: n,
                                      zoneOfBus: grid.zoneOfBus.map { zoneIndex[$0] ?? 0 }, zones: grid.zones,
                                      referenceBuses: referenceBuses, branches: branches, units: units,
                                      energyBudgetsMWh: budgets, loadMW: load, interfaces: interfaces, externals: externals)
        problem.unservedCostEURPerMWh = settings.unservedCost
        return problem
    }
}
