/// The bus admittance matrix `Ybus = G + jB` in compressed-column form, as MATPOWER's `makeYbus`.
///
/// The pattern holds every branch, in service or not, so that switching a branch changes values
/// only and the symbolic factorizations built on this pattern stay valid. Each branch remembers
/// where its four entries live, so values can be refilled in O(branches).
public struct AdmittanceMatrix: Sendable {
    public let pattern: SparsePattern
    public private(set) var g: [Double]
    public private(set) var b: [Double]
    /// Position of each bus's diagonal entry.
    public let diagonal: [Int32]
    /// Positions of each branch's (from, from), (from, to), (to, from) and (to, to) entries.
    let branchFF: [Int32], branchFT: [Int32], branchTF: [Int32], branchTT: [Int32]

    public var busCount: Int { pattern.columns }

    /// Builds the matrix for `network` (branch statuses and shunts as they stand).
    public init(network: Network) {
        let shunt = network.busShunt()
        self.init(busCount: network.buses.count, branches: network.branches, shuntG: shunt.g, shuntB: shunt.b)
    }

    /// Builds the matrix from explicit branch data and bus shunts (p.u.), for the modified copies
    /// the fast-decoupled method needs.
    public init(busCount n: Int, branches: BranchTable, shuntG: [Double], shuntB: [Double]) {
        // The pattern in O(nnz), each entry's position found as it is written (no search): per
        // column, the raw entries as keys `row << 32 | slot` — slot 2l for branch l's (from, to),
        // which lies in column `to`, 2l + 1 for its (to, from), 2m + k for the diagonal (k, k) —
        // sorted by insertion (a column holds a bus's few neighbours) and merged.
        let m = branches.count
        var start = [Int32](repeating: 0, count: n + 1)
        var rowIndex = [Int32](repeating: 0, count: n + 2 * m)
        var slotPosition = [Int32](repeating: 0, count: 2 * m + n)
        var nonzeros = 0
        branches.from.withUnsafeBufferPointer { from in
        branches.to.withUnsafeBufferPointer { to in
        start.withUnsafeMutableBufferPointer { start in
        rowIndex.withUnsafeMutableBufferPointer { rowIndex in
        slotPosition.withUnsafeMutableBufferPointer { slotPosition in
            let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n + 2 * m)
            let next = UnsafeMutableBufferPointer<Int>.allocate(capacity: n + 1)
            defer { keys.deallocate(); next.deallocate() }
            for k in 0..<n { next[k + 1] = 1 }
            next[0] = 0
            for l in 0..<m { next[to[l] + 1] += 1; next[from[l] + 1] += 1 }
            for k in 0..<n { next[k + 1] += next[k] }
            func put(_ row: Int, _ column: Int, _ slot: Int) {
                keys[next[column]] = UInt64(row) << 32 | UInt64(slot)
                next[column] += 1
            }
            for k in 0..<n { put(k, k, 2 * m + k) }
            for l in 0..<m { put(from[l], to[l], 2 * l); put(to[l], from[l], 2 * l + 1) }
            var a = 0
            for k in 0..<n {
                let b = next[k]   // the fill pointer of column k ends where column k + 1 starts
                for p in a + 1..<b {   // b > a: every column holds its diagonal
                    let key = keys[p]
                    var q = p
                    while q > a && keys[q - 1] > key { keys[q] = keys[q - 1]; q -= 1 }
                    keys[q] = key
                }
                var lastRow: UInt64 = .max
                for p in a..<b {
                    let row = keys[p] >> 32
                    if row != lastRow {
                        rowIndex[nonzeros] = Int32(row)
                        nonzeros += 1
                        lastRow = row
                    }
                    slotPosition[Int(keys[p] & 0xffff_ffff)] = Int32(nonzeros - 1)
                }
                start[k + 1] = Int32(nonzeros)
                a = b
            }
        }}}}}
        rowIndex.removeLast(rowIndex.count - nonzeros)
        let pattern = SparsePattern(rows: n, columns: n, columnStart: start, rowIndex: rowIndex)
        self.pattern = pattern
        // By index, not `Array(slotPosition[2 * m...])`: the slice's copy needs type metadata
        // the runtime builds at first use, in a cold solve.
        var diagonal = [Int32](repeating: 0, count: n)
        for k in 0..<n { diagonal[k] = slotPosition[2 * m + k] }
        self.diagonal = diagonal
        var ff = [Int32](repeating: 0, count: m), ft = ff, tf = ff, tt = ff
        for l in 0..<m {
            ff[l] = diagonal[branches.from[l]]
            tt[l] = diagonal[branches.to[l]]
            ft[l] = slotPosition[2 * l]
            tf[l] = slotPosition[2 * l + 1]
        }
        branchFF = ff; branchFT = ft; branchTF = tf; branchTT = tt
        g = [Double](repeating: 0, count: pattern.nonzeros)
        b = [Double](repeating: 0, count: pattern.nonzeros)
        refill(branches: branches, shuntG: shuntG, shuntB: shuntB)
    }

    /// Recomputes every value for new branch data or statuses on the same topology.
    /// Through buffer pointers: a write to a stored array pays a uniqueness check (two per
    /// entry here, eight per branch).
    public mutating func refill(branches: BranchTable, shuntG: [Double], shuntB: [Double]) {
        let diagonal = self.diagonal, ff = branchFF, ft = branchFT, tf = branchTF, tt = branchTT
        g.withUnsafeMutableBufferPointer { g in
        b.withUnsafeMutableBufferPointer { bus in
            for p in 0..<g.count { g[p] = 0; bus[p] = 0 }
            for i in 0..<diagonal.count {
                g[Int(diagonal[i])] += shuntG[i]
                bus[Int(diagonal[i])] += shuntB[i]
            }
            func add(_ y: Complex, at p: Int32) {
                g[Int(p)] += y.re
                bus[Int(p)] += y.im
            }
            let r = branches.r, x = branches.x, b = branches.b, ratio = branches.ratio, shift = branches.shift
            for l in 0..<branches.count where branches.status[l] {
                let y = BranchAdmittance(r: r[l], x: x[l], b: b[l], ratio: ratio[l], shift: shift[l], inService: true)
                add(y.ff, at: ff[l]); add(y.ft, at: ft[l])
                add(y.tf, at: tf[l]); add(y.tt, at: tt[l])
            }
        }}
    }

    private mutating func add(_ y: Complex, at p: Int32) {
        g[Int(p)] += y.re
        b[Int(p)] += y.im
    }

    /// Takes branch `l`, of two-port admittances `y`, out: its four entries lose `y`, the pattern
    /// stays (an outage changes values only, so symbolic factorizations stay valid).
    mutating func remove(branch l: Int, _ y: BranchAdmittance) {
        add(-y.ff, at: branchFF[l]); add(-y.ft, at: branchFT[l])
        add(-y.tf, at: branchTF[l]); add(-y.tt, at: branchTT[l])
    }

    /// Puts branch `l`'s four entries back to their values in `base` (a matrix of the same
    /// pattern). Copying rather than adding back keeps the values exactly those of `base`, so a
    /// solve does not depend on which outages came before it.
    mutating func restore(branch l: Int, from base: AdmittanceMatrix) {
        func copy(_ p: Int32) {
            g[Int(p)] = base.g[Int(p)]
            b[Int(p)] = base.b[Int(p)]
        }
        copy(branchFF[l]); copy(branchFT[l]); copy(branchTF[l]); copy(branchTT[l])
    }

    /// Complex current injections `I = Ybus · V` (V given by real and imaginary parts).
    public func multiply(vr: UnsafeBufferPointer<Double>, vi: UnsafeBufferPointer<Double>,
                         ir: UnsafeMutableBufferPointer<Double>, ii: UnsafeMutableBufferPointer<Double>) {
        let n = busCount
        pattern.columnStart.withUnsafeBufferPointer { cs in
        pattern.rowIndex.withUnsafeBufferPointer { ri in
        g.withUnsafeBufferPointer { g in
        b.withUnsafeBufferPointer { b in
            for i in 0..<n { ir[i] = 0; ii[i] = 0 }
            for k in 0..<n {
                let vrk = vr[k], vik = vi[k]
                for p in Int(cs[k])..<Int(cs[k + 1]) {
                    let i = Int(ri[p])
                    ir[i] += g[p] * vrk - b[p] * vik
                    ii[i] += g[p] * vik + b[p] * vrk
                }
            }
        }}}}
    }

    /// Computed injections `S = V ∘ conj(Ybus V)` for voltages in rectangular form, p.u. (the
    /// same numbers as `injections(vm:va:)` at the voltages' polar values).
    func injections(at v: RectangularVoltages) -> (p: [Double], q: [Double]) {
        v.vr.withUnsafeBufferPointer { vr in
        v.vi.withUnsafeBufferPointer { vi in
            injections(vr: vr, vi: vi)
        }}
    }

    /// Computed injections `S = V ∘ conj(Ybus V)` for voltages in polar form, p.u.
    public func injections(vm: [Double], va: [Double]) -> (p: [Double], q: [Double]) {
        let n = busCount
        let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * max(n, 1))
        defer { v.deallocate() }
        for k in 0..<n {
            v[k] = vm[k] * _cos(va[k])
            v[n + k] = vm[k] * _sin(va[k])
        }
        return injections(vr: UnsafeBufferPointer(rebasing: v[0..<n]), vi: UnsafeBufferPointer(rebasing: v[n..<2 * n]))
    }

    /// `S = V ∘ conj(Ybus V)` for voltages `vr + j vi`.
    private func injections(vr: UnsafeBufferPointer<Double>, vi: UnsafeBufferPointer<Double>) -> (p: [Double], q: [Double]) {
        let n = busCount
        let current = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * max(n, 1))
        defer { current.deallocate() }
        let ir = UnsafeMutableBufferPointer(rebasing: current[0..<n])
        let ii = UnsafeMutableBufferPointer(rebasing: current[n..<2 * n])
        multiply(vr: vr, vi: vi, ir: ir, ii: ii)
        var p = [Double](repeating: 0, count: n), q = p
        for i in 0..<n {
            p[i] = vr[i] * ir[i] + vi[i] * ii[i]
            q[i] = vi[i] * ir[i] - vr[i] * ii[i]
        }
        return (p, q)
    }
}
