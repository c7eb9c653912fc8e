/// Which contingencies are solved with AC power flow after the DC screening.
public enum ACVerification: String, Sendable, CaseIterable, Codable {
    /// Every contingency.
    case all
    /// Those the DC screening flags: estimated loading at or above the screening threshold on
    /// some branch, an outage that islands part of the grid, or one the DC model cannot judge.
    case screened
    /// None: the DC screening only.
    case none
}

/// Which branch rating the loadings are measured against (MATPOWER's RATE_A/B/C, MVA).
public enum RatingSet: String, Sendable, CaseIterable, Codable {
    case a, b, c
}

/// Who picks up the output of a generator that goes out.
public enum GeneratorPickup: Sendable, Equatable {
    /// The reference bus of its island, as in a plain power flow.
    case reference
    /// The other generators in service in its island, in proportion to their Pmax.
    case pmax
    /// The other generators in service in its island, in proportion to these weights (one per
    /// generator, ≥ 0); when none of them has weight, the reference bus.
    case weights([Double])
}

/// Everything an N-1 analysis can be told.
public struct ContingencyOptions: Sendable {
    public var ac: ACVerification = .all
    public var rating: RatingSet = .a
    /// Contingencies go to AC verification under `.screened` when the DC estimate of some
    /// branch's loading reaches this fraction of its rating.
    public var screeningThreshold = 0.9
    /// A branch is overloaded above this fraction of its rating.
    public var overloadThreshold = 1.0
    /// A violation present in the base case counts against an outage only when the outage
    /// raises the loading by more than this fraction of the rating, or pushes the voltage this
    /// many p.u. further beyond its limit.
    public var loadingWorsening = 0.01
    public var voltageWorsening = 0.005
    public var generatorPickup: GeneratorPickup = .reference
    /// Generator reactive limits in the base case and in every contingency, as MATPOWER's
    /// `runpf` with `pf.enforce_q_lims = 1` re-solving the outaged case.
    public var enforceQLimits = false
    /// Who picks up the active-power imbalance (losses, lost generation) in the base case and in
    /// every contingency: the reference bus, or generators by Pmax or by weights.
    public var slack: SlackMode = .single
    /// Worker threads; results are the same for any number.
    public var threads = ContingencyOptions.availableCores
    /// Newton–Raphson tolerance (p.u.) and iteration limit per contingency.
    public var tolerance = 1e-8
    public var maxIterations = 10
    /// A single branch outage that keeps every bus's role solves its Newton steps on the base
    /// case's factors (the outaged Jacobian at the base point, by a rank-4 update) as a chord
    /// iteration (Anderson-accelerated) for as long as this says, and then factors
    /// (`NewtonRaphsonKernel.ChordPolicy`); nil: only the first step there. Same tolerance
    /// either way. The default (10 steps, ratio 0.5, memory 2) took case2383wp's N-1 from 5,838
    /// factorizations to 1,554 and 15 % fewer instructions.
    public var chord: NewtonRaphsonKernel.ChordPolicy? = ContingencyOptions.defaultChord
    public static let defaultChord = NewtonRaphsonKernel.ChordPolicy(maxSteps: 10, maxRatio: 0.5, memory: 2)
    /// Retry a contingency that does not converge from the base case, from the case's stored
    /// voltages and then with damped steps.
    public var fallback = true
    /// Keep every AC-verified contingency's voltages and branch flows in its result (memory:
    /// contingencies × (2 buses + 4 branches) doubles), for checks and exports.
    public var keepSolutions = false
    /// Linear solver of the base case.
    public var linearSolver: LinearSolverChoice = .auto
    /// The factorization of the DC screening (dense or KLU). The screening streams one LODF
    /// column per contingency and never holds a sensitivity matrix, so its memory is that of
    /// the factorization and a few vectors per worker.
    public var sensitivity = SensitivityOptions()

    public init() {}

    /// Contingencies are solved by the full power-flow solver (Q-limit rounds, slack shares)
    /// rather than the masked Newton kernel alone.
    var needsPowerFlowSolver: Bool { enforceQLimits || slack != .single }

    /// The options of the base-case solve, and of each contingency's under Q limits or
    /// distributed slack.
    public var powerFlow: PowerFlowOptions {
        var o = PowerFlowOptions()
        o.tolerance = tolerance
        o.maxIterations = maxIterations
        o.linearSolver = linearSolver
        o.enforceQLimits = enforceQLimits
        o.slack = slack
        o.fallback = fallback
        return o
    }

    public static var availableCores: Int {
        #if canImport(Glibc)
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        1
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
