#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Newton–Raphson for outage after outage on one network: the polar formulation of
/// `NewtonRaphsonKernel`, always in the bus-block layout, with which equations are active given
/// per solve instead of fixed by the Jacobian's structure.
///
/// Every bus keeps both unknowns (angle, magnitude) and both equations (P, Q) in a 2n × 2n
/// system whose pattern is the admittance matrix's, in 2×2 blocks. A bus whose angle is fixed
/// (a reference bus, or a bus left de-energised by the outage) or whose magnitude is fixed
/// (reference and PV buses, de-energised buses) has that row and column replaced by the
/// identity, and its mismatch by zero. An outage therefore changes only values — the branch's
/// admittance is subtracted from its four entries, and buses change role by mask — so one
/// symbolic analysis serves every contingency, those that island part of the grid or turn a PV
/// bus into a PQ bus included.
///
/// Each solve starts with a full numeric factorization (refactorizations follow within the
/// solve only), so a contingency's result does not depend on which ones the same kernel solved
/// before: results are identical for any split of the work over threads.
final class OutageNewtonRaphson {
    let n: Int
    let pattern: SparsePattern
    /// Admittance values in force (base values with the current outage subtracted).
    private(set) var g: [Double], b: [Double]
    private let baseG: [Double], baseB: [Double]
    let diagonal: [Int32]
    private let structure: JacobianStructure
    private let blockLU = BlockSparseLU()
    private var klu: KLUSolver?
    private var analyzed = false

    private let vr: UnsafeMutableBufferPointer<Double>, vi: UnsafeMutableBufferPointer<Double>
    private let ir: UnsafeMutableBufferPointer<Double>, ii: UnsafeMutableBufferPointer<Double>
    private let p: UnsafeMutableBufferPointer<Double>, q: UnsafeMutableBufferPointer<Double>
    private let angleMask: UnsafeMutableBufferPointer<Double>, magnitudeMask: UnsafeMutableBufferPointer<Double>
    private let jacobian: UnsafeMutableBufferPointer<Double>
    private let mismatch: UnsafeMutableBufferPointer<Double>
    private let step: UnsafeMutableBufferPointer<Double>
    private let vm: UnsafeMutableBufferPointer<Double>, va: UnsafeMutableBufferPointer<Double>
    /// cos and sin of `va`, kept up to date by rotation (see `update`).
    private let cosA: UnsafeMutableBufferPointer<Double>, sinA: UnsafeMutableBufferPointer<Double>

    /// How one solve ended.
    struct Outcome {
        var converged: Bool
        var iterations: Int
        var maxMismatch: Double
        var failure: PowerFlowFailure?
        var linearSolver: String
    }

