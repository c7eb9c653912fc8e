import KraftCore
@testable import KraftSim
import Testing

/// The LP dispatch adds branch limits a whole branch at a time, only for branches that overload.
/// A second formulation checks that this reaches the true optimum: the textbook DC OPF in bus
/// angles with every branch limit in the LP from the start, built here independently of
/// `DispatchLP.Layout` and solved by CLP.
@Suite struct DispatchLPAngleTests {
    @Test("branch limits added as they overload reach the optimum of the bus-angle DC OPF with every limit in (Nordic44, 24 h, hydro budgets)")
    func lazyLimitsReachTheFullOptimum() throws {
        // Every branch limited to 70 % of its peak flow without limits; hydro budgets couple the hours.
        var p = try DispatchTestProblems.nordic44Limited(hours: 24, limitShare: 0.7)
        p.enforceBranchLimits = false
        let free = try DispatchLP.solve(p)
        p.enforceBranchLimits = true
        let lazy = try DispatchLP.solve(p)
        let full = try Self.angleOPF(p)
        #expect(lazy.costEUR > free.costEUR * (1 + 1e-4), "the limits must bind for the comparison to mean anything")
        #expect(abs(lazy.costEUR - full) <= 1e-7 * full, "lazy \(lazy.costEUR) EUR, angle formulation \(full) EUR")
        for h in 0..<p.hours { for l in p.branches.indices { #expect(abs(lazy.flowMW[h, l]) <= p.branches[l].limitMW! + 1e-5) } }
        #expect(lazy.statistics.rounds > 1)
    }

    /// Minimum cost of `p` as a DC OPF in bus angles: per hour, unit outputs, unserved demand at
    /// each bus and the bus angles (the reference fixed at 0); one balance row per bus,
    /// `Σ outputs + unserved − Σ flows out = load`, one row per limited branch,
    /// `−limit ≤ base·(θ_from − θ_to)/x ≤ limit`, and the energy-budget rows over all hours.
    /// Returns `p.cost` of its outputs (the objective with curtailment counted as in `DispatchLP`).
    static func angleOPF(_ p: DispatchProblem) throws -> Double {
        let n = p.busCount, u = p.units.count, m = p.branches.count
        let perHour = u + 2 * n
        let limited = (0..<m).filter { p.branches[$0].limitMW != nil }
        let rowsPerHour = n + limited.count
        var entries = [(row: Int, column: Int, value: Double)]()
        var colLower = [Double](), colUpper = [Double](), cost = [Double]()
        var rowLower = [Double](), rowUpper = [Double]()
        for h in 0..<p.hours {
            let c0 = h * perHour, r0 = h * rowsPerHour
            for (k, unit) in p.units.enumerated() {
                colLower.append(unit.pmin[h]); colUpper.append(unit.pmax[h])
                cost.append(unit.cost - (unit.curtailable ? p.curtailmentCostEURPerMWh : 0))
                entries.append((r0 + unit.bus, c0 + k, 1))
                if let g = unit.budget { entries.append((p.hours * rowsPerHour + g, c0 + k, 1)) }
            }
            for b in 0..<n {
                colLower.append(0); colUpper.append(max(p.loadMW[h, b], 0)); cost.append(p.unservedCostEURPerMWh)
                entries.append((r0 + b, c0 + u + b, 1))
            }
            for b in 0..<n {
                let reference = p.referenceBuses.contains(b)
                colLower.append(reference ? 0 : -.infinity); colUpper.append(reference ? 0 : .infinity); cost.append(0)
            }
            for (l, br) in p.branches.enumerated() {
                let y = p.baseMVA / br.x, from = c0 + u + n + br.from, to = c0 + u + n + br.to
                // The flow leaves `from` and enters `to`.
                entries += [(r0 + br.from, from, -y), (r0 + br.from, to, y), (r0 + br.to, from, y), (r0 + br.to, to, -y)]
                if let i = limited.firstIndex(of: l) {
                    entries += [(r0 + n + i, from, y), (r0 + n + i, to, -y)]
                }
            }
            for b in 0..<n { rowLower.append(p.loadMW[h, b]); rowUpper.append(p.loadMW[h, b]) }
            for l in limited { rowLower.append(-p.branches[l].limitMW!); rowUpper.append(p.branches[l].limitMW!) }
        }
        for budget in p.energyBudgetsMWh { rowLower.append(-.infinity); rowUpper.append(budget) }

        // Compressed columns, summing duplicate entries (parallel branches).
        var byColumn = [[Int: Double]](repeating: [:], count: cost.count)
        for e in entries { byColumn[e.column][e.row, default: 0] += e.value }
        var start: [Int32] = [0], index = [Int32](), value = [Double]()
        for column in byColumn {
            for (row, v) in column.sorted(by: { $0.key < $1.key }) { index.append(Int32(row)); value.append(v) }
            start.append(Int32(index.count))
        }
        let lp = LinearProgram(rows: rowLower.count, columnStart: start, rowIndex: index, value: value,
                               columnLower: colLower, columnUpper: colUpper, objective: cost,
                               rowLower: rowLower, rowUpper: rowUpper)
        let x = try ClpModel(lp).solve(options: ClpOptions()).x
        let output = (0..<p.hours).flatMap { h in (0..<u).map { x[h * perHour + $0] } }
        let unserved = (0..<p.hours).flatMap { h in (0..<n).map { x[h * perHour + u + $0] } }
        return p.cost(outputMW: HourMatrix(hours: p.hours, width: u, values: output),
                      unservedMW: HourMatrix(hours: p.hours, width: n, values: unserved), externalMW: HourMatrix(hours: p.hours, width: 0, values: []))
    }
}
