/// Solves the power flow of one network, as MATPOWER's `runpf` does, and keeps what can be
/// reused between solves: the admittance matrix and the Newton–Raphson kernels (Jacobian pattern
/// and symbolic factorization) of the last few bus classifications. Every `solve()` starts again from
/// the configured initial point, so repeated solves do the same work minus the reused parts.
///
/// A time series moves the solver from hour to hour with `move(to:)`: loads, generator set-points
/// and statuses, and the starting voltages change; the branches do not, so the admittance matrix
/// and the symbolic factorization of each bus classification met are kept. Q-limit enforcement
/// turns the same few buses to PQ hour after hour; each such classification is analysed once.
///
/// An outage study takes branches out with `takeOut(branches:)`: their admittance entries are
/// zeroed in place, so the pattern, the Newton kernel and its symbolic factorization are kept;
/// in the bus-block layout the kernel is kept even when bus roles change (islanding, Q limits).
public final class PowerFlowSolver {
    /// The network as solved: the one given, with the branches of `branchesOut` out of service.
    public private(set) var network: Network
    /// May change between solves (e.g. slack weights per hour); the kernel follows.
    public var options: PowerFlowOptions
    /// Start every Newton solve with a full numeric factorization (see
    /// `NewtonRaphsonKernel.freshFactorization`): a result then does not depend on earlier solves.
    public var freshFactorization = false
    /// Branches taken out by `takeOut(branches:)` (those that were in service).
    public private(set) var branchesOut: [Int] = []
    /// Branch statuses of the network as given.
    private var givenBranchStatus: [Bool]
    /// The admittance matrices, built on first use (`matrices()`).
    private var admittances: Admittances?
    /// The admittance matrix of the network as given, and the one in force (minus `branchesOut`).
    /// A class, so that the optional holding it is a pointer: an optional `AdmittanceMatrix` had
    /// its type metadata built by the runtime at first use, in a cold solve.
    private final class Admittances {
        let base: AdmittanceMatrix
        var current: AdmittanceMatrix

        init(_ base: AdmittanceMatrix) {
            self.base = base
            current = base
        }
    }
    /// Kernels of the classifications met, the most recently used first.
    private var kernels = KeptKernels(capacity: keptKernels)
    /// How many kernels are kept: a year's hours on Nordic44 meet a handful of classifications.
    static let keptKernels = 8
    private var classification: BusClassification?

    public init(network: Network, options: PowerFlowOptions = PowerFlowOptions()) {
        self.network = network
        self.options = options
        givenBranchStatus = network.branches.status
    }

    /// Takes `branches` out of service for the next solves, putting back those taken out
    /// before. Branches already out of service in the network as given are ignored.
    public func takeOut(branches: [Int]) {
        let admittances = matrices(), base = admittances.base
        for l in branchesOut {
            admittances.current.restore(branch: l, from: base)
            kernels.forEach { $0.restore(branch: l, from: base) }
            network.branches.status[l] = true
        }
        branchesOut = []
        for l in branches where givenBranchStatus[l] && !branchesOut.contains(l) {
            let y = BranchAdmittance(network.branches, l)
            admittances.current.remove(branch: l, y)
            kernels.forEach { $0.remove(branch: l, y) }
            network.branches.status[l] = false
            branchesOut.append(l)
        }
        classification = nil
    }

    /// The admittance matrices of the network as given and in force, built on first use.
    private func matrices() -> Admittances {
        if let admittances { return admittances }
        var given = network
        given.branches.status = givenBranchStatus
        let made = Admittances(AdmittanceMatrix(network: given))
        admittances = made
        return made
    }

    /// Moves to another operating point of the same grid. With `initialPoint = .case` the next
    /// solve starts from the voltages in `next.buses` (a warm start from the previous hour).
    /// Branches taken out stay out.
    /// - Precondition: branches and shunts are those the solver was made with.
    public func move(to next: Network) {
        precondition(next.branches.count == network.branches.count && next.branches.status == givenBranchStatus
                     && next.branches.x == network.branches.x && next.shunts.count == network.shunts.count,
                     "PowerFlowSolver.move(to:) keeps the admittance matrix: branches and shunts must not change")
        if next.generators.status != network.generators.status || next.buses.type != network.buses.type
            || next.generators.count != network.generators.count {
            classification = nil
        }
        network = next
        for l in branchesOut { network.branches.status[l] = false }
    }

