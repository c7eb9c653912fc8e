/// How CLP solves the dispatch LP (first solve; later rounds re-solve with the dual simplex).
/// Measured alternatives: Benchmarks/RESULTS.md, "Dispatch LP" — with many binding limits the
/// primal simplex without scaling was fastest, so it is the default.
public struct ClpOptions: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable { case dual, primal }
    public var algorithm: Algorithm = .primal
    /// Run CLP's presolve before the simplex (through `Clp_initialSolveWithOptions`).
    public var presolve = false
    /// CLP scaling mode: 0 off, 1 equilibrium, 2 geometric, 3 auto, 4 auto-but-as-initialSolve-in-bab.
    public var scaling: Int32 = 0
    /// Iteration cap; reaching it is an error, not a silent answer.
    public var maximumIterations: Int32 = 1_000_000
    public init() {}
}
