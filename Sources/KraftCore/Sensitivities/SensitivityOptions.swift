/// How the DC sensitivity matrices are computed and how much memory they may take.
public struct SensitivityOptions: Sendable {
    /// The factorization of the reduced `Bbus`.
    public enum Factorization: String, Sendable, CaseIterable {
        /// Dense LAPACK up to `denseLimit` buses, KLU above.
        case auto
        /// LAPACK `dgetrf`, then `dgetrs` with many right-hand sides at once.
        case dense
        /// SuiteSparse KLU, one sparse solve per right-hand side.
        case klu
    }

    public var factorization: Factorization = .auto
    /// Largest number of bytes a matrix this module returns (PTDF or LODF) may take. A full
    /// matrix that would not fit is refused (`SensitivityError.exceedsMemoryBudget`); ask for
    /// the rows of the monitored branches only instead. Work buffers are bounded separately
    /// by `batchColumns`.
    public var memoryBudget: Int = 1 << 30
    /// Right-hand sides solved together (dense path); bounds the work buffer to
    /// `batchColumns × buses` doubles.
    public var batchColumns = 256

    /// Systems with at most this many buses are factored densely under `.auto`. Dense LU costs
    /// O(n³) and a dense solve O(n²) per right-hand side, against O(nnz(LU)) for KLU. Measured
    /// (full PTDF and LODF, best of 5): the two tie on case30 to case118, KLU takes 30 % less
    /// time for the PTDF of case300, and the gap grows as n².
    public static let denseLimit = 200

    public init() {}

    func useDense(buses n: Int) -> Bool {
        switch factorization {
        case .dense: true
        case .klu: false
        case .auto: n <= Self.denseLimit
        }
    }
}

/// Why a sensitivity matrix could not be computed.
public enum SensitivityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix asked for would take `requiredBytes`, more than the budget allows.
    case exceedsMemoryBudget(requiredBytes: Int, budgetBytes: Int)
    /// The reduced `Bbus` is singular (a branch with zero reactance, or a bus left floating).
    case singular
    /// An index given is not a branch or bus of the network, or a weight vector has the wrong
    /// length or no positive weight.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .exceedsMemoryBudget(let required, let budget):
            "the matrix would take \(required) bytes, more than the memory budget of \(budget) bytes: ask for the rows of the monitored branches only"
        case .singular: "the reduced DC susceptance matrix is singular"
        case .invalidArgument(let s): s
        }
    }
}
