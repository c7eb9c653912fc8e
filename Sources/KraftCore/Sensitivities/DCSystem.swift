import COpenBLAS

/// The DC susceptance matrix `Bbus` (MATPOWER's `makeBdc`: `b = 1 / (x · ratio)` per in-service
/// branch) with one bus per island grounded, factored once for many right-hand sides.
///
/// Instead of cutting the reference rows and columns out (`B[noref, noref]`), the grounded
/// buses keep an identity row and column in a matrix of full size. The solution is the same,
/// its grounded entries are exactly zero, and a solution vector is indexed by bus — so a
/// column-major block of right-hand sides is at once the row-major PTDF rows.
///
/// Grounded are: each island's first reference bus (MATPOWER's default slack), or for an island
/// without one its first PV bus, else its first bus; and every isolated bus. Branches touching
/// an isolated bus are left out, as MATPOWER's `ext2int` drops them.
struct DCSystem: Sendable {
    let busCount: Int
    /// Per branch: susceptance `1 / (x · ratio)`, 0 when out of service or touching an isolated bus.
    let branchB: [Double]
    let from: [Int], to: [Int]
    /// Island of each bus (−1 for an isolated bus) and the grounded bus of each island.
    let island: [Int]
    let reference: [Int]
    let grounded: [Bool]
    let pattern: SparsePattern
    let values: [Double]

    init(network: Network, ybus: AdmittanceMatrix) {
        let n = network.buses.count, br = network.branches
        let types = network.buses.type
        busCount = n
        from = br.from; to = br.to
        var b = [Double](repeating: 0, count: br.count)
        for l in 0..<br.count where br.status[l] && types[br.from[l]] != .isolated && types[br.to[l]] != .isolated {
            b[l] = 1 / (br.x[l] * br.ratio[l])
        }
        branchB = b

        // Islands of the in-service branches.
        var parent = Array(0..<n)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for l in 0..<br.count where b[l] != 0 {
            let a = root(br.from[l]), c = root(br.to[l])
            if a != c { parent[max(a, c)] = min(a, c) }
        }
        var island = [Int](repeating: -1, count: n)
        var islandOfRoot = [Int: Int]()
        var members = [[Int]]()
        for i in 0..<n where types[i] != .isolated {
            let r = root(i)
            if let k = islandOfRoot[r] { island[i] = k; members[k].append(i) } else {
                island[i] = members.count
                islandOfRoot[r] = members.count
                members.append([i])
            }
        }
        self.island = island
        reference = members.map { buses in
            buses.first { types[$0] == .ref } ?? buses.first { types[$0] == .pv } ?? buses[0]
        }
        var grounded = types.map { $0 == .isolated }
        for r in reference { grounded[r] = true }
        self.grounded = grounded

        pattern = ybus.pattern
        var v = [Double](repeating: 0, count: pattern.nonzeros)
        for l in 0..<br.count where b[l] != 0 {
            v[Int(ybus.branchFF[l])] += b[l]
            v[Int(ybus.branchTT[l])] += b[l]
            v[Int(ybus.branchFT[l])] -= b[l]
            v[Int(ybus.branchTF[l])] -= b[l]
        }
        for k in 0..<n {
            for p in Int(pattern.columnStart[k])..<Int(pattern.columnStart[k + 1]) {
                let i = Int(pattern.rowIndex[p])
                if grounded[i] || grounded[k] { v[p] = i == k ? 1 : 0 }
            }
        }
        values = v
    }

    /// A factorization of the matrix; KLU or dense LAPACK by `options`.
    func factor(options: SensitivityOptions) throws(SensitivityError) -> DCFactorization {
        try DCFactorization(system: self, dense: options.useDense(buses: busCount))
    }
}

/// One factorization of a `DCSystem`. Solving with the dense back-end only reads the factors,
/// so one dense factorization may serve several threads; a KLU one may not (KLU solves in a
/// work area inside its numeric object): give each thread its own (`copy()`).
final class DCFactorization: @unchecked Sendable {
    let system: DCSystem
    let isDense: Bool
    private var lu: [Double] = []
    private var pivots: [Int32] = []
    private var klu: KLUSolver?

    init(system: DCSystem, dense: Bool) throws(SensitivityError) {
        self.system = system
        isDense = dense
        let n = system.busCount
        if dense {
            lu = [Double](repeating: 0, count: n * n)
            pivots = [Int32](repeating: 0, count: n)
            let p = system.pattern
            for j in 0..<n {
                for e in Int(p.columnStart[j])..<Int(p.columnStart[j + 1]) {
                    lu[Int(p.rowIndex[e]) + j * n] = system.values[e]
                }
            }
            let info = n == 0 ? 0 : LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), &lu, Int32(n), &pivots)
            if info != 0 { throw .singular }
        } else {
            let solver = KLUSolver()
            do {
                try solver.analyze(system.pattern)
                try system.values.withUnsafeBufferPointer { v throws(LinearSolverError) in try solver.factor(v) }
            } catch {
                throw .singular
            }
            klu = solver
        }
    }

    /// A factorization another thread may use alongside this one.
    func copy() throws(SensitivityError) -> DCFactorization {
        isDense ? self : try DCFactorization(system: system, dense: false)
    }

    /// Solves `B x = rhs` for `count` right-hand sides stored one after the other (each
    /// `busCount` long), in place. Grounded entries of the right-hand sides are set to zero
    /// first: an injection at a grounded bus is taken by that bus.
    func solve(_ rhs: UnsafeMutablePointer<Double>, count: Int) throws(SensitivityError) {
        let n = system.busCount
        guard n > 0, count > 0 else { return }
        system.grounded.withUnsafeBufferPointer { g in
            for c in 0..<count {
                let column = rhs + c * n
                for i in 0..<n where g[i] { column[i] = 0 }
            }
        }
        if isDense {
            let info = lu.withUnsafeBufferPointer { a in
                pivots.withUnsafeBufferPointer { p in
                    LAPACKE_dgetrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(n), Int32(count),
                                   a.baseAddress, Int32(n), p.baseAddress, rhs, Int32(n))
                }
            }
            if info != 0 { throw .singular }
        } else if let klu {
            for c in 0..<count {
                do { try klu.solve(UnsafeMutableBufferPointer(start: rhs + c * n, count: n)) } catch { throw .singular }
            }
        }
    }
}
