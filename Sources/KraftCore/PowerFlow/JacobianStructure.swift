/// The sparsity pattern of the polar Newton–Raphson Jacobian for one bus classification, and where
/// each admittance entry's derivatives land in its value array.
///
/// Rows are active-power equations (PV and PQ buses, plus reference buses under distributed
/// slack) followed by reactive-power equations (PQ buses). Columns are angles (PV and PQ buses),
/// then magnitudes (PQ buses), then one slack-share variable per island under distributed slack.
/// In the bus-block layout (for the block LU) every bus has both unknowns and both equations, at
/// `2i` and `2i + 1`, so each admittance entry is one 2×2 block; an unknown that is fixed (the
/// angle of a reference bus, the magnitude of a PV bus) keeps an identity row and column.
///
/// The admittance entry (i, k) affects at most four Jacobian entries — ∂P_i/∂θ_k, ∂Q_i/∂θ_k,
/// ∂P_i/∂|V_k|, ∂Q_i/∂|V_k|. In the reduced layout their positions are stored per admittance
/// entry, pointing at a spare slot past the end when the entry does not exist, so the refill loop
/// is branch-free; in the bus-block layout they are the entry's own block of four values.
struct JacobianStructure {
    /// Unknowns, equal to equations.
    let size: Int
    /// Entries of the value array the linear solver reads.
    let nonzeros: Int
    /// Row of bus i's P and Q equation, −1 when it has none.
    let pRow: [Int32], qRow: [Int32]
    /// Column of bus k's angle and magnitude, −1 when fixed.
    let angleColumn: [Int32], magnitudeColumn: [Int32]
    /// Column of the slack-share variable of each island under distributed slack, else empty.
    let slackColumn: [Int32]
    /// Reduced layout only: per admittance entry, the positions of ∂P/∂θ, ∂Q/∂θ, ∂P/∂|V|, ∂Q/∂|V|
    /// in the value array. In the bus-block layout they are 4e, 4e+2, 4e+1, 4e+3 for entry e, so
    /// no array is kept.
    let pa: [Int32], qa: [Int32], pm: [Int32], qm: [Int32]
    /// Bus-block layout only: the admittance pattern, whose entry e is the Jacobian's 2×2 block
    /// at values 4e…4e+3 (row-major: ∂P/∂θ, ∂P/∂|V|, ∂Q/∂θ, ∂Q/∂|V|) — the block LU's input.
    let blockPattern: SparsePattern?
    /// Reduced layout only: the scalar pattern (KLU's and dense LAPACK's input). The bus-block
    /// layout writes its own out in `scalarLayout()` when KLU needs it: four times the admittance
    /// pattern's entries twice over, which a cold solve would otherwise allocate and never read.
    private let reducedPattern: SparsePattern?
    /// Positions and values of constant entries: slack shares (−participation) and the identity
    /// entries of fixed unknowns in the bus-block layout.
    let constantEntries: [ConstantEntry]

    struct ConstantEntry {
        let position: Int32
        let value: Double
    }

    /// Value-array length: the pattern's entries plus one spare slot for absent derivatives.
    var valueCount: Int { nonzeros + 1 }

