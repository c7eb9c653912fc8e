/// One dispatch window as plain data: up to 168 consecutive hours of a DC grid, its units, loads,
/// interfaces, neighbours and controllable links. The LP (`DispatchLP`) and the merit order (`MeritOrderDispatch`) both
/// take this and return a `DispatchSolution`, so each can check the other.
///
/// Units: MW, MWh, EUR/MWh; branch reactances in per unit on `baseMVA`. Values per hour and
/// element are `HourMatrix`es: `loadMW[hour, bus]`.
public struct DispatchProblem: Sendable {
    public struct Branch: Sendable, Equatable {
        public var from: Int
        public var to: Int
        /// Series reactance, p.u. on `baseMVA` (tap ratio folded in, as in the DC load flow).
        public var x: Double
        /// Thermal limit in both directions, MW; nil when the grid gives none.
        public var limitMW: Double?
        public init(from: Int, to: Int, x: Double, limitMW: Double?) {
            self.from = from; self.to = to; self.x = x; self.limitMW = limitMW
        }
    }

    public struct Unit: Sendable, Equatable {
        public var bus: Int
        /// Marginal cost, EUR/MWh.
        public var cost: Double
        /// Lowest output per hour, MW (`hours` values).
        public var pmin: [Double]
        /// Available output per hour, MW (`hours` values): capacity times availability.
        public var pmax: [Double]
        /// Weather-driven (wind, solar, run-of-river): output below `pmax` counts as curtailment.
        public var curtailable: Bool
        /// Index into `energyBudgetsMWh` when the unit draws on a shared energy budget (hydro).
        public var budget: Int?
        /// The unit's offer in equal steps of its hour's capacity, each at `cost` plus its added
        /// cost (EUR/MWh, ascending); empty: all of it at `cost`. Reservoir hydro offers so: the
        /// harder it runs in an hour, the dearer its water (lower efficiency near full output, less
        /// room left for the week's dearer hours), which gives a hydro system's prices their shape
        /// within the day (README.md, "The Swedish fleet": hydro reservoirs). The merit-order
        /// dispatch stands such a unit in its order at its first step's cost.
        public var offerSteps: [Double] = []
        public init(bus: Int, cost: Double, pmin: [Double], pmax: [Double], curtailable: Bool, budget: Int?) {
            self.bus = bus; self.cost = cost; self.pmin = pmin; self.pmax = pmax
            self.curtailable = curtailable; self.budget = budget
        }

        /// What producing `output` MW costs in hour `h`, EUR/h: `cost` on all of it plus each
        /// offer step's added cost on the part of `output` in that step.
        public func energyCost(_ output: Double, hour h: Int) -> Double {
            var total = cost * output
            guard !offerSteps.isEmpty else { return total }
            let width = pmax[h] / Double(offerSteps.count)
            for (k, added) in offerSteps.enumerated() where added != 0 {
                // The last step also carries what an AC slack produces above pmax.
                let above = max(output - Double(k) * width, 0)
                total += added * (k == offerSteps.count - 1 ? above : min(above, width))
            }
            return total
        }
    }

    /// A set of branches whose summed flow (each with its sign, +1 when the branch's from→to
    /// direction is the interface's forward direction) is limited: a bidding-zone cut.
    public struct Interface: Sendable, Equatable {
        public var name: String
        public var branches: [(branch: Int, sign: Double)]
        public var forwardMW: Double
        public var backwardMW: Double
        public init(name: String, branches: [(branch: Int, sign: Double)], forwardMW: Double, backwardMW: Double) {
            self.name = name; self.branches = branches; self.forwardMW = forwardMW; self.backwardMW = backwardMW
        }
        public static func == (a: Interface, b: Interface) -> Bool {
            a.name == b.name && a.forwardMW == b.forwardMW && a.backwardMW == b.backwardMW
                && a.branches.map(\.branch) == b.branches.map(\.branch) && a.branches.map(\.sign) == b.branches.map(\.sign)
        }
    }

    /// A neighbour outside the grid connected at one bus: either price-taking (buys and sells at
    /// its hourly price within the link's limits) or a fixed exchange (its hourly schedule).
    public struct External: Sendable, Equatable {
        public enum Mode: Sendable, Equatable {
            /// EUR/MWh per hour; imports cost it, exports earn it.
            case priceTaking(priceEURPerMWh: [Double])
            /// MW per hour, + into the grid.
            case fixed(scheduleMW: [Double])
        }
        public var name: String
        public var bus: Int
        public var importMW: Double
        public var exportMW: Double
        public var mode: Mode
        public init(name: String, bus: Int, importMW: Double, exportMW: Double, mode: Mode) {
            self.name = name; self.bus = bus; self.importMW = importMW; self.exportMW = exportMW; self.mode = mode
        }
    }