    /// The state that changes between the re-solves of Q-limit enforcement.
    struct Dispatch {
        var types: [BusType]
        var generatorOn: [Bool]
        var demandP: [Double], demandQ: [Double]
        var pg: [Double], qg: [Double]
    }

    public func solve() -> PowerFlowResult {
        var timings = PhaseTimings()
        let wall = Stopwatch()
        var clock = Stopwatch()
        let ybus = matrices().current
        timings.ybus = clock.lap()

        let gens = network.generators
        let demand = network.busDemand()
        var state = Dispatch(types: network.buses.type, generatorOn: gens.status,
                             demandP: demand.p, demandQ: demand.q, pg: gens.pg, qg: gens.qg)
        var notes = [String]()
        var switches = [QLimitSwitch]()
        var limited = [Int]()
        var fixedQ = [Double](repeating: 0, count: gens.count)
        var vm = [Double](), va = [Double]()
        var buses = baseClassification()
        let reference0 = buses.ref
        var iterations = 0
        var outcome = NewtonRaphsonKernel.Outcome(converged: false, iterations: 0, maxMismatch: .nan, failure: nil)
        var slackShare = [Double]()
        var linearSolverName = options.linearSolver.rawValue
        var round = 0
        var finalInjection: (p: [Double], q: [Double])?
        /// The voltages `finalInjection` was computed at, which the branch flows reuse.
        var finalVoltages: RectangularVoltages?

        rounds: while true {
            round += 1
            if round > 1 { buses = BusClassification(network: network, types: state.types, generatorOn: state.generatorOn) }
            if round == 1 { notes += buses.notes }
            let participation = participationPerBus(buses: buses, generatorOn: state.generatorOn)
            let (pSpec, qSpec) = specifiedInjections(state)
            let dcAngles = { [network, options] in
                (try? DCPowerFlow.angles(network: network, ybus: ybus, buses: buses, pSpec: pSpec,
                                         va0: network.buses.va, linearSolver: options.linearSolver).va)
                    ?? network.buses.va
            }
            if round == 1 {
                (vm, va) = InitialVoltages.make(options.initialPoint, network: network, buses: buses,
                                                generatorOn: state.generatorOn, dcAngles: dcAngles)
            }

            let equations = PowerFlowEquations(network: network, ybus: ybus, buses: buses, participation: participation,
                                               pSpec: pSpec, qSpec: qSpec, generatorOn: state.generatorOn, dcAngles: dcAngles,
                                               vm: vm, va: va, slackShare: slackShare)
            let solved = algorithm(for: equations).solve(equations)
            vm = solved.vm; va = solved.va; slackShare = solved.slackShare
            outcome = solved.outcome
            linearSolverName = solved.linearSolver
            timings += solved.timings
            notes += solved.notes
            // DC: the reference buses' generators take up what the angles leave at their bus.
            for k in solved.referenceCorrection.indices {
                let r = buses.ref[k], correction = solved.referenceCorrection[k]
                if let g = (0..<gens.count).first(where: { state.generatorOn[$0] && gens.bus[$0] == r }) { state.pg[g] += correction }
            }
            iterations += outcome.iterations
            guard options.method != .dc else { break rounds }

            let voltages = RectangularVoltages(vm: vm, va: va)
            let injection = ybus.injections(at: voltages)
            finalInjection = injection
            finalVoltages = voltages
            var balanceBuses = buses.ref
            if participation != nil {
                var seen = Set<Int>()
                balanceBuses = buses.ref.filter { !seen.insert(buses.island[$0]).inserted }
                let islandWeight = islandWeights(buses: buses, generatorOn: state.generatorOn)
                for g in 0..<gens.count where state.generatorOn[g] && buses.island[gens.bus[g]] >= 0 {
                    let k = buses.island[gens.bus[g]]
                    if islandWeight[k] > 0 { state.pg[g] += slackShare[k] * generatorWeight(g) / islandWeight[k] }
                }
            }
            GeneratorDispatch.assign(network: network, types: state.types, generatorOn: state.generatorOn, injection: injection,
                                     demand: (state.demandP, state.demandQ), referenceBuses: balanceBuses,
                                     pg: &state.pg, qg: &state.qg)
            guard options.enforceQLimits && outcome.converged else { break rounds }

            switch fixViolatedReactiveLimits(state: &state, round: round, fixedQ: &fixedQ, switches: &switches, limited: &limited) {
            case .none: break rounds
            case .infeasible:
                outcome.converged = false
                outcome.failure = .reactiveLimitsInfeasible
                notes.append("every remaining voltage-controlling generator violates the same reactive limit: no feasible solution with Q limits enforced")
                break rounds
            case .fixed: continue
            }
        }

        // The last round's injections are at the returned voltages: every exit of the loop after
        // the DC break follows their computation without moving vm or va.
        let maxMismatch = options.method == .dc ? outcome.maxMismatch
            : residual(injection: finalInjection ?? ybus.injections(vm: vm, va: va), buses: buses, state: state)
        if !limited.isEmpty {
            for g in limited { state.qg[g] = fixedQ[g]; state.generatorOn[g] = true }
            if buses.ref != reference0, let r0 = reference0.first {
                notes.append("reference moved from bus \(network.buses.id[r0]) to bus \(buses.ref.map { String(network.buses.id[$0]) }.joined(separator: ", ")) by Q-limit enforcement; angles shifted back to the original reference")
                let shift = network.buses.va[r0] - va[r0]
                for i in 0..<va.count where buses.island[i] >= 0 { va[i] += shift }
            }
        }
        for g in 0..<gens.count where !gens.status[g] { state.pg[g] = 0; state.qg[g] = 0 }
        for i in buses.dead { vm[i] = 0; va[i] = 0 }
        if options.method != .dc {
            // MATPOWER reports AC angles as angle(V), in (−180°, 180°].
            for i in 0..<va.count where va[i] > .pi || va[i] <= -.pi {
                va[i] -= 2 * .pi * ((va[i] + .pi) / (2 * .pi)).rounded(.down)
                if va[i] <= -.pi { va[i] += 2 * .pi }
            }
        }

        // The block LU works only in Newton–Raphson's bus-block layout, which a single slack
        // allows: elsewhere another back-end solves, and the result says so.
        if options.linearSolver == .block && linearSolverName != "block" && !notes.contains(where: { $0.hasPrefix("block LU") }) {
            let with = options.method != .nr ? "the \(options.method.rawValue) method" : "a distributed slack"
            notes.append("block LU asked for, \(linearSolverName) used: the block LU needs Newton–Raphson's bus-block layout, not available with \(with)")
        }
        let flows: BranchFlows
        if options.method == .dc {
            flows = DCPowerFlow.flows(network: network, ybus: ybus, va: va)
        } else if let finalVoltages {
            let v = finalVoltages.at(vm: vm, va: va)
            flows = BranchFlows(network: network, vr: v.vr, vi: v.vi)
        } else {
            flows = BranchFlows(network: network, vm: vm, va: va)
        }
        timings.iterate += max(0, wall.elapsed - timings.total)
        var result = PowerFlowResult(
            method: options.method, converged: outcome.converged, failure: outcome.failure, iterations: iterations,
            maxMismatch: maxMismatch, vm: vm, va: va, busType: buses.types(count: network.buses.count),
            pg: state.pg, qg: state.qg, pf: flows.pf, qf: flows.qf, pt: flows.pt, qt: flows.qt,
            timings: timings, linearSolver: linearSolverName)
        result.qLimitSwitches = switches
        result.deadBuses = buses.dead
        result.islandCount = buses.islandCount
        result.slackShare = slackShare
        result.notes = notes
        return result
    }

