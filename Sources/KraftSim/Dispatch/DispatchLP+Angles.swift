import KraftCore

/// The dispatch LP in bus angles (`DispatchLP.Formulation.angles`): the same optimum as the PTDF
/// form, written sparsely, for grids where the PTDF rows get long.
///
/// Per hour the columns are the PTDF form's (`Layout`: unit groups, unserved demand, exchanges,
/// links, surplus) and, after all hours of those, one angle column per bus that is not its
/// island's reference, `φ = baseMVA·θ` (free). The rows per hour are one energy balance per
/// bus, `Σ injections at b − Σ (φ_from − φ_to)/x over its branches, + leaving = load_b`, and one
/// row per interface, `−backward ≤ Σ sign·(φ_from − φ_to)/x ≤ forward`; then the energy budgets.
/// Branch limits enter as in the PTDF form (every hour of a branch that overloads in some hour,
/// round after round from the last basis), but as rows of two entries,
/// `−limit ≤ (φ_from − φ_to)/x ≤ limit`, where a PTDF row has one entry per column of the hour.
///
/// The price of bus `b` is the dual of its balance row (`∂ cost / ∂ load_b`, as in the PTDF form
/// where it is assembled from the island, interface and limit duals); an interface's shadow price
/// is the absolute dual of its row.
extension DispatchLP {
    struct AngleLayout {
        let base: Layout
        let buses: Int, hours: Int, interfaces: Int
        /// Angle column of each bus within an hour's angle block; nil at reference buses.
        let angle: [Int?]
        let angleCount: Int
        var rowsPerHour: Int { buses + interfaces }
        var nonzeros = 0

        init(_ base: Layout, _ p: DispatchProblem) {
            self.base = base
            buses = p.busCount; hours = p.hours; interfaces = p.interfaces.count
            let reference = Set(p.referenceBuses)
            var angle = [Int?](repeating: nil, count: p.busCount), n = 0
            for b in 0..<p.busCount where !reference.contains(b) { angle[b] = n; n += 1 }
            self.angle = angle
            angleCount = n
        }

        func angleColumn(_ h: Int, _ k: Int) -> Int { hours * base.columnsPerHour + h * angleCount + k }

        mutating func program(_ p: DispatchProblem) -> LinearProgram {
            let cph = base.columnsPerHour, terms = base.injections(p)
            let columns = hours * (cph + angleCount), rows = hours * rowsPerHour + p.energyBudgetsMWh.count
            let budgetRow0 = hours * rowsPerHour
            var start = [Int32](), index = [Int32](), value = [Double]()
            start.reserveCapacity(columns + 1)
            var colLower = [Double](repeating: 0, count: columns), colUpper = colLower, cost = colLower
            var rowLower = [Double](repeating: 0, count: rows), rowUpper = rowLower
            // The injection columns, hour by hour: their bus rows (and budget row).
            for h in 0..<hours {
                let rowBase = h * rowsPerHour
                for c in 0..<cph {
                    start.append(Int32(index.count))
                    var entries = [(row: Int, coefficient: Double)]()
                    for (b, a) in terms[c] {
                        if let i = entries.firstIndex(where: { $0.row == b }) { entries[i].coefficient += a } else { entries.append((b, a)) }
                    }
                    for (b, a) in entries.sorted(by: { $0.row < $1.row }) where a != 0 {
                        index.append(Int32(rowBase + b)); value.append(a)
                    }
                    if c < base.groups.count, let g = p.units[base.groups[c][0]].budget { index.append(Int32(budgetRow0 + g)); value.append(1) }
                }
            }
            // The angle columns' entries within an hour (the same every hour): bus and interface rows.
            var angleEntries = [[Int: Double]](repeating: [:], count: angleCount)
            for br in p.branches {
                let y = 1 / br.x
                if let k = angle[br.from] { angleEntries[k][br.from, default: 0] -= y; angleEntries[k][br.to, default: 0] += y }
                if let k = angle[br.to] { angleEntries[k][br.from, default: 0] += y; angleEntries[k][br.to, default: 0] -= y }
            }
            for (i, itf) in p.interfaces.enumerated() {
                for (l, sign) in itf.branches {
                    let br = p.branches[l], y = sign / br.x
                    if let k = angle[br.from] { angleEntries[k][buses + i, default: 0] += y }
                    if let k = angle[br.to] { angleEntries[k][buses + i, default: 0] -= y }
                }
            }
            let sortedAngleEntries = angleEntries.map { $0.sorted { $0.key < $1.key }.filter { $0.value != 0 } }
            for h in 0..<hours {
                let rowBase = h * rowsPerHour
                for k in 0..<angleCount {
                    start.append(Int32(index.count))
                    for (r, a) in sortedAngleEntries[k] { index.append(Int32(rowBase + r)); value.append(a) }
                    let c = angleColumn(h, k)
                    colLower[c] = -.infinity; colUpper[c] = .infinity
                }
            }
            start.append(Int32(index.count))
            // Bounds and costs of the injection columns, as in the PTDF form.
            for h in 0..<hours {
                let rowBase = h * rowsPerHour
                for (g, members) in base.groups.enumerated() {
                    let c = base.groupColumn(h, g), unit = p.units[members[0]]
                    for u in members { colLower[c] += p.units[u].pmin[h]; colUpper[c] += p.units[u].pmax[h] }
                    cost[c] = unit.cost - (unit.curtailable ? p.curtailmentCostEURPerMWh : 0)
                }
                for (k, b) in base.loadBuses.enumerated() {
                    let c = base.unservedColumn(h, k)
                    colUpper[c] = max(p.loadMW[h, b], 0); cost[c] = p.unservedCostEURPerMWh
                }
                for b in 0..<buses { rowLower[rowBase + b] = p.loadMW[h, b]; rowUpper[rowBase + b] = p.loadMW[h, b] }
                for (e, ext) in p.externals.enumerated() {
                    let c = base.externalColumn(h, e)
                    switch ext.mode {
                    case .priceTaking(let price):
                        colLower[c] = -ext.exportMW; colUpper[c] = ext.importMW; cost[c] = price[h]
                    case .fixed(let schedule):
                        colLower[c] = schedule[h]; colUpper[c] = schedule[h]
                    }
                }
                for (k, link) in p.links.enumerated() {
                    let c = base.linkColumn(h, k)
                    colLower[c] = -link.backwardMW; colUpper[c] = link.forwardMW
                }
                for (k, b) in base.surplusBuses.enumerated() {
                    let c = base.surplusColumn(h, k)
                    colUpper[c] = base.surplusCapacity[h][b]; cost[c] = p.surplusCostEURPerMWh
                }
                for (k, itf) in p.interfaces.enumerated() {
                    rowLower[rowBase + buses + k] = -itf.backwardMW
                    rowUpper[rowBase + buses + k] = itf.forwardMW
                }
            }
            for (g, budget) in p.energyBudgetsMWh.enumerated() {
                rowLower[budgetRow0 + g] = -.infinity; rowUpper[budgetRow0 + g] = budget
            }
            nonzeros = index.count
            return LinearProgram(rows: rows, columnStart: start, rowIndex: index, value: value,
                                 columnLower: colLower, columnUpper: colUpper, objective: cost,
                                 rowLower: rowLower, rowUpper: rowUpper)
        }

