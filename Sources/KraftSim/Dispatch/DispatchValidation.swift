/// Checks a dispatch problem before either solver sees it, so bad data get an error that names the
/// element and the hour instead of an infeasible LP or a silently wrong merit order.
extension DispatchProblem {
    /// Throws `DispatchError.invalidProblem` for the first inconsistency found: array sizes, indices
    /// out of range, non-finite numbers, `pmin > pmax`, a budget below its units' minimum output, an
    /// island without exactly one reference bus, a link that is not between two different buses
    /// or whose limits are not finite and ≥ 0. Minimum outputs beyond what an island's load and
    /// exports can take are not an error: the surplus is dumped at `surplusCostEURPerMWh`.
    public func validate() throws(DispatchError) {
        func fail(_ message: String) -> DispatchError { .invalidProblem(message) }
        guard hours >= 1 else { throw fail("hours is \(hours) (expected at least 1)") }
        guard baseMVA.isFinite, baseMVA > 0 else { throw fail("baseMVA is \(baseMVA) (expected a positive number)") }
        guard busCount >= 1 else { throw fail("busCount is \(busCount) (expected at least 1)") }
        guard zoneOfBus.count == busCount else {
            throw fail("zoneOfBus has \(zoneOfBus.count) entries (expected busCount = \(busCount))")
        }
        var busesInZone = [Int](repeating: 0, count: zones.count)
        for (b, z) in zoneOfBus.enumerated() {
            guard zones.indices.contains(z) else { throw fail("bus \(b): zone index \(z) (expected 0..<\(zones.count))") }
            busesInZone[z] += 1
        }
        if let z = busesInZone.firstIndex(of: 0) { throw fail("zone \(zones[z]) has no bus (its price would be undefined)") }
        guard loadMW.hours == hours && loadMW.width == busCount else {
            throw fail("loadMW has \(loadMW.hours) hours × \(loadMW.width) buses (expected hours × busCount = \(hours) × \(busCount))")
        }
        for h in 0..<hours {
            if let b = (0..<busCount).first(where: { !loadMW[h, $0].isFinite }) {
                throw fail("hour \(h), bus \(b): load is \(loadMW[h, b]) (expected a finite MW value)")
            }
        }
        for (name, value) in [("unservedCostEURPerMWh", unservedCostEURPerMWh), ("curtailmentCostEURPerMWh", curtailmentCostEURPerMWh)]
        where !(value.isFinite && value >= 0) {
            throw fail("\(name) is \(value) (expected a finite value ≥ 0)")
        }
        for r in referenceBuses where !(0..<busCount).contains(r) {
            throw fail("reference bus \(r) is out of range (expected 0..<\(busCount))")
        }
        for (l, br) in branches.enumerated() {
            guard (0..<busCount).contains(br.from), (0..<busCount).contains(br.to), br.from != br.to else {
                throw fail("branch \(l): buses \(br.from)→\(br.to) (expected two different buses in 0..<\(busCount))")
            }
            guard br.x.isFinite, br.x != 0 else { throw fail("branch \(l): x is \(br.x) (expected a finite nonzero reactance)") }
            if let lim = br.limitMW, !(lim.isFinite && lim >= 0) {
                throw fail("branch \(l): limitMW is \(lim) (expected a finite value ≥ 0, or nil for no limit)")
            }
        }
        for (g, e) in energyBudgetsMWh.enumerated() where !(e.isFinite && e >= 0) {
            throw fail("energy budget \(g) is \(e) MWh (expected a finite value ≥ 0)")
        }
        var budgetFloor = [Double](repeating: 0, count: energyBudgetsMWh.count)
        for (u, unit) in units.enumerated() {
            guard (0..<busCount).contains(unit.bus) else { throw fail("unit \(u): bus \(unit.bus) is out of range (expected 0..<\(busCount))") }
            guard unit.cost.isFinite else { throw fail("unit \(u): cost is \(unit.cost) (expected a finite EUR/MWh value)") }
            guard unit.offerSteps.allSatisfy(\.isFinite), zip(unit.offerSteps, unit.offerSteps.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw fail("unit \(u): offer steps \(unit.offerSteps) (expected finite added costs in ascending order)")
            }
            guard unit.pmin.count == hours, unit.pmax.count == hours else {
                throw fail("unit \(u): pmin has \(unit.pmin.count) and pmax \(unit.pmax.count) values (expected \(hours) each)")
            }
            for h in 0..<hours {
                let lo = unit.pmin[h], hi = unit.pmax[h]
                guard lo.isFinite, hi.isFinite else { throw fail("unit \(u), hour \(h): pmin \(lo), pmax \(hi) (expected finite MW values)") }
                guard lo <= hi else { throw fail("unit \(u), hour \(h): pmin \(lo) MW > pmax \(hi) MW (expected pmin ≤ pmax)") }
            }
            if let g = unit.budget {
                guard energyBudgetsMWh.indices.contains(g) else {
                    throw fail("unit \(u): budget \(g) is out of range (expected 0..<\(energyBudgetsMWh.count))")
                }
                budgetFloor[g] += unit.pmin.reduce(0, +)
            }
        }
        for (g, floor) in budgetFloor.enumerated() where floor > energyBudgetsMWh[g] * (1 + 1e-9) + 1e-9 {
            throw fail("energy budget \(g): its units' minimum output over the window is \(floor) MWh, more than the budget \(energyBudgetsMWh[g]) MWh")
        }
        for (k, itf) in interfaces.enumerated() {
            for (branch, sign) in itf.branches where !(branches.indices.contains(branch) && sign.isFinite) {
                throw fail("interface \(itf.name) (\(k)): branch \(branch) with sign \(sign) (expected a branch in 0..<\(branches.count) and a finite sign)")
            }
            guard itf.forwardMW >= 0, itf.backwardMW >= 0 else {
                throw fail("interface \(itf.name): limits \(itf.forwardMW) forward, \(itf.backwardMW) backward (expected values ≥ 0; infinity for none)")
            }
        }
        for ext in externals {
            guard (0..<busCount).contains(ext.bus) else { throw fail("external \(ext.name): bus \(ext.bus) is out of range (expected 0..<\(busCount))") }
            guard ext.importMW.isFinite, ext.exportMW.isFinite, ext.importMW >= 0, ext.exportMW >= 0 else {
                throw fail("external \(ext.name): import \(ext.importMW) MW, export \(ext.exportMW) MW (expected finite values ≥ 0)")
            }
            switch ext.mode {
            case .priceTaking(let price):
                guard price.count == hours else { throw fail("external \(ext.name): \(price.count) prices (expected \(hours))") }
                if let h = price.firstIndex(where: { !$0.isFinite }) {
                    throw fail("external \(ext.name), hour \(h): price is \(price[h]) (expected a finite EUR/MWh value)")
                }
            case .fixed(let schedule):
                guard schedule.count == hours else { throw fail("external \(ext.name): \(schedule.count) scheduled values (expected \(hours))") }
                for (h, s) in schedule.enumerated() where !(s.isFinite && s <= ext.importMW && s >= -ext.exportMW) {
                    throw fail("external \(ext.name), hour \(h): schedule \(s) MW (expected a value within −\(ext.exportMW)…\(ext.importMW) MW, + into the grid)")
                }
            }
        }
        for (k, link) in links.enumerated() {
            guard (0..<busCount).contains(link.from), (0..<busCount).contains(link.to), link.from != link.to else {
                throw fail("link \(link.name) (\(k)): buses \(link.from)→\(link.to) (expected two different buses in 0..<\(busCount))")
            }
            guard link.forwardMW.isFinite, link.backwardMW.isFinite, link.forwardMW >= 0, link.backwardMW >= 0 else {
                throw fail("link \(link.name): limits \(link.forwardMW) MW forward, \(link.backwardMW) MW backward (expected finite values ≥ 0)")
            }
        }
        try checkIslands()
    }

    /// Island index of every bus (connected components of the branch graph), numbered in order of
    /// their lowest bus.
    public func islandOfBus() -> [Int] {
        var parent = Array(0..<busCount)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for br in branches {
            let a = root(br.from), b = root(br.to)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var number = [Int: Int](), island = [Int](repeating: 0, count: busCount)
        for b in 0..<busCount {
            let r = root(b)
            if number[r] == nil { number[r] = number.count }
            island[b] = number[r]!
        }
        return island
    }

    private func checkIslands() throws(DispatchError) {
        let island = islandOfBus()
        let islands = (island.max() ?? -1) + 1
        var reference = [Int?](repeating: nil, count: islands)
        for r in referenceBuses {
            if let other = reference[island[r]] {
                throw .invalidProblem("buses \(other) and \(r) are both reference buses of one island (expected exactly one per island)")
            }
            reference[island[r]] = r
        }
        if let i = reference.firstIndex(where: { $0 == nil }) {
            throw .invalidProblem("the island of bus \(island.firstIndex(of: i)!) has no reference bus (expected exactly one per island)")
        }
        // Minimum outputs beyond what an island's load and exports can take are no longer an
        // error: both solvers dump them at `surplusCostEURPerMWh` and report them as `surplusMW`.
    }
}
