/// One solve of the power-flow equations for a bus classification, by the configured method:
/// Newton–Raphson (with its fallback chain), fast-decoupled or DC. `PowerFlowSolver.solve` calls it
/// once per round of Q-limit enforcement.
extension PowerFlowSolver {
    /// What one solve gives the round: the voltages, the slack shares, how it went, which linear
    /// back-end solved, its timings and notes, and (DC) what the reference buses' generators take up.
    struct RoundSolution {
        var vm: [Double], va: [Double], slackShare: [Double]
        var outcome: NewtonRaphsonKernel.Outcome
        var linearSolver: String
        var timings = PhaseTimings()
        var notes: [String] = []
        /// DC only: per reference bus, the injection its angles require less the specified one, p.u.
        var referenceCorrection: [(bus: Int, pu: Double)] = []
    }

    /// `vm`, `va` and `slackShare` are the starting point (the previous round's, or the initial point).
    func solveEquations(ybus: AdmittanceMatrix, buses: BusClassification, participation: [Double]?, pSpec: [Double], qSpec: [Double],
                        vm: [Double], va: [Double], slackShare: [Double], generatorOn: [Bool], dcAngles: () -> [Double]) -> RoundSolution {
        switch options.method {
        case .nr:
            newton(ybus: ybus, buses: buses, participation: participation, pSpec: pSpec, qSpec: qSpec,
                   vm: vm, va: va, slackShare: slackShare, generatorOn: generatorOn, dcAngles: dcAngles)
        case .fdxb, .fdbx:
            fastDecoupled(ybus: ybus, buses: buses, pSpec: pSpec, qSpec: qSpec, vm: vm, va: va, slackShare: slackShare)
        case .dc:
            dc(ybus: ybus, buses: buses, pSpec: pSpec, vm: vm, va: va, slackShare: slackShare)
        }
    }

    /// Newton–Raphson on the kernel of this classification; when it fails and `options.fallback`
    /// is on, a DC start, then damped steps from a DC start, then damped steps from the first start.
    private func newton(ybus: AdmittanceMatrix, buses: BusClassification, participation: [Double]?, pSpec: [Double], qSpec: [Double],
                        vm: [Double], va: [Double], slackShare: [Double], generatorOn: [Bool], dcAngles: () -> [Double]) -> RoundSolution {
        let kernel = nrKernel(ybus: ybus, buses: buses, participation: participation, choice: options.linearSolver)
        let roles = kernel.busBlocks ? NewtonRaphsonKernel.Roles(buses, count: network.buses.count) : nil
        var s = NewtonRaphsonKernel.State(vm: vm, va: va, slack: slackShare)
        let start = s
        var notes = [String]()
        var timings = PhaseTimings()
        var outcome = kernel.solve(state: &s, pSpec: pSpec, qSpec: qSpec, roles: roles, tolerance: options.tolerance,
                                   maxIterations: options.iterationLimit)
        if outcome.linearSolver != kernel.linearSolverName {
            notes.append("block LU met a singular pivot block; solved again with KLU")
        }
        let linearSolver = outcome.linearSolver
        if !outcome.converged && options.fallback {
            var attempts: [(String, InitialPoint?, Bool)] = []
            if options.initialPoint != .dc { attempts.append(("a DC start", .dc, false)) }
            attempts.append(("damped steps from a DC start", .dc, true))
            attempts.append(("damped steps from the first start", nil, true))
            for (label, point, damped) in attempts where !outcome.converged {
                notes.append("Newton–Raphson failed (\(outcome.failure?.reason ?? "?")) after \(outcome.iterations) iterations; retrying with \(label)")
                timings += outcome.timings
                s = start
                if let point {
                    let v = InitialVoltages.make(point, network: network, buses: buses, generatorOn: generatorOn, dcAngles: dcAngles)
                    s.vm = v.vm; s.va = v.va
                }
                outcome = kernel.solve(state: &s, pSpec: pSpec, qSpec: qSpec, roles: roles, tolerance: options.tolerance,
                                       maxIterations: damped ? 4 * options.iterationLimit : options.iterationLimit, damped: damped)
            }
            if outcome.converged { notes.append("converged after the fallback") }
        }
        timings += outcome.timings
        return RoundSolution(vm: s.vm, va: s.va, slackShare: s.slack, outcome: outcome, linearSolver: linearSolver,
                             timings: timings, notes: notes)
    }

    /// Fast-decoupled iterations (XB or BX) from `vm`, `va`.
    private func fastDecoupled(ybus: AdmittanceMatrix, buses: BusClassification, pSpec: [Double], qSpec: [Double],
                               vm: [Double], va: [Double], slackShare: [Double]) -> RoundSolution {
        let fd = FastDecoupled.solve(network: network, ybus: ybus, buses: buses, xb: options.method == .fdxb,
                                     pSpec: pSpec, qSpec: qSpec, vm: vm, va: va, tolerance: options.tolerance,
                                     maxIterations: options.iterationLimit, linearSolver: options.linearSolver)
        return RoundSolution(vm: fd.vm, va: fd.va, slackShare: slackShare,
                             outcome: .init(converged: fd.converged, iterations: fd.iterations, maxMismatch: .nan, failure: fd.failure),
                             linearSolver: fd.linearSolver, timings: fd.timings)
    }

    /// DC angles with flat magnitudes (dead buses at 0); a singular system is reported, not
    /// thrown, and leaves `vm`, `va` as they were.
    private func dc(ybus: AdmittanceMatrix, buses: BusClassification, pSpec: [Double], vm start: [Double], va: [Double],
                    slackShare: [Double]) -> RoundSolution {
        var vm = [Double](repeating: 1, count: network.buses.count)
        for i in buses.dead { vm[i] = 0 }
        do {
            let dc = try DCPowerFlow.angles(network: network, ybus: ybus, buses: buses, pSpec: pSpec,
                                            va0: network.buses.va, linearSolver: options.linearSolver)
            return RoundSolution(vm: vm, va: dc.va, slackShare: slackShare,
                                 outcome: .init(converged: true, iterations: 1, maxMismatch: 0, failure: nil),
                                 linearSolver: dc.linearSolver, timings: dc.timings,
                                 referenceCorrection: buses.ref.map { ($0, dc.injection[$0] - pSpec[$0]) })
        } catch {
            return RoundSolution(vm: start, va: va, slackShare: slackShare,
                                 outcome: .init(converged: false, iterations: 0, maxMismatch: .nan, failure: .singularJacobian(worstBuses: [])),
                                 linearSolver: options.linearSolver.rawValue)
        }
    }
}
