#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Newton–Raphson power flow in polar coordinates, as MATPOWER's `newtonpf`.
///
/// With `V = |V| e^{jθ}`, `I = Ybus V` and computed injections `S = V ∘ conj(I)`, the mismatch is
/// `F = [ΔP(pv, pq); ΔQ(pq)]` with `ΔS = S − S_spec`. For an admittance entry (i, k) let
/// `c = V_i conj(Y_ik V_k)`. Then
///
///     ∂S_i/∂θ_k  = −j c                 (+ j S_i      when k = i)
///     ∂S_i/∂|V_k| = c / |V_k|           (+ S_i / |V_i| when k = i)
///
/// whose real parts are the P rows and imaginary parts the Q rows of the Jacobian. Each iteration
/// solves `J Δx = −F` and updates angles and magnitudes, until `‖F‖∞ < tol`.
///
/// Under distributed slack the first reference bus of each island gets its P equation and each
/// island one more unknown, its slack `λ`, shared as `S_spec,i += λ w_i` with participation `w`;
/// the Jacobian gains the constant column `∂ΔP_i/∂λ = −w_i`.
///
/// The linear system is written in one of two layouts (`JacobianStructure`): MATPOWER's reduced
/// one for KLU and dense LAPACK, or bus by bus in 2×2 blocks for the block LU, which `auto`
/// picks for all but small systems (and which cannot carry distributed-slack unknowns).
///
/// The kernel owns its buffers: one Jacobian pattern per bus classification, values refilled in
/// place, no allocation inside the iteration loop. The linear solver's symbolic analysis is kept
/// for as long as the kernel lives, so repeated solves (time series, contingencies, benchmarks)
/// skip it.
public final class NewtonRaphsonKernel {
    let ybus: AdmittanceMatrix
    let buses: BusClassification
    let structure: JacobianStructure
    let participation: [Double]?
    let solver: any LinearSolver
    private var analyzed = false
    private var factored = false

    // Work buffers, allocated once.
    private let vr: UnsafeMutableBufferPointer<Double>, vi: UnsafeMutableBufferPointer<Double>
    private let ir: UnsafeMutableBufferPointer<Double>, ii: UnsafeMutableBufferPointer<Double>
    private let p: UnsafeMutableBufferPointer<Double>, q: UnsafeMutableBufferPointer<Double>
    private let jacobian: UnsafeMutableBufferPointer<Double>
    private let mismatch: UnsafeMutableBufferPointer<Double>
    private let step: UnsafeMutableBufferPointer<Double>
    private let vm: UnsafeMutableBufferPointer<Double>, va: UnsafeMutableBufferPointer<Double>
    private let slack: UnsafeMutableBufferPointer<Double>

