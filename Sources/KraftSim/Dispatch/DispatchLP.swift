import KraftCore

/// DC optimal power flow over a whole window as one linear program, solved with CLP.
///
/// Per hour `h` the columns are, in this order: unit outputs `p` (MW, within pmin…pmax), scaled
/// angles `φ = baseMVA·θ` of the non-reference buses (free; reference buses are fixed at zero and
/// left out), unserved demand per bus (0…max(load, 0)) and the exchange with every neighbour
/// (−export…import, + into the grid; a fixed schedule has both bounds at its value). The rows
/// per hour are the nodal balances
///
///     Σ p(bus) + unserved + exchange − Σ_from (φf − φt)/x + Σ_to (φf − φt)/x = load,
///
/// one row `−limit ≤ (φf − φt)/x ≤ limit` per limited branch when `enforceBranchLimits`, and one
/// row `−backward ≤ Σ sign·(φf − φt)/x ≤ forward` per interface. After all hours come the energy
/// budget rows `Σ_hours Σ_units-of-group p ≤ budget`, which couple the hours so hydro can move
/// energy within the window.
///
/// Curtailment of a weather-driven unit is `pmax − p`; its cost `curtailmentCost·(pmax − p)` is a
/// constant minus `curtailmentCost·p`, so it enters as a lower unit cost, not as extra columns.
///
/// The angle formulation keeps the matrix sparse (a bus couples only to its neighbours); a PTDF
/// formulation would make every limited-branch row dense in all injections. Every hour has the
/// same matrix pattern, so one hour's columns are built once and repeated with shifted row
/// indices, straight into compressed-column arrays.
///
/// Prices: the dual of a balance row is what one more MW of load at that bus for that hour costs
/// (EUR/MWh, positive in the normal case). A zone's price is the mean of its buses' duals weighted
/// by their (positive) load, or the plain mean when the zone has no load in that hour.
public enum DispatchLP {
    public static func solve(_ problem: DispatchProblem, options: ClpOptions = ClpOptions()) throws(DispatchError) -> DispatchSolution {
        var clock = Stopwatch()
        try problem.validate()
        let layout = Layout(problem)
        let lp = layout.program(problem)
        let result = try ClpSolver.solve(lp, options: options)
        var solution = layout.solution(problem, result)
        solution.statistics = DispatchStatistics()
        solution.statistics.method = "lp"
        solution.statistics.rows = lp.rows
        solution.statistics.columns = lp.columns
        solution.statistics.nonzeros = lp.value.count
        solution.statistics.iterations = result.iterations
        solution.statistics.milliseconds = clock.lap()
        return solution
    }

    /// Where every variable and row of the window's LP sits.
    struct Layout {
        let units: Int, buses: Int, externals: Int, hours: Int
        /// Column of each bus's angle within an hour (nil for reference buses).
        let angleColumn: [Int?]
        let angles: Int
        /// Branches with a limit row (empty when limits are not enforced).
        let limitedBranches: [Int]
        let interfaces: Int
        var columnsPerHour: Int { units + angles + buses + externals }
        var rowsPerHour: Int { buses + limitedBranches.count + interfaces }
        func unitColumn(_ h: Int, _ u: Int) -> Int { h * columnsPerHour + u }
        func unservedColumn(_ h: Int, _ b: Int) -> Int { h * columnsPerHour + units + angles + b }
        func externalColumn(_ h: Int, _ e: Int) -> Int { h * columnsPerHour + units + angles + buses + e }

        init(_ p: DispatchProblem) {
            units = p.units.count; buses = p.busCount; externals = p.externals.count; hours = p.hours
            let reference = Set(p.referenceBuses)
            var column = [Int?](repeating: nil, count: p.busCount), next = p.units.count
            for b in 0..<p.busCount where !reference.contains(b) { column[b] = next; next += 1 }
            angleColumn = column
            angles = next - p.units.count
            limitedBranches = p.enforceBranchLimits ? p.branches.indices.filter { p.branches[$0].limitMW != nil } : []
            interfaces = p.interfaces.count
        }

