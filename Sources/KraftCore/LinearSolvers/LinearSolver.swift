/// The four-method interface every linear back-end offers (as in lightsim2grid): the symbolic
/// analysis lives across calls for as long as the sparsity pattern does, numeric factors are
/// redone per iteration, and `solve` overwrites the right-hand side with the solution.
///
/// Values are passed in the order of the analysed pattern's `rowIndex`.
public protocol LinearSolver: AnyObject {
    /// Short name for reports ("klu", "dense").
    var name: String { get }
    /// Symbolic analysis of a square pattern; discards any earlier factorization.
    func analyze(_ pattern: SparsePattern) throws(LinearSolverError)
    /// Full numeric factorization with pivoting.
    func factor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError)
    /// Numeric factorization reusing the previous pivot order where the back-end can; falls back
    /// to `factor` when the reused pivots are no longer safe.
    func refactor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError)
    /// Solves `A x = rhs` in place with the last factorization.
    func solve(_ rhs: UnsafeMutableBufferPointer<Double>) throws(LinearSolverError)
}

/// Why a linear solve failed.
public enum LinearSolverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix is singular to working precision (or structurally singular).
    case singular
    /// The back-end reported an error it does not classify (status code attached).
    case backend(String)
    /// `factor` or `solve` was called before `analyze`/`factor`.
    case notReady

    public var description: String {
        switch self {
        case .singular: "singular matrix"
        case .backend(let s): s
        case .notReady: "linear solver used before analysis"
        }
    }
}

/// Which linear back-end to use. For Newton–Raphson `auto` picks dense LAPACK for small systems
/// and the block LU otherwise (KLU under distributed slack); for the constant matrices of the
/// fast-decoupled and DC methods it picks dense or KLU.
public enum LinearSolverChoice: String, Sendable, CaseIterable, Codable {
    case auto, klu, dense, block

    /// Systems with at most this many unknowns go to dense LAPACK under `auto`. Measured with
    /// `kraft bench --linear-solver dense|block|klu` on the IEEE cases (Benchmarks/RESULTS.md):
    /// dense LU ties the sparse back-ends on case9 (14 unknowns) and loses from case14 (22) on,
    /// by 3× on case30 and 100× on case300.
    public static let denseCrossover = 14

    /// A fresh back-end for a system of `size` unknowns in the reduced layout. `block` needs the
    /// bus-block layout, so here it means KLU, and `PowerFlowSolver` notes it in the result.
    public func make(size: Int) -> any LinearSolver {
        switch self {
        case .klu, .block: KLUSolver()
        case .dense: DenseLUSolver()
        case .auto: size <= Self.denseCrossover ? DenseLUSolver() : KLUSolver()
        }
    }
}
