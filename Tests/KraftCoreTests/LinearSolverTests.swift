import KraftCore
import Testing

/// The linear back-ends on matrices built for the purpose: each solves `A x = b` for a known `x`,
/// and they agree with one another.
@Suite("Linear solvers")
struct LinearSolverTests {
    /// A deterministic pseudo-random sequence (a 64-bit LCG), so failures reproduce.
    struct Sequence {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
    }

    /// A 2×2-block matrix on a ring of `n` buses with chords, strongly weighted diagonal blocks,
    /// as the scalar pattern and values (`columnStart`-ordered). With `pendantZeroBlock`, one more
    /// bus hangs off bus 0 with an all-zero diagonal block: AMD eliminates such a leaf first, so
    /// elimination without pivoting meets the zero block, while the matrix stays nonsingular.
    static func blockMatrix(n: Int, seed: UInt64, pendantZeroBlock: Bool = false) -> (SparsePattern, [Double]) {
        var blockEntries = Set<[Int]>()
        for i in 0..<n {
            blockEntries.insert([i, i])
            blockEntries.insert([i, (i + 1) % n]); blockEntries.insert([(i + 1) % n, i])
            if i % 5 == 0 { blockEntries.insert([i, (i * 7 + 3) % n]); blockEntries.insert([(i * 7 + 3) % n, i]) }
        }
        let zeroDiagonalBlock: Int? = pendantZeroBlock ? n : nil
        if pendantZeroBlock { blockEntries.formUnion([[n, n], [n, 0], [0, n]]) }
        let n = pendantZeroBlock ? n + 1 : n
        var entries = [(row: Int, column: Int)]()
        for e in blockEntries {
            for a in 0..<2 { for b in 0..<2 { entries.append((2 * e[0] + a, 2 * e[1] + b)) } }
        }
        let pattern = SparsePattern(rows: 2 * n, columns: 2 * n, entries: entries)
        var random = Sequence(state: seed)
        var values = [Double](repeating: 0, count: pattern.nonzeros)
        for j in 0..<2 * n {
            for p in Int(pattern.columnStart[j])..<Int(pattern.columnStart[j + 1]) {
                let i = Int(pattern.rowIndex[p])
                values[p] = random.next()
                if i / 2 == j / 2 { values[p] += i == j ? 8 : 1 }
                if let z = zeroDiagonalBlock, i / 2 == z, j / 2 == z { values[p] = 0 }
            }
        }
        return (pattern, values)
    }

