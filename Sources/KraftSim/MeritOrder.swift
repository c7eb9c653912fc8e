/// Dispatch without grid constraints: units run cheapest first until demand is met.
public enum MeritOrder {
    public struct Unit: Sendable {
        public var index: Int
        public var cost: Double
        public var pmin: Double
        public var pmax: Double
    }

    /// Output per unit (by `index`) and the demand left unserved (≥ 0). Units at equal cost are
    /// loaded in index order, so the dispatch is deterministic.
    public static func dispatch(_ units: [Unit], demand: Double) -> (output: [Int: Double], unserved: Double) {
        var output = [Int: Double]()
        var remaining = demand
        for u in units { output[u.index] = u.pmin; remaining -= u.pmin }
        for u in units.sorted(by: { ($0.cost, $0.index) < ($1.cost, $1.index) }) where remaining > 0 {
            let extra = min(u.pmax - u.pmin, remaining)
            output[u.index, default: 0] += extra
            remaining -= extra
        }
        return (output, max(remaining, 0))
    }
}
