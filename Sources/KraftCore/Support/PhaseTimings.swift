/// Wall time spent in each phase of a solve, in milliseconds.
///
/// `factor` is numeric factorization (full or refactor), `iterate` everything else inside the
/// iteration loop (mismatch, Jacobian refill, triangular solves, updates).
public struct PhaseTimings: Sendable, Equatable {
    public var ybus = 0.0
    public var analyze = 0.0
    public var factor = 0.0
    public var iterate = 0.0

    public init() {}

    /// The solve proper: everything after the admittance matrix is built.
    public var solve: Double { analyze + factor + iterate }
    public var total: Double { ybus + solve }

    public static func += (lhs: inout PhaseTimings, rhs: PhaseTimings) {
        lhs.ybus += rhs.ybus
        lhs.analyze += rhs.analyze
        lhs.factor += rhs.factor
        lhs.iterate += rhs.iterate
    }
}
