/// The residual of one bus's power balance, p.u. (bus is an internal index).
public struct BusMismatch: Sendable, Equatable {
    public var bus: Int
    public var p: Double
    public var q: Double

    public var magnitude: Double { (p * p + q * q).squareRoot() }
}

/// Why a solve did not converge, with the buses where the mismatch was largest.
public enum PowerFlowFailure: Error, Sendable, Equatable {
    /// The iteration limit was reached while the mismatch was still falling or stalled.
    case iterationLimit(worstBuses: [BusMismatch])
    /// The mismatch grew: the iteration moved away from a solution.
    case diverging(worstBuses: [BusMismatch])
    /// The Jacobian (or B matrix) could not be factored.
    case singularJacobian(worstBuses: [BusMismatch])
    /// The mismatch became NaN or infinite.
    case notANumber(worstBuses: [BusMismatch])
    /// Q-limit enforcement found every remaining voltage-controlling generator beyond the same
    /// reactive limit: no operating point respects the limits (MATPOWER's infeasibility check).
    case reactiveLimitsInfeasible

    public var worstBuses: [BusMismatch] {
        switch self {
        case .iterationLimit(let w), .diverging(let w), .singularJacobian(let w), .notANumber(let w): w
        case .reactiveLimitsInfeasible: []
        }
    }

    public var reason: String {
        switch self {
        case .iterationLimit: "iteration limit reached"
        case .diverging: "mismatch growing (diverging)"
        case .singularJacobian: "singular Jacobian"
        case .notANumber: "mismatch is not a number"
        case .reactiveLimitsInfeasible: "all remaining voltage-controlling generators beyond the same reactive limit"
        }
    }
}
