import CKLU

/// Sparse LU of a matrix made of 2×2 blocks on a structurally symmetric block pattern — the
/// shape of a power-flow Jacobian written bus by bus — in the manner of power-grid-model's
/// block LU solver.
///
/// - **Ordering**: minimum degree on the block graph, which is the bus graph: half the size of
///   the scalar Jacobian's graph, so the analysis is cheap. Exact minimum degree up to a few
///   hundred buses (`MinimumDegreeOrdering`), approximate minimum degree (SuiteSparse AMD) above.
/// - **Symbolic factorization** once per pattern: the elimination tree and the row patterns of
///   L and U (structurally symmetric), so the numeric phase allocates nothing.
/// - **Numeric factorization** row by row (the IKJ form of Gaussian elimination) with 2×2 block
///   arithmetic and no pivoting between blocks: each diagonal block is inverted directly. A
///   diagonal block that is singular to working precision throws `.singular`, and the caller
///   falls back to KLU, which pivots.
///
/// The scalar pattern given to `analyze` must consist of full 2×2 blocks: columns `2k` and
/// `2k+1` hold the same rows, which come in pairs `2i, 2i+1`.
public final class BlockSparseLU: LinearSolver {
    public let name = "block"

    private var n = 0
    /// Block ordering: `order[new] = old`, `position[old] = new`.
    private var order: [Int32] = []
    private var position: [Int32] = []
    /// Rows of L (strictly lower, ascending columns) and of U (strictly upper, ascending).
    private var lowerStart: [Int32] = [], lowerColumn: [Int32] = []
    private var upperStart: [Int32] = [], upperColumn: [Int32] = []
    /// The matrix's blocks by permuted row: column (permuted) and the block's number in the
    /// value layout, whose four values (row-major: (0,0), (0,1), (1,0), (1,1)) are 4s…4s+3.
    private var matrixStart: [Int32] = [], matrixColumn: [Int32] = [], matrixSource: [Int32] = []
    /// After `analyze` (values in the scalar pattern's order): the scalar positions of block s's
    /// four values at 4s…4s+3, and the buffer a factorization gathers them into. Empty after
    /// `analyzeBlocks`, whose values come in the block layout already.
    private var scalarGather: [Int32] = []
    private var gathered: [Double] = []
    /// Factor values, four per block, row-major 2×2.
    private var lower: [Double] = [], upper: [Double] = [], inverseDiagonal: [Double] = []
    private var work: [Double] = []
    private var factored = false
    /// Elimination tree (permuted block indices, −1 at a root) and, per entry of U's rows, the
    /// position in `lower` of its mirror entry of L: L by columns, for sparse right-hand sides.
    private var parent: [Int32] = []
    private var lowerOfUpper: [Int32] = []

    public init() {}

    /// Analysis for values given block by block: `blocks` is the block pattern (square, CSC,
    /// structurally symmetric, rows sorted), and a factorization takes 4 values per block entry
    /// in its order, each block row-major — the layout `NewtonRaphsonKernel` fills.
    public func analyzeBlocks(_ blocks: SparsePattern) throws(LinearSolverError) {
        factored = false
        guard blocks.rows == blocks.columns else { throw .backend("block LU: the block pattern is not square") }
        n = blocks.columns
        scalarGather = []
        gathered = []
        try analyze(blockStart: blocks.columnStart, blockRow: blocks.rowIndex)
    }

