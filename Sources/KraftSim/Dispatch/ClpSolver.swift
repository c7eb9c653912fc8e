import CClp

/// One LP loaded into COIN-OR CLP through its C interface. Rows can be added and the LP solved
/// again from the last basis (the branch-limit rounds of `DispatchLP`); a new `ClpModel` per
/// problem starts from CLP's default slack basis, so the same problem gives the same answer bit
/// for bit whatever was solved before on the thread.
final class ClpModel {
    private let model: UnsafeMutableRawPointer
    private(set) var rows: Int
    let columns: Int
    private var solvedOnce = false

    init(_ lp: LinearProgram) throws(DispatchError) {
        guard let model = Clp_newModel() else { throw .solverFailed("CLP could not allocate a model") }
        self.model = model
        rows = lp.rows
        columns = lp.columns
        Clp_setLogLevel(model, 0)
        let colLower = Self.clip(lp.columnLower), colUpper = Self.clip(lp.columnUpper)
        let rowLower = Self.clip(lp.rowLower), rowUpper = Self.clip(lp.rowUpper)
        lp.columnStart.withUnsafeBufferPointer { start in
            lp.rowIndex.withUnsafeBufferPointer { index in
                Clp_loadProblem(model, Int32(lp.columns), Int32(lp.rows), start.baseAddress, index.baseAddress,
                                lp.value, colLower, colUpper, lp.objective, rowLower, rowUpper)
            }
        }
    }

    deinit { Clp_deleteModel(model) }

    /// CLP reads bounds beyond 1e27 as infinite; pass the largest finite double for ±∞.
    private static func clip(_ v: [Double]) -> [Double] {
        v.map { $0 == .infinity ? .greatestFiniteMagnitude : ($0 == -.infinity ? -.greatestFiniteMagnitude : $0) }
    }

    /// Appends rows given row-wise (`start` has one entry per row plus the end).
    func addRows(lower: [Double], upper: [Double], start: [Int32], column: [Int32], value: [Double]) {
        guard !lower.isEmpty else { return }
        let lo = Self.clip(lower), hi = Self.clip(upper)
        Clp_addRows(model, Int32(lower.count), lo, hi, start, column, value)
        rows += lower.count
    }

    /// Solves (the first time as `options` say, later from the last basis with the dual simplex)
    /// and returns columns and row duals, or throws with CLP's status and its likely cause.
    func solve(options: ClpOptions) throws(DispatchError) -> LinearProgramSolution {
        Clp_scaling(model, options.scaling)
        Clp_setPerturbation(model, options.perturbation)
        Clp_setMaximumIterations(model, options.maximumIterations)
        if solvedOnce {
            _ = Clp_dual(model, 0)
        } else if options.presolve {
            guard let solve = ClpSolve_new() else { throw .solverFailed("CLP could not allocate its solve options") }
            defer { ClpSolve_delete(solve) }
            ClpSolve_setSolveType(solve, options.algorithm == .dual ? 0 : 1, 0)
            ClpSolve_setPresolveType(solve, 0, 0)
            _ = Clp_initialSolveWithOptions(model, solve)
        } else {
            _ = options.algorithm == .dual ? Clp_dual(model, 0) : Clp_primal(model, 0)
        }
        solvedOnce = true
        let status = Clp_status(model)
        guard status == 0, Clp_isProvenOptimal(model) != 0 else {
            let cause = switch status {
            case 1: "primal infeasible — with unserved energy as slack this means inconsistent data the checks missed or fixed injections (negative loads, fixed schedules, minimum outputs) that a branch or interface limit cannot carry"
            case 2: "dual infeasible (unbounded) — a priced exchange or negative cost without a finite limit"
            case 3: "stopped at the iteration limit (\(options.maximumIterations))"
            case 4: "stopped on numerical difficulties"
            default: "not proven optimal"
            }
            throw .solverFailed("CLP status \(status), secondary \(Clp_secondaryStatus(model)): \(cause)")
        }
        let x = Array(UnsafeBufferPointer(start: Clp_getColSolution(model), count: columns))
        let dual = Array(UnsafeBufferPointer(start: Clp_getRowPrice(model), count: rows))
        return LinearProgramSolution(x: x, rowDual: dual, iterations: Int(Clp_getIterationCount(model)))
    }
}
