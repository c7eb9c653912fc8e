import KraftCore

/// DC optimal power flow over a whole window as one linear program, solved with CLP.
///
/// Formulation (PTDF, branch limits added as they bind). Per hour `h` the columns are, in this
/// order: unit outputs (MW, pmin…pmax; one column per group of units and offer step, see `Layout`
/// and `DispatchProblem.Unit.offerSteps`: step k of n holds the group's output between k/n and
/// (k+1)/n of its capacity, so the steps fill in order as their costs rise), unserved
/// demand at each bus with load (0…max(load, 0); only when needed, see "Unserved demand"), the exchange with every neighbour (−export…import, + into the grid; a fixed schedule has both bounds at its
/// value) and the flow of every link (−backward…forward, no cost; −1 at its from bus, +1 at its
/// to bus, so it counts as those two injections in every row). The rows per hour are one energy balance per island, `Σ injections = Σ load`, and one
/// row per interface, `−backward ≤ Σ_b a_b (injection_b − load_b) ≤ forward` with
/// `a_b = Σ sign·PTDF(branch, b)`. After all hours come the energy-budget rows
/// `Σ_hours Σ_units-of-group p ≤ budget`, which couple the hours so hydro moves energy within the
/// window. Flows are `PTDF · (injection − load)`.
///
/// Branch limits (`enforceBranchLimits`): the LP is solved without them, every hour's flows are
/// checked, and for each branch over its limit in some hour a row
/// `−limit ≤ PTDF_l · (injection − load) ≤ limit` is added for every hour of the window; the LP
/// is solved again from the last basis, until no flow exceeds its limit by more than 1e-6 MW.
/// Only the branches that overload ever enter the LP (about 11 of 79 on the default scenario).
/// Why every hour and not only the overloaded ones: the LP without limits is degenerate (units of
/// one cost anywhere in a zone), so each re-solve moved flow onto the branch's other hours and the
/// year's weeks took 6–11 rounds, each a CLP re-solve; with whole branches, two (and CLP's time
/// on the year fell from 13.7 to 8.0 s; Benchmarks/RESULTS.md). The rounds are the same for the
/// same problem, so the answer is deterministic.
///
/// Why not bus angles: on a January week of the default scenario, with every branch limit in the
/// LP, the angle formulation and one with flow columns bounded by the limits took 0.7–1.0 s in
/// CLP; this form, rounds included, 0.15–0.25 s (Benchmarks/RESULTS.md, "Dispatch LP").
///
/// Unserved demand: the LP is first solved without its unserved-demand columns (17 of 93 an hour
/// on the default scenario, none of them used in a normal week). An omitted column, at its lower
/// bound 0, has reduced cost `unservedCost − price(bus, hour)`; when no nodal price of that
/// optimum (market round and redispatch alike) exceeds the unserved cost, none would enter, so
/// the optimum is the full LP's (the same objective; on a degenerate LP possibly another vertex
/// of equal cost). Otherwise, or when the LP without them is infeasible (a shortfall), the window
/// is solved again with them. Why: the columns enter every limit row of their hour (dense PTDF
/// rows), and leaving them out cut the year's CPU time by 6–11 % with the same CLP iterations
/// (Benchmarks/RESULTS.md, "The Swedish year's LP, again").
///
/// Surplus: when minimum outputs and fixed imports are more than an island's load, exports and
/// links can take (hours of zero load, say), the LP gets one more column per hour at every bus
/// with minimum output or a fixed import, after the link columns: a withdrawal of up to that
/// bus's minimum output plus fixed import, at `surplusCostEURPerMWh` (−1 in its balance and in
/// the limit rows like a load). What it takes is reported per bus as `surplusMW`; its dual makes
/// the price at that bus −surplusCost. Without such hours the LP has no surplus columns.
///
/// Curtailment of a weather-driven unit is `pmax − p`; its cost `curtailmentCost·(pmax − p)` is a
/// constant minus `curtailmentCost·p`, so it enters as a lower unit cost, not as extra columns.
///
/// Prices: the price of bus `b` is `∂ cost / ∂ load_b` = the dual of its island's balance row plus
/// `Σ dual(row)·a_row,b` over the interface and branch rows — what one more MW of load there for
/// that hour costs, EUR/MWh (positive in the normal case). A link's reduced cost is
/// `−(price_to − price_from)`: within its limits both ends have the same price, at a limit the
/// difference is its shadow price (`linkPriceDifferenceEURPerMWh`). A zone's price is the mean of its
/// buses' prices weighted by their (positive) load, or the plain mean when the zone has no load.
public enum DispatchLP {
    /// Rounds of adding overloaded branches before giving up (each round adds at least one branch,
    /// so a grid with fewer than 100 limited branches never reaches it).
    static let maximumRounds = 100

