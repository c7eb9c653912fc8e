import CKLU

/// Sparse LU on SuiteSparse KLU. The symbolic analysis (AMD ordering, block triangular form) is
/// kept until the next `analyze`; numeric factors are refreshed with `klu_refactor` when the
/// pivot order still holds, which KLU's cheap reciprocal pivot-growth check decides.
public final class KLUSolver: LinearSolver {
    public let name = "klu"
    private var common = klu_common()
    private var symbolic: UnsafeMutablePointer<klu_symbolic>?
    private var numeric: UnsafeMutablePointer<klu_numeric>?
    private var columnStart: [Int32] = []
    private var rowIndex: [Int32] = []
    private var n: Int32 = 0
    /// Below this reciprocal condition estimate a refactor is redone as a full factor.
    private let refactorConditionLimit = 1e-12

    public init() {
        klu_defaults(&common)
        // Power-flow Jacobians are irreducible, so the block triangular pre-ordering finds one
        // block and only costs time; per-unit values need no row scaling, and skipping it skips
        // klu_scale's O(nnz) pass on every refactor (≈5 % of a solve on case9241pegase, counted
        // with callgrind). The reciprocal-condition check below still guards each refactor.
        common.btf = 0
        common.scale = -1
    }

    deinit {
        freeNumeric()
        if symbolic != nil { klu_free_symbolic(&symbolic, &common) }
    }

    private func freeNumeric() {
        if numeric != nil { klu_free_numeric(&numeric, &common) }
    }

    public func analyze(_ pattern: SparsePattern) throws(LinearSolverError) {
        freeNumeric()
        if symbolic != nil { klu_free_symbolic(&symbolic, &common) }
        columnStart = pattern.columnStart
        rowIndex = pattern.rowIndex
        n = Int32(pattern.columns)
        symbolic = klu_analyze(n, &columnStart, &rowIndex, &common)
        guard symbolic != nil else { throw statusError() }
    }

    public func factor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError) {
        guard let symbolic else { throw .notReady }
        freeNumeric()
        numeric = klu_factor(&columnStart, &rowIndex, UnsafeMutablePointer(mutating: values.baseAddress), symbolic, &common)
        guard numeric != nil, common.status == KLU_OK else {
            freeNumeric()
            throw statusError()
        }
    }

    public func refactor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError) {
        guard let symbolic, let numeric else { return try factor(values) }
        let ok = klu_refactor(&columnStart, &rowIndex, UnsafeMutablePointer(mutating: values.baseAddress),
                              symbolic, numeric, &common)
        if ok == 0 || common.status != KLU_OK {
            return try factor(values)
        }
        klu_rcond(symbolic, numeric, &common)
        if !(common.rcond > refactorConditionLimit) { try factor(values) }
    }

    public func solve(_ rhs: UnsafeMutableBufferPointer<Double>) throws(LinearSolverError) {
        guard let symbolic, let numeric else { throw .notReady }
        guard klu_solve(symbolic, numeric, n, 1, rhs.baseAddress, &common) != 0 else { throw statusError() }
    }

    private func statusError() -> LinearSolverError {
        switch common.status {
        case KLU_SINGULAR: .singular
        case KLU_OUT_OF_MEMORY: .backend("KLU: out of memory")
        case KLU_INVALID: .backend("KLU: invalid matrix")
        case KLU_TOO_LARGE: .backend("KLU: matrix too large")
        default: .backend("KLU: status \(common.status)")
        }
    }
}
