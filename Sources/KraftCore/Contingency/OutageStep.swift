/// The first Newton step of a single-branch outage from the base case, without a factorization.
///
/// At the base-case voltages the outaged Jacobian differs from the base case's only in the 2×2
/// blocks (f,f), (f,t), (t,f) and (t,t) of the branch's ends: their admittance entries lose the
/// branch, and the diagonal blocks also the branch's share of the injections `S_f`, `S_t`. That
/// is an update of rank at most 4 in rows and columns `2f, 2f+1, 2t, 2t+1`, and the base case's
/// factors solve the outaged system through `BlockSparseLU.solveModified` (Sherman–Morrison–
/// Woodbury) for the price of one triangular solve. The step is the exact Newton step from the
/// base case (to rounding), so the iterations that follow are Newton's from that start.
///
/// The same update solves the steps after the first as a chord iteration (the outaged Jacobian
/// at the base point for every step, `NewtonRaphsonKernel.ChordPolicy`): `prepare` does the
/// part of Sherman–Morrison–Woodbury that does not depend on the right-hand side once per
/// outage, and each `solve` then costs one forward and one backward solve.
///
/// One per worker thread: the factors' workspace is not shared.
final class OutageStep {
    private let factors: BlockSparseLU
    /// Base case: rectangular voltages, magnitudes, computed injections (p.u.) and masks (1 where
    /// bus i's angle, magnitude is free — and its P, Q equation active — else 0).
    private let vr: [Double], vi: [Double], vm: [Double], p: [Double], q: [Double]
    private let angleFree: [Double], magnitudeFree: [Double]
    private var update = [Double](repeating: 0, count: 16)

    init(factors: BlockSparseLU, vr: [Double], vi: [Double], vm: [Double], p: [Double], q: [Double],
         angleFree: [Double], magnitudeFree: [Double]) {
        self.factors = factors
        self.vr = vr; self.vi = vi; self.vm = vm; self.p = p; self.q = q
        self.angleFree = angleFree; self.magnitudeFree = magnitudeFree
    }

    /// Prepares the solves of the outaged Jacobian at the base point for branch `f`–`t` of
    /// two-port admittances `y` taken out; false when it cannot (a branch from a bus to itself,
    /// or a singular update).
    func prepare(from f: Int, to t: Int, _ y: BranchAdmittance) -> Bool {
        guard f != t else { return false }
        // The change of the admittance entries: −y.
        let dy = [(f, f, -y.ff), (f, t, -y.ft), (t, f, -y.tf), (t, t, -y.tt)]
        // The change of the injections at the two ends, ΔS_i = V_i conj(ΔI_i).
        var dp = [0.0, 0.0], dq = [0.0, 0.0]
        for (i, k, yik) in dy {
            let ir = yik.re * vr[k] - yik.im * vi[k], ii = yik.re * vi[k] + yik.im * vr[k]
            let side = i == f ? 0 : 1
            dp[side] += vr[i] * ir + vi[i] * ii
            dq[side] += vi[i] * ir - vr[i] * ii
        }
        for e in 0..<16 { update[e] = 0 }
        // Each entry (i, k) as `NewtonRaphsonKernel.fillJacobian` writes it, masks included.
        for (i, k, yik) in dy {
            let yvr = yik.re * vr[k] - yik.im * vi[k], yvi = yik.re * vi[k] + yik.im * vr[k]
            let cr = vr[i] * yvr + vi[i] * yvi, ci = vi[i] * yvr - vr[i] * yvi
            let ai = angleFree[i], mi = magnitudeFree[i], ak = angleFree[k]
            let invK = magnitudeFree[k] == 0 ? 0 : 1 / vm[k]
            var pa = ci * ai * ak, qa = -cr * mi * ak, pm = cr * invK * ai, qm = ci * invK * mi
            if i == k {
                let side = i == f ? 0 : 1
                let invI = magnitudeFree[i] == 0 ? 0 : 1 / vm[i]
                pa -= dq[side] * ai
                qa += dp[side] * mi * ai
                pm += dp[side] * invI * ai
                qm += dq[side] * invI * mi
            }
            let r = i == f ? 0 : 2, c = k == f ? 0 : 2
            update[4 * r + c] += pa; update[4 * r + c + 1] += pm
            update[4 * (r + 1) + c] += qa; update[4 * (r + 1) + c + 1] += qm
        }
        do {
            try update.withUnsafeBufferPointer { (m) throws(LinearSolverError) in
                try factors.prepareModified(blocks: f, t, update: m.baseAddress!)
            }
        } catch {
            return false
        }
        return true
    }

    /// Overwrites `rhs` (−F) with the solution of the outaged Jacobian at the base point, for the
    /// outage of the last successful `prepare`: at the base point the Newton step, elsewhere a
    /// chord step; false when it cannot.
    func solve(_ rhs: UnsafeMutableBufferPointer<Double>) -> Bool {
        do { try factors.solvePrepared(rhs) } catch { return false }
        return true
    }
}