    /// - Parameter participation: per bus, its share of its island's slack (summing to 1 per
    ///   island), or nil for a single slack per island.
    /// - Parameter busBlocks: use the bus-block layout (single slack only).
    init(ybus: AdmittanceMatrix, buses: BusClassification, participation: [Double]?, busBlocks: Bool = false) {
        precondition(!busBlocks || participation == nil, "the bus-block layout has no slack-share unknowns")
        let n = ybus.busCount
        var pRow = [Int32](repeating: -1, count: n), qRow = pRow, aCol = pRow, mCol = pRow
        let pvpq = Self.ascendingUnion(buses.pv, buses.pq)
        // Under distributed slack the first reference bus of each island gets its P equation back;
        // further reference buses of an island keep a free injection, as without it.
        var pBuses = pvpq
        if participation != nil {
            var seen = Set<Int>()
            for r in buses.ref where seen.insert(buses.island[r]).inserted { pBuses.append(r) }
            pBuses.sort()
        }
        if busBlocks {
            for i in pvpq { pRow[i] = Int32(2 * i); aCol[i] = Int32(2 * i) }
            for i in buses.pq { qRow[i] = Int32(2 * i + 1); mCol[i] = Int32(2 * i + 1) }
        } else {
            for (r, i) in pBuses.enumerated() { pRow[i] = Int32(r) }
            for (r, i) in buses.pq.enumerated() { qRow[i] = Int32(pBuses.count + r) }
            for (c, k) in pvpq.enumerated() { aCol[k] = Int32(c) }
            for (c, k) in buses.pq.enumerated() { mCol[k] = Int32(pvpq.count + c) }
        }
        var slackColumn = [Int32]()
        if participation != nil {
            slackColumn = (0..<buses.islandCount).map { Int32(pvpq.count + buses.pq.count + $0) }
        }
        let size = busBlocks ? 2 * n : pBuses.count + buses.pq.count

        self.size = size
        self.pRow = pRow; self.qRow = qRow
        self.angleColumn = aCol; self.magnitudeColumn = mCol
        self.slackColumn = slackColumn
        if busBlocks {
            // Entry e's block is values 4e…4e+3: nothing to write out but the identity entries
            // of fixed unknowns on the diagonal blocks.
            var constantEntries = [ConstantEntry]()
            for i in 0..<n {
                let d = 4 * Int32(ybus.diagonal[i])
                if pRow[i] < 0 { constantEntries.append(ConstantEntry(position: d, value: 1)) }
                if qRow[i] < 0 { constantEntries.append(ConstantEntry(position: d + 3, value: 1)) }
            }
            nonzeros = 4 * ybus.pattern.nonzeros
            pa = []; qa = []; pm = []; qm = []
            self.constantEntries = constantEntries
            blockPattern = ybus.pattern
            reducedPattern = nil
            return
        }

        let cs = ybus.pattern.columnStart, ri = ybus.pattern.rowIndex
        let nnzY = ybus.pattern.nonzeros
        var entries = [(row: Int, column: Int)]()
        entries.reserveCapacity(4 * ybus.pattern.nonzeros)
        for k in 0..<n where aCol[k] >= 0 || mCol[k] >= 0 {
            // Row by row, not `for row in [p, q]`: that literal allocates once per entry.
            func add(_ row: Int32) {
                guard row >= 0 else { return }
                if aCol[k] >= 0 { entries.append((Int(row), Int(aCol[k]))) }
                if mCol[k] >= 0 { entries.append((Int(row), Int(mCol[k]))) }
            }
            for p in Int(cs[k])..<Int(cs[k + 1]) {
                let i = Int(ri[p])
                add(pRow[i]); add(qRow[i])
            }
        }
        if let participation {
            for i in 0..<n where participation[i] != 0 && buses.island[i] >= 0 && pRow[i] >= 0 {
                entries.append((Int(pRow[i]), Int(slackColumn[buses.island[i]])))
            }
        }
        let pattern = SparsePattern(rows: size, columns: size, entries: entries)
        let spare = Int32(pattern.nonzeros)
        func at(_ row: Int32, _ column: Int32) -> Int32 {
            row < 0 || column < 0 ? spare : Int32(pattern.position(row: Int(row), column: Int(column))!)
        }
        var pa = [Int32](), qa = [Int32](), pm = [Int32](), qm = [Int32]()
        pa.reserveCapacity(nnzY); qa.reserveCapacity(nnzY); pm.reserveCapacity(nnzY); qm.reserveCapacity(nnzY)
        for k in 0..<n {
            for p in Int(cs[k])..<Int(cs[k + 1]) {
                let i = Int(ri[p])
                pa.append(at(pRow[i], aCol[k])); qa.append(at(qRow[i], aCol[k]))
                pm.append(at(pRow[i], mCol[k])); qm.append(at(qRow[i], mCol[k]))
            }
        }
        var constantEntries = [ConstantEntry]()
        if let participation {
            for i in 0..<n where participation[i] != 0 && buses.island[i] >= 0 && pRow[i] >= 0 {
                constantEntries.append(ConstantEntry(position: at(pRow[i], slackColumn[buses.island[i]]), value: -participation[i]))
            }
        }
        self.nonzeros = pattern.nonzeros
        self.reducedPattern = pattern
        self.pa = pa; self.qa = qa; self.pm = pm; self.qm = qm
        self.constantEntries = constantEntries
        self.blockPattern = nil
        precondition(pattern.columns == size)
    }

    /// The buses of `a` and `b` (disjoint) in ascending order: merged when each is ascending, as
    /// a classification lists them, sorted otherwise. Not `(a + b).sorted()`: the standard
    /// library's sort of more than 20 elements allocates an array of ranges, whose type metadata
    /// the runtime builds from its mangled name at first use, in a cold solve.
    static func ascendingUnion(_ a: [Int], _ b: [Int]) -> [Int] {
        func ascending(_ x: [Int]) -> Bool {
            for k in x.indices.dropFirst() where x[k - 1] >= x[k] { return false }
            return true
        }
        guard ascending(a) && ascending(b) else { return (a + b).sorted() }
        var merged = [Int]()
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { merged.append(a[i]); i += 1 } else { merged.append(b[j]); j += 1 }
        }
        return merged
    }

    /// The scalar pattern of the layout (KLU's input) and, in the bus-block layout, the position
    /// in it of each value 4e…4e+3 (nil in the reduced layout, whose values are in that order).
    func scalarLayout() -> (pattern: SparsePattern, position: [Int32]?) {
        if let reducedPattern { return (reducedPattern, nil) }
        // Column 2k and 2k+1 hold rows 2i and 2i+1 for every row i of the admittance matrix's
        // column k (sorted, so these are too), and entry p of that column lands at fixed offsets.
        let y = blockPattern!
        let n = y.columns, nnzY = y.nonzeros
        var start = [Int32](repeating: 0, count: 2 * n + 1), rows = [Int32](repeating: 0, count: 4 * nnzY)
        var position = [Int32](repeating: 0, count: 4 * nnzY)
        for k in 0..<n {
            let a = Int(y.columnStart[k]), length = Int(y.columnStart[k + 1]) - a
            let angle = 4 * a, magnitude = 4 * a + 2 * length
            start[2 * k + 1] = Int32(magnitude)
            start[2 * k + 2] = Int32(magnitude + 2 * length)
            for o in 0..<length {
                let i = y.rowIndex[a + o], e = a + o
                rows[angle + 2 * o] = 2 * i; rows[angle + 2 * o + 1] = 2 * i + 1
                rows[magnitude + 2 * o] = 2 * i; rows[magnitude + 2 * o + 1] = 2 * i + 1
                position[4 * e] = Int32(angle + 2 * o); position[4 * e + 1] = Int32(magnitude + 2 * o)
                position[4 * e + 2] = Int32(angle + 2 * o + 1); position[4 * e + 3] = Int32(magnitude + 2 * o + 1)
            }
        }
        return (SparsePattern(rows: size, columns: size, columnStart: start, rowIndex: rows), position)
    }
}
