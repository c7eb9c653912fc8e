/// The merit order's rule for energy budgets (hydro), since it has no LP to couple the hours:
/// each budget group shaves the window's net-load peaks down to one level.
///
/// Net load per hour = total load − weather-driven availability (pmax of curtailable units) −
/// fixed exchanges − what earlier budget groups were given. A group with budget `E` gets per hour
///
///     cap(h) = clamp(netLoad(h) − L, Σ pmin(h), Σ pmax(h))
///
/// with the level `L` chosen (by bisection) so that `Σ cap(h) = E`: the water goes to the hours of
/// highest net load, where it displaces the dearest units. When `E` covers `Σ pmax` the group is
/// not limited. Groups are handled in index order. Each unit's pmax in an hour is then lowered
/// in proportion to its headroom, `pmin + (pmax − pmin)·s(h)`, so the group's pmax sums to the cap;
/// the merit order may still run the group below its cap when it is dear.
///
/// With a stepped supply curve the LP may split the water differently (it equalises marginal
/// costs, not net load), so costs agree with the LP only when no budget binds or, as in the
/// tests' hand case, when one level does equalise them.
enum EnergyBudgetAllocation {
    /// Per hour and unit the pmax the merit order may use.
    static func cappedPmax(_ p: DispatchProblem) -> HourMatrix<Double> {
        let u = p.units.count
        var pmax = HourMatrix(hours: p.hours, width: u, repeating: 0.0)
        for h in 0..<p.hours { for k in 0..<u { pmax[h, k] = p.units[k].pmax[h] } }
        guard !p.energyBudgetsMWh.isEmpty else { return pmax }
        var netLoad = (0..<p.hours).map { h in
            var net = p.loadMW[hour: h].reduce(0, +)
            for unit in p.units where unit.curtailable { net -= unit.pmax[h] }
            for ext in p.externals { if case .fixed(let s) = ext.mode { net -= s[h] } }
            return net
        }
        for (g, budget) in p.energyBudgetsMWh.enumerated() {
            let members = p.units.indices.filter { p.units[$0].budget == g }
            let lo = (0..<p.hours).map { h in members.reduce(0.0) { $0 + p.units[$1].pmin[h] } }
            let hi = (0..<p.hours).map { h in members.reduce(0.0) { $0 + p.units[$1].pmax[h] } }
            guard hi.reduce(0, +) > budget else {
                for h in 0..<p.hours { netLoad[h] -= hi[h] }
                continue
            }
            func allocation(_ level: Double) -> [Double] {
                (0..<p.hours).map { h in min(max(netLoad[h] - level, lo[h]), hi[h]) }
            }
            // All at pmax below `low`, all at pmin above `high`; validation ensures Σ pmin ≤ E.
            var low = (0..<p.hours).map { netLoad[$0] - hi[$0] }.min()!
            var high = (0..<p.hours).map { netLoad[$0] - lo[$0] }.max()!
            for _ in 0..<200 where high - low > 1e-9 * max(1, abs(high)) {
                let mid = (low + high) / 2
                if allocation(mid).reduce(0, +) > budget { low = mid } else { high = mid }
            }
            let cap = allocation(exactLevel(netLoad: netLoad, lo: lo, hi: hi, budget: budget, near: (low + high) / 2) ?? high)
            for h in 0..<p.hours {
                netLoad[h] -= cap[h]
                let s = hi[h] > lo[h] ? (cap[h] - lo[h]) / (hi[h] - lo[h]) : 1
                for k in members { pmax[h, k] = p.units[k].pmin[h] + (p.units[k].pmax[h] - p.units[k].pmin[h]) * s }
            }
        }
        return pmax
    }

    /// The level at which the allocation sums to `budget` exactly, solved in closed form for the
    /// hours that are neither at pmin nor at pmax near the bisection's level; nil when that set
    /// changes at the solved level (the bisection's bound is used then).
    private static func exactLevel(netLoad: [Double], lo: [Double], hi: [Double], budget: Double, near level: Double) -> Double? {
        let free = netLoad.indices.map { netLoad[$0] - level > lo[$0] && netLoad[$0] - level < hi[$0] }
        var count = 0, sum = -budget
        for h in netLoad.indices {
            let v = netLoad[h] - level
            if free[h] { count += 1; sum += netLoad[h] } else { sum += v <= lo[h] ? lo[h] : hi[h] }
        }
        guard count > 0 else { return nil }
        let exact = sum / Double(count)
        for h in netLoad.indices {
            let v = netLoad[h] - exact
            if free[h] ? (v < lo[h] || v > hi[h]) : (v > lo[h] && v < hi[h]) { return nil }
        }
        return exact
    }
}
