#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Newton–Raphson power flow in polar coordinates, as MATPOWER's `newtonpf`: one kernel for a
/// plain solve, a time series and outage after outage of an N-1 analysis.
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
/// picks for all but small systems (and which cannot carry distributed-slack unknowns). In the
/// bus-block layout every bus keeps both unknowns and both equations, and which are active is a
/// mask: a fixed unknown (a reference bus's angle, a PV bus's magnitude, both of a de-energised
/// bus) gets an identity row and column and a zero mismatch. Bus roles can then change from
/// solve to solve (`solve(…, roles:)`) without changing the pattern.
///
/// The kernel owns its admittance values: `remove(branch:)` and `restore(branch:from:)` change
/// a branch's four entries and nothing else, so an outage keeps the Jacobian pattern and the
/// linear solver's symbolic analysis. The kernel owns its buffers too: values are refilled in
/// place, with no allocation inside the iteration loop. The symbolic analysis is kept for as
/// long as the kernel lives, so repeated solves (time series, contingencies, benchmarks) skip it.
public final class NewtonRaphsonKernel {
    /// The admittance matrix in force: the one given, minus any branch taken out.
    private(set) var ybus: AdmittanceMatrix
    let buses: BusClassification
    let structure: JacobianStructure
    let participation: [Double]?
    let busBlocks: Bool
    let solver: any LinearSolver
    /// KLU on the bus-block pattern, made when the block LU meets a singular pivot block, and
    /// where each block value goes in its scalar pattern.
    private var kluFallback: (solver: KLUSolver, position: [Int32])?
    private var analyzed = false
    private var factored = false
    /// Start every solve with a full numeric factorization, so that its result does not depend
    /// on the solves before it (KLU's refactorization reuses the last pivot order). N-1 analysis
    /// sets it: results are then identical for any split of the contingencies over threads.
    public var freshFactorization = false

    // Work buffers, allocated once.
    private let vr: UnsafeMutableBufferPointer<Double>, vi: UnsafeMutableBufferPointer<Double>
    private let ir: UnsafeMutableBufferPointer<Double>, ii: UnsafeMutableBufferPointer<Double>
    private let p: UnsafeMutableBufferPointer<Double>, q: UnsafeMutableBufferPointer<Double>
    private let jacobian: UnsafeMutableBufferPointer<Double>
    private let mismatch: UnsafeMutableBufferPointer<Double>
    private let step: UnsafeMutableBufferPointer<Double>
    private let vm: UnsafeMutableBufferPointer<Double>, va: UnsafeMutableBufferPointer<Double>
    /// cos and sin of `va`, kept up to date by rotation (see `update`).
    private let cosA: UnsafeMutableBufferPointer<Double>, sinA: UnsafeMutableBufferPointer<Double>
    private let slack: UnsafeMutableBufferPointer<Double>
    /// The starting angles of the last solve (bit patterns) with their cos and sin: the solves
    /// of an N-1 run mostly start from the same base case, whose sines then need no recomputing.
    private let startVa: UnsafeMutableBufferPointer<UInt64>
    private let startCos: UnsafeMutableBufferPointer<Double>, startSin: UnsafeMutableBufferPointer<Double>
    /// The point before a chord step (magnitudes, angles, their cos and sin), for `restoreState`.
    private let saved: UnsafeMutableBufferPointer<Double>
    /// 1 where bus i's P (Q) equation is active, its angle (magnitude) free; else 0.
    private let pEquation: UnsafeMutableBufferPointer<Double>, qEquation: UnsafeMutableBufferPointer<Double>
    private let angleFree: UnsafeMutableBufferPointer<Double>, magnitudeFree: UnsafeMutableBufferPointer<Double>
    /// The masks of `buses`, restored when a solve is given no roles of its own.
    private let defaultRoles: Roles

