import COpenBLAS

/// PTDF and LODF of a network in the DC model, as MATPOWER's `makePTDF` and `makeLODF`, from one
/// factorization of the grounded `Bbus` (`DCSystem`): dense LAPACK for small networks (`dgetrf`
/// once, `dgetrs` on blocks of right-hand sides), KLU for large ones; BLAS for the products.
///
/// Since `Bbus` is symmetric, row `l` of the PTDF is the solution of `B x = b_l (e_f − e_t)`,
/// and the LODF column of outage `k` follows from one solve `B y = e_f(k) − e_t(k)`:
///
///     H[l, k] = b_l (y_f(l) − y_t(l)),   LODF[l, k] = H[l, k] / (1 − H[k, k]),   LODF[k, k] = −1
///
/// so any rows of either matrix cost one solve per row (PTDF) or per outage (LODF) and never
/// the whole matrix. Matrices are refused when they would exceed `options.memoryBudget`.
public final class DCSensitivities: @unchecked Sendable {
    public let network: Network
    public let options: SensitivityOptions
    /// Per branch: its outage splits the network (`BranchBridges`).
    public let bridges: [Bool]
    let system: DCSystem
    let factorization: DCFactorization

    public init(network: Network, options: SensitivityOptions = SensitivityOptions()) throws(SensitivityError) {
        self.network = network
        self.options = options
        bridges = BranchBridges.find(network: network)
        system = DCSystem(network: network, ybus: AdmittanceMatrix(network: network))
        factorization = try system.factor(options: options)
    }

    /// "dense" or "klu".
    public var factorizationName: String { factorization.isDense ? "dense" : "klu" }

    /// The grounded bus of each island (internal indices).
    public var referenceBuses: [Int] { system.reference }

    /// Bytes of a full PTDF (all branches × all buses).
    public var fullPTDFBytes: Int { DenseMatrix.bytes(rows: network.branches.count, columns: network.buses.count) }
    /// Bytes of a full LODF (all branches × all branches).
    public var fullLODFBytes: Int { DenseMatrix.bytes(rows: network.branches.count, columns: network.branches.count) }

    /// The PTDF rows of `monitored` branches (default: all), for the given slack.
    public func ptdf(slack: SlackDistribution = .reference, monitored: [Int]? = nil) throws(SensitivityError) -> PTDF {
        let n = network.buses.count, m = network.branches.count
        let rows = monitored ?? Array(0..<m)
        if let bad = rows.first(where: { !(0..<m).contains($0) }) { throw .invalidArgument("branch index \(bad) out of range 0..<\(m)") }
        let bytes = DenseMatrix.bytes(rows: rows.count, columns: n)
        guard bytes <= options.memoryBudget else { throw .exceedsMemoryBudget(requiredBytes: bytes, budgetBytes: options.memoryBudget) }
        let weights = try slackWeights(slack)

        var matrix = DenseMatrix(rows: rows.count, columns: n)
        let b = system.branchB, from = system.from, to = system.to
        let batch = factorization.isDense ? rows.count : 1
        try matrix.values.withUnsafeMutableBufferPointer { (out) throws(SensitivityError) in
            guard let base = out.baseAddress else { return }
            var start = 0
            while start < rows.count {
                let count = min(batch, rows.count - start)
                for c in 0..<count {
                    let l = rows[start + c]
                    let column = base + (start + c) * n
                    column[from[l]] += b[l]
                    column[to[l]] -= b[l]
                }
                try factorization.solve(base + start * n, count: count)
                start += count
            }
        }
        if let weights { distribute(&matrix, weights: weights) }
        return PTDF(branches: rows, matrix: matrix, slack: slack)
    }

