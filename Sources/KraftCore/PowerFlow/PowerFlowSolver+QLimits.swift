/// Reactive-limit enforcement between the rounds of `PowerFlowSolver.solve`, as MATPOWER's
/// `runpf` does with `enforce_q_lims = 1`: every generator beyond a limit is fixed at it at once,
/// its bus turned PQ, and the equations solved again.
extension PowerFlowSolver {
    enum QLimitStep { case none, fixed, infeasible }

    /// Fixes the generators of `state` beyond their reactive limits (by more than 5e-6 MVAr per
    /// MVA of base) at those limits: `.none` when there are none, `.infeasible` when every
    /// remaining voltage-controlling generator is beyond the same limit, else `.fixed`.
    func fixViolatedReactiveLimits(state: inout Dispatch, round: Int, fixedQ: inout [Double], switches: inout [QLimitSwitch],
                                   limited: inout [Int]) -> QLimitStep {
        let gens = network.generators
        let violation = 5e-6 / network.baseMVA
        let over = (0..<gens.count).filter { state.generatorOn[$0] && state.qg[$0] > gens.qmax[$0] + violation }
        let under = (0..<gens.count).filter { state.generatorOn[$0] && state.qg[$0] < gens.qmin[$0] - violation }
        if over.isEmpty && under.isEmpty { return .none }
        let remaining = (0..<gens.count).filter {
            state.generatorOn[$0] && (state.types[gens.bus[$0]] == .pv || state.types[gens.bus[$0]] == .ref)
        }
        if (over + under).sorted() == remaining && (over.isEmpty || under.isEmpty) { return .infeasible }
        for g in over { fixedQ[g] = gens.qmax[g] }
        for g in under { fixedQ[g] = gens.qmin[g] }
        for g in over + under {
            switches.append(QLimitSwitch(generator: g, bus: gens.bus[g], limit: over.contains(g) ? .max : .min,
                                         value: fixedQ[g], round: round))
            state.qg[g] = fixedQ[g]
            state.generatorOn[g] = false
            state.demandP[gens.bus[g]] -= state.pg[g]
            state.demandQ[gens.bus[g]] -= state.qg[g]
            state.types[gens.bus[g]] = .pq
        }
        limited += over + under
        return .fixed
    }
}
