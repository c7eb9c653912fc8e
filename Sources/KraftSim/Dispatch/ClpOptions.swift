/// How CLP solves the dispatch LP (first solve; later rounds re-solve with the dual simplex).
///
/// Defaults as measured (Benchmarks/RESULTS.md, "Dispatch LP"): on a January week of the default
/// scenario the dual simplex without scaling and with CLP's perturbation at 50 needed about 1,300
/// iterations, where CLP's automatic choice (100) took about 4,600 and the primal simplex about
/// 7,500. Perturbation draws from CLP's own seeded generator, so the same problem still gives the
/// same answer (the thread-count test checks it).
public struct ClpOptions: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable { case dual, primal }
    public var algorithm: Algorithm = .dual
    /// Run CLP's presolve before the simplex (through `Clp_initialSolveWithOptions`).
    public var presolve = false
    /// CLP scaling mode: 0 off, 1 equilibrium, 2 geometric, 3 auto, 4 auto-but-as-initialSolve-in-bab.
    public var scaling: Int32 = 0
    /// CLP perturbation: 50 perturbs, 100 lets CLP decide, 102 never perturbs.
    public var perturbation: Int32 = 50
    /// Iteration cap; reaching it is an error, not a silent answer.
    public var maximumIterations: Int32 = 1_000_000
    public init() {}
}