    /// The classification of the network as given, computed once.
    private func baseClassification() -> BusClassification {
        if let classification { return classification }
        let c = BusClassification(network: network)
        classification = c
        return c
    }

    /// The kernel for this classification: one kept from an earlier solve with the same
    /// classification and slack participation, or, in the bus-block layout (where bus roles are
    /// masks), the last one whenever it would be of that layout again; else a new one, and the
    /// least recently used beyond `keptKernels` is dropped.
    func nrKernel(ybus: AdmittanceMatrix, buses: BusClassification, participation: [Double]?,
                          choice: LinearSolverChoice) -> NewtonRaphsonKernel {
        let key = KeptKernels.Key(buses: buses, participation: participation, choice: choice)
        if let kept = kernels.take(key) { return kept }
        if let last = kernels.newest, last.key.participation == participation, last.key.choice == choice, last.kernel.busBlocks,
           NewtonRaphsonKernel.usesBusBlocks(buses: buses, participation: participation, linearSolver: choice) {
            return last.kernel
        }
        let k = NewtonRaphsonKernel(ybus: ybus, buses: buses, participation: participation, linearSolver: choice)
        k.freshFactorization = freshFactorization
        kernels.add(k, for: key)
        return k
    }

    /// A generator's unnormalised share of its island's slack.
    private func generatorWeight(_ g: Int) -> Double {
        switch options.slack {
        case .single: 0
        case .distributedByPmax: network.generators.pmax[g].isFinite ? max(network.generators.pmax[g], 0) : 0
        case .distributed(let weights): g < weights.count ? max(weights[g], 0) : 0
        }
    }

