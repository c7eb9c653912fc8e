/// Newton–Raphson on a kernel made for the equations' classification and slack participation.
struct NewtonRaphsonMethod: PowerFlowAlgorithm {
    let kernel: NewtonRaphsonKernel
    let tolerance: Double
    let maxIterations: Int

    func solve(_ e: PowerFlowEquations) -> RoundSolution {
        solve(e, vm: e.vm, va: e.va, damped: false)
    }

    /// From `vm`, `va` (the equations' start or another one), plain or with damped steps.
    func solve(_ e: PowerFlowEquations, vm: [Double], va: [Double], damped: Bool) -> RoundSolution {
        let roles = kernel.busBlocks ? NewtonRaphsonKernel.Roles(e.buses, count: e.network.buses.count) : nil
        var s = NewtonRaphsonKernel.State(vm: vm, va: va, slack: e.slackShare)
        let outcome = kernel.solve(state: &s, pSpec: e.pSpec, qSpec: e.qSpec, roles: roles, tolerance: tolerance,
                                   maxIterations: damped ? 4 * maxIterations : maxIterations, damped: damped)
        var notes = [String]()
        if outcome.linearSolver != kernel.linearSolverName {
            notes.append("block LU met a singular pivot block; solved again with KLU")
        }
        return RoundSolution(vm: s.vm, va: s.va, slackShare: s.slack, outcome: outcome, linearSolver: outcome.linearSolver,
                             timings: outcome.timings, notes: notes)
    }
}

/// Newton–Raphson, and when it fails: a DC start, then damped steps from a DC start, then damped
/// steps from the first start. Each retry is said in the notes; the timings add up.
struct NewtonFallbackChain: PowerFlowAlgorithm {
    let newton: NewtonRaphsonMethod
    let initialPoint: InitialPoint

    func solve(_ e: PowerFlowEquations) -> RoundSolution {
        var solved = newton.solve(e)
        guard !solved.outcome.converged else { return solved }
        var attempts: [(String, InitialPoint?, Bool)] = []
        if initialPoint != .dc { attempts.append(("a DC start", .dc, false)) }
        attempts.append(("damped steps from a DC start", .dc, true))
        attempts.append(("damped steps from the first start", nil, true))
        var notes = solved.notes, timings = solved.timings
        let linearSolver = solved.linearSolver
        for (label, point, damped) in attempts where !solved.outcome.converged {
            notes.append("Newton–Raphson failed (\(solved.outcome.failure?.reason ?? "?")) after \(solved.outcome.iterations) iterations; retrying with \(label)")
            var vm = e.vm, va = e.va
            if let point {
                let v = InitialVoltages.make(point, network: e.network, buses: e.buses, generatorOn: e.generatorOn, dcAngles: e.dcAngles)
                vm = v.vm; va = v.va
            }
            solved = newton.solve(e, vm: vm, va: va, damped: damped)
            timings += solved.timings
        }
        if solved.outcome.converged { notes.append("converged after the fallback") }
        solved.notes = notes
        solved.timings = timings
        solved.linearSolver = linearSolver
        return solved
    }
}