    public func analyze(_ pattern: SparsePattern) throws(LinearSolverError) {
        factored = false
        guard pattern.columns % 2 == 0, pattern.rows == pattern.columns else {
            throw .backend("block LU: the matrix is not made of 2×2 blocks")
        }
        n = pattern.columns / 2
        // Block pattern (CSC over blocks) and each block's scalar positions.
        var blockStart = [Int32](repeating: 0, count: n + 1)
        var blockRow = [Int32](), blockSource = [Int32]()
        blockRow.reserveCapacity(pattern.nonzeros / 4)
        blockSource.reserveCapacity(pattern.nonzeros)
        for k in 0..<n {
            let a = Int(pattern.columnStart[2 * k]), b = Int(pattern.columnStart[2 * k + 1])
            let c = Int(pattern.columnStart[2 * k + 2])
            guard b - a == c - b, (b - a) % 2 == 0 else { throw .backend("block LU: the matrix is not made of 2×2 blocks") }
            var p = a
            while p < b {
                let r = pattern.rowIndex[p]
                guard r % 2 == 0, pattern.rowIndex[p + 1] == r + 1, pattern.rowIndex[p + b - a] == r,
                      pattern.rowIndex[p + 1 + b - a] == r + 1 else {
                    throw .backend("block LU: the matrix is not made of 2×2 blocks")
                }
                blockRow.append(r / 2)
                // (0,0), (0,1), (1,0), (1,1) of the block.
                blockSource.append(Int32(p)); blockSource.append(Int32(p + b - a))
                blockSource.append(Int32(p + 1)); blockSource.append(Int32(p + 1 + b - a))
                p += 2
            }
            blockStart[k + 1] = Int32(blockRow.count)
        }
        scalarGather = blockSource
        gathered = [Double](repeating: 0, count: blockSource.count)
        try analyze(blockStart: blockStart, blockRow: blockRow)
    }

