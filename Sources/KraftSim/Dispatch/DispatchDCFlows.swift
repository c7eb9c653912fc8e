import KraftCore

/// DC branch flows of given bus injections on a dispatch problem's grid: `B′ φ = P` over the
/// non-reference buses (`φ = baseMVA·θ`, `B′` built from `1/x`), flow `(φf − φt)/x`. The matrix is
/// factored once per window. Each island's reference bus takes that island's imbalance, which is
/// what the copper-plate merit order leaves when it ignores the grid.
struct DispatchDCFlows {
    private let solver: (any LinearSolver)?
    private let position: [Int?]
    private let branches: [DispatchProblem.Branch]

    init(_ p: DispatchProblem) throws(DispatchError) {
        branches = p.branches
        let reference = Set(p.referenceBuses)
        var position = [Int?](repeating: nil, count: p.busCount), n = 0
        for b in 0..<p.busCount where !reference.contains(b) { position[b] = n; n += 1 }
        self.position = position
        guard n > 0 else { solver = nil; return }
        var entries = [(row: Int, column: Int)]()
        for br in p.branches {
            for (i, j) in [(br.from, br.from), (br.to, br.to), (br.from, br.to), (br.to, br.from)] {
                if let r = position[i], let c = position[j] { entries.append((r, c)) }
            }
        }
        for k in 0..<n { entries.append((k, k)) }
        let pattern = SparsePattern(rows: n, columns: n, entries: entries)
        var values = [Double](repeating: 0, count: pattern.nonzeros)
        for br in p.branches {
            let y = 1 / br.x
            for (i, j, v) in [(br.from, br.from, y), (br.to, br.to, y), (br.from, br.to, -y), (br.to, br.from, -y)] {
                if let r = position[i], let c = position[j] { values[pattern.position(row: r, column: c)!] += v }
            }
        }
        let solver = LinearSolverChoice.auto.make(size: n)
        do {
            try solver.analyze(pattern)
            try values.withUnsafeBufferPointer { v throws(LinearSolverError) in try solver.factor(v) }
        } catch {
            throw .invalidProblem("the DC susceptance matrix is singular (\(error)): check branch reactances and reference buses")
        }
        self.solver = solver
    }

    /// Flow per branch, MW from → to, for net injections per bus (MW).
    func flows(injectionMW: [Double]) throws(DispatchError) -> [Double] {
        var phi = [Double](repeating: 0, count: position.count)
        if let solver {
            var rhs = [Double]()
            for b in position.indices where position[b] != nil { rhs.append(injectionMW[b]) }
            do {
                try rhs.withUnsafeMutableBufferPointer { r throws(LinearSolverError) in try solver.solve(r) }
            } catch { throw .invalidProblem("DC flow solve failed: \(error)") }
            for b in position.indices { if let k = position[b] { phi[b] = rhs[k] } }
        }
        return branches.map { (phi[$0.from] - phi[$0.to]) / $0.x }
    }

    /// Power transfer distribution factors, branch-major (`[l * busCount + b]`): MW on branch `l`
    /// per MW injected at bus `b` and taken out at its island's reference bus (0 for references).
    func ptdf() throws(DispatchError) -> [Double] {
        let n = position.count
        var factors = [Double](repeating: 0, count: branches.count * n)
        var unit = [Double](repeating: 0, count: n)
        for b in 0..<n where position[b] != nil {
            unit[b] = 1
            let f = try flows(injectionMW: unit)
            unit[b] = 0
            for l in branches.indices { factors[l * n + b] = f[l] }
        }
        return factors
    }
}
