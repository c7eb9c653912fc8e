/// The structure of a sparse matrix in compressed-column form, with 32-bit indices as KLU's
/// `int` interface takes them. Row indices are sorted within each column and unique.
public struct SparsePattern: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// `columns + 1` offsets into `rowIndex`.
    public var columnStart: [Int32]
    public var rowIndex: [Int32]

    public init(rows: Int, columns: Int, columnStart: [Int32], rowIndex: [Int32]) {
        precondition(columnStart.count == columns + 1, "columnStart must have columns + 1 entries")
        self.rows = rows
        self.columns = columns
        self.columnStart = columnStart
        self.rowIndex = rowIndex
    }

    public var nonzeros: Int { rowIndex.count }

    /// Position of entry (row, column) in the value array, or nil when not structurally present.
    public func position(row: Int, column: Int) -> Int? {
        var lo = Int(columnStart[column]), hi = Int(columnStart[column + 1])
        let target = Int32(row)
        while lo < hi {
            let mid = (lo + hi) / 2
            if rowIndex[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(columnStart[column + 1]) && rowIndex[lo] == target ? lo : nil
    }

    /// Builds a pattern from (row, column) pairs; duplicates are merged.
    public init(rows: Int, columns: Int, entries: [(row: Int, column: Int)]) {
        var count = [Int](repeating: 0, count: columns + 1)
        for e in entries { count[e.column + 1] += 1 }
        for j in 0..<columns { count[j + 1] += count[j] }
        var fill = count
        var raw = [Int32](repeating: 0, count: entries.count)
        for e in entries {
            raw[fill[e.column]] = Int32(e.row)
            fill[e.column] += 1
        }
        var start = [Int32](repeating: 0, count: columns + 1)
        var index = [Int32]()
        index.reserveCapacity(entries.count)
        raw.withUnsafeMutableBufferPointer { raw in
            for j in 0..<columns {
                // Sorted in place: a sorted copy of each column's slice would allocate per column.
                var column = UnsafeMutableBufferPointer(rebasing: raw[count[j]..<count[j + 1]])
                column.sort()
                var last: Int32 = -1
                for r in column where r != last {
                    index.append(r)
                    last = r
                }
                start[j + 1] = Int32(index.count)
            }
        }
        self.init(rows: rows, columns: columns, columnStart: start, rowIndex: index)
    }
}
