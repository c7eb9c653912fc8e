/// The pattern of a square matrix restricted to a subset of its rows and columns (the same subset
/// for both), and for each kept entry its position in the original value array, so the values of
/// `B[keep, keep]` can be gathered from `B` without searching.
struct PrincipalSubmatrix: Sendable {
    let pattern: SparsePattern
    let source: [Int32]

    /// - Parameter keep: sorted original indices to keep; kept index `keep[r]` becomes `r`.
    init(of original: SparsePattern, keep: [Int]) {
        var newIndex = [Int32](repeating: -1, count: original.columns)
        for (r, i) in keep.enumerated() { newIndex[i] = Int32(r) }
        var start: [Int32] = [0]
        var rows = [Int32](), source = [Int32]()
        for j in keep {
            for p in Int(original.columnStart[j])..<Int(original.columnStart[j + 1]) {
                let r = newIndex[Int(original.rowIndex[p])]
                if r >= 0 { rows.append(r); source.append(Int32(p)) }
            }
            start.append(Int32(rows.count))
        }
        pattern = SparsePattern(rows: keep.count, columns: keep.count, columnStart: start, rowIndex: rows)
        self.source = source
    }

    func gather(_ values: [Double], scale: Double = 1) -> [Double] {
        source.map { scale * values[Int($0)] }
    }
}
