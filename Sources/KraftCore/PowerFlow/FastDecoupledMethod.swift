/// Fast-decoupled iterations (XB or BX) from the equations' start.
struct FastDecoupledMethod: PowerFlowAlgorithm {
    let xb: Bool
    let tolerance: Double
    let maxIterations: Int
    let linearSolver: LinearSolverChoice

    func solve(_ e: PowerFlowEquations) -> RoundSolution {
        let fd = FastDecoupled.solve(network: e.network, ybus: e.ybus, buses: e.buses, xb: xb,
                                     pSpec: e.pSpec, qSpec: e.qSpec, vm: e.vm, va: e.va, tolerance: tolerance,
                                     maxIterations: maxIterations, linearSolver: linearSolver)
        return RoundSolution(vm: fd.vm, va: fd.va, slackShare: e.slackShare,
                             outcome: .init(converged: fd.converged, iterations: fd.iterations, maxMismatch: .nan, failure: fd.failure),
                             linearSolver: fd.linearSolver, timings: fd.timings)
    }
}
