/// How CLP solves the dispatch LP. The defaults are the fastest measured on an engine-sized week
/// (Benchmarks/RESULTS.md, "Dispatch LP").
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
