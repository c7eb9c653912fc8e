/// The solution method (MATPOWER's `pf.alg`, plus DC).
public enum PowerFlowMethod: String, Sendable, CaseIterable, Codable {
    /// Newton–Raphson, polar form.
    case nr
    /// Fast-decoupled, XB version (resistance dropped in B′).
    case fdxb
    /// Fast-decoupled, BX version (resistance dropped in B″).
    case fdbx
    /// DC power flow: lossless, flat magnitudes, angles from `B θ = P`.
    case dc
}

/// Where the iteration starts.
public enum InitialPoint: String, Sendable, CaseIterable, Codable {
    /// The voltages stored in the case, with PV and reference magnitudes at their generators'
    /// set-points (MATPOWER's default).
    case `case`
    /// 1 p.u. and 0° everywhere, PV and reference magnitudes at set-point.
    case flat
    /// Angles from a DC power flow, magnitudes as `flat`.
    case dc
}

/// How the active-power imbalance is picked up.
public enum SlackMode: Sendable, Equatable {
    /// The reference bus of each island takes it all (MATPOWER).
    case single
    /// Generators in service share it in proportion to their Pmax.
    case distributedByPmax
    /// Generators share it in proportion to the given weights (one per generator, ≥ 0).
    case distributed(weights: [Double])
}

/// Everything a power-flow solve can be told.
public struct PowerFlowOptions: Sendable {
    public var method: PowerFlowMethod = .nr
    public var initialPoint: InitialPoint = .case
    /// MATPOWER's `pf.enforce_q_lims = 1`: PV buses whose generators hit a reactive limit become
    /// PQ at that limit, and the flow is solved again until no limit is violated.
    public var enforceQLimits = false
    public var slack: SlackMode = .single
    /// Largest allowed mismatch, p.u. (MATPOWER's `pf.tol`).
    public var tolerance = 1e-8
    /// Iteration limit; nil means the method's MATPOWER default (10 for NR, 30 fast-decoupled).
    public var maxIterations: Int?
    public var linearSolver: LinearSolverChoice = .auto
    /// When the first attempt fails, retry from a DC start and then with damped Newton steps.
    public var fallback = true

    public init() {}

    public var iterationLimit: Int {
        maxIterations ?? (method == .nr ? 10 : 30)
    }
}
