/// A dense matrix of doubles stored row by row (row-major), as the sensitivity matrices are read:
/// one row per monitored branch. Row-major `rows × columns` is the same memory as column-major
/// `columns × rows`, which is how LAPACK and BLAS are handed it.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// `rows × columns` values, row after row.
    public var values: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = rows
        self.columns = columns
        values = [Double](repeating: value, count: rows * columns)
    }

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "DenseMatrix: \(values.count) values for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// One row as an array.
    public func row(_ r: Int) -> [Double] {
        Array(values[r * columns..<(r + 1) * columns])
    }

    /// Bytes a `rows × columns` matrix of doubles takes.
    public static func bytes(rows: Int, columns: Int) -> Int {
        let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
        return overflow || product > Int.max / 8 ? Int.max : product * 8
    }
}
