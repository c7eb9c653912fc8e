/// The merit order: units run cheapest first until demand is met. The one implementation behind
/// `MeritOrderDispatch` (a window, hour by hour) and the snapshot redispatch.
public enum MeritOrder {
    public struct Unit: Sendable {
        /// Caller's identifier; breaks ties in cost (lower first), so the dispatch is deterministic.
        public var index: Int
        public var cost: Double
        /// Output the unit runs at regardless (may be negative: an export link starts at −export).
        public var pmin: Double
        public var pmax: Double
        public init(index: Int, cost: Double, pmin: Double, pmax: Double) {
            self.index = index; self.cost = cost; self.pmin = pmin; self.pmax = pmax
        }
    }

    public struct Result: Sendable {
        /// Output per unit, in the order of the units given.
        public var output: [Double]
        /// Demand left unserved (≥ 0).
        public var unserved: Double
        /// Position (in the units given) of the marginal unit: the dearest one raised above its
        /// pmin, or — when the pmins alone meet demand — the cheapest with headroom left; nil if
        /// no unit has headroom. Its cost is the price.
        public var marginal: Int?
    }

    /// Every unit starts at pmin, then the cheapest (ties: lower `index`) take the rest.
    public static func dispatch(_ units: [Unit], demand: Double) -> Result {
        var output = units.map(\.pmin)
        var remaining = demand - output.reduce(0, +)
        let order = units.indices.sorted { (units[$0].cost, units[$0].index) < (units[$1].cost, units[$1].index) }
        var marginal: Int?
        for k in order where remaining > 0 {
            let extra = min(units[k].pmax - units[k].pmin, remaining)
            if extra > 0 { output[k] += extra; remaining -= extra; marginal = k }
        }
        if marginal == nil { marginal = order.first { units[$0].pmax > units[$0].pmin } }
        return Result(output: output, unserved: max(remaining, 0), marginal: marginal)
    }
}