    /// A controllable link between two buses of the grid (an HVDC link): the dispatch chooses its
    /// flow every hour within `−backwardMW…forwardMW`, + from `from` to `to`. It withdraws its
    /// flow at `from` and injects it at `to` (lossless, no cost), so it enters the balances and
    /// every interface and branch-limit row as those two injections, not the DC network.
    public struct Link: Sendable, Equatable {
        public var name: String
        public var from: Int
        public var to: Int
        public var forwardMW: Double
        public var backwardMW: Double
        public init(name: String, from: Int, to: Int, forwardMW: Double, backwardMW: Double) {
            self.name = name; self.from = from; self.to = to; self.forwardMW = forwardMW; self.backwardMW = backwardMW
        }
    }

    public var hours: Int
    public var baseMVA: Double
    public var busCount: Int
    /// Zone index of every bus (into `zones`).
    public var zoneOfBus: [Int]
    public var zones: [String]
    /// One reference bus per island (its angle is fixed at zero).
    public var referenceBuses: [Int]
    public var branches: [Branch]
    public var units: [Unit]
    /// Energy available to each budget group over the whole window, MWh.
    public var energyBudgetsMWh: [Double]
    /// Demand per hour and bus, MW: `loadMW[hour, bus]`.
    public var loadMW: HourMatrix<Double>
    public var interfaces: [Interface]
    public var externals: [External]
    public var links: [Link] = []
    /// Cost of unserved energy (value of lost load), EUR/MWh.
    public var unservedCostEURPerMWh: Double = 3000
    /// Cost of disposing of surplus, EUR/MWh: minimum outputs and fixed imports that neither load,
    /// exports nor links can take (hours of zero load, say) are dumped at the bus they come from
    /// at this cost, and reported as `surplusMW`. Above the most negative price or cost a scenario
    /// accepts (−1000 EUR/MWh), so that no optimum dumps energy unless it must.
    public var surplusCostEURPerMWh: Double = DispatchProblem.defaultSurplusCost
    public static let defaultSurplusCost: Double = 3000
    /// Cost of curtailing weather-driven output, EUR/MWh (small: curtail only when it must).
    public var curtailmentCostEURPerMWh: Double = 0.01
    /// Whether branch `limitMW`s are enforced (interfaces always are).
    public var enforceBranchLimits: Bool = true
    /// Where the zone prices come from (`DispatchPricing`).
    public var pricing: DispatchPricing = .nodal

    public init(hours: Int, baseMVA: Double, busCount: Int, zoneOfBus: [Int], zones: [String], referenceBuses: [Int],
                branches: [Branch], units: [Unit], energyBudgetsMWh: [Double], loadMW: HourMatrix<Double>,
                interfaces: [Interface], externals: [External]) {
        self.hours = hours; self.baseMVA = baseMVA; self.busCount = busCount; self.zoneOfBus = zoneOfBus
        self.zones = zones; self.referenceBuses = referenceBuses; self.branches = branches; self.units = units
        self.energyBudgetsMWh = energyBudgetsMWh; self.loadMW = loadMW; self.interfaces = interfaces
        self.externals = externals
    }
}

/// Where a dispatch's zone prices come from.
public enum DispatchPricing: String, Sendable, CaseIterable {
    /// The dispatch's own nodal prices, branch limits included, averaged over each zone's load.
    case nodal
    /// The market's: the window cleared on the zonal cuts, links and neighbours alone (no branch
    /// limits), as Nord Pool clears bidding zones; the dispatch that then respects the branch
    /// limits is the TSOs' redispatch, and its cost is the run's cost. Within a zone whose cuts do
    /// not bind, every bus has one price. The cuts' shadow prices (what counts as a congested
    /// cut) are the market's too; links and neighbours, whose flows are the redispatch's, keep
    /// the redispatch's price differences.
    case zonal
}

