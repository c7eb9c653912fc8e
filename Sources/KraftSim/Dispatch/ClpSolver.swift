import CClp

/// Solves a `LinearProgram` with COIN-OR CLP through its C interface. Every call loads the
/// program into a fresh CLP model and starts from CLP's default (slack) basis, so the same program
/// gives the same answer bit for bit whatever was solved before on the thread.
public struct ClpOptions: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable { case dual, primal }
    public var algorithm: Algorithm = .dual
    /// Run CLP's presolve before the simplex (through `Clp_initialSolveWithOptions`).
    public var presolve = false
    /// CLP scaling mode: 0 off, 1 equilibrium, 2 geometric, 3 auto, 4 auto-but-as-initialSolve-in-bab.
    public var scaling: Int32 = 3
    /// Iteration cap; reaching it is an error, not a silent answer.
    public var maximumIterations: Int32 = 1_000_000
    public init() {}
}

enum ClpSolver {
    static func solve(_ lp: LinearProgram, options: ClpOptions) throws(DispatchError) -> LinearProgramSolution {
        guard let model = Clp_newModel() else { throw .solverFailed("CLP could not allocate a model") }
        defer { Clp_deleteModel(model) }
        Clp_setLogLevel(model, 0)
        // CLP reads bounds beyond 1e27 as infinite; pass the largest finite double for ±∞.
        func clip(_ v: [Double]) -> [Double] {
            v.map { $0 == .infinity ? .greatestFiniteMagnitude : ($0 == -.infinity ? -.greatestFiniteMagnitude : $0) }
        }
        let colLower = clip(lp.columnLower), colUpper = clip(lp.columnUpper)
        let rowLower = clip(lp.rowLower), rowUpper = clip(lp.rowUpper)
        lp.columnStart.withUnsafeBufferPointer { start in
            lp.rowIndex.withUnsafeBufferPointer { index in
                Clp_loadProblem(model, Int32(lp.columns), Int32(lp.rows), start.baseAddress, index.baseAddress,
                                lp.value, colLower, colUpper, lp.objective, rowLower, rowUpper)
            }
        }
        Clp_scaling(model, options.scaling)
        Clp_setMaximumIterations(model, options.maximumIterations)
        if options.presolve {
            guard let solve = ClpSolve_new() else { throw .solverFailed("CLP could not allocate its solve options") }
            defer { ClpSolve_delete(solve) }
            ClpSolve_setSolveType(solve, options.algorithm == .dual ? 0 : 1, 0)
            ClpSolve_setPresolveType(solve, 0, 0)
            _ = Clp_initialSolveWithOptions(model, solve)
        } else {
            _ = options.algorithm == .dual ? Clp_dual(model, 0) : Clp_primal(model, 0)
        }
        let status = Clp_status(model)
        guard status == 0, Clp_isProvenOptimal(model) != 0 else {
            let cause = switch status {
            case 1: "primal infeasible — with unserved energy as slack this means inconsistent data the checks missed"
            case 2: "dual infeasible (unbounded) — a priced exchange or negative cost without a finite limit"
            case 3: "stopped at the iteration limit (\(options.maximumIterations))"
            case 4: "stopped on numerical difficulties"
            default: "not proven optimal"
            }
            throw .solverFailed("CLP status \(status), secondary \(Clp_secondaryStatus(model)): \(cause)")
        }
        let x = Array(UnsafeBufferPointer(start: Clp_getColSolution(model), count: lp.columns))
        let dual = Array(UnsafeBufferPointer(start: Clp_getRowPrice(model), count: lp.rows))
        return LinearProgramSolution(x: x, rowDual: dual, iterations: Int(Clp_getIterationCount(model)))
    }
}