    /// The LODF of `monitored` branches (rows, default all) for the outage of each of `outages`
    /// (columns, default all).
    public func lodf(monitored: [Int]? = nil, outages: [Int]? = nil) throws(SensitivityError) -> LODF {
        let n = network.buses.count, m = network.branches.count
        let rows = monitored ?? Array(0..<m), columns = outages ?? Array(0..<m)
        for l in rows + columns where !(0..<m).contains(l) { throw .invalidArgument("branch index \(l) out of range 0..<\(m)") }
        let bytes = DenseMatrix.bytes(rows: rows.count, columns: columns.count)
        guard bytes <= options.memoryBudget else { throw .exceedsMemoryBudget(requiredBytes: bytes, budgetBytes: options.memoryBudget) }
        var matrix = DenseMatrix(rows: rows.count, columns: columns.count)
        var islanding = [Bool](repeating: false, count: columns.count)
        let batch = max(1, factorization.isDense ? min(columns.count, options.batchColumns) : 1)
        var work = [Double](repeating: 0, count: batch * n)
        var column = [Double](repeating: 0, count: rows.count)
        var start = 0
        while start < columns.count {
            let count = min(batch, columns.count - start)
            try work.withUnsafeMutableBufferPointer { (w) throws(SensitivityError) in
                for p in 0..<(count * n) { w[p] = 0 }
                for c in 0..<count {
                    let k = columns[start + c]
                    w[c * n + system.from[k]] += 1
                    w[c * n + system.to[k]] -= 1
                }
                try factorization.solve(w.baseAddress!, count: count)
            }
            for c in 0..<count {
                let k = columns[start + c], j = start + c
                if bridges[k] { islanding[j] = true; continue }
                if system.branchB[k] == 0 { continue }
                work.withUnsafeBufferPointer { w in
                    lodfColumn(outage: k, solution: UnsafeBufferPointer(rebasing: w[c * n..<(c + 1) * n]), rows: rows, into: &column)
                }
                for r in 0..<rows.count { matrix[r, j] = column[r] }
            }
            start += count
        }
        return LODF(monitored: rows, outages: columns, matrix: matrix, islanding: islanding)
    }

    /// The LODF column of outage `k` on `rows` from `y = B⁻¹ (e_f(k) − e_t(k))`.
    func lodfColumn(outage k: Int, solution y: UnsafeBufferPointer<Double>, rows: [Int], into column: inout [Double]) {
        let b = system.branchB, from = system.from, to = system.to
        let denominator = 1 - b[k] * (y[from[k]] - y[to[k]])
        for (r, l) in rows.enumerated() {
            column[r] = l == k ? -1 : b[l] * (y[from[l]] - y[to[l]]) / denominator
        }
    }

    /// Per-bus weights normalised per island, or nil for the reference buses.
    private func slackWeights(_ slack: SlackDistribution) throws(SensitivityError) -> [Double]? {
        let n = network.buses.count
        var w: [Double]
        switch slack {
        case .reference: return nil
        case .bus(let s):
            guard (0..<n).contains(s) else { throw .invalidArgument("slack bus index \(s) out of range 0..<\(n)") }
            w = [Double](repeating: 0, count: n)
            w[s] = 1
        case .weights(let given):
            guard given.count == n else { throw .invalidArgument("\(given.count) slack weights for \(n) buses") }
            guard given.allSatisfy({ $0 >= 0 && $0.isFinite }), given.contains(where: { $0 > 0 }) else {
                throw .invalidArgument("slack weights must be finite, ≥ 0 and not all zero")
            }
            w = given
        }
        var total = [Double](repeating: 0, count: system.reference.count)
        for i in 0..<n where system.island[i] >= 0 { total[system.island[i]] += w[i] }
        for i in 0..<n {
            let k = system.island[i]
            w[i] = k >= 0 && total[k] > 0 ? w[i] / total[k] : 0
        }
        return w
    }

    /// `H[:, i] −= H w_I` for every bus i of island I (MATPOWER's distributed slack): `dgemv`
    /// for `H w_I`, then `dger` (one island) or a row loop (several).
    private func distribute(_ matrix: inout DenseMatrix, weights: [Double]) {
        let rows = matrix.rows, n = matrix.columns
        guard rows > 0, n > 0 else { return }
        let islands = system.reference.count
        var v = [Double](repeating: 0, count: rows)
        for k in 0..<islands {
            let wk = (0..<n).map { system.island[$0] == k ? weights[$0] : 0 }
            guard wk.contains(where: { $0 != 0 }) else { continue }
            matrix.values.withUnsafeBufferPointer { a in
                cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(n), 1, a.baseAddress, Int32(n),
                            wk, 1, 0, &v, 1)
            }
            let members = (0..<n).map { system.island[$0] == k ? 1.0 : 0.0 }
            if islands == 1 && !system.island.contains(-1) {
                matrix.values.withUnsafeMutableBufferPointer { a in
                    cblas_dger(CblasRowMajor, Int32(rows), Int32(n), -1, v, 1, members, 1, a.baseAddress, Int32(n))
                }
            } else {
                for r in 0..<rows { for i in 0..<n where members[i] != 0 { matrix[r, i] -= v[r] } }
            }
        }
    }
}
