/// One numeric matrix of a MATPOWER case (`mpc.bus`, `mpc.gen`, ...), stored row-major with the
/// source line of every row, so that any later check can point at the row it rejects.
public struct MatpowerMatrix: Sendable {
    /// The field name, such as `bus`; messages call the matrix `mpc.<name>`.
    public var name: String
    /// The line of the assignment `mpc.<name> = [`.
    public var line: Int
    /// Values per row; 0 for an empty matrix (`[]`).
    public var columns: Int
    /// All values, row after row: element (row, column) is at `row * columns + column`.
    public var values: [Double]
    /// The 1-based source line of each row (where its first value is written).
    public var lines: [Int]

    public init(name: String, line: Int, columns: Int, values: [Double], lines: [Int]) {
        precondition(values.count == columns * lines.count, "values must fill lines.count rows of columns values")
        self.name = name
        self.line = line
        self.columns = columns
        self.values = values
        self.lines = lines
    }

    public var rows: Int { lines.count }

    /// The value in `row` and `column`, both 0-based (MATPOWER's column 1 is column 0 here).
    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }
}
