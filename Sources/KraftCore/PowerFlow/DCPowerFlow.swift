/// DC power flow as MATPOWER's `rundcpf`: magnitudes 1 p.u., angles from
/// `B[pvpq, pvpq] θ = P − B[pvpq, ref] θ_ref` with `P = Pg − Pd − Pbus,inj − Gs`, flows
/// `Pf = b (θ_f − θ_t) + Pf,inj`, and the reference generators taking the balance.
enum DCPowerFlow {
    struct Solution {
        var va: [Double]
        /// Net injection the angles imply at every bus, p.u. (`Bbus θ + Pbus,inj + Gs`).
        var injection: [Double]
        var timings = PhaseTimings()
        var linearSolver = ""
    }

    /// Solves for angles; `va0` gives the reference angles. Throws when B is singular.
    static func angles(network: Network, ybus: AdmittanceMatrix, buses: BusClassification,
                       pSpec: [Double], va0: [Double], linearSolver: LinearSolverChoice) throws(LinearSolverError) -> Solution {
        var clock = Stopwatch()
        let dc = DCMatrices(network: network, ybus: ybus)
        let gs = network.busShunt().g
        let n = network.buses.count
        let pvpq = (buses.pv + buses.pq).sorted()
        var va = [Double](repeating: 0, count: n)
        for r in buses.ref { va[r] = va0[r] }
        var timings = PhaseTimings()
        timings.ybus = clock.lap()
        let solver = linearSolver.make(size: pvpq.count)
        if !pvpq.isEmpty {
            let sub = PrincipalSubmatrix(of: dc.pattern, keep: pvpq)
            var rhs = pvpq.map { pSpec[$0] - dc.busInjection[$0] - gs[$0] }
            // Move the reference angles to the right-hand side.
            var position = [Int](repeating: -1, count: n)
            for (r, i) in pvpq.enumerated() { position[i] = r }
            for ref in buses.ref where va[ref] != 0 {
                for p in Int(dc.pattern.columnStart[ref])..<Int(dc.pattern.columnStart[ref + 1]) {
                    let r = position[Int(dc.pattern.rowIndex[p])]
                    if r >= 0 { rhs[r] -= dc.bbus[p] * va[ref] }
                }
            }
            try solver.analyze(sub.pattern)
            timings.analyze = clock.lap()
            let values = sub.gather(dc.bbus)
            try values.withUnsafeBufferPointer { v throws(LinearSolverError) in try solver.factor(v) }
            timings.factor = clock.lap()
            try rhs.withUnsafeMutableBufferPointer { b throws(LinearSolverError) in try solver.solve(b) }
            for (r, i) in pvpq.enumerated() { va[i] = rhs[r] }
        }
        var injection = [Double](repeating: 0, count: n)
        for k in 0..<n {
            for p in Int(dc.pattern.columnStart[k])..<Int(dc.pattern.columnStart[k + 1]) {
                injection[Int(dc.pattern.rowIndex[p])] += dc.bbus[p] * va[k]
            }
        }
        for i in 0..<n { injection[i] += dc.busInjection[i] + gs[i] }
        timings.iterate = clock.lap()
        return Solution(va: va, injection: injection, timings: timings, linearSolver: solver.name)
    }

    /// Branch flows for DC angles: `Pf = b (θ_f − θ_t) + Pf,inj`, `Pt = −Pf`, no reactive flow.
    static func flows(network: Network, ybus: AdmittanceMatrix, va: [Double]) -> BranchFlows {
        let dc = DCMatrices(network: network, ybus: ybus)
        let br = network.branches
        let pf = (0..<br.count).map { l in
            br.status[l] ? dc.branchB[l] * (va[br.from[l]] - va[br.to[l]]) + dc.pfInjection[l] : 0
        }
        let zero = [Double](repeating: 0, count: br.count)
        return BranchFlows(pf: pf, qf: zero, pt: pf.map { -$0 }, qt: zero)
    }
}
