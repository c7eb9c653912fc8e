import COpenBLAS

/// Dense LU with partial pivoting on LAPACKE (`dgetrf`/`dgetrs`), for small systems and as an
/// independent cross-check of the sparse path. The sparse values are scattered into a
/// column-major buffer that is allocated once per analysed pattern.
public final class DenseLUSolver: LinearSolver {
    public let name = "dense"
    private var pattern: SparsePattern?
    private var matrix: [Double] = []
    private var pivots: [Int32] = []
    private var factored = false

    public init() {}

    public func analyze(_ pattern: SparsePattern) throws(LinearSolverError) {
        self.pattern = pattern
        matrix = [Double](repeating: 0, count: pattern.columns * pattern.columns)
        pivots = [Int32](repeating: 0, count: pattern.columns)
        factored = false
    }

    public func factor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError) {
        guard let pattern else { throw .notReady }
        let n = pattern.columns
        factored = false
        let info: Int32 = matrix.withUnsafeMutableBufferPointer { a in
            for p in 0..<a.count { a[p] = 0 }
            pattern.columnStart.withUnsafeBufferPointer { cs in
            pattern.rowIndex.withUnsafeBufferPointer { ri in
                for j in 0..<n {
                    for p in Int(cs[j])..<Int(cs[j + 1]) { a[Int(ri[p]) + j * n] = values[p] }
                }
            }}
            return LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), a.baseAddress, Int32(max(n, 1)), &pivots)
        }
        if info > 0 { throw .singular }
        if info < 0 { throw .backend("LAPACKE_dgetrf: argument \(-info) invalid") }
        factored = true
    }

    public func refactor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError) {
        try factor(values)
    }

    public func solve(_ rhs: UnsafeMutableBufferPointer<Double>) throws(LinearSolverError) {
        guard factored, let pattern else { throw .notReady }
        let n = Int32(pattern.columns)
        let info = LAPACKE_dgetrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), n, 1, matrix, max(n, 1), pivots,
                                  rhs.baseAddress, max(n, 1))
        if info != 0 { throw .backend("LAPACKE_dgetrs: info \(info)") }
        // dgetrf reports exact zero pivots only; reject results that overflowed on a near-singular matrix.
        for x in rhs where !x.isFinite { throw .singular }
    }
}