    init(ybus: AdmittanceMatrix, network: Network) {
        n = ybus.busCount
        pattern = ybus.pattern
        g = ybus.g; b = ybus.b
        baseG = ybus.g; baseB = ybus.b
        diagonal = ybus.diagonal
        // Every bus PQ: every admittance entry gets its four Jacobian positions.
        var all = BusClassification(network: network)
        all.ref = []; all.pv = []; all.pq = Array(0..<n)
        structure = JacobianStructure(ybus: ybus, buses: all, participation: nil, busBlocks: true)
        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
            b.initialize(repeating: 0)
            return b
        }
        vr = buffer(n); vi = buffer(n); ir = buffer(n); ii = buffer(n); p = buffer(n); q = buffer(n)
        angleMask = buffer(n); magnitudeMask = buffer(n)
        jacobian = buffer(structure.valueCount)
        mismatch = buffer(2 * n); step = buffer(2 * n)
        vm = buffer(n); va = buffer(n); cosA = buffer(n); sinA = buffer(n)
    }

    deinit {
        for buffer in [vr, vi, ir, ii, p, q, angleMask, magnitudeMask, jacobian, mismatch, step, vm, va, cosA, sinA] { buffer.deallocate() }
    }

    /// Takes `y` off admittance entry `position`. An outage subtracts each of its branches from
    /// base values and `restore`s every touched entry afterwards, so the values a contingency
    /// sees do not depend on the ones before it.
    func subtract(_ y: Complex, at position: Int32) {
        g[Int(position)] -= y.re
        b[Int(position)] -= y.im
    }

    /// Puts entry `position` back to its base value.
    func restore(_ position: Int32) {
        g[Int(position)] = baseG[Int(position)]
        b[Int(position)] = baseB[Int(position)]
    }

    /// Solves from `vm`, `va` (updated in place) for the specified injections, with the given
    /// free unknowns: `angleFree[i]` (P equation active), `magnitudeFree[i]` (Q equation active).
    func solve(vm vmState: inout [Double], va vaState: inout [Double], pSpec: [Double], qSpec: [Double],
               angleFree: [Bool], magnitudeFree: [Bool], tolerance: Double, maxIterations: Int,
               damped: Bool) -> Outcome {
        if !analyzed {
            do { try blockLU.analyze(structure.pattern) } catch {
                return Outcome(converged: false, iterations: 0, maxMismatch: .nan,
                               failure: .singularJacobian(worstBuses: []), linearSolver: "block")
            }
            analyzed = true
        }
        var outcome = iterate(vmState: vmState, vaState: vaState, pSpec: pSpec, qSpec: qSpec, angleFree: angleFree,
                              magnitudeFree: magnitudeFree, tolerance: tolerance, maxIterations: maxIterations,
                              damped: damped, solver: blockLU)
        if case .singularJacobian = outcome.failure {
            // The block LU does not pivot between buses; KLU on the same pattern does.
            if klu == nil {
                let k = KLUSolver()
                if (try? k.analyze(structure.pattern)) != nil { klu = k }
            }
            if let klu {
                outcome = iterate(vmState: vmState, vaState: vaState, pSpec: pSpec, qSpec: qSpec, angleFree: angleFree,
                                  magnitudeFree: magnitudeFree, tolerance: tolerance, maxIterations: maxIterations,
                                  damped: damped, solver: klu)
            }
        }
        for i in 0..<n { vmState[i] = vm[i]; vaState[i] = va[i] }
        return outcome
    }

    private func iterate(vmState: [Double], vaState: [Double], pSpec: [Double], qSpec: [Double],
                         angleFree: [Bool], magnitudeFree: [Bool], tolerance: Double, maxIterations: Int,
                         damped: Bool, solver: any LinearSolver) -> Outcome {
        for i in 0..<n {
            vm[i] = vmState[i]; va[i] = vaState[i]
            angleMask[i] = angleFree[i] ? 1 : 0
            magnitudeMask[i] = magnitudeFree[i] ? 1 : 0
            cosA[i] = cos(va[i]); sinA[i] = sin(va[i])
        }
        refreshRectangular()
        var norm = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
        let initialNorm = norm
        var iterations = 0
        var failure: PowerFlowFailure?
        while !(norm < tolerance) {
            if !norm.isFinite { failure = .notANumber(worstBuses: worstBuses()); break }
            if iterations >= maxIterations {
                failure = norm > initialNorm ? .diverging(worstBuses: worstBuses()) : .iterationLimit(worstBuses: worstBuses())
                break
            }
            fillJacobian()
            do {
                let values = UnsafeBufferPointer(rebasing: jacobian[0..<structure.pattern.nonzeros])
                if iterations == 0 { try solver.factor(values) } else { try solver.refactor(values) }
                for r in 0..<2 * n { step[r] = -mismatch[r] }
                try solver.solve(step)
            } catch {
                failure = .singularJacobian(worstBuses: worstBuses())
                break
            }
            iterations += 1
            if damped {
                norm = dampedUpdate(norm: norm, pSpec: pSpec, qSpec: qSpec)
            } else {
                update(alpha: 1)
                norm = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
            }
            if norm > 1e10 { failure = .diverging(worstBuses: worstBuses()); break }
        }
        return Outcome(converged: failure == nil, iterations: iterations, maxMismatch: norm, failure: failure,
                       linearSolver: solver.name)
    }

    /// Takes `alpha` times the step. The angle's cos and sin are rotated by the step's, from a
    /// Taylor series when the step is below 0.05 rad (error under 1e-17) — sin and cos of
    /// every angle at every iteration were a sixth of the run time.
    private func update(alpha: Double) {
        let va = self.va, vm = self.vm, step = self.step, am = angleMask, mm = magnitudeMask
        let c = cosA, s = sinA
        for k in 0..<n {
            let d = alpha * step[2 * k] * am[k]
            va[k] += d
            vm[k] += alpha * step[2 * k + 1] * mm[k]
            if d == 0 { continue }
            if Swift.abs(d) < 0.05 {
                let d2 = d * d
                let sd = d * (1 - d2 / 6 * (1 - d2 / 20 * (1 - d2 / 42 * (1 - d2 / 72))))
                let cd = 1 - d2 / 2 * (1 - d2 / 12 * (1 - d2 / 30 * (1 - d2 / 56 * (1 - d2 / 90))))
                let ck = c[k], sk = s[k]
                c[k] = ck * cd - sk * sd
                s[k] = sk * cd + ck * sd
            } else {
                c[k] = cos(va[k]); s[k] = sin(va[k])
            }
        }
        refreshRectangular()
    }

    private func dampedUpdate(norm: Double, pSpec: [Double], qSpec: [Double]) -> Double {
        var alpha = 1.0, taken = 0.0, trial = norm
        while true {
            update(alpha: alpha - taken)
            taken = alpha
            trial = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
            if trial < norm || alpha < 1.0 / 64 { return trial }
            alpha /= 2
        }
    }

    private func refreshRectangular() {
        let vr = self.vr, vi = self.vi, vm = self.vm, c = cosA, s = sinA
        for k in 0..<n {
            vr[k] = vm[k] * c[k]
            vi[k] = vm[k] * s[k]
        }
    }

    /// `S = V conj(Ybus V)` into `p`, `q`; the masked mismatch; returns ‖F‖∞.
    private func evaluateMismatch(pSpec: [Double], qSpec: [Double]) -> Double {
        let n = self.n
        let vr = self.vr, vi = self.vi, ir = self.ir, ii = self.ii, p = self.p, q = self.q
        let mismatch = self.mismatch, am = angleMask, mm = magnitudeMask
        var norm = 0.0, sawNaN = false
        pattern.columnStart.withUnsafeBufferPointer { cs in
        pattern.rowIndex.withUnsafeBufferPointer { ri in
        g.withUnsafeBufferPointer { g in
        b.withUnsafeBufferPointer { b in
        pSpec.withUnsafeBufferPointer { pSpec in
        qSpec.withUnsafeBufferPointer { qSpec in
            for i in 0..<n { ir[i] = 0; ii[i] = 0 }
            for k in 0..<n {
                let vrk = vr[k], vik = vi[k]
                for e in Int(cs[k])..<Int(cs[k + 1]) {
                    let i = Int(ri[e])
                    ir[i] += g[e] * vrk - b[e] * vik
                    ii[i] += g[e] * vik + b[e] * vrk
                }
            }
            for i in 0..<n {
                p[i] = vr[i] * ir[i] + vi[i] * ii[i]
                q[i] = vi[i] * ir[i] - vr[i] * ii[i]
                let fp = (p[i] - pSpec[i]) * am[i], fq = (q[i] - qSpec[i]) * mm[i]
                mismatch[2 * i] = fp
                mismatch[2 * i + 1] = fq
                norm = Swift.max(norm, Swift.abs(fp), Swift.abs(fq))
                sawNaN = sawNaN || fp.isNaN || fq.isNaN
            }
        }}}}}}
        return sawNaN ? .nan : norm
    }

    /// Refills the Jacobian: the derivatives of `NewtonRaphsonKernel`, masked, with identity
    /// entries for fixed unknowns.
    private func fillJacobian() {
        let n = self.n, jac = jacobian, am = angleMask, mm = magnitudeMask
        pattern.columnStart.withUnsafeBufferPointer { cs in
        pattern.rowIndex.withUnsafeBufferPointer { ri in
        g.withUnsafeBufferPointer { g in
        b.withUnsafeBufferPointer { b in
        structure.pa.withUnsafeBufferPointer { pa in
        structure.qa.withUnsafeBufferPointer { qa in
        structure.pm.withUnsafeBufferPointer { pm in
        structure.qm.withUnsafeBufferPointer { qm in
        diagonal.withUnsafeBufferPointer { diagonal in
            let vr = self.vr, vi = self.vi, vm = self.vm, p = self.p, q = self.q
            for k in 0..<n {
                let vrk = vr[k], vik = vi[k], ak = am[k], mk = mm[k]
                // 1/|V| only multiplies magnitude columns; a fixed magnitude may be 0 (dead bus).
                let inv = mk == 0 ? 0 : 1 / vm[k]
                for e in Int(cs[k])..<Int(cs[k + 1]) {
                    let i = Int(ri[e])
                    let yvr = g[e] * vrk - b[e] * vik, yvi = g[e] * vik + b[e] * vrk
                    let cr = vr[i] * yvr + vi[i] * yvi, ci = vi[i] * yvr - vr[i] * yvi
                    let ai = am[i], mi = mm[i]
                    jac[Int(pa[e])] = ci * ai * ak
                    jac[Int(qa[e])] = -cr * mi * ak
                    jac[Int(pm[e])] = cr * inv * ai * mk
                    jac[Int(qm[e])] = ci * inv * mi * mk
                }
            }
            for i in 0..<n {
                let d = Int(diagonal[i]), ai = am[i], mi = mm[i], inv = mi == 0 ? 0 : 1 / vm[i]
                jac[Int(pa[d])] = ai == 0 ? 1 : jac[Int(pa[d])] - q[i]
                jac[Int(qa[d])] += p[i] * mi * ai
                jac[Int(pm[d])] += p[i] * inv * ai * mi
                jac[Int(qm[d])] = mi == 0 ? 1 : jac[Int(qm[d])] + q[i] * inv
            }
        }}}}}}}}}
    }

    private func worstBuses() -> [BusMismatch] {
        var worst = [BusMismatch]()
        for i in 0..<n {
            let m = BusMismatch(bus: i, p: mismatch[2 * i], q: mismatch[2 * i + 1])
            guard m.magnitude > 0 || m.magnitude.isNaN else { continue }
            worst.append(m)
        }
        worst.sort { ($0.magnitude.isNaN ? .infinity : $0.magnitude) > ($1.magnitude.isNaN ? .infinity : $1.magnitude) }
        return Array(worst.prefix(5))
    }
}