    /// Per-bus participation normalised to 1 per island, or nil under a single slack. Generators
    /// fixed by Q-limit enforcement keep participating through `generatorOn` only while in service.
    private func participationPerBus(buses: BusClassification, generatorOn: [Bool]) -> [Double]? {
        guard options.slack != .single else { return nil }
        let gens = network.generators
        var perBus = [Double](repeating: 0, count: network.buses.count)
        for g in 0..<gens.count where generatorOn[g] && buses.island[gens.bus[g]] >= 0 {
            perBus[gens.bus[g]] += generatorWeight(g)
        }
        let perIsland = islandWeights(buses: buses, generatorOn: generatorOn)
        for i in 0..<perBus.count where buses.island[i] >= 0 {
            let total = perIsland[buses.island[i]]
            perBus[i] = total > 0 ? perBus[i] / total : 0
        }
        return perBus
    }

    /// Sum of the unnormalised weights of the generators in service per island.
    private func islandWeights(buses: BusClassification, generatorOn: [Bool]) -> [Double] {
        let gens = network.generators
        var perIsland = [Double](repeating: 0, count: buses.islandCount)
        for g in 0..<gens.count where generatorOn[g] && buses.island[gens.bus[g]] >= 0 {
            perIsland[buses.island[gens.bus[g]]] += generatorWeight(g)
        }
        return perIsland
    }

    /// Net specified injection per bus, p.u.: generation in service less demand.
    private func specifiedInjections(_ state: Dispatch) -> (p: [Double], q: [Double]) {
        var p = state.demandP.map { -$0 }, q = state.demandQ.map { -$0 }
        for g in 0..<network.generators.count where state.generatorOn[g] {
            p[network.generators.bus[g]] += state.pg[g]
            q[network.generators.bus[g]] += state.qg[g]
        }
        return (p, q)
    }

    /// ‖F‖∞ of the final classification's equations given the injections at the returned
    /// voltages, p.u.
    private func residual(injection s: (p: [Double], q: [Double]), buses: BusClassification, state: Dispatch) -> Double {
        let (pSpec, qSpec) = specifiedInjections(state)
        var norm = 0.0
        for i in buses.pv + buses.pq { norm = max(norm, abs(s.p[i] - pSpec[i])) }
        for i in buses.pq { norm = max(norm, abs(s.q[i] - qSpec[i])) }
        return norm
    }
}