    static func multiply(_ pattern: SparsePattern, _ values: [Double], _ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: pattern.rows)
        for j in 0..<pattern.columns {
            for p in Int(pattern.columnStart[j])..<Int(pattern.columnStart[j + 1]) { y[Int(pattern.rowIndex[p])] += values[p] * x[j] }
        }
        return y
    }

    static func solve(_ solver: any LinearSolver, _ pattern: SparsePattern, _ values: [Double], _ b: [Double]) throws -> [Double] {
        try solver.analyze(pattern)
        try values.withUnsafeBufferPointer { try solver.factor($0) }
        var x = b
        try x.withUnsafeMutableBufferPointer { try solver.solve($0) }
        return x
    }

    @Test("block LU, KLU and dense LAPACK recover a known solution", arguments: [3, 40, 400])
    func knownSolution(n: Int) throws {
        let (pattern, values) = Self.blockMatrix(n: n, seed: UInt64(n))
        var random = Sequence(state: 99)
        let x = (0..<2 * n).map { _ in random.next() }
        let b = Self.multiply(pattern, values, x)
        for solver in [BlockSparseLU(), KLUSolver(), DenseLUSolver()] as [any LinearSolver] {
            let solved = try Self.solve(solver, pattern, values, b)
            #expect(maxDifference(solved, x) < 1e-10, "\(solver.name)")
        }
    }

    @Test("refactor with new values reuses the analysis and stays exact")
    func refactor() throws {
        let (pattern, values) = Self.blockMatrix(n: 60, seed: 5)
        let solver = BlockSparseLU()
        _ = try Self.solve(solver, pattern, values, [Double](repeating: 1, count: 120))
        let scaled = values.enumerated().map { $0.element * (1 + 0.01 * Double($0.offset % 7)) }
        let x = (0..<120).map { Double($0) / 120 }
        var b = Self.multiply(pattern, scaled, x)
        try scaled.withUnsafeBufferPointer { try solver.refactor($0) }
        try b.withUnsafeMutableBufferPointer { try solver.solve($0) }
        #expect(maxDifference(b, x) < 1e-10)
    }

    /// The block pattern of a scalar pattern made of 2×2 blocks, and the values block by block
    /// (row-major), as `NewtonRaphsonKernel` fills them for `BlockSparseLU.analyzeBlocks`.
    static func blocks(_ pattern: SparsePattern, _ values: [Double]) -> (SparsePattern, [Double]) {
        let n = pattern.columns / 2
        var start = [Int32](repeating: 0, count: n + 1), rows = [Int32](), blockValues = [Double]()
        for k in 0..<n {
            let a = Int(pattern.columnStart[2 * k]), b = Int(pattern.columnStart[2 * k + 1])
            for p in stride(from: a, to: b, by: 2) {
                rows.append(pattern.rowIndex[p] / 2)
                blockValues += [values[p], values[p + b - a], values[p + 1], values[p + 1 + b - a]]
            }
            start[k + 1] = Int32(rows.count)
        }
        return (SparsePattern(rows: n, columns: n, columnStart: start, rowIndex: rows), blockValues)
    }

    @Test("the block LU on values given block by block (analyzeBlocks) solves as on the scalar pattern")
    func blockLayout() throws {
        let (pattern, values) = Self.blockMatrix(n: 50, seed: 21)
        let (blockPattern, blockValues) = Self.blocks(pattern, values)
        var random = Sequence(state: 4)
        let x = (0..<100).map { _ in random.next() }
        var b = Self.multiply(pattern, values, x)
        let solver = BlockSparseLU()
        try solver.analyzeBlocks(blockPattern)
        try blockValues.withUnsafeBufferPointer { try solver.factor($0) }
        try b.withUnsafeMutableBufferPointer { try solver.solve($0) }
        #expect(maxDifference(b, x) < 1e-10)
        #expect(maxDifference(b, try Self.solve(BlockSparseLU(), pattern, values, Self.multiply(pattern, values, x))) < 1e-13)
    }

    /// The 2n × 2n block matrix of `pattern`/`values` plus the row-major 4×4 `update` in the rows
    /// and columns of blocks `a` and `b`, dense (column-major) in a full pattern: the reference
    /// dense LAPACK solves.
    static func denseUpdated(_ pattern: SparsePattern, _ values: [Double], n: Int, blocks a: Int, _ b: Int,
                             update: [Double]) -> (SparsePattern, [Double]) {
        var dense = [Double](repeating: 0, count: 4 * n * n)
        for j in 0..<2 * n {
            for p in Int(pattern.columnStart[j])..<Int(pattern.columnStart[j + 1]) { dense[j * 2 * n + Int(pattern.rowIndex[p])] = values[p] }
        }
        let index = [2 * a, 2 * a + 1, 2 * b, 2 * b + 1]
        for r in 0..<4 { for c in 0..<4 { dense[index[c] * 2 * n + index[r]] += update[4 * r + c] } }
        let full = SparsePattern(rows: 2 * n, columns: 2 * n, columnStart: (0...2 * n).map { Int32($0 * 2 * n) },
                                 rowIndex: (0..<4 * n * n).map { Int32($0 % (2 * n)) })
        return (full, dense)
    }

    @Test("a rank-4 update in two blocks' rows and columns, solved on the factors before it (Sherman–Morrison–Woodbury), agrees with dense LAPACK on the updated matrix",
          arguments: [(0, 1), (5, 23), (39, 2)])
    func modifiedSolve(a: Int, b: Int) throws {
        let n = 40
        let (pattern, values) = Self.blockMatrix(n: n, seed: 8)
        var random = Sequence(state: UInt64(17 + a + b))
        let update = (0..<16).map { _ in 2 * random.next() }
        let (full, dense) = Self.denseUpdated(pattern, values, n: n, blocks: a, b, update: update)
        let rhs = (0..<2 * n).map { _ in random.next() }
        let expected = try Self.solve(DenseLUSolver(), full, dense, rhs)
        let solver = BlockSparseLU()
        _ = try Self.solve(solver, pattern, values, rhs)
        var x = rhs
        try update.withUnsafeBufferPointer { m in
            try x.withUnsafeMutableBufferPointer { try solver.solveModified($0, blocks: a, b, update: m.baseAddress!) }
        }
        #expect(maxDifference(x, expected) < 1e-11)
        // The factors are those of the matrix before the update: a plain solve still solves it.
        var plain = Self.multiply(pattern, values, rhs)
        try plain.withUnsafeMutableBufferPointer { try solver.solve($0) }
        #expect(maxDifference(plain, rhs) < 1e-10)
    }

    @Test("one prepared rank-4 update solves several right-hand sides (the chord steps of an outage) as dense LAPACK, also when K needs row exchanges; a new factorization drops it",
          arguments: [(3, 17), (30, 4)])
    func preparedModification(a: Int, b: Int) throws {
        let n = 40
        let (pattern, values) = Self.blockMatrix(n: n, seed: 13)
        var random = Sequence(state: UInt64(5 + a * b))
        // A large update: I + M SᵀT far from the identity, so the 4×4 elimination pivots.
        var update = (0..<16).map { _ in 50 * random.next() }
        update[0] = 1e-3
        let (full, dense) = Self.denseUpdated(pattern, values, n: n, blocks: a, b, update: update)
        let solver = BlockSparseLU()
        _ = try Self.solve(solver, pattern, values, (0..<2 * n).map { Double($0) })
        try update.withUnsafeBufferPointer { m in try solver.prepareModified(blocks: a, b, update: m.baseAddress!) }
        for _ in 0..<3 {
            let rhs = (0..<2 * n).map { _ in random.next() }
            let expected = try Self.solve(DenseLUSolver(), full, dense, rhs)
            var x = rhs
            try x.withUnsafeMutableBufferPointer { try solver.solvePrepared($0) }
            #expect(maxDifference(x, expected) < 1e-10 * max(1, expected.map(abs).max()!))
            // The one-call form gives the same bits.
            var y = rhs
            try update.withUnsafeBufferPointer { m in
                try y.withUnsafeMutableBufferPointer { try solver.solveModified($0, blocks: a, b, update: m.baseAddress!) }
            }
            #expect(y == x)
        }
        try values.withUnsafeBufferPointer { try solver.factor($0) }
        var z = [Double](repeating: 1, count: 2 * n)
        #expect(throws: LinearSolverError.notReady) { try z.withUnsafeMutableBufferPointer { try solver.solvePrepared($0) } }
    }

    @Test("a singular diagonal block stops the block LU; KLU pivots past it")
    func singularBlock() throws {
        let (pattern, values) = Self.blockMatrix(n: 30, seed: 11, pendantZeroBlock: true)
        let x = (0..<62).map { Double($0 % 5) }
        let b = Self.multiply(pattern, values, x)
        #expect(throws: LinearSolverError.singular) { try Self.solve(BlockSparseLU(), pattern, values, b) }
        #expect(maxDifference(try Self.solve(KLUSolver(), pattern, values, b), x) < 1e-9)
    }

    @Test("a pattern that is not made of 2×2 blocks is refused")
    func notBlocks() {
        let pattern = SparsePattern(rows: 3, columns: 3, entries: [(0, 0), (1, 1), (2, 2)])
        #expect(throws: LinearSolverError.self) { try BlockSparseLU().analyze(pattern) }
    }
}