    public init(ybus: AdmittanceMatrix, buses: BusClassification, participation: [Double]? = nil,
                linearSolver: LinearSolverChoice = .auto) {
        self.ybus = ybus
        self.buses = buses
        self.participation = participation
        let n = ybus.busCount
        let busBlocks = Self.usesBusBlocks(buses: buses, participation: participation, linearSolver: linearSolver)
        self.busBlocks = busBlocks
        // The bus-block layout is built for every bus with both equations; roles are masks.
        var layout = buses
        if busBlocks { layout.ref = []; layout.pv = []; layout.pq = Array(0..<n) }
        let structure = JacobianStructure(ybus: ybus, buses: layout, participation: participation, busBlocks: busBlocks)
        self.structure = structure
        solver = busBlocks ? BlockSparseLU() : (linearSolver == .block ? .klu : linearSolver).make(size: structure.size)
        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
            b.initialize(repeating: 0)
            return b
        }
        vr = buffer(n); vi = buffer(n); ir = buffer(n); ii = buffer(n); p = buffer(n); q = buffer(n)
        jacobian = buffer(structure.valueCount)
        mismatch = buffer(structure.size)
        step = buffer(structure.size)
        vm = buffer(n); va = buffer(n); cosA = buffer(n); sinA = buffer(n)
        startCos = buffer(n); startSin = buffer(n)
        // Written by `saveState` before `restoreState` reads it, and only by a chord: left
        // uninitialised, a plain solve never touches (page-faults in) its memory.
        saved = .allocate(capacity: max(4 * n, 1))
        startVa = .allocate(capacity: max(n, 1))
        startVa.initialize(repeating: Double.nan.bitPattern)
        slack = buffer(structure.slackColumn.count)
        pEquation = buffer(n); qEquation = buffer(n); angleFree = buffer(n); magnitudeFree = buffer(n)
        for e in structure.constantEntries { jacobian[Int(e.position)] = e.value }
        defaultRoles = Roles(buses, count: n)
        if !busBlocks {
            // Fixed by the structure: a row or column exists or not.
            for i in 0..<n {
                pEquation[i] = structure.pRow[i] >= 0 ? 1 : 0
                qEquation[i] = structure.qRow[i] >= 0 ? 1 : 0
                angleFree[i] = structure.angleColumn[i] >= 0 ? 1 : 0
                magnitudeFree[i] = structure.magnitudeColumn[i] >= 0 ? 1 : 0
            }
        }
    }

    deinit {
        for b in [vr, vi, ir, ii, p, q, jacobian, mismatch, step, vm, va, cosA, sinA, slack,
                  pEquation, qEquation, angleFree, magnitudeFree, startCos, startSin, saved] { b.deallocate() }
        startVa.deallocate()
        scalarBuffer?.deallocate()
        anderson?.deallocate()
    }

    /// Whether a kernel for these arguments takes the bus-block layout: under single slack, with
    /// the block LU, chosen or picked by `auto` above the dense crossover.
    static func usesBusBlocks(buses: BusClassification, participation: [Double]?, linearSolver: LinearSolverChoice) -> Bool {
        let reducedSize = buses.pv.count + 2 * buses.pq.count
        return participation == nil
            && (linearSolver == .block || (linearSolver == .auto && reducedSize > LinearSolverChoice.denseCrossover))
    }

    public var linearSolverName: String { solver.name }
    public var unknowns: Int { structure.size }

    /// The symbolic analysis of the kernel's own linear solver: of the block pattern in the
    /// bus-block layout, of the scalar pattern otherwise.
    private func analyzePrimary() throws(LinearSolverError) {
        if busBlocks, let block = solver as? BlockSparseLU, let blocks = structure.blockPattern {
            try block.analyzeBlocks(blocks)
        } else {
            try solver.analyze(structure.scalarLayout().pattern)
        }
    }

    /// Takes branch `l` (two-port admittances `y`) out of the admittance matrix in force.
    func remove(branch l: Int, _ y: BranchAdmittance) { ybus.remove(branch: l, y) }

    /// Puts branch `l` back as it is in `base` (the matrix the kernel was made from, or one of
    /// its pattern).
    func restore(branch l: Int, from base: AdmittanceMatrix) { ybus.restore(branch: l, from: base) }

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

    /// Which unknowns a solve has, per bus: `angleFree[i]` (bus i's P equation is active) and
    /// `magnitudeFree[i]` (its Q equation is active).
    public struct Roles: Sendable {
        public var angleFree: [Bool]
        public var magnitudeFree: [Bool]

        public init(angleFree: [Bool], magnitudeFree: [Bool]) {
            self.angleFree = angleFree
            self.magnitudeFree = magnitudeFree
        }

        /// Angles free at PV and PQ buses, magnitudes at PQ buses.
        public init(_ buses: BusClassification, count n: Int) {
            var angle = [Bool](repeating: false, count: n), magnitude = angle
            for i in buses.pv + buses.pq { angle[i] = true }
            for i in buses.pq { magnitude[i] = true }
            self.init(angleFree: angle, magnitudeFree: magnitude)
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
        /// The linear solver that produced the result ("klu" when the block LU met a singular
        /// pivot block and KLU solved the same system again).
        public var linearSolver = ""
        /// Numeric factorizations of the Jacobian, and chord steps (solved on the other factors
        /// of `firstStep` after the first step, accepted or not).
        public var factorizations = 0
        public var chordSteps = 0
    }

    /// When the steps after the first keep solving on `firstStep`'s factors (a chord, or
    /// simplified Newton, iteration: the Jacobian of the start, not of the current point) and
    /// when they stop. With `memory` > 0 each chord direction is Anderson-accelerated (mixed
    /// with the last `memory` directions and steps by least squares, the first step included),
    /// which turns the chord's linear convergence into nearly that of GMRES on the same factors.
    /// Each chord step must cut ‖F‖∞ by at least `maxRatio`; the first that does not ends the
    /// chord (taken when it still reduced ‖F‖∞, else undone), as does the `maxSteps`-th, and
    /// Newton goes on from there, factoring at each step. Chord steps do not count against
    /// `maxIterations` (they are bounded by `maxSteps`); `iterations` counts every step taken.
    /// The tolerance is the same, so the result is Newton's within it.
    public struct ChordPolicy: Sendable {
        public var maxSteps: Int
        public var maxRatio: Double
        /// Anderson acceleration of the chord steps with this many past steps (0: plain chord;
        /// at most 2).
        public var memory: Int

        public init(maxSteps: Int, maxRatio: Double, memory: Int = 0) {
            self.maxSteps = maxSteps
            self.maxRatio = maxRatio
            self.memory = memory
        }
    }

    /// Runs Newton–Raphson from `state` towards the specified injections (p.u.), updating `state`.
    ///
    /// - Parameter roles: bus roles for this solve, in place of the classification the kernel was
    ///   made for (bus-block layout only).
    /// - Parameter damped: halve a step while it does not reduce the mismatch (the fallback mode).
    /// - Parameter firstStep: solves the first iteration's linear system in place (the right-hand
    ///   side −F in, the step out) instead of a factorization of the Jacobian, or returns false to
    ///   leave it to the factorization; `OutageStep` does so for a branch outage at the base point.
    /// - Parameter chord: lets the steps after the first solve on `firstStep` too, as it says
    ///   (not with `damped`).
    public func solve(state: inout State, pSpec: [Double], qSpec: [Double], roles: Roles? = nil, tolerance: Double,
                      maxIterations: Int, damped: Bool = false,
                      firstStep: ((UnsafeMutableBufferPointer<Double>) -> Bool)? = nil,
                      chord: ChordPolicy? = nil) -> Outcome {
        precondition(roles == nil || busBlocks, "bus roles can change only in the bus-block layout")
        var clock = Stopwatch()
        var timings = PhaseTimings()
        if !analyzed {
            do { try analyzePrimary() } catch {
                return Outcome(converged: false, iterations: 0, maxMismatch: .nan,
                               failure: .singularJacobian(worstBuses: []), timings: timings, linearSolver: solver.name)
            }
            analyzed = true
            timings.analyze = clock.lap()
        }
        if busBlocks {
            let roles = roles ?? defaultRoles
            let angle = roles.angleFree, magnitude = roles.magnitudeFree
            for i in 0..<ybus.busCount {
                angleFree[i] = angle[i] ? 1 : 0; pEquation[i] = angleFree[i]
                magnitudeFree[i] = magnitude[i] ? 1 : 0; qEquation[i] = magnitudeFree[i]
            }
        }
        if freshFactorization { factored = false }
        let start = state
        var outcome = iterate(state: &state, pSpec: pSpec, qSpec: qSpec, tolerance: tolerance,
                              maxIterations: maxIterations, damped: damped, solver: solver, timings: &timings, clock: &clock,
                              firstStep: firstStep, chord: damped ? nil : chord)
        if busBlocks, case .singularJacobian = outcome.failure {
            // The block LU does not pivot between buses; KLU on the same pattern does.
            if kluFallback == nil {
                let k = KLUSolver(), layout = structure.scalarLayout()
                if (try? k.analyze(layout.pattern)) != nil { kluFallback = (k, layout.position!) }
            }
            if let klu = kluFallback?.solver {
                state = start
                var again = iterate(state: &state, pSpec: pSpec, qSpec: qSpec, tolerance: tolerance,
                                    maxIterations: maxIterations, damped: damped, solver: klu, timings: &timings, clock: &clock)
                again.factorizations += outcome.factorizations
                again.chordSteps += outcome.chordSteps
                outcome = again
                factored = false
            }
        }
        outcome.timings = timings
        return outcome
    }

    private func iterate(state: inout State, pSpec: [Double], qSpec: [Double], tolerance: Double, maxIterations: Int,
                         damped: Bool, solver: any LinearSolver, timings: inout PhaseTimings, clock: inout Stopwatch,
                         firstStep: ((UnsafeMutableBufferPointer<Double>) -> Bool)? = nil,
                         chord: ChordPolicy? = nil) -> Outcome {
        let n = ybus.busCount
        for i in 0..<n {
            vm[i] = state.vm[i]; va[i] = state.va[i]
            let bits = va[i].bitPattern
            if bits == startVa[i] {
                cosA[i] = startCos[i]; sinA[i] = startSin[i]
            } else {
                cosA[i] = cos(va[i]); sinA[i] = sin(va[i])
                startVa[i] = bits; startCos[i] = cosA[i]; startSin[i] = sinA[i]
            }
        }
        for s in 0..<slack.count { slack[s] = s < state.slack.count ? state.slack[s] : 0 }
        refreshRectangular()
        var norm = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
        let initialNorm = norm
        var iterations = 0
        var factorizations = 0
        // Chord steps: taken (they do not count against `maxIterations`) and tried.
        var chordTaken = 0, chordSteps = 0
        var onOtherFactors = firstStep != nil
        var failure: PowerFlowFailure?
        let primary = solver === self.solver
        var factoredHere = primary && factored
        while !(norm < tolerance) {
            if !norm.isFinite { failure = .notANumber(worstBuses: worstBuses()); break }
            if iterations - chordTaken >= maxIterations {
                failure = norm > initialNorm ? .diverging(worstBuses: worstBuses())
                    : .iterationLimit(worstBuses: worstBuses())
                break
            }
            iterations += 1
            // The first step may come from `firstStep` (solved on other factors), and under a
            // chord policy the steps after it too; else, or when it declines, from factoring
            // this Jacobian.
            var stepReady = false
            if onOtherFactors, let firstStep {
                for r in 0..<structure.size { step[r] = -mismatch[r] }
                stepReady = firstStep(step)
                if stepReady { timings.factor += clock.lap() }
                onOtherFactors = stepReady && (chord?.maxSteps ?? 0) > 0
                if stepReady, let chord, chord.memory > 0 {
                    if iterations == 1 { andersonStart(memory: chord.memory) } else { andersonStep() }
                }
                if stepReady && iterations > 1, let chord {
                    // A chord step: kept while it cuts ‖F‖∞ by `maxRatio`; the first that does
                    // not ends the chord, taken if it reduced ‖F‖∞ at all, else undone.
                    chordSteps += 1
                    saveState()
                    update(alpha: 1)
                    let trial = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
                    if trial <= chord.maxRatio * norm {
                        norm = trial
                        chordTaken += 1
                        if chordSteps >= chord.maxSteps { onOtherFactors = false }
                        timings.iterate += clock.lap()
                        continue
                    }
                    onOtherFactors = false
                    if trial < norm {
                        norm = trial
                        chordTaken += 1
                        timings.iterate += clock.lap()
                        continue
                    }
                    restoreState()
                    norm = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
                    stepReady = false
                }
            }
            if !stepReady {
                fillJacobian()
                timings.iterate += clock.lap()
                do {
                    var values = UnsafeBufferPointer(rebasing: jacobian[0..<structure.nonzeros])
                    if !primary && busBlocks {
                        // KLU after the block LU: the values in the scalar pattern's order.
                        let csc = scalarValues()
                        kluFallback!.position.withUnsafeBufferPointer { position in
                            for v in 0..<position.count { csc[Int(position[v])] = jacobian[v] }
                        }
                        values = UnsafeBufferPointer(csc)
                    }
                    factorizations += 1
                    if factoredHere { try solver.refactor(values) } else { try solver.factor(values) }
                    factoredHere = true
                    timings.factor += clock.lap()
                    for r in 0..<structure.size { step[r] = -mismatch[r] }
                    try solver.solve(step)
                } catch {
                    factoredHere = false
                    failure = .singularJacobian(worstBuses: worstBuses())
                    break
                }
            }
            if damped {
                norm = dampedUpdate(norm: norm, pSpec: pSpec, qSpec: qSpec)
            } else {
                update(alpha: 1)
                norm = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
            }
            if norm > 1e10 { failure = .diverging(worstBuses: worstBuses()); break }
        }
        if primary { factored = factoredHere }
        for i in 0..<n { state.vm[i] = vm[i]; state.va[i] = va[i] }
        state.slack = Array(slack)
        timings.iterate += clock.lap()
        return Outcome(converged: failure == nil, iterations: iterations, maxMismatch: norm,
                       failure: failure, linearSolver: solver.name, factorizations: factorizations, chordSteps: chordSteps)
    }

    // Anderson acceleration of chord steps: the last chord direction d and step taken s, and
    // the differences of the last `andersonMemory` directions and of the iterates, one slot each.
    private var anderson: UnsafeMutableBufferPointer<Double>?
    private var andersonMemory = 0, andersonCount = 0, andersonNext = 0

    /// Starts the history with the first step (taken as it is).
    private func andersonStart(memory: Int) {
        let size = structure.size
        let memory = Swift.min(memory, 2)
        let capacity = (2 + 2 * memory) * max(size, 1) + memory * memory
        if anderson == nil || anderson!.count < capacity {
            anderson?.deallocate()
            anderson = .allocate(capacity: capacity)
        }
        andersonMemory = Swift.min(memory, 2); andersonCount = 0; andersonNext = 0
        let a = anderson!
        for r in 0..<size { a[r] = step[r]; a[size + r] = step[r] }
    }

    /// Replaces the chord direction d in `step` by Anderson's mix of it and the last ones:
    /// γ = argmin ‖d − ΔD γ‖₂ (normal equations, their Gram matrix kept from step to step),
    /// step = d − (ΔX + ΔD) γ. Two passes over the vectors, the sums in registers (memory 1 or 2).
    private func andersonStep() {
        let size = structure.size, m = andersonMemory, a = anderson!.baseAddress!, step = self.step
        let slot = andersonNext % m
        andersonNext += 1
        andersonCount = Swift.min(andersonCount + 1, m)
        let k = andersonCount
        let lastD = a, lastS = a + size, dD = a + 2 * size, dX = a + (2 + m) * size, gram = a + (2 + 2 * m) * size
        let newD = dD + slot * size, newX = dX + slot * size
        // ΔD's new column and ΔX's, their products with ΔD's columns (0 and 1) and with d.
        var c0 = 0.0, c1 = 0.0, b0 = 0.0, b1 = 0.0
        if k == 1 {
            for r in 0..<size {
                let d = step[r], x = d - lastD[r]
                newD[r] = x; newX[r] = lastS[r]; lastD[r] = d
                c0 += x * x; b0 += x * d
            }
        } else {
            let d0 = dD, d1 = dD + size
            for r in 0..<size {
                let d = step[r], x = d - lastD[r]
                newD[r] = x; newX[r] = lastS[r]; lastD[r] = d
                let y0 = d0[r], y1 = d1[r]
                c0 += x * y0; c1 += x * y1; b0 += y0 * d; b1 += y1 * d
            }
        }
        gram[slot * m] = c0; gram[slot] = c0
        if k == 2 { gram[slot * m + 1] = c1; gram[m + slot] = c1 }
        // The normal equations, 1×1 or 2×2, regularised by 1e-12 of their largest diagonal.
        var gamma0 = 0.0, gamma1 = 0.0
        if k == 1 {
            let g = gram[0] * (1 + 1e-12)
            guard g > 0 else { for r in 0..<size { lastS[r] = step[r] }; return }
            gamma0 = b0 / g
        } else {
            let scale = 1e-12 * Swift.max(gram[0], gram[m + 1])
            let g00 = gram[0] + scale, g01 = gram[1], g11 = gram[m + 1] + scale
            let det = g00 * g11 - g01 * g01
            guard g00 > 0, det > 0 else { for r in 0..<size { lastS[r] = step[r] }; return }
            gamma0 = (g11 * b0 - g01 * b1) / det
            gamma1 = (g00 * b1 - g01 * b0) / det
        }
        guard gamma0.isFinite, gamma1.isFinite else { for r in 0..<size { lastS[r] = step[r] }; return }
        let x0 = dX, x1 = dX + size, d0 = dD, d1 = dD + size
        if k == 1 {
            for r in 0..<size { let x = step[r] - gamma0 * (x0[r] + d0[r]); step[r] = x; lastS[r] = x }
        } else {
            for r in 0..<size {
                let x = step[r] - gamma0 * (x0[r] + d0[r]) - gamma1 * (x1[r] + d1[r])
                step[r] = x; lastS[r] = x
            }
        }
    }

    /// Keeps the point before a chord step, for `restoreState` when the step is undone.
    private func saveState() {
        let n = ybus.busCount, saved = self.saved
        for i in 0..<n { saved[i] = vm[i]; saved[n + i] = va[i]; saved[2 * n + i] = cosA[i]; saved[3 * n + i] = sinA[i] }
    }

    /// Back to the point of the last `saveState`; the mismatch is then to be evaluated again.
    private func restoreState() {
        let n = ybus.busCount, saved = self.saved
        for i in 0..<n { vm[i] = saved[i]; va[i] = saved[n + i]; cosA[i] = saved[2 * n + i]; sinA[i] = saved[3 * n + i] }
        refreshRectangular()
    }

    /// A buffer for the Jacobian's values in the scalar pattern's order (the KLU fallback in the
    /// bus-block layout), made on first use.
    private var scalarBuffer: UnsafeMutableBufferPointer<Double>?
    private func scalarValues() -> UnsafeMutableBufferPointer<Double> {
        if let scalarBuffer { return scalarBuffer }
        let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(structure.nonzeros, 1))
        b.initialize(repeating: 0)
        scalarBuffer = b
        return b
    }

    /// Takes `alpha` times the current step from the current point. An angle's cos and sin are
    /// rotated by the step's, from a Taylor series when the step is below 0.05 rad (error under
    /// 1e-17) — sin and cos of every angle at every iteration were a sixth of an N-1 run's time.
    private func update(alpha: Double) {
        let va = self.va, vm = self.vm, step = self.step, af = angleFree, mf = magnitudeFree
        let c = cosA, s = sinA
        structure.angleColumn.withUnsafeBufferPointer { aCol in
        structure.magnitudeColumn.withUnsafeBufferPointer { mCol in
            for k in 0..<aCol.count {
                if mCol[k] >= 0 { vm[k] += alpha * step[Int(mCol[k])] * mf[k] }
                guard aCol[k] >= 0 else { continue }
                let d = alpha * step[Int(aCol[k])] * af[k]
                if d == 0 { continue }
                va[k] += d
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
        let vr = self.vr, vi = self.vi, vm = self.vm, c = cosA, s = sinA
        for k in 0..<vm.count {
            vr[k] = vm[k] * c[k]
            vi[k] = vm[k] * s[k]
        }
    }

    /// Computes `I = Ybus V`, `S = V conj(I)` into `p`, `q`, the masked mismatch vector, and
    /// returns ‖F‖∞.
    private func evaluateMismatch(pSpec: [Double], qSpec: [Double]) -> Double {
        ybus.multiply(vr: UnsafeBufferPointer(vr), vi: UnsafeBufferPointer(vi), ir: ir, ii: ii)
        let vr = self.vr, vi = self.vi, ir = self.ir, ii = self.ii, p = self.p, q = self.q
        let mismatch = self.mismatch, slack = self.slack, pe = pEquation, qe = qEquation
        if busBlocks {
            // Rows 2i (P) and 2i + 1 (Q) for every bus, no slack shares.
            var norm = 0.0, sawNaN = false
            pSpec.withUnsafeBufferPointer { pSpec in
            qSpec.withUnsafeBufferPointer { qSpec in
                for i in 0..<p.count {
                    let pi = vr[i] * ir[i] + vi[i] * ii[i], qi = vi[i] * ir[i] - vr[i] * ii[i]
                    p[i] = pi; q[i] = qi
                    let fp = (pi - pSpec[i]) * pe[i], fq = (qi - qSpec[i]) * qe[i]
                    mismatch[2 * i] = fp; mismatch[2 * i + 1] = fq
                    norm = Swift.max(norm, Swift.abs(fp))
                    norm = Swift.max(norm, Swift.abs(fq))
                    sawNaN = sawNaN || fp.isNaN || fq.isNaN
                }
            }}
            return sawNaN ? .nan : norm
        }
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
                    let f = (p[i] - spec) * pe[i]
                    mismatch[Int(pRow[i])] = f
                    norm = Swift.max(norm, Swift.abs(f))
                    sawNaN = sawNaN || f.isNaN
                }
                if qRow[i] >= 0 {
                    let f = (q[i] - qSpec[i]) * qe[i]
                    mismatch[Int(qRow[i])] = f
                    norm = Swift.max(norm, Swift.abs(f))
                    sawNaN = sawNaN || f.isNaN
                }
            }
        }}}}
        return sawNaN ? .nan : norm
    }

    /// Refills the Jacobian values in place from the current voltages and injections, masked:
    /// entries of inactive equations or fixed unknowns are zero, and a fixed unknown's diagonal
    /// entry is 1 (in the reduced layout these positions are the spare slot).
    private func fillJacobian() {
        if busBlocks { return fillJacobianBlocks() }
        let n = ybus.busCount
        let jac = jacobian, pe = pEquation, qe = qEquation, af = angleFree, mf = magnitudeFree
        ybus.pattern.columnStart.withUnsafeBufferPointer { cs in
        ybus.pattern.rowIndex.withUnsafeBufferPointer { ri in
        ybus.g.withUnsafeBufferPointer { g in
        ybus.b.withUnsafeBufferPointer { b in
        structure.pa.withUnsafeBufferPointer { pa in
        structure.qa.withUnsafeBufferPointer { qa in
        structure.pm.withUnsafeBufferPointer { pm in
        structure.qm.withUnsafeBufferPointer { qm in
        ybus.diagonal.withUnsafeBufferPointer { diagonal in
            let vr = self.vr, vi = self.vi, vm = self.vm, p = self.p, q = self.q
            for k in 0..<n {
                let vrk = vr[k], vik = vi[k], ak = af[k], mk = mf[k]
                // 1/|V| only multiplies magnitude columns; a fixed magnitude may be 0 (dead bus).
                let inv = mk == 0 ? 0 : 1 / vm[k]
                for e in Int(cs[k])..<Int(cs[k + 1]) {
                    let i = Int(ri[e])
                    let yvr = g[e] * vrk - b[e] * vik, yvi = g[e] * vik + b[e] * vrk
                    let cr = vr[i] * yvr + vi[i] * yvi, ci = vi[i] * yvr - vr[i] * yvi
                    let ai = pe[i], mi = qe[i]
                    jac[Int(pa[e])] = ci * ai * ak
                    jac[Int(qa[e])] = -cr * mi * ak
                    jac[Int(pm[e])] = cr * inv * ai
                    jac[Int(qm[e])] = ci * inv * mi
                }
            }
            for i in 0..<n {
                let d = Int(diagonal[i]), pi = pe[i], qi = qe[i], inv = mf[i] == 0 ? 0 : 1 / vm[i]
                jac[Int(pa[d])] = af[i] == 0 ? 1 : jac[Int(pa[d])] - q[i] * pi
                jac[Int(qa[d])] += p[i] * qi * af[i]
                jac[Int(pm[d])] += p[i] * inv * pi
                jac[Int(qm[d])] = mf[i] == 0 ? 1 : jac[Int(qm[d])] + q[i] * inv * qi
            }
        }}}}}}}}}
    }

    /// `fillJacobian` in the bus-block layout: admittance entry e's derivatives are its block,
    /// values 4e…4e+3 (∂P/∂θ, ∂P/∂|V|, ∂Q/∂θ, ∂Q/∂|V|), written in one sweep with no position
    /// lookups; the same arithmetic, so the same bits.
    private func fillJacobianBlocks() {
        let n = ybus.busCount
        let jac = jacobian, pe = pEquation, qe = qEquation, af = angleFree, mf = magnitudeFree
        ybus.pattern.columnStart.withUnsafeBufferPointer { cs in
        ybus.pattern.rowIndex.withUnsafeBufferPointer { ri in
        ybus.g.withUnsafeBufferPointer { g in
        ybus.b.withUnsafeBufferPointer { b in
        ybus.diagonal.withUnsafeBufferPointer { diagonal in
            let vr = self.vr, vi = self.vi, vm = self.vm, p = self.p, q = self.q
            for k in 0..<n {
                let vrk = vr[k], vik = vi[k], ak = af[k], mk = mf[k]
                // 1/|V| only multiplies magnitude columns; a fixed magnitude may be 0 (dead bus).
                let inv = mk == 0 ? 0 : 1 / vm[k]
                for e in Int(cs[k])..<Int(cs[k + 1]) {
                    let i = Int(ri[e])
                    let yvr = g[e] * vrk - b[e] * vik, yvi = g[e] * vik + b[e] * vrk
                    let cr = vr[i] * yvr + vi[i] * yvi, ci = vi[i] * yvr - vr[i] * yvi
                    let ai = pe[i], mi = qe[i]
                    jac[4 * e] = ci * ai * ak
                    jac[4 * e + 1] = cr * inv * ai
                    jac[4 * e + 2] = -cr * mi * ak
                    jac[4 * e + 3] = ci * inv * mi
                }
            }
            for i in 0..<n {
                let d = 4 * Int(diagonal[i]), pi = pe[i], qi = qe[i], inv = mf[i] == 0 ? 0 : 1 / vm[i]
                jac[d] = af[i] == 0 ? 1 : jac[d] - q[i] * pi
                jac[d + 2] += p[i] * qi * af[i]
                jac[d + 1] += p[i] * inv * pi
                jac[d + 3] = mf[i] == 0 ? 1 : jac[d + 3] + q[i] * inv * qi
            }
        }}}}}
    }

    /// The factors of the Jacobian at `state` with bus `roles` (bus-block layout), kept apart
    /// from the kernel's own, with what `OutageStep` needs to solve the first Newton step of a
    /// branch outage from that state; nil outside the bus-block layout or when the Jacobian is
    /// singular there.
    func outageStep(at state: State, pSpec: [Double], qSpec: [Double], roles: Roles) -> OutageStep? {
        guard busBlocks, let block = solver as? BlockSparseLU else { return nil }
        if !analyzed {
            guard (try? analyzePrimary()) != nil else { return nil }
            analyzed = true
        }
        let n = ybus.busCount
        for i in 0..<n {
            angleFree[i] = roles.angleFree[i] ? 1 : 0; pEquation[i] = angleFree[i]
            magnitudeFree[i] = roles.magnitudeFree[i] ? 1 : 0; qEquation[i] = magnitudeFree[i]
            vm[i] = state.vm[i]; va[i] = state.va[i]
            cosA[i] = cos(va[i]); sinA[i] = sin(va[i])
        }
        refreshRectangular()
        _ = evaluateMismatch(pSpec: pSpec, qSpec: qSpec)
        fillJacobian()
        let lu = block.copySymbolic()
        guard (try? lu.factor(UnsafeBufferPointer(rebasing: jacobian[0..<structure.nonzeros]))) != nil else { return nil }
        return OutageStep(factors: lu, vr: Array(vr), vi: Array(vi), vm: Array(vm), p: Array(p), q: Array(q),
                          angleFree: Array(angleFree), magnitudeFree: Array(magnitudeFree))
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
