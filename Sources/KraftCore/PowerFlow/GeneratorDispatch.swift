/// Generator outputs at a solved operating point, as MATPOWER's legacy `pfsoln` assigns them.
///
/// Each bus's computed injection plus its demand is the generation at that bus. Reactive output
/// is recomputed only for generators at buses whose type is not PQ (a generator at a PQ bus keeps
/// its reactive output, as one left at a bus that Q-limit enforcement turned PQ), and split among
/// the generators in service at a bus in proportion to their reactive ranges
/// (infinite limits replaced by a finite proxy; equal shares where the range is zero). The first
/// generator at each reference bus takes the active-power balance there.
enum GeneratorDispatch {
    /// - Parameters:
    ///   - injection: computed bus injections `S = V conj(Ybus V)`, p.u.
    ///   - demand: bus demand in force in this solve (after Q-limit conversions), p.u.
    ///   - pg, qg: current generator outputs; `pg` of non-reference generators is kept.
    ///   - referenceBuses: buses whose first generator takes the active-power balance.
    static func assign(network: Network, types: [BusType], generatorOn: [Bool], injection: (p: [Double], q: [Double]),
                       demand: (p: [Double], q: [Double]), referenceBuses: [Int],
                       pg: inout [Double], qg: inout [Double]) {
        let gens = network.generators
        let n = network.buses.count
        let on = (0..<gens.count).map { generatorOn[$0] && types[gens.bus[$0]] != .pq }
        var count = [Int](repeating: 0, count: n)
        for g in 0..<gens.count where on[g] { count[gens.bus[g]] += 1 }
        let epsilon = Double.ulpOfOne

        // Equal split first, then the proxy for infinite limits: the sum over the bus of |Qg| and
        // every finite limit.
        var proxy = [Double](repeating: 0, count: n)
        for g in 0..<gens.count {
            guard on[g] else {
                if !generatorOn[g] { qg[g] = 0 }
                continue
            }
            let i = gens.bus[g]
            qg[g] = (injection.q[i] + demand.q[i]) / Double(count[i])
            var m = abs(qg[g])
            if gens.qmax[g].isFinite { m += abs(gens.qmax[g]) }
            if gens.qmin[g].isFinite { m += abs(gens.qmin[g]) }
            proxy[i] += m
        }
        var qmin = gens.qmin, qmax = gens.qmax
        var totalMin = [Double](repeating: 0, count: n), totalMax = totalMin, total = totalMin
        for g in 0..<gens.count where on[g] {
            let i = gens.bus[g]
            if qmin[g] == .infinity { qmin[g] = proxy[i] } else if qmin[g] == -.infinity { qmin[g] = -proxy[i] }
            if qmax[g] == .infinity { qmax[g] = proxy[i] } else if qmax[g] == -.infinity { qmax[g] = -proxy[i] }
            totalMin[i] += qmin[g]
            totalMax[i] += qmax[g]
            total[i] += qg[g]
        }
        for g in 0..<gens.count where on[g] {
            let i = gens.bus[g]
            if abs(totalMin[i] - totalMax[i]) < 10 * epsilon {
                qg[g] = qmin[g] + (total[i] - totalMin[i]) / Double(count[i])
            } else {
                qg[g] = qmin[g] + (total[i] - totalMin[i]) / (totalMax[i] - totalMin[i] + epsilon) * (qmax[g] - qmin[g])
            }
        }

        for r in referenceBuses {
            var first: Int?
            var others = 0.0
            for g in 0..<gens.count where generatorOn[g] && gens.bus[g] == r {
                if first == nil { first = g } else { others += pg[g] }
            }
            if let first { pg[first] = injection.p[r] + demand.p[r] - others }
        }
    }
}
