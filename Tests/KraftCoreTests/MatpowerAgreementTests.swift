import Foundation
import KraftCore
import Testing

/// Kraft's solutions against MATPOWER 8.1's own (legacy core, under Octave), every method and
/// variant for the cases that ship; the large cases when `../shared/cases` is present.
@Suite("Agreement with MATPOWER")
struct MatpowerAgreementTests {
    static let shippedVariants: [(String, String)] = Paths.shippedCases.flatMap { c in
        ["nr", "nr_flat", "nr_qlim", "fdxb", "fdbx", "dc"].map { (c, $0) }
    }

    @Test("shipped cases", arguments: shippedVariants)
    func shipped(caseName: String, variant: String) throws {
        let network = try Paths.network(caseName)
        let reference = try ReferenceSolution.load(caseName, variant)
        let result = PowerFlowSolver(network: network, options: options(for: variant)).solve()
        expectMatches(result, network, reference)
        if variant == "nr", let iterations = reference.iterations {
            #expect(result.iterations == iterations, "same Newton iterations as MATPOWER")
        }
    }

    /// A solver kept across solves keeps the Newton kernel of each bus classification it met:
    /// with Q limits, every solve starts from the case's classification and ends in the switched
    /// one, so from the second solve on both kernels come from the cache. Each must still give
    /// MATPOWER's answer, with every linear solver.
    @Test("a solver re-used with Q limits (kernels kept per classification) gives MATPOWER's answer every time",
          arguments: ["case118", "case300"], [LinearSolverChoice.klu, .dense, .block])
    func reusedKernels(caseName: String, linearSolver: LinearSolverChoice) throws {
        let network = try Paths.network(caseName)
        let reference = try ReferenceSolution.load(caseName, "nr_qlim")
        let solver = PowerFlowSolver(network: network, options: options(for: "nr_qlim", linearSolver: linearSolver))
        for _ in 0..<3 {
            let result = solver.solve()
            #expect(!result.qLimitSwitches.isEmpty)
            expectMatches(result, network, reference)
            solver.move(to: network)
        }
    }

    static let largeVariants: [(String, String)] = Paths.largeCases.flatMap { c in
        var variants = ["nr", "dc"]
        if c == "case1354pegase" || c == "case2383wp" { variants += ["nr_qlim", "fdxb", "fdbx"] }
        return variants.map { (c, $0) }
    }

    @Test("large cases from ../shared/cases", .enabled(if: Paths.sharedCasesPresent, "../shared/cases is absent: large-case agreement skipped"),
          arguments: largeVariants)
    func large(caseName: String, variant: String) throws {
        let network = try Paths.network(caseName)
        let reference = try ReferenceSolution.load(caseName, variant)
        let result = PowerFlowSolver(network: network, options: options(for: variant)).solve()
        expectMatches(result, network, reference)
        if variant == "nr" {
            // The default (block LU) and KLU paths, each against MATPOWER.
            #expect(result.linearSolver == "block")
            let klu = PowerFlowSolver(network: network, options: options(for: variant, linearSolver: .klu)).solve()
            #expect(klu.linearSolver == "klu")
            expectMatches(klu, network, reference)
        }
    }
}