    /// Solves the window. Unserved-demand and surplus columns (see `Layout`) enter only when
    /// needed, in this order: first without unserved demand; with it when some nodal price would
    /// make it enter or the LP is infeasible; surplus columns when minimum outputs and fixed
    /// imports exceed what an island's load and exports can take in some hour, or when the LP
    /// without them is primal infeasible (a limit keeps such injections in). Each attempt is a
    /// fresh LP of the window's own inputs, so the answer stays a function of the window.
    public static func solve(_ problem: DispatchProblem, options: ClpOptions = ClpOptions()) throws(DispatchError) -> DispatchSolution {
        try problem.validate()
        let attempts: [(surplus: Bool, unserved: Bool)] = problem.hasUnavoidableSurplus
            ? [(true, false)] : [(false, false), (false, true)]
        for (surplus, unserved) in attempts {
            do {
                if let solution = try solve(problem, options: options, surplus: surplus, unserved: unserved) { return solution }
            } catch {
                guard case .solverFailed(let message) = error, message.hasPrefix("CLP status 1,") else { throw error }
            }
        }
        guard let solution = try solve(problem, options: options, surplus: true, unserved: true) else {
            throw .solverFailed("the LP with unserved demand reported a price above the unserved cost")
        }
        return solution
    }

    /// One LP of the window. Without unserved-demand columns (`unserved` false) it returns nil
    /// when a nodal price of some round exceeds the unserved cost: that optimum is not the full
    /// LP's.
    static func solve(_ problem: DispatchProblem, options: ClpOptions, surplus: Bool, unserved: Bool) throws(DispatchError) -> DispatchSolution? {
        var clock = Stopwatch()
        var layout = try Layout(problem, surplus: surplus, unserved: unserved)
        let model = try ClpModel(layout.program(problem))
        var limitRows = [(hour: Int, branch: Int)](), limitedBranches = Set<Int>()
        var iterations = 0
        var rounds = 0
        var market: DispatchSolution?
        while true {
            let result = try model.solve(options: options)
            iterations += result.iterations
            // CLP's dual feasibility tolerance (1e-7, no scaling) on the omitted columns' reduced costs.
            if !unserved && layout.nodalPrices(problem, result, limitRows: limitRows).values
                .contains(where: { $0 > problem.unservedCostEURPerMWh + 1e-7 }) { return nil }
            let flow = layout.flows(problem, result.x)
            // The first round has no branch limits: with zonal pricing, it is the market.
            if rounds == 0 && problem.pricing == .zonal { market = layout.solution(problem, result, flow: flow, limitRows: []) }
            // Branches over their limit in some hour; one already in the LP is held to CLP's
            // tolerance and does not count.
            var overloaded = [Int]()
            if problem.enforceBranchLimits {
                for (l, br) in problem.branches.enumerated() where !limitedBranches.contains(l) {
                    guard let limit = br.limitMW else { continue }
                    if (0..<problem.hours).contains(where: { abs(flow[$0, l]) > limit + 1e-6 }) { overloaded.append(l) }
                }
            }
            if overloaded.isEmpty {
                var solution = layout.solution(problem, result, flow: flow, limitRows: limitRows)
                if let market {
                    // Zone prices and the cuts' congestion are the market's; a link's or a
                    // neighbour's congestion stays the redispatch's, whose flow on it is reported.
                    solution.priceEURPerMWh = market.priceEURPerMWh
                    solution.interfaceShadowPriceEURPerMWh = market.interfaceShadowPriceEURPerMWh
                }
                solution.statistics.method = "lp"
                solution.statistics.rows = model.rows
                solution.statistics.columns = model.columns
                solution.statistics.nonzeros = layout.nonzeros + limitRows.count * layout.columnsPerHour
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
            limitRows += rows
            limitedBranches.formUnion(overloaded)
        }
    }

    /// Where every variable and row of the window's LP sits, and the grid's PTDF.
    ///
    /// Units at one bus with the same cost, curtailability and energy budget are one column (their
    /// summed pmin…pmax): any split of their output costs the same and flows the same, so the LP
    /// need not choose one; `solution` splits it in proportion to each unit's room above pmin.
    /// Unserved demand has a column only at buses with load in some hour of the window, and only
    /// in the LP that needs it (`unserved`; see `DispatchLP`). Both keep the LP small: on the
    /// Nordic44 study grid, 49 columns an hour instead of 143.
    struct Layout {
        let buses: Int, externals: Int, links: Int, hours: Int, islands: Int
        let island: [Int]
        /// Units of each unit column, in unit order.
        let groups: [[Int]]
        /// The unit columns of an hour are each group's offer steps in turn (one column for a group
        /// without steps): group g's are `offerStart[g]..<offerStart[g + 1]`, and `offerGroup`
        /// names each column's group.
        let offerStart: [Int]
        let offerGroup: [Int]
        /// Buses with an unserved-demand column (none when the LP is solved without them).
        let loadBuses: [Int]
        /// Buses with a surplus column (a withdrawal of up to the bus's minimum output and fixed
        /// imports, at `surplusCostEURPerMWh`); none unless the window needs them.
        let surplusBuses: [Int]
        /// Per hour and bus, what its surplus column may take, MW.
        let surplusCapacity: [[Double]]
        /// Branch-major PTDF, `[l * buses + b]`.
        let ptdf: [Double]
        /// Interface factors, `[k * buses + b]`.
        let interfaceFactor: [Double]
        var nonzeros = 0
        var columnsPerHour: Int { offerGroup.count + loadBuses.count + externals + links + surplusBuses.count }
        var rowsPerHour: Int { islands + interfaceCount }
        var interfaceCount: Int { interfaceFactor.count / max(buses, 1) }
        func offerColumn(_ h: Int, _ o: Int) -> Int { h * columnsPerHour + o }
        func unservedColumn(_ h: Int, _ k: Int) -> Int { h * columnsPerHour + offerGroup.count + k }
        func externalColumn(_ h: Int, _ e: Int) -> Int { h * columnsPerHour + offerGroup.count + loadBuses.count + e }
        func linkColumn(_ h: Int, _ k: Int) -> Int { h * columnsPerHour + offerGroup.count + loadBuses.count + externals + k }
        func surplusColumn(_ h: Int, _ k: Int) -> Int { h * columnsPerHour + offerGroup.count + loadBuses.count + externals + links + k }

        init(_ p: DispatchProblem, surplus: Bool = false, unserved: Bool = true) throws(DispatchError) {
            buses = p.busCount; externals = p.externals.count; links = p.links.count; hours = p.hours
            island = p.islandOfBus()
            islands = (island.max() ?? -1) + 1
            struct Key: Hashable { let bus: Int, cost: Double, curtailable: Bool, budget: Int?, steps: [Double] }
            var groupOf = [Key: Int](), groups = [[Int]]()
            // A unit that can produce nothing in any hour of the window (out of service, a
            // synchronous condenser) gets no column: its output is 0.
            for (u, unit) in p.units.enumerated() where unit.pmax.contains(where: { $0 > 0 }) {
                let key = Key(bus: unit.bus, cost: unit.cost, curtailable: unit.curtailable, budget: unit.budget, steps: unit.offerSteps)
                if let g = groupOf[key] { groups[g].append(u) } else { groupOf[key] = groups.count; groups.append([u]) }
            }
            self.groups = groups
            let steps = groups.map { max(p.units[$0[0]].offerSteps.count, 1) }
            offerStart = steps.reduce(into: [0]) { $0.append($0.last! + $1) }
            offerGroup = groups.indices.flatMap { g in Array(repeating: g, count: steps[g]) }
            loadBuses = unserved ? (0..<p.busCount).filter { b in (0..<p.hours).contains { p.loadMW[$0, b] > 0 } } : []
            let capacity = surplus ? (0..<p.hours).map { p.surplusCapacityMW(hour: $0) } : []
            surplusCapacity = capacity
            surplusBuses = surplus ? (0..<p.busCount).filter { b in capacity.contains { $0[b] > 0 } } : []
            ptdf = try DispatchDCFlows(p).ptdf()
            var factor = [Double](repeating: 0, count: p.interfaces.count * p.busCount)
            for (k, itf) in p.interfaces.enumerated() {
                for (l, sign) in itf.branches {
                    for b in 0..<p.busCount { factor[k * p.busCount + b] += sign * ptdf[l * p.busCount + b] }
                }
            }
            interfaceFactor = factor
        }

        /// Where every column within an hour injects: +1 at the bus of a unit, unserved-demand or
        /// exchange column; −1 at a link's from bus and +1 at its to bus.
        func injections(_ p: DispatchProblem) -> [[(bus: Int, coefficient: Double)]] {
            (offerGroup.map { p.units[groups[$0][0]].bus } + loadBuses + p.externals.map(\.bus)).map { [(bus: $0, coefficient: 1.0)] }
                + p.links.map { [(bus: $0.from, coefficient: -1.0), (bus: $0.to, coefficient: 1.0)] }
                + surplusBuses.map { [(bus: $0, coefficient: -1.0)] }
        }

        /// A column's coefficient in a row whose factor per bus is `factor[offset + b]` (interface
        /// and branch-limit rows).
        @inline(__always)
        static func coefficient(_ terms: [(bus: Int, coefficient: Double)], _ factor: [Double], offset: Int) -> Double {
            terms.count == 1 ? terms[0].coefficient * factor[offset + terms[0].bus]
                : terms.reduce(0) { $0 + $1.coefficient * factor[offset + $1.bus] }
        }

        mutating func program(_ p: DispatchProblem) -> LinearProgram {
            let terms = injections(p)
            let columns = hours * columnsPerHour, rows = hours * rowsPerHour + p.energyBudgetsMWh.count
            var start = [Int32](), index = [Int32](), value = [Double]()
            start.reserveCapacity(columns + 1)
            var colLower = [Double](repeating: 0, count: columns), colUpper = colLower, cost = colLower
            var rowLower = [Double](repeating: 0, count: rows), rowUpper = rowLower
            let budgetRow0 = hours * rowsPerHour
            for h in 0..<hours {
                let rowBase = h * rowsPerHour
                for c in 0..<columnsPerHour {
                    start.append(Int32(index.count))
                    // Island rows in order; a link within one island has none (its two terms cancel).
                    var inIsland = [(island: Int, coefficient: Double)]()
                    for (b, a) in terms[c] {
                        if let i = inIsland.firstIndex(where: { $0.island == island[b] }) { inIsland[i].coefficient += a } else {
                            inIsland.append((island[b], a))
                        }
                    }
                    for (i, a) in inIsland.sorted(by: { $0.island < $1.island }) where a != 0 {
                        index.append(Int32(rowBase + i)); value.append(a)
                    }
                    for k in 0..<interfaceCount {
                        let a = Self.coefficient(terms[c], interfaceFactor, offset: k * buses)
                        if a != 0 { index.append(Int32(rowBase + islands + k)); value.append(a) }
                    }
                    if c < offerGroup.count, let g = p.units[groups[offerGroup[c]][0]].budget { index.append(Int32(budgetRow0 + g)); value.append(1) }
                }
                for (g, members) in groups.enumerated() {
                    // Step k of n covers [k, k+1]·pmax/n of the group's output; the minimum output
                    // fills the steps from the first.
                    let unit = p.units[members[0]], steps = offerStart[g + 1] - offerStart[g]
                    var low = 0.0, high = 0.0
                    for u in members { low += p.units[u].pmin[h]; high += p.units[u].pmax[h] }
                    let width = high / Double(steps)
                    for k in 0..<steps {
                        let c = offerColumn(h, offerStart[g] + k)
                        colUpper[c] = steps == 1 ? high : width
                        colLower[c] = steps == 1 ? low : min(max(low - Double(k) * width, 0), width)
                        cost[c] = unit.cost + (unit.offerSteps.isEmpty ? 0 : unit.offerSteps[k]) - (unit.curtailable ? p.curtailmentCostEURPerMWh : 0)
                    }
                }
                for (k, b) in loadBuses.enumerated() {
                    let c = unservedColumn(h, k)
                    colUpper[c] = max(p.loadMW[h, b], 0); cost[c] = p.unservedCostEURPerMWh
                }
                for b in 0..<buses { rowLower[rowBase + island[b]] += p.loadMW[h, b] }
                for i in 0..<islands { rowUpper[rowBase + i] = rowLower[rowBase + i] }
                for (e, ext) in p.externals.enumerated() {
                    let c = externalColumn(h, e)
                    switch ext.mode {
                    case .priceTaking(let price):
                        colLower[c] = -ext.exportMW; colUpper[c] = ext.importMW; cost[c] = price[h]
                    case .fixed(let schedule):
                        colLower[c] = schedule[h]; colUpper[c] = schedule[h]
                    }
                }
                for (k, link) in p.links.enumerated() {
                    let c = linkColumn(h, k)
                    colLower[c] = -link.backwardMW; colUpper[c] = link.forwardMW
                }
                for (k, b) in surplusBuses.enumerated() {
                    let c = surplusColumn(h, k)
                    colUpper[c] = surplusCapacity[h][b]; cost[c] = p.surplusCostEURPerMWh
                }
                for (k, itf) in p.interfaces.enumerated() {
                    var shift = 0.0
                    for b in 0..<buses { shift += interfaceFactor[k * buses + b] * p.loadMW[h, b] }
                    rowLower[rowBase + islands + k] = -itf.backwardMW + shift
                    rowUpper[rowBase + islands + k] = itf.forwardMW + shift
                }
            }
            start.append(Int32(index.count))
            for (g, budget) in p.energyBudgetsMWh.enumerated() {
                rowLower[budgetRow0 + g] = -.infinity; rowUpper[budgetRow0 + g] = budget
            }
            nonzeros = index.count
            return LinearProgram(rows: rows, columnStart: start, rowIndex: index, value: value,
                                 columnLower: colLower, columnUpper: colUpper, objective: cost,
                                 rowLower: rowLower, rowUpper: rowUpper)
        }

        /// Adds `−limit ≤ PTDF_l · (injection − load) ≤ limit` for each (hour, branch).
        func addLimitRows(_ pairs: [(hour: Int, branch: Int)], _ p: DispatchProblem, to model: ClpModel) {
            let terms = injections(p)
            var lower = [Double](), upper = [Double](), start: [Int32] = [0], column = [Int32](), value = [Double]()
            for (h, l) in pairs {
                var shift = 0.0
                for b in 0..<buses { shift += ptdf[l * buses + b] * p.loadMW[h, b] }
                let limit = p.branches[l].limitMW!
                lower.append(-limit + shift); upper.append(limit + shift)
                for c in 0..<columnsPerHour {
                    let a = Self.coefficient(terms[c], ptdf, offset: l * buses)
                    if a != 0 { column.append(Int32(h * columnsPerHour + c)); value.append(a) }
                }
                start.append(Int32(column.count))
            }
            model.addRows(lower: lower, upper: upper, start: start, column: column, value: value)
        }

        /// Net injection per hour and bus (output + unserved + exchange ± link flows − load), MW.
        func netInjection(_ p: DispatchProblem, _ x: [Double]) -> HourMatrix<Double> {
            let terms = injections(p)
            var net = HourMatrix(hours: hours, width: buses, values: p.loadMW.values.map { -$0 })
            for h in 0..<hours {
                for c in 0..<columnsPerHour {
                    for (b, a) in terms[c] { net[h, b] += a * x[h * columnsPerHour + c] }
                }
            }
            return net
        }

        func flows(_ p: DispatchProblem, _ x: [Double]) -> HourMatrix<Double> {
            let net = netInjection(p, x), m = p.branches.count
            var flow = HourMatrix(hours: hours, width: m, repeating: 0.0)
            for h in 0..<hours {
                for l in 0..<m {
                    var f = 0.0
                    for b in 0..<buses { f += ptdf[l * buses + b] * net[h, b] }
                    flow[h, l] = f
                }
            }
            return flow
        }

        /// Nodal prices per hour and bus: island balance dual plus Σ dual·factor over interface
        /// and limit rows.
        func nodalPrices(_ p: DispatchProblem, _ r: LinearProgramSolution, limitRows: [(hour: Int, branch: Int)]) -> HourMatrix<Double> {
            var nodal = HourMatrix(hours: hours, width: buses, repeating: 0.0)
            for h in 0..<hours {
                for b in 0..<buses {
                    var y = r.rowDual[h * rowsPerHour + island[b]]
                    for k in 0..<interfaceCount { y += r.rowDual[h * rowsPerHour + islands + k] * interfaceFactor[k * buses + b] }
                    nodal[h, b] = y
                }
            }
            let limitRow0 = hours * rowsPerHour + p.energyBudgetsMWh.count
            for (i, (h, l)) in limitRows.enumerated() where r.rowDual[limitRow0 + i] != 0 {
                for b in 0..<buses { nodal[h, b] += r.rowDual[limitRow0 + i] * ptdf[l * buses + b] }
            }
            return nodal
        }

        /// Zone prices per hour from nodal prices.
        func zonePrices(_ p: DispatchProblem, nodal: HourMatrix<Double>) -> HourMatrix<Double> {
            var price = HourMatrix<Double>(width: p.zones.count)
            for h in 0..<hours { price.appendHour(p.zonePrices(nodal: nodal[hour: h], load: p.loadMW[hour: h])) }
            return price
        }

        func solution(_ p: DispatchProblem, _ r: LinearProgramSolution, flow: HourMatrix<Double>,
                      limitRows: [(hour: Int, branch: Int)]) -> DispatchSolution {
            let x = r.x
            var output = HourMatrix(hours: hours, width: p.units.count, repeating: 0.0), curtailed = output
            var unserved = HourMatrix(hours: hours, width: buses, repeating: 0.0), surplus = unserved
            var exchange = HourMatrix(hours: hours, width: externals, repeating: 0.0), externalDifference = exchange
            var linkFlow = HourMatrix(hours: hours, width: links, repeating: 0.0), linkDifference = linkFlow
            let nodal = nodalPrices(p, r, limitRows: limitRows)
            for h in 0..<hours {
                for (g, members) in groups.enumerated() {
                    // The group's output over its units: each at pmin plus the same share of its room.
                    var low = 0.0, high = 0.0, groupOutput = 0.0
                    for u in members { low += p.units[u].pmin[h]; high += p.units[u].pmax[h] }
                    for o in offerStart[g]..<offerStart[g + 1] { groupOutput += x[offerColumn(h, o)] }
                    let share = high > low ? min(max((groupOutput - low) / (high - low), 0), 1) : 0
                    for u in members {
                        let unit = p.units[u], out = unit.pmin[h] + (unit.pmax[h] - unit.pmin[h]) * share
                        output[h, u] = out
                        if unit.curtailable { curtailed[h, u] = max(unit.pmax[h] - out, 0) }
                    }
                }
                for (k, b) in loadBuses.enumerated() { unserved[h, b] = x[unservedColumn(h, k)] }
                for (k, b) in surplusBuses.enumerated() { surplus[h, b] = max(x[surplusColumn(h, k)], 0) }
                for e in 0..<externals {
                    exchange[h, e] = x[externalColumn(h, e)]
                    if case .priceTaking(let prices) = p.externals[e].mode {
                        externalDifference[h, e] = nodal[h, p.externals[e].bus] - prices[h]
                    }
                }
                for (k, link) in p.links.enumerated() {
                    linkFlow[h, k] = x[linkColumn(h, k)]
                    linkDifference[h, k] = nodal[h, link.to] - nodal[h, link.from]
                }
            }
            let price = zonePrices(p, nodal: nodal)
            let cost = p.cost(outputMW: output, unservedMW: unserved, externalMW: exchange, surplusMW: surplus)
            var solution = DispatchSolution(outputMW: output, curtailedMW: curtailed, unservedMW: unserved, flowMW: flow,
                                            externalMW: exchange, priceEURPerMWh: price, costEUR: cost)
            solution.surplusMW = surplus
            solution.linkMW = linkFlow
            solution.linkPriceDifferenceEURPerMWh = linkDifference
            solution.externalPriceDifferenceEURPerMWh = externalDifference
            solution.interfaceShadowPriceEURPerMWh = HourMatrix(hours: hours, width: interfaceCount, values: (0..<hours).flatMap { h in
                (0..<interfaceCount).map { abs(r.rowDual[h * rowsPerHour + islands + $0]) }
            })
            return solution
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
