import KraftCore
import Testing

/// The linear back-ends check each other: dense LAPACK, sparse KLU and the block LU must give the
/// same solution to 1e-9 on every shipped case (up to 300 buses), for each method.
@Suite("Dense LAPACK and sparse KLU agree")
struct DenseSparseAgreementTests {
    @Test(arguments: Paths.shippedCases, ["nr", "nr_qlim", "fdxb", "fdbx", "dc"])
    func agree(caseName: String, variant: String) throws {
        let network = try Paths.network(caseName)
        let dense = PowerFlowSolver(network: network, options: options(for: variant, linearSolver: .dense)).solve()
        let sparse = PowerFlowSolver(network: network, options: options(for: variant, linearSolver: .klu)).solve()
        #expect(dense.linearSolver == "dense" || variant != "nr")
        #expect(sparse.linearSolver == "klu" || variant != "nr")
        #expect(dense.converged && sparse.converged)
        #expect(maxDifference(dense.vm, sparse.vm) < 1e-9)
        #expect(maxDifference(dense.va, sparse.va) < 1e-9)
        #expect(maxDifference(dense.pg, sparse.pg) < 1e-9)
        #expect(maxDifference(dense.qg, sparse.qg) < 1e-9)
        #expect(maxDifference(dense.pf, sparse.pf) < 1e-9)
        let block = PowerFlowSolver(network: network, options: options(for: variant, linearSolver: .block)).solve()
        #expect(block.linearSolver == "block" || variant != "nr")
        // Where the block LU cannot work (the constant matrices of fdxb, fdbx and dc), the result
        // says which back-end solved instead.
        let substituted = block.notes.contains { $0.hasPrefix("block LU asked for, \(block.linearSolver) used") }
        #expect(substituted == (block.linearSolver != "block"), "\(block.notes)")
        #expect(block.converged)
        #expect(maxDifference(dense.vm, block.vm) < 1e-9)
        #expect(maxDifference(dense.va, block.va) < 1e-9)
        #expect(maxDifference(dense.qg, block.qg) < 1e-9)
    }

    @Test("under a distributed slack the block LU is not used, and the result says so")
    func blockUnderDistributedSlack() throws {
        var options = PowerFlowOptions()
        options.linearSolver = .block
        options.slack = .distributedByPmax
        let r = PowerFlowSolver(network: try Paths.network("case118"), options: options).solve()
        #expect(r.converged && r.linearSolver == "klu")
        #expect(r.notes.contains("block LU asked for, klu used: the block LU needs Newton–Raphson's bus-block layout, not available with a distributed slack"), "\(r.notes)")
    }
}
