import COpenBLAS

/// Power transfer distribution factors: `matrix[r, i]` is the change of the active flow on
/// branch `branches[r]` (from end, p.u.) per p.u. injected at bus `i` and taken back by the
/// slack (`slack`). Rows are all branches, or the monitored ones when the whole matrix would
/// not fit the memory budget. Out-of-service branches have zero rows.
public struct PTDF: Sendable {
    /// The branch (internal index) of each row.
    public let branches: [Int]
    /// `branches.count × buses`, row-major.
    public let matrix: DenseMatrix
    public let slack: SlackDistribution

    /// Flow changes on the rows' branches for `injections` (`buses × s`, row-major: one column
    /// per injection pattern), `branches.count × s`: one BLAS `dgemm`.
    public func flowChanges(injections: DenseMatrix) -> DenseMatrix {
        precondition(injections.rows == matrix.columns, "PTDF.flowChanges: \(injections.rows) rows for \(matrix.columns) buses")
        var out = DenseMatrix(rows: matrix.rows, columns: injections.columns)
        guard matrix.rows > 0, injections.columns > 0, matrix.columns > 0 else { return out }
        matrix.values.withUnsafeBufferPointer { a in
        injections.values.withUnsafeBufferPointer { b in
        out.values.withUnsafeMutableBufferPointer { c in
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(matrix.rows), Int32(injections.columns),
                        Int32(matrix.columns), 1, a.baseAddress, Int32(matrix.columns), b.baseAddress,
                        Int32(injections.columns), 0, c.baseAddress, Int32(injections.columns))
        }}}
        return out
    }
}

/// Line outage distribution factors: `matrix[r, c]` is the change of the active flow on branch
/// `monitored[r]` per p.u. that flowed on branch `outages[c]` before it went out
/// (`−1` where they are the same branch).
///
/// A column whose branch is a bridge — its outage splits the network — has no such factor: the
/// flow cannot be rerouted. It is flagged in `islanding` and holds zeros, never a division by
/// zero. The column of a branch already out of service is zero too (its outage changes nothing).
public struct LODF: Sendable {
    public let monitored: [Int]
    public let outages: [Int]
    /// `monitored.count × outages.count`, row-major.
    public let matrix: DenseMatrix
    /// Per column: the outage islands the network.
    public let islanding: [Bool]

    /// The factor, or nil when the outage islands the network.
    public func value(row r: Int, column c: Int) -> Double? {
        islanding[c] ? nil : matrix[r, c]
    }
}
