/// The seasonal plan of one zone's hydro reservoirs over a run's weeks, made before the weeks are
/// dispatched (they run in parallel, so no week can wait for the one before): the water each week
/// may release, and the reservoir's content and spill that follow.
///
/// Each week asks to release its share of the year's inflow in proportion to the zone's load
/// (seasonal storage follows demand), and the reservoir holds the difference: the spring flood
/// fills it, winter draws it down. A week that would overfill it spills the excess (energy lost); a
/// week that would empty it releases only what is there.
struct ReservoirPlan: Sendable {
    struct Week: Sendable, Equatable {
        var inflowMWh: Double
        var releaseMWh: Double
        var spillMWh: Double
        /// Content at the end of the week, MWh.
        var contentMWh: Double
    }
    var storageMWh: Double
    var startMWh: Double
    var weeks: [Week]

    /// The plan for weekly `inflow` and `wanted` releases, MWh, from `startMWh`.
    init(storageMWh: Double, startMWh: Double, inflow: [Double], wanted: [Double]) {
        self.storageMWh = storageMWh
        self.startMWh = startMWh
        weeks = Self.follow(storageMWh: storageMWh, startMWh: startMWh, inflow: inflow, release: wanted, cutRelease: true)
    }

    /// The content week by week when `release` is taken from it: above the storage the excess
    /// spills; below empty, with `cutRelease` the release is cut to what is there, otherwise the
    /// content is held at 0 (a dispatch cannot release water that is not there, so only rounding
    /// reaches that branch).
    static func follow(storageMWh: Double, startMWh: Double, inflow: [Double], release: [Double], cutRelease: Bool) -> [Week] {
        var content = startMWh
        return zip(inflow, release).map { input, out in
            var week = Week(inflowMWh: input, releaseMWh: out, spillMWh: 0, contentMWh: content + input - out)
            if week.contentMWh > storageMWh {
                week.spillMWh = week.contentMWh - storageMWh
                week.contentMWh = storageMWh
            } else if week.contentMWh < 0 {
                if cutRelease { week.releaseMWh += week.contentMWh }
                week.contentMWh = 0
            }
            content = week.contentMWh
            return week
        }
    }
}

/// A zone's reservoirs over a run as dispatched: the plan's inflows with the water the dispatch
/// really released, so water a week left unused stays in the reservoir (later weeks' budgets were
/// planned before; they do not see it).
public struct ReservoirYear: Sendable {
    public var zone: String
    public var storageTWh: Double
    public var startTWh: Double
    /// Content at the end of each week of the run, TWh.
    public var weekEndTWh: [Double]
    public var inflowTWh: Double
    public var releaseTWh: Double
    public var spillTWh: Double

    public var endTWh: Double { weekEndTWh.last ?? startTWh }
    public var minTWh: Double { weekEndTWh.min() ?? startTWh }
    public var maxTWh: Double { weekEndTWh.max() ?? startTWh }
}
