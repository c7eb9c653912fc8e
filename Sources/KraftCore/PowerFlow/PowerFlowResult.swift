/// One generator switched from voltage control to a fixed reactive output by Q-limit enforcement.
public struct QLimitSwitch: Sendable, Equatable {
    public enum Limit: String, Sendable { case max, min }
    /// Generator index (file order) and its bus (internal index).
    public var generator: Int
    public var bus: Int
    public var limit: Limit
    /// The limit it was fixed at, p.u.
    public var value: Double
    /// Which re-solve found the violation (1 = after the first solve).
    public var round: Int
}

/// The outcome of a power-flow solve, in per unit and radians, arrays in the network's element
/// order. Buses that were de-energised have magnitude and angle 0 and are listed in `deadBuses`.
public struct PowerFlowResult: Sendable {
    public var method: PowerFlowMethod
    public var converged: Bool
    /// Why the final attempt failed, when it did.
    public var failure: PowerFlowFailure?
    /// Iterations of the final attempt, summed over Q-limit re-solves.
    public var iterations: Int
    /// Largest mismatch at the solution, p.u.
    public var maxMismatch: Double
    public var vm: [Double]
    public var va: [Double]
    /// Bus roles in the final solve.
    public var busType: [BusType]
    public var pg: [Double]
    public var qg: [Double]
    /// Branch flows at the from and to ends (0 for branches out of service).
    public var pf: [Double], qf: [Double], pt: [Double], qt: [Double]
    public var timings: PhaseTimings
    public var linearSolver: String
    public var qLimitSwitches: [QLimitSwitch] = []
    public var deadBuses: [Int] = []
    public var islandCount: Int = 1
    /// Slack share per island (p.u.) under distributed slack.
    public var slackShare: [Double] = []
    /// What was done that a reader should know: reference changes, de-energised islands,
    /// fallback attempts.
    public var notes: [String] = []

    /// Total series and shunt losses of the branches, p.u.
    public var losses: Double {
        var s = 0.0
        for l in pf.indices { s += pf[l] + pt[l] }
        return s
    }
}