    /// The analysis proper, on the block pattern (`n` blocks), block p's values at 4p…4p+3.
    private func analyze(blockStart: [Int32], blockRow: [Int32]) throws(LinearSolverError) {
        let n = self.n

        // Fill-reducing order on the block graph: exact minimum degree on a small one (AMD's
        // bookkeeping would cost more than the ordering, see `MinimumDegreeOrdering`), AMD above
        // (it reads the pattern in place: no copies).
        order = [Int32](repeating: 0, count: n)
        if n <= MinimumDegreeOrdering.largestOrder {
            blockStart.withUnsafeBufferPointer { start in
            blockRow.withUnsafeBufferPointer { row in
            order.withUnsafeMutableBufferPointer { order in
                MinimumDegreeOrdering.order(n: n, start: start, index: row, into: order)
            }}}
        } else {
            let status = amd_order(Int32(n), blockStart, blockRow, &order, nil, nil)
            if status != AMD_OK && status != AMD_OK_BUT_JUMBLED {
                order = (0..<Int32(n)).map { $0 }
            }
        }
        position = [Int32](repeating: 0, count: n)
        for (new, old) in order.enumerated() { position[Int(old)] = Int32(new) }

        // The matrix by permuted rows. The pattern is structurally symmetric, so column k of the
        // original lists the rows i whose row (in the permuted matrix) holds column k. Built in
        // local arrays through unsafe pointers: a class's array property written entry by entry
        // pays an exclusivity and a uniqueness check per write.
        let blocks = blockRow.count
        var aStart = [Int32](repeating: 0, count: n + 1)
        var aColumn = [Int32](repeating: 0, count: blocks), aSource = [Int32](repeating: 0, count: blocks)
        var parent = [Int32](repeating: -1, count: n)
        var lStart = [Int32](repeating: 0, count: n + 1), lColumn = [Int32]()
        lColumn.reserveCapacity(2 * blocks)
        position.withUnsafeBufferPointer { position in
        blockStart.withUnsafeBufferPointer { blockStart in
        blockRow.withUnsafeBufferPointer { blockRow in
        aStart.withUnsafeMutableBufferPointer { aStart in
        aColumn.withUnsafeMutableBufferPointer { aColumn in
        aSource.withUnsafeMutableBufferPointer { aSource in
        parent.withUnsafeMutableBufferPointer { parent in
            for p in 0..<blocks { aStart[Int(position[Int(blockRow[p])]) + 1] += 1 }
            for i in 0..<n { aStart[i + 1] += aStart[i] }
            let work = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2 * max(n, 1))
            defer { work.deallocate() }
            let fill = UnsafeMutableBufferPointer(rebasing: work[0..<n])
            for i in 0..<n { fill[i] = aStart[i] }
            for k in 0..<n {
                for p in Int(blockStart[k])..<Int(blockStart[k + 1]) {
                    let i = Int(position[Int(blockRow[p])])
                    let q = Int(fill[i])
                    fill[i] += 1
                    aColumn[q] = position[k]
                    aSource[q] = Int32(p)
                }
            }

            // Elimination tree (Liu's algorithm, `fill` reused as the ancestors) and the row
            // patterns of L (row reaches in the tree, each sorted).
            let ancestor = fill
            for i in 0..<n { ancestor[i] = -1 }
            for i in 0..<n {
                for q in Int(aStart[i])..<Int(aStart[i + 1]) {
                    var r = Int(aColumn[q])
                    guard r < i else { continue }
                    while ancestor[r] != -1 && ancestor[r] != Int32(i) {
                        let next = Int(ancestor[r])
                        ancestor[r] = Int32(i)
                        r = next
                    }
                    if ancestor[r] == -1 { ancestor[r] = Int32(i); parent[r] = Int32(i) }
                }
            }
            let mark = fill, reach = UnsafeMutableBufferPointer(rebasing: work[n..<2 * n])
            for i in 0..<n { mark[i] = -1 }
            for i in 0..<n {
                var count = 0
                mark[i] = Int32(i)
                for q in Int(aStart[i])..<Int(aStart[i + 1]) {
                    var r = Int(aColumn[q])
                    while r < i && mark[r] != Int32(i) {
                        mark[r] = Int32(i)
                        reach[count] = Int32(r)
                        count += 1
                        r = Int(parent[r])
                        if r < 0 { break }
                    }
                }
                var row = UnsafeMutableBufferPointer(rebasing: reach[0..<count])
                row.sort()
                lColumn.append(contentsOf: row)
                lStart[i + 1] = Int32(lColumn.count)
            }
        }}}}}}}
        matrixStart = aStart; matrixColumn = aColumn; matrixSource = aSource
        lowerStart = lStart
        lowerColumn = lColumn
        // U's rows are L's columns: row k of U holds every i > k whose L row holds k.
        var uStart = [Int32](repeating: 0, count: n + 1)
        var uColumn = [Int32](repeating: 0, count: lColumn.count), uToL = [Int32](repeating: 0, count: lColumn.count)
        lColumn.withUnsafeBufferPointer { lColumn in
        uStart.withUnsafeMutableBufferPointer { uStart in
        uColumn.withUnsafeMutableBufferPointer { uColumn in
        uToL.withUnsafeMutableBufferPointer { uToL in
            for k in lColumn { uStart[Int(k) + 1] += 1 }
            for i in 0..<n { uStart[i + 1] += uStart[i] }
            let uFill = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(n, 1))
            defer { uFill.deallocate() }
            for i in 0..<n { uFill[i] = uStart[i] }
            for i in 0..<n {
                for q in Int(lStart[i])..<Int(lStart[i + 1]) {
                    let k = Int(lColumn[q])
                    uColumn[Int(uFill[k])] = Int32(i)
                    uToL[Int(uFill[k])] = Int32(q)
                    uFill[k] += 1
                }
            }
        }}}}
        upperStart = uStart
        upperColumn = uColumn
        lowerOfUpper = uToL
        self.parent = parent
        lower = [Double](repeating: 0, count: 4 * lColumn.count)
        upper = [Double](repeating: 0, count: 4 * lColumn.count)
        inverseDiagonal = [Double](repeating: 0, count: 4 * n)
        work = [Double](repeating: 0, count: 4 * max(n, 1))
    }

    public func factor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError) {
        guard !scalarGather.isEmpty else { return try factorBlocks(values) }
        let count = scalarGather.count
        try gathered.withUnsafeMutableBufferPointer { (gathered) throws(LinearSolverError) in
            scalarGather.withUnsafeBufferPointer { gather in
                for v in 0..<count { gathered[v] = values[Int(gather[v])] }
            }
            try factorBlocks(UnsafeBufferPointer(gathered))
        }
    }

    /// The numeric factorization of values in the block layout (block s at 4s…4s+3).
    private func factorBlocks(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError) {
        factored = false
        prepared = false
        let n = self.n
        var singular = false
        matrixStart.withUnsafeBufferPointer { aStart in
        matrixColumn.withUnsafeBufferPointer { aColumn in
        matrixSource.withUnsafeBufferPointer { aSource in
        lowerStart.withUnsafeBufferPointer { lStart in
        lowerColumn.withUnsafeBufferPointer { lColumn in
        upperStart.withUnsafeBufferPointer { uStart in
        upperColumn.withUnsafeBufferPointer { uColumn in
        lower.withUnsafeMutableBufferPointer { l in
        upper.withUnsafeMutableBufferPointer { u in
        inverseDiagonal.withUnsafeMutableBufferPointer { d in
        work.withUnsafeMutableBufferPointer { w in
            for i in 0..<n {
                // Clear the workspace over row i's pattern and scatter row i of the matrix.
                for q in Int(lStart[i])..<Int(lStart[i + 1]) { let j = 4 * Int(lColumn[q]); w[j] = 0; w[j + 1] = 0; w[j + 2] = 0; w[j + 3] = 0 }
                for q in Int(uStart[i])..<Int(uStart[i + 1]) { let j = 4 * Int(uColumn[q]); w[j] = 0; w[j + 1] = 0; w[j + 2] = 0; w[j + 3] = 0 }
                w[4 * i] = 0; w[4 * i + 1] = 0; w[4 * i + 2] = 0; w[4 * i + 3] = 0
                for q in Int(aStart[i])..<Int(aStart[i + 1]) {
                    let j = 4 * Int(aColumn[q]), s = 4 * Int(aSource[q])
                    w[j] = values[s]; w[j + 1] = values[s + 1]
                    w[j + 2] = values[s + 2]; w[j + 3] = values[s + 3]
                }
                // Eliminate with the rows above: L_ik = w_k D_k⁻¹, then w_j −= L_ik U_kj.
                for q in Int(lStart[i])..<Int(lStart[i + 1]) {
                    let k = Int(lColumn[q]), wk = 4 * k, dk = 4 * k
                    let a = w[wk], b = w[wk + 1], c = w[wk + 2], e = w[wk + 3]
                    let l0 = a * d[dk] + b * d[dk + 2], l1 = a * d[dk + 1] + b * d[dk + 3]
                    let l2 = c * d[dk] + e * d[dk + 2], l3 = c * d[dk + 1] + e * d[dk + 3]
                    l[4 * q] = l0; l[4 * q + 1] = l1; l[4 * q + 2] = l2; l[4 * q + 3] = l3
                    for r in Int(uStart[k])..<Int(uStart[k + 1]) {
                        let j = 4 * Int(uColumn[r]), v = 4 * r
                        let u0 = u[v], u1 = u[v + 1], u2 = u[v + 2], u3 = u[v + 3]
                        w[j] -= l0 * u0 + l1 * u2
                        w[j + 1] -= l0 * u1 + l1 * u3
                        w[j + 2] -= l2 * u0 + l3 * u2
                        w[j + 3] -= l2 * u1 + l3 * u3
                    }
                }
                // Invert the diagonal block; store row i of U.
                let di = 4 * i
                let a = w[di], b = w[di + 1], c = w[di + 2], e = w[di + 3]
                let det = a * e - b * c
                let scale = max(abs(a), abs(b), abs(c), abs(e))
                if !(abs(det) > 1e-14 * scale * scale) { singular = true; return }
                d[di] = e / det; d[di + 1] = -b / det; d[di + 2] = -c / det; d[di + 3] = a / det
                for q in Int(uStart[i])..<Int(uStart[i + 1]) {
                    let j = 4 * Int(uColumn[q])
                    u[4 * q] = w[j]; u[4 * q + 1] = w[j + 1]; u[4 * q + 2] = w[j + 2]; u[4 * q + 3] = w[j + 3]
                }
            }
        }}}}}}}}}}}
        if singular { throw .singular }
        factored = true
    }

    public func refactor(_ values: UnsafeBufferPointer<Double>) throws(LinearSolverError) {
        try factor(values)
    }

    /// The forward solve `y = L⁻¹ rhs` over the block rows in pivot order (`rhs` read through
    /// `order`): the head `solve` and `solveModified` share.
    @inline(__always)
    private static func forwardSolve(_ n: Int, lStart: UnsafeBufferPointer<Int32>, lColumn: UnsafeBufferPointer<Int32>,
                                     l: UnsafeBufferPointer<Double>, order: UnsafeBufferPointer<Int32>,
                                     rhs: UnsafeMutableBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<n {
            let old = 2 * Int(order[i])
            var y0 = rhs[old], y1 = rhs[old + 1]
            for q in Int(lStart[i])..<Int(lStart[i + 1]) {
                let k = 2 * Int(lColumn[q]), v = 4 * q
                y0 -= l[v] * y[k] + l[v + 1] * y[k + 1]
                y1 -= l[v + 2] * y[k] + l[v + 3] * y[k + 1]
            }
            y[2 * i] = y0; y[2 * i + 1] = y1
        }
    }

    /// The backward solve `U x = y` over the block rows, last to first (each row's 2×2 pivot
    /// inverse in `d`), then `x` put back in the original order into `rhs`: the tail `solve` and
    /// `solveModified` share.
    @inline(__always)
    private static func backwardSolve(_ n: Int, uStart: UnsafeBufferPointer<Int32>, uColumn: UnsafeBufferPointer<Int32>,
                                      u: UnsafeBufferPointer<Double>, d: UnsafeBufferPointer<Double>, order: UnsafeBufferPointer<Int32>,
                                      y: UnsafeMutableBufferPointer<Double>, into rhs: UnsafeMutableBufferPointer<Double>) {
        for i in stride(from: n - 1, through: 0, by: -1) {
            var y0 = y[2 * i], y1 = y[2 * i + 1]
            for q in Int(uStart[i])..<Int(uStart[i + 1]) {
                let j = 2 * Int(uColumn[q]), v = 4 * q
                y0 -= u[v] * y[j] + u[v + 1] * y[j + 1]
                y1 -= u[v + 2] * y[j] + u[v + 3] * y[j + 1]
            }
            let di = 4 * i
            y[2 * i] = d[di] * y0 + d[di + 1] * y1
            y[2 * i + 1] = d[di + 2] * y0 + d[di + 3] * y1
        }
        for i in 0..<n {
            let old = 2 * Int(order[i])
            rhs[old] = y[2 * i]; rhs[old + 1] = y[2 * i + 1]
        }
    }

    public func solve(_ rhs: UnsafeMutableBufferPointer<Double>) throws(LinearSolverError) {
        guard factored else { throw .notReady }
        let n = self.n
        order.withUnsafeBufferPointer { order in
        lowerStart.withUnsafeBufferPointer { lStart in
        lowerColumn.withUnsafeBufferPointer { lColumn in
        upperStart.withUnsafeBufferPointer { uStart in
        upperColumn.withUnsafeBufferPointer { uColumn in
        lower.withUnsafeBufferPointer { l in
        upper.withUnsafeBufferPointer { u in
        inverseDiagonal.withUnsafeBufferPointer { d in
        work.withUnsafeMutableBufferPointer { y in
            Self.forwardSolve(n, lStart: lStart, lColumn: lColumn, l: l, order: order, rhs: rhs, into: y)
            Self.backwardSolve(n, uStart: uStart, uColumn: uColumn, u: u, d: d, order: order, y: y, into: rhs)
        }}}}}}}}}
        for x in rhs where !x.isFinite { throw .singular }
    }

    /// A new instance with this one's symbolic analysis and no factorization: a second set of
    /// factors on the same pattern without a second analysis.
    public func copySymbolic() -> BlockSparseLU {
        let c = BlockSparseLU()
        c.n = n; c.order = order; c.position = position
        c.lowerStart = lowerStart; c.lowerColumn = lowerColumn; c.upperStart = upperStart; c.upperColumn = upperColumn
        c.matrixStart = matrixStart; c.matrixColumn = matrixColumn; c.matrixSource = matrixSource
        c.scalarGather = scalarGather; c.gathered = gathered
        c.parent = parent; c.lowerOfUpper = lowerOfUpper
        c.lower = [Double](repeating: 0, count: lower.count)
        c.upper = [Double](repeating: 0, count: upper.count)
        c.inverseDiagonal = [Double](repeating: 0, count: inverseDiagonal.count)
        c.work = [Double](repeating: 0, count: work.count)
        return c
    }

    // Workspace of the modified solves, allocated on first use: per permuted block, 2×4 values
    // of L⁻¹P and of Ũ⁻ᵀP, and a mark for the elimination-tree paths; the prepared update's path,
    // M, and K = I + M SᵀT factored (row-major LU, its row pivots).
    private var lowerPath: [Double] = [], upperPath: [Double] = []
    private var pathMark: [Int32] = [], pathStamp: Int32 = 0
    private var path: [Int32] = []
    private var modification = [Double](repeating: 0, count: 16)
    private var capacitance = [Double](repeating: 0, count: 16)
    private var capacitancePivot = [Int](repeating: 0, count: 4)
    private var prepared = false

    /// Solves `(A + P M Pᵀ) x = rhs` in place, where `A` is the factored matrix and `P` selects the
    /// scalar rows and columns `2a, 2a+1, 2b, 2b+1` of two distinct blocks `a`, `b` (unpermuted):
    /// the Sherman–Morrison–Woodbury formula on the factors of `A = L Ũ`,
    ///
    ///     x = Ũ⁻¹ (g − T c),  g = L⁻¹ rhs,  T = L⁻¹ P,  S = Ũ⁻ᵀ P,  c = (I + M SᵀT)⁻¹ M Sᵀ g,
    ///
    /// at the cost of one solve: `T` and `S` are nonzero only on the elimination-tree paths from
    /// `a` and `b` to the root (a column of L or a row of U holds ancestors only). The same as
    /// `prepareModified` then `solvePrepared`.
    /// - Parameter m: the 4×4 update `M`, row-major, rows and columns in the order above.
    public func solveModified(_ rhs: UnsafeMutableBufferPointer<Double>, blocks a: Int, _ b: Int,
                              update m: UnsafePointer<Double>) throws(LinearSolverError) {
        try prepareModified(blocks: a, b, update: m)
        try solvePrepared(rhs)
    }

    /// The part of `solveModified` that does not depend on the right-hand side: the paths, `T`,
    /// `S` and `K = I + M SᵀT` factored, kept until the next `prepareModified` or factorization,
    /// so that several right-hand sides (the steps of a chord iteration) each cost one solve.
    /// Throws `.singular` when `K` is singular to working precision.
    public func prepareModified(blocks a: Int, _ b: Int, update m: UnsafePointer<Double>) throws(LinearSolverError) {
        guard factored else { throw .notReady }
        precondition(a != b, "two distinct blocks")
        prepared = false
        let n = self.n
        if pathMark.count != n {
            pathMark = [Int32](repeating: 0, count: n); pathStamp = 0
            lowerPath = [Double](repeating: 0, count: 8 * n); upperPath = lowerPath
            path.reserveCapacity(64)
        }
        pathStamp &+= 1
        if pathStamp == 0 { for i in 0..<n { pathMark[i] = 0 }; pathStamp = 1 }
        let stamp = pathStamp
        path.removeAll(keepingCapacity: true)
        for start in [position[a], position[b]] {
            var k = Int(start)
            while k >= 0 && pathMark[k] != stamp {
                pathMark[k] = stamp
                path.append(Int32(k))
                k = Int(parent[k])
            }
        }
        path.sort()
        for e in 0..<16 { modification[e] = m[e] }
        var g4 = [Double](repeating: 0, count: 16)   // SᵀT
        var singular = false
        path.withUnsafeBufferPointer { path in
        lowerPath.withUnsafeMutableBufferPointer { t in
        upperPath.withUnsafeMutableBufferPointer { s in
        upperStart.withUnsafeBufferPointer { uStart in
        upperColumn.withUnsafeBufferPointer { uColumn in
        lowerOfUpper.withUnsafeBufferPointer { lOfU in
        lower.withUnsafeBufferPointer { l in
        upper.withUnsafeBufferPointer { u in
        inverseDiagonal.withUnsafeBufferPointer { d in
        capacitance.withUnsafeMutableBufferPointer { kk in
        capacitancePivot.withUnsafeMutableBufferPointer { pivot in
            // T and S start as P on the path (2×4 per block, row-major).
            for k in path { for e in 0..<8 { t[8 * Int(k) + e] = 0; s[8 * Int(k) + e] = 0 } }
            let pa = 8 * Int(position[a]), pb = 8 * Int(position[b])
            t[pa] = 1; t[pa + 5] = 1; t[pb + 2] = 1; t[pb + 7] = 1
            s[pa] = 1; s[pa + 5] = 1; s[pb + 2] = 1; s[pb + 7] = 1
            for k in path {
                let k = Int(k), tk = 8 * k
                // T: column k of the unit lower L, x_i −= L_ik x_k for the ancestors i.
                // S: z_k = D_k⁻ᵀ r_k, then r_j −= U_kjᵀ z_k.
                let dk = 4 * k
                for c in 0..<4 {
                    let r0 = s[tk + c], r1 = s[tk + 4 + c]
                    s[tk + c] = d[dk] * r0 + d[dk + 2] * r1
                    s[tk + 4 + c] = d[dk + 1] * r0 + d[dk + 3] * r1
                }
                for r in Int(uStart[k])..<Int(uStart[k + 1]) {
                    let i = 8 * Int(uColumn[r]), v = 4 * Int(lOfU[r]), w = 4 * r
                    let l0 = l[v], l1 = l[v + 1], l2 = l[v + 2], l3 = l[v + 3]
                    let u0 = u[w], u1 = u[w + 1], u2 = u[w + 2], u3 = u[w + 3]
                    for c in 0..<4 {
                        let x0 = t[tk + c], x1 = t[tk + 4 + c]
                        t[i + c] -= l0 * x0 + l1 * x1
                        t[i + 4 + c] -= l2 * x0 + l3 * x1
                        let z0 = s[tk + c], z1 = s[tk + 4 + c]
                        s[i + c] -= u0 * z0 + u2 * z1
                        s[i + 4 + c] -= u1 * z0 + u3 * z1
                    }
                }
            }
            // SᵀT over the path.
            for k in path {
                let k = Int(k), tk = 8 * k
                for r in 0..<4 {
                    let z0 = s[tk + r], z1 = s[tk + 4 + r]
                    for c in 0..<4 { g4[4 * r + c] += z0 * t[tk + c] + z1 * t[tk + 4 + c] }
                }
            }
            // K = I + M SᵀT, factored by Gaussian elimination with partial pivoting (rows
            // swapped in place, the pivot of each column kept).
            for r in 0..<4 {
                for c in 0..<4 {
                    var x = r == c ? 1.0 : 0.0
                    for j in 0..<4 { x += m[4 * r + j] * g4[4 * j + c] }
                    kk[4 * r + c] = x
                }
            }
            var scale = 0.0
            for x in kk { scale = Swift.max(scale, Swift.abs(x)) }
            for col in 0..<4 {
                var p = col
                for r in col + 1..<4 where Swift.abs(kk[4 * r + col]) > Swift.abs(kk[4 * p + col]) { p = r }
                guard Swift.abs(kk[4 * p + col]) > 1e-13 * scale else { singular = true; return }
                pivot[col] = p
                if p != col { for j in col..<4 { kk.swapAt(4 * col + j, 4 * p + j) } }
                for r in col + 1..<4 {
                    let f = kk[4 * r + col] / kk[4 * col + col]
                    kk[4 * r + col] = f
                    for j in col + 1..<4 { kk[4 * r + j] -= f * kk[4 * col + j] }
                }
            }
        }}}}}}}}}}}
        if singular { throw .singular }
        prepared = true
    }

    /// Solves `(A + P M Pᵀ) x = rhs` in place for the update of the last `prepareModified`.
    public func solvePrepared(_ rhs: UnsafeMutableBufferPointer<Double>) throws(LinearSolverError) {
        guard factored && prepared else { throw .notReady }
        let n = self.n
        path.withUnsafeBufferPointer { path in
        lowerPath.withUnsafeBufferPointer { t in
        upperPath.withUnsafeBufferPointer { s in
        order.withUnsafeBufferPointer { order in
        lowerStart.withUnsafeBufferPointer { lStart in
        lowerColumn.withUnsafeBufferPointer { lColumn in
        upperStart.withUnsafeBufferPointer { uStart in
        upperColumn.withUnsafeBufferPointer { uColumn in
        lower.withUnsafeBufferPointer { l in
        upper.withUnsafeBufferPointer { u in
        inverseDiagonal.withUnsafeBufferPointer { d in
        modification.withUnsafeBufferPointer { m in
        capacitance.withUnsafeBufferPointer { kk in
        capacitancePivot.withUnsafeBufferPointer { pivot in
        work.withUnsafeMutableBufferPointer { y in
            // Forward solve of the right-hand side, g = L⁻¹ rhs (permuted).
            Self.forwardSolve(n, lStart: lStart, lColumn: lColumn, l: l, order: order, rhs: rhs, into: y)
            // Sᵀg over the path, then M Sᵀg, then c = K⁻¹ M Sᵀg.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { buffer in
            let sg = UnsafeMutableBufferPointer(rebasing: buffer[0..<4]), c = UnsafeMutableBufferPointer(rebasing: buffer[4..<8])
            for r in 0..<8 { buffer[r] = 0 }
            for k in path {
                let k = Int(k), tk = 8 * k
                let y0 = y[2 * k], y1 = y[2 * k + 1]
                for r in 0..<4 { sg[r] += s[tk + r] * y0 + s[tk + 4 + r] * y1 }
            }
            for r in 0..<4 { for j in 0..<4 { c[r] += m[4 * r + j] * sg[j] } }
            for col in 0..<4 {
                if pivot[col] != col { c.swapAt(col, pivot[col]) }
                for r in col + 1..<4 { c[r] -= kk[4 * r + col] * c[col] }
            }
            for col in stride(from: 3, through: 0, by: -1) {
                var x = c[col]
                for j in col + 1..<4 { x -= kk[4 * col + j] * c[j] }
                c[col] = x / kk[4 * col + col]
            }
            // g −= T c on the path, then the backward solve Ũ x = g.
            for k in path {
                let k = Int(k), tk = 8 * k
                var c0 = 0.0, c1 = 0.0
                for e in 0..<4 { c0 += t[tk + e] * c[e]; c1 += t[tk + 4 + e] * c[e] }
                y[2 * k] -= c0; y[2 * k + 1] -= c1
            }
            }
            Self.backwardSolve(n, uStart: uStart, uColumn: uColumn, u: u, d: d, order: order, y: y, into: rhs)
        }}}}}}}}}}}}}}}
        for x in rhs where !x.isFinite { throw .singular }
    }
}
