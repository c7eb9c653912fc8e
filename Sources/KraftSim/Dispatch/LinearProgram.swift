/// A linear program in compressed-column form, as CLP loads it:
/// minimise `objectiveᵀ x` subject to `rowLower ≤ A x ≤ rowUpper`, `columnLower ≤ x ≤ columnUpper`.
/// Infinite bounds are `±.infinity`.
struct LinearProgram: Sendable {
    var rows: Int
    /// `columns + 1` offsets into `rowIndex` / `value`; row indices sorted within each column.
    var columnStart: [Int32]
    var rowIndex: [Int32]
    var value: [Double]
    var columnLower: [Double]
    var columnUpper: [Double]
    var objective: [Double]
    var rowLower: [Double]
    var rowUpper: [Double]

    var columns: Int { objective.count }
}

/// What CLP returns for a solved `LinearProgram`.
struct LinearProgramSolution: Sendable {
    /// Column values.
    var x: [Double]
    /// Row duals, `∂ objective / ∂ row bound` (for a minimisation): what one more unit of a
    /// row's right-hand side costs.
    var rowDual: [Double]
    var iterations: Int
}