    public init(ybus: AdmittanceMatrix, buses: BusClassification, participation: [Double]? = nil,
                linearSolver: LinearSolverChoice = .auto) {
        self.ybus = ybus
        self.buses = buses
        self.participation = participation
        let reducedSize = buses.pv.count + 2 * buses.pq.count
        let busBlocks = participation == nil
            && (linearSolver == .block || (linearSolver == .auto && reducedSize > LinearSolverChoice.denseCrossover))
        let structure = JacobianStructure(ybus: ybus, buses: buses, participation: participation, busBlocks: busBlocks)
        self.structure = structure
        solver = busBlocks ? BlockSparseLU() : (linearSolver == .block ? .klu : linearSolver).make(size: structure.size)
        let n = ybus.busCount
        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
            b.initialize(repeating: 0)
            return b
        }
        vr = buffer(n); vi = buffer(n); ir = buffer(n); ii = buffer(n); p = buffer(n); q = buffer(n)
        jacobian = buffer(structure.valueCount)
        mismatch = buffer(structure.size)
        step = buffer(structure.size)
        vm = buffer(n); va = buffer(n)
        slack = UnsafeMutableBufferPointer<Double>.allocate(capacity: structure.slackColumn.count)
        slack.initialize(repeating: 0)
        for e in structure.constantEntries { jacobian[Int(e.position)] = e.value }
    }

    deinit {
        for b in [vr, vi, ir, ii, p, q, jacobian, mismatch, step, vm, va, slack] { b.deallocate() }
    }

    public var linearSolverName: String { solver.name }
    public var unknowns: Int { structure.size }

    /// The state a solve starts from and ends with.
    public struct State: Sendable {
        public var vm: [Double]
        public var va: [Double]
        /// Slack share per island (p.u.), under distributed slack.
        public var slack: [Double]

        public init(vm: [Double], va: [Double], slack: [Double] = []) {
            self.vm = vm
            self.va = va
            self.slack = slack
        }
    }

    /// How an iteration sequence ended.
    public struct Outcome: Sendable {
        public var converged: Bool
        public var iterations: Int
        /// ‖F‖∞ at the end, p.u.
        public var maxMismatch: Double
        public var failure: PowerFlowFailure?
        public var timings = PhaseTimings()
    }

    /// Runs Newton–Raphson from `state` towards the specified injections (p.u.), updating `state`.
    ///
    /// - Parameter damped: halve a step while it does not reduce the mismatch (the fallback mode).
    public func solve(state: inout State, pSpec: [Double], qSpec: [Double], tolerance: Double,
                      maxIterations: Int, damped: Bool = false) -> Outcome {
        var clock = Stopwatch()
        var timings = PhaseTimings()
        if !analyzed {
            do { try solver.analyze(structure.pattern) } catch {
                return Outcome(converged: false, iterations: 0, maxMismatch: .nan,
                               failure: .singularJacobian(worstBuses: []), timings: timings)
            }
            analyzed = true
            timings.analyze = clock.lap()
        }
        let n = ybus.busCount
        for i in 0..<n { vm[i] = state.vm[i]; va[i] = state.va[i] }
        for s in 0..<slack.count { slack[s] = s < state.slack.count ? state.slack[s] : 0 }
        refreshRectangular()
        var norm = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
        let initialNorm = norm
        var iterations = 0
        var failure: PowerFlowFailure?
        while !(norm < tolerance) {
            if !norm.isFinite { failure = .notANumber(worstBuses: worstBuses()); break }
            if iterations >= maxIterations {
                failure = norm > initialNorm ? .diverging(worstBuses: worstBuses())
                    : .iterationLimit(worstBuses: worstBuses())
                break
            }
            iterations += 1
            fillJacobian()
            timings.iterate += clock.lap()
            do {
                let values = UnsafeBufferPointer(rebasing: jacobian[0..<structure.pattern.nonzeros])
                if factored { try solver.refactor(values) } else { try solver.factor(values) }
                factored = true
                timings.factor += clock.lap()
                for r in 0..<structure.size { step[r] = -mismatch[r] }
                try solver.solve(step)
            } catch {
                factored = false
                failure = .singularJacobian(worstBuses: worstBuses())
                break
            }
            if damped {
                norm = dampedUpdate(norm: norm, pSpec: pSpec, qSpec: qSpec)
            } else {
                update(alpha: 1)
                norm = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
            }
            if norm > 1e10 { failure = .diverging(worstBuses: worstBuses()); break }
        }
        for i in 0..<n { state.vm[i] = vm[i]; state.va[i] = va[i] }
        state.slack = Array(slack)
        timings.iterate += clock.lap()
        return Outcome(converged: failure == nil, iterations: iterations, maxMismatch: norm,
                       failure: failure, timings: timings)
    }

    /// Takes `alpha` times the current step from the current point.
    private func update(alpha: Double) {
        let va = self.va, vm = self.vm, step = self.step
        structure.angleColumn.withUnsafeBufferPointer { aCol in
        structure.magnitudeColumn.withUnsafeBufferPointer { mCol in
            for k in 0..<aCol.count {
                if aCol[k] >= 0 { va[k] += alpha * step[Int(aCol[k])] }
                if mCol[k] >= 0 { vm[k] += alpha * step[Int(mCol[k])] }
            }
        }}
        for (s, c) in structure.slackColumn.enumerated() { slack[s] += alpha * step[Int(c)] }
        refreshRectangular()
    }

    /// Backtracking: halves the step until the mismatch falls (at most six times); returns ‖F‖∞.
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
        let vr = self.vr, vi = self.vi, vm = self.vm, va = self.va
        for k in 0..<vm.count {
            vr[k] = vm[k] * cos(va[k])
            vi[k] = vm[k] * sin(va[k])
        }
    }

    /// Computes `I = Ybus V`, `S = V conj(I)` into `p`, `q`, the mismatch vector, and returns ‖F‖∞.
    private func evaluateMismatch(pSpec: [Double], qSpec: [Double]) -> Double {
        ybus.multiply(vr: vr, vi: vi, ir: ir, ii: ii)
        let vr = self.vr, vi = self.vi, ir = self.ir, ii = self.ii, p = self.p, q = self.q
        let mismatch = self.mismatch, slack = self.slack
        let island = buses.island
        var norm = 0.0, sawNaN = false
        structure.pRow.withUnsafeBufferPointer { pRow in
        structure.qRow.withUnsafeBufferPointer { qRow in
        pSpec.withUnsafeBufferPointer { pSpec in
        qSpec.withUnsafeBufferPointer { qSpec in
            for i in 0..<pRow.count {
                p[i] = vr[i] * ir[i] + vi[i] * ii[i]
                q[i] = vi[i] * ir[i] - vr[i] * ii[i]
                if pRow[i] >= 0 {
                    var spec = pSpec[i]
                    if let participation, participation[i] != 0 { spec += slack[island[i]] * participation[i] }
                    let f = p[i] - spec
                    mismatch[Int(pRow[i])] = f
                    norm = Swift.max(norm, Swift.abs(f))
                    sawNaN = sawNaN || f.isNaN
                }
                if qRow[i] >= 0 {
                    let f = q[i] - qSpec[i]
                    mismatch[Int(qRow[i])] = f
                    norm = Swift.max(norm, Swift.abs(f))
                    sawNaN = sawNaN || f.isNaN
                }
            }
        }}}}
        return sawNaN ? .nan : norm
    }

    /// Refills the Jacobian values in place from the current voltages and injections.
    private func fillJacobian() {
        let n = ybus.busCount
        let jac = jacobian
        ybus.pattern.columnStart.withUnsafeBufferPointer { cs in
        ybus.pattern.rowIndex.withUnsafeBufferPointer { ri in
        ybus.g.withUnsafeBufferPointer { g in
        ybus.b.withUnsafeBufferPointer { b in
        structure.pa.withUnsafeBufferPointer { pa in
        structure.qa.withUnsafeBufferPointer { qa in
        structure.pm.withUnsafeBufferPointer { pm in
        structure.qm.withUnsafeBufferPointer { qm in
            let vr = self.vr, vi = self.vi, vm = self.vm, p = self.p, q = self.q
            for k in 0..<n {
                let vrk = vr[k], vik = vi[k], inv = 1 / vm[k]
                for e in Int(cs[k])..<Int(cs[k + 1]) {
                    let i = Int(ri[e])
                    let yvr = g[e] * vrk - b[e] * vik, yvi = g[e] * vik + b[e] * vrk
                    let cr = vr[i] * yvr + vi[i] * yvi, ci = vi[i] * yvr - vr[i] * yvi
                    jac[Int(pa[e])] = ci
                    jac[Int(qa[e])] = -cr
                    jac[Int(pm[e])] = cr * inv
                    jac[Int(qm[e])] = ci * inv
                }
            }
            let diagonal = ybus.diagonal
            for i in 0..<n {
                let d = Int(diagonal[i]), inv = 1 / vm[i]
                jac[Int(pa[d])] -= q[i]
                jac[Int(qa[d])] += p[i]
                jac[Int(pm[d])] += p[i] * inv
                jac[Int(qm[d])] += q[i] * inv
            }
        }}}}}}}}
    }

    /// The buses with the largest mismatch (|ΔP| + |ΔQ| over their equations), at most five.
    private func worstBuses() -> [BusMismatch] {
        var worst = [BusMismatch]()
        for i in 0..<ybus.busCount {
            let dp = structure.pRow[i] >= 0 ? mismatch[Int(structure.pRow[i])] : 0
            let dq = structure.qRow[i] >= 0 ? mismatch[Int(structure.qRow[i])] : 0
            let m = BusMismatch(bus: i, p: dp, q: dq)
            guard m.magnitude > 0 || m.magnitude.isNaN else { continue }
            worst.append(m)
        }
        worst.sort { ($0.magnitude.isNaN ? .infinity : $0.magnitude) > ($1.magnitude.isNaN ? .infinity : $1.magnitude) }
        return Array(worst.prefix(5))
    }
}