        /// Entries (row within the hour, value) of each column of one hour, rows sorted and merged;
        /// budget rows are added per unit when the window is assembled.
        func hourColumns(_ p: DispatchProblem) -> [[(row: Int, value: Double)]] {
            var entries = [[Int: Double]](repeating: [:], count: columnsPerHour)
            for (u, unit) in p.units.enumerated() { entries[u][unit.bus] = 1 }
            // φ coefficient of the flow (φf − φt)/x added to `row` with weight `w`.
            func addFlow(_ l: Int, row: Int, weight w: Double) {
                let br = p.branches[l], y = 1 / br.x
                if let c = angleColumn[br.from] { entries[c][row, default: 0] += w * y }
                if let c = angleColumn[br.to] { entries[c][row, default: 0] -= w * y }
            }
            for l in p.branches.indices {
                addFlow(l, row: p.branches[l].from, weight: -1)
                addFlow(l, row: p.branches[l].to, weight: 1)
            }
            for (k, l) in limitedBranches.enumerated() { addFlow(l, row: buses + k, weight: 1) }
            for (k, itf) in p.interfaces.enumerated() {
                for (l, sign) in itf.branches { addFlow(l, row: buses + limitedBranches.count + k, weight: sign) }
            }
            for b in 0..<buses { entries[units + angles + b][b] = 1 }
            for (e, ext) in p.externals.enumerated() { entries[units + angles + buses + e][ext.bus] = 1 }
            return entries.map { column in column.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        }

        func program(_ p: DispatchProblem) -> LinearProgram {
            let template = hourColumns(p)
            let perHourNonzeros = template.reduce(0) { $0 + $1.count }
            let budgeted = p.units.filter { $0.budget != nil }.count
            let columns = hours * columnsPerHour, rows = hours * rowsPerHour + p.energyBudgetsMWh.count
            var start = [Int32](), index = [Int32](), value = [Double]()
            start.reserveCapacity(columns + 1)
            index.reserveCapacity(hours * (perHourNonzeros + budgeted))
            value.reserveCapacity(hours * (perHourNonzeros + budgeted))
            var colLower = [Double](repeating: 0, count: columns), colUpper = colLower, cost = colLower
            var rowLower = [Double](repeating: 0, count: rows), rowUpper = rowLower
            let budgetRow0 = hours * rowsPerHour
            for h in 0..<hours {
                let rowBase = h * rowsPerHour
                for (c, entries) in template.enumerated() {
                    start.append(Int32(index.count))
                    for (r, v) in entries { index.append(Int32(rowBase + r)); value.append(v) }
                    if c < units, let g = p.units[c].budget { index.append(Int32(budgetRow0 + g)); value.append(1) }
                }
                for (u, unit) in p.units.enumerated() {
                    let c = unitColumn(h, u)
                    colLower[c] = unit.pmin[h]; colUpper[c] = unit.pmax[h]
                    cost[c] = unit.cost - (unit.curtailable ? p.curtailmentCostEURPerMWh : 0)
                }
                for b in 0..<buses where angleColumn[b] != nil {
                    let c = h * columnsPerHour + angleColumn[b]!
                    colLower[c] = -.infinity; colUpper[c] = .infinity
                }
                for b in 0..<buses {
                    let c = unservedColumn(h, b), load = p.loadMW[h * buses + b]
                    colUpper[c] = max(load, 0); cost[c] = p.unservedCostEURPerMWh
                    rowLower[rowBase + b] = load; rowUpper[rowBase + b] = load
                }
                for (e, ext) in p.externals.enumerated() {
                    let c = externalColumn(h, e)
                    switch ext.mode {
                    case .priceTaking(let price):
                        colLower[c] = -ext.exportMW; colUpper[c] = ext.importMW; cost[c] = price[h]
                    case .fixed(let schedule):
                        colLower[c] = schedule[h]; colUpper[c] = schedule[h]
                    }
                }
                for (k, l) in limitedBranches.enumerated() {
                    let limit = p.branches[l].limitMW!
                    rowLower[rowBase + buses + k] = -limit; rowUpper[rowBase + buses + k] = limit
                }
                for (k, itf) in p.interfaces.enumerated() {
                    let r = rowBase + buses + limitedBranches.count + k
                    rowLower[r] = -itf.backwardMW; rowUpper[r] = itf.forwardMW
                }
            }
            start.append(Int32(index.count))
            for (g, budget) in p.energyBudgetsMWh.enumerated() {
                rowLower[budgetRow0 + g] = -.infinity; rowUpper[budgetRow0 + g] = budget
            }
            return LinearProgram(rows: rows, columnStart: start, rowIndex: index, value: value,
                                 columnLower: colLower, columnUpper: colUpper, objective: cost,
                                 rowLower: rowLower, rowUpper: rowUpper)
        }

        func solution(_ p: DispatchProblem, _ r: LinearProgramSolution) -> DispatchSolution {
            let x = r.x
            var output = [Double](repeating: 0, count: hours * units), curtailed = output
            var unserved = [Double](repeating: 0, count: hours * buses)
            var flow = [Double](repeating: 0, count: hours * p.branches.count)
            var exchange = [Double](repeating: 0, count: hours * externals)
            var price = [Double](repeating: 0, count: hours * p.zones.count)
            for h in 0..<hours {
                for (u, unit) in p.units.enumerated() {
                    let out = x[unitColumn(h, u)]
                    output[h * units + u] = out
                    if unit.curtailable { curtailed[h * units + u] = max(unit.pmax[h] - out, 0) }
                }
                func phi(_ b: Int) -> Double { angleColumn[b].map { x[h * columnsPerHour + $0] } ?? 0 }
                for (l, br) in p.branches.enumerated() { flow[h * p.branches.count + l] = (phi(br.from) - phi(br.to)) / br.x }
                for b in 0..<buses { unserved[h * buses + b] = x[unservedColumn(h, b)] }
                for e in 0..<externals { exchange[h * externals + e] = x[externalColumn(h, e)] }
                price.replaceSubrange(h * p.zones.count..<(h + 1) * p.zones.count,
                                      with: p.zonePrices(nodal: r.rowDual[h * rowsPerHour..<h * rowsPerHour + buses],
                                                         load: p.loadMW[h * buses..<(h + 1) * buses]))
            }
            let cost = p.cost(outputMW: output, unservedMW: unserved, externalMW: exchange)
            return DispatchSolution(outputMW: output, curtailedMW: curtailed, unservedMW: unserved, flowMW: flow,
                                    externalMW: exchange, priceEURPerMWh: price, costEUR: cost)
        }
    }
}

extension DispatchProblem {
    /// Zone prices from nodal prices of one hour: the load-weighted mean over the zone's buses
    /// (positive loads only), or the plain mean where the zone has no load.
    func zonePrices(nodal: ArraySlice<Double>, load: ArraySlice<Double>) -> [Double] {
        var weighted = [Double](repeating: 0, count: zones.count), weight = weighted
        var plain = weighted, count = weighted
        for b in 0..<busCount {
            let z = zoneOfBus[b], y = nodal[nodal.startIndex + b], w = max(load[load.startIndex + b], 0)
            weighted[z] += w * y; weight[z] += w; plain[z] += y; count[z] += 1
        }
        return zones.indices.map { weight[$0] > 0 ? weighted[$0] / weight[$0] : plain[$0] / count[$0] }
    }
}