        /// Adds `−limit ≤ (φ_from − φ_to)/x ≤ limit` for each (hour, branch).
        func addLimitRows(_ pairs: [(hour: Int, branch: Int)], _ p: DispatchProblem, to model: ClpModel) {
            var lower = [Double](), upper = [Double](), start: [Int32] = [0], column = [Int32](), value = [Double]()
            for (h, l) in pairs {
                let br = p.branches[l], limit = br.limitMW!
                lower.append(-limit); upper.append(limit)
                var entries = [(column: Int, coefficient: Double)]()
                if let k = angle[br.from] { entries.append((angleColumn(h, k), 1 / br.x)) }
                if let k = angle[br.to] { entries.append((angleColumn(h, k), -1 / br.x)) }
                for (c, a) in entries.sorted(by: { $0.column < $1.column }) { column.append(Int32(c)); value.append(a) }
                start.append(Int32(column.count))
            }
            model.addRows(lower: lower, upper: upper, start: start, column: column, value: value)
        }

        /// DC flow per hour and branch from the angle columns, MW.
        func flows(_ p: DispatchProblem, _ x: [Double]) -> HourMatrix<Double> {
            var flow = HourMatrix(hours: hours, width: p.branches.count, repeating: 0.0)
            for h in 0..<hours {
                for (l, br) in p.branches.enumerated() {
                    let from = angle[br.from].map { x[angleColumn(h, $0)] } ?? 0
                    let to = angle[br.to].map { x[angleColumn(h, $0)] } ?? 0
                    flow[h, l] = (from - to) / br.x
                }
            }
            return flow
        }

        func solution(_ p: DispatchProblem, _ r: LinearProgramSolution, flow: HourMatrix<Double>) -> DispatchSolution {
            var nodal = HourMatrix(hours: hours, width: buses, repeating: 0.0)
            var shadow = HourMatrix(hours: hours, width: interfaces, repeating: 0.0)
            for h in 0..<hours {
                for b in 0..<buses { nodal[h, b] = r.rowDual[h * rowsPerHour + b] }
                for k in 0..<interfaces { shadow[h, k] = abs(r.rowDual[h * rowsPerHour + buses + k]) }
            }
            return base.solution(p, x: r.x, nodal: nodal, interfaceShadow: shadow, flow: flow)
        }
    }

    /// `solve(_:options:surplus:)` in the angle formulation.
    static func solveAngles(_ problem: DispatchProblem, options: ClpOptions, surplus: Bool) throws(DispatchError) -> DispatchSolution {
        var clock = Stopwatch()
        var layout = AngleLayout(try Layout(problem, surplus: surplus, factors: false), problem)
        let model = try ClpModel(layout.program(problem))
        var limitRows = 0, limitedBranches = Set<Int>()
        var iterations = 0
        var rounds = 0
        while true {
            let result = try model.solve(options: options)
            iterations += result.iterations
            let flow = layout.flows(problem, result.x)
            let overloaded = overloadedBranches(problem, flow: flow, except: limitedBranches)
            if overloaded.isEmpty {
                var solution = layout.solution(problem, result, flow: flow)
                solution.statistics.method = "lp"
                solution.statistics.rows = model.rows
                solution.statistics.columns = model.columns
                solution.statistics.nonzeros = layout.nonzeros + 2 * limitRows
                solution.statistics.iterations = iterations
                solution.statistics.rounds = rounds + 1
                solution.statistics.milliseconds = clock.lap()
                return solution
            }
            rounds += 1
            guard rounds < maximumRounds else {
                throw .solverFailed("branch limits still violated after \(maximumRounds) rounds (e.g. branch \(overloaded[0]))")
            }
            let rows = overloaded.flatMap { l in (0..<problem.hours).map { (hour: $0, branch: l) } }
            layout.addLimitRows(rows, problem, to: model)
            limitRows += rows.count
            limitedBranches.formUnion(overloaded)
        }
    }
}
