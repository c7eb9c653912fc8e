import Foundation
import KraftCore
import KraftScenario

/// Forced outages of a unit as a two-state Markov chain in hourly steps: up for a geometric
/// number of hours with mean MTTF, then down for a geometric number with mean MTTR. With
/// MTTF = MTTR·(1 − r)/r the chain is down a share r of the hours (its stationary probability),
/// and every sampled year starts in the stationary state, so each hour's outage probability is
/// exactly r and outages persist as long as repairs take (what a sequential Monte Carlo needs
/// for event counts and durations; an hourly COPT sees only r).
public struct OutageParameters: Sendable, Equatable {
    /// Forced outage rate: the share of time out, 0…1.
    public var rate: Double
    /// Mean time to repair, hours (≥ 1).
    public var mttrHours: Double

    public init(rate: Double, mttrHours: Double) {
        self.rate = rate
        self.mttrHours = mttrHours
    }

    /// Mean time to failure, hours: MTTR·(1 − r)/r (infinite when r = 0).
    public var mttfHours: Double { rate > 0 ? mttrHours * (1 - rate) / rate : .infinity }

    /// The hours `[start, end)` a unit is out over `hours` hours, drawn from `rng`.
    func downIntervals(hours: Int, rng: inout SplitMix64) -> [Range<Int>] {
        guard rate > 0, hours > 0 else { return [] }
        if rate >= 1 { return [0..<hours] }
        var out = [Range<Int>]()
        var down = rng.uniform() < rate
        var t = 0
        while t < hours {
            let length = Self.geometric(mean: down ? mttrHours : mttfHours, rng: &rng)
            let end = t + length > hours ? hours : t + length
            if down { out.append(t..<end) }
            t = end
            down.toggle()
        }
        return out
    }

    /// A geometric number of hours on {1, 2, …} with mean `mean` (≥ 1): the sojourn of a chain
    /// that leaves its state with probability 1/mean each hour.
    static func geometric(mean: Double, rng: inout SplitMix64) -> Int {
        guard mean > 1 else { return 1 }
        guard mean.isFinite else { return Int.max / 4 }
        let k = (log(rng.uniform()) / log1p(-1 / mean)).rounded(.up)
        return k < 1 ? 1 : k > 1e15 ? Int.max / 4 : Int(k)
    }
}

/// Default forced outage parameters by technology, and the unit size an aggregate of the
/// technology is sampled as. Sources: the IEEE Reliability Test System (IEEE RTS Task Force,
/// "IEEE Reliability Test System", IEEE Trans. PAS-98(6), 1979, Table 6: forced outage rate and
/// MTTR per unit type), taken for the Nordic fleet where a type matches; ASSUMPTION otherwise.
/// Override per technology in a scenario's `[adequacy.forced_outage.<technology>]`, per unit or
/// aggregate in the fleet file (`forced_outage_rate`, `mttr_h`, `unit_mw`).
public enum ForcedOutageDefaults {
    public struct Entry: Sendable {
        public var outage: OutageParameters
        /// Size of one unit of a zone aggregate, MW.
        public var unitMW: Double
        public var source: String
    }

    public static let byTechnology: [Technology: Entry] = [
        .nuclear: Entry(outage: OutageParameters(rate: 0.08, mttrHours: 150), unitMW: 1000,
                         source: "ASSUMPTION: MTTR of the RTS-79 400 MW nuclear unit (150 h); rate 0.08, below its 0.12 (1970s US data), the unit size a Swedish reactor's"),
        .hydro: Entry(outage: OutageParameters(rate: 0.01, mttrHours: 20), unitMW: 100,
                       source: "RTS-79 50 MW hydro unit (rate 0.01, MTTR 20 h); unit size 100 MW ASSUMPTION"),
        .chp: Entry(outage: OutageParameters(rate: 0.04, mttrHours: 40), unitMW: 100,
                     source: "RTS-79 155 MW coal steam unit (rate 0.04, MTTR 40 h); unit size 100 MW ASSUMPTION"),
        .thermal: Entry(outage: OutageParameters(rate: 0.05, mttrHours: 50), unitMW: 200,
                         source: "RTS-79 197 MW oil steam unit (rate 0.05, MTTR 50 h); unit size 200 MW ASSUMPTION"),
        .wind: Entry(outage: OutageParameters(rate: 0, mttrHours: 1), unitMW: 100,
                      source: "ASSUMPTION: none beyond the weather profile (turbine outages are in its capacity factor)"),
        .solar: Entry(outage: OutageParameters(rate: 0, mttrHours: 1), unitMW: 100,
                       source: "ASSUMPTION: none beyond the weather profile"),
    ]

    /// For technologies without an entry (the grid's own machines of other kinds): no forced outages.
    public static let none = Entry(outage: OutageParameters(rate: 0, mttrHours: 1), unitMW: 100, source: "ASSUMPTION: no forced outages")

    public static func entry(_ technology: Technology) -> Entry { byTechnology[technology] ?? none }
}