/// What a dispatch decided for a window: values per hour and element, `HourMatrix`es like the
/// problem's load (empty where a method does not give them).
public struct DispatchSolution: Sendable {
    /// Output per hour and unit, MW.
    public var outputMW: HourMatrix<Double>
    /// Weather-driven output not used per hour and unit, MW (pmax − output of curtailable units).
    public var curtailedMW: HourMatrix<Double>
    /// Demand not served per hour and bus, MW.
    public var unservedMW: HourMatrix<Double>
    /// DC flow per hour and branch, from → to, MW.
    public var flowMW: HourMatrix<Double>
    /// Exchange per hour and external neighbour, MW, + into the grid.
    public var externalMW: HourMatrix<Double>
    /// Surplus disposed of per hour and bus, MW: minimum output and fixed imports at the bus
    /// that nothing could take, at `surplusCostEURPerMWh`. All 0 in a normal hour.
    public var surplusMW = HourMatrix<Double>(width: 0)
    /// Flow per hour and link, MW, + from its `from` bus to its `to` bus.
    public var linkMW = HourMatrix<Double>(width: 0)
    /// Per hour and link: the price at its `to` bus minus the price at its `from` bus, EUR/MWh
    /// (nodal prices). 0 when the link is within its limits (the LP would move flow otherwise);
    /// at a limit, the link's shadow price: what one more MW of its capacity in that direction
    /// would save (positive at the forward limit, negative at the backward one). Empty from the
    /// merit order.
    public var linkPriceDifferenceEURPerMWh = HourMatrix<Double>(width: 0)
    /// Per hour and price-taking external: the nodal price at its bus less its own price, EUR/MWh.
    /// Not 0 only when the link to it is at a limit (the LP would trade more otherwise): the
    /// limit's shadow price. 0 for fixed exchanges; empty from the merit order.
    public var externalPriceDifferenceEURPerMWh = HourMatrix<Double>(width: 0)
    /// Price per hour and zone, EUR/MWh: the dual of the energy balance (load-weighted mean of the
    /// zone's nodal duals in the LP; the marginal unit's cost in the merit order).
    public var priceEURPerMWh: HourMatrix<Double>
    /// Shadow price per hour and interface, EUR/MWh: the cost one more MW of the interface's
    /// capacity (in the direction it binds) would save; 0 when it does not bind. Empty from the
    /// merit order, which has no interfaces.
    public var interfaceShadowPriceEURPerMWh = HourMatrix<Double>(width: 0)
    /// Objective: generation + external + unserved + curtailment + surplus cost over the window, EUR.
    public var costEUR: Double
    /// How the solution was found (LP size, iterations, time); not part of the result itself.
    public var statistics = DispatchStatistics()

    public init(outputMW: HourMatrix<Double>, curtailedMW: HourMatrix<Double>, unservedMW: HourMatrix<Double>,
                flowMW: HourMatrix<Double>, externalMW: HourMatrix<Double>, priceEURPerMWh: HourMatrix<Double>, costEUR: Double) {
        self.outputMW = outputMW; self.curtailedMW = curtailedMW; self.unservedMW = unservedMW
        self.flowMW = flowMW; self.externalMW = externalMW; self.priceEURPerMWh = priceEURPerMWh; self.costEUR = costEUR
    }
}

extension DispatchProblem {
    /// What can be dumped at each bus in hour `h`, MW: the minimum output of its units and its
    /// fixed imports (the injections no decision can lower).
    func surplusCapacityMW(hour h: Int) -> [Double] {
        var cap = [Double](repeating: 0, count: busCount)
        for unit in units { cap[unit.bus] += max(unit.pmin[h], 0) }
        for ext in externals { if case .fixed(let s) = ext.mode { cap[ext.bus] += max(s[h], 0) } }
        return cap
    }

    /// Whether some island in some hour has more minimum output and fixed imports than its load,
    /// export capacity and links to other islands can take (then surplus must be dumped).
    var hasUnavoidableSurplus: Bool {
        let island = islandOfBus()
        let islands = (island.max() ?? -1) + 1
        for h in 0..<hours {
            var surplus = [Double](repeating: 0, count: islands)
            for b in 0..<busCount { surplus[island[b]] -= loadMW[h, b] }
            for unit in units { surplus[island[unit.bus]] += unit.pmin[h] }
            for ext in externals {
                switch ext.mode {
                case .priceTaking: surplus[island[ext.bus]] -= ext.exportMW
                case .fixed(let s): surplus[island[ext.bus]] += s[h]
                }
            }
            for link in links where island[link.from] != island[link.to] {
                surplus[island[link.from]] -= link.forwardMW
                surplus[island[link.to]] -= link.backwardMW
            }
            if surplus.contains(where: { $0 > 1e-6 }) { return true }
        }
        return false
    }
}
