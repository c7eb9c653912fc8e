/// DC angles with flat magnitudes (dead buses at 0); a singular system is reported, not thrown,
/// and leaves the start as it was.
struct DCMethod: PowerFlowAlgorithm {
    let linearSolver: LinearSolverChoice

    func solve(_ e: PowerFlowEquations) -> RoundSolution {
        var vm = [Double](repeating: 1, count: e.network.buses.count)
        for i in e.buses.dead { vm[i] = 0 }
        do {
            let dc = try DCPowerFlow.angles(network: e.network, ybus: e.ybus, buses: e.buses, pSpec: e.pSpec,
                                            va0: e.network.buses.va, linearSolver: linearSolver)
            return RoundSolution(vm: vm, va: dc.va, slackShare: e.slackShare,
                                 outcome: .init(converged: true, iterations: 1, maxMismatch: 0, failure: nil),
                                 linearSolver: dc.linearSolver, timings: dc.timings,
                                 referenceCorrection: e.buses.ref.map { dc.injection[$0] - e.pSpec[$0] })
        } catch {
            return RoundSolution(vm: e.vm, va: e.va, slackShare: e.slackShare,
                                 outcome: .init(converged: false, iterations: 0, maxMismatch: .nan, failure: .singularJacobian(worstBuses: [])),
                                 linearSolver: linearSolver.rawValue)
        }
    }
}
