/// A study against its base on the same samples: every sample of both draws the same weather
/// year and, for every unit the two share, the same outages (common random numbers; the seeds
/// follow from the sample's number and the unit's name), so the difference of each sample pair is
/// the change's own effect and its mean has a much narrower interval than the two studies'
/// intervals side by side. A difference is real at 95 % when its interval excludes zero.
public struct AdequacyComparison: Sendable {
    public struct Area: Sendable {
        public var name: String
        /// Scenario − base, per sample pair: LOLE h/yr and EENS MWh/yr.
        public var lole: Estimate
        public var eens: Estimate
        /// Whether the LOLE difference's 95 % interval excludes zero.
        public var isReal: Bool { lole.mean - 1.96 * lole.standardError > 0 || lole.mean + 1.96 * lole.standardError < 0 }
        /// The difference's 95 % interval (differences can be negative: not held at 0).
        public static func interval(_ e: Estimate) -> (low: Double, high: Double) { (e.mean - 1.96 * e.standardError, e.mean + 1.96 * e.standardError) }
    }

    public var base: AdequacySummary
    public var zones: [Area]
    public var country: Area

    /// `results` and `baseResults` must hold the same samples in the same order, of models with
    /// the same zones.
    public init(results: [AdequacySampleResult], baseResults: [AdequacySampleResult], base: AdequacySummary, zones: [String], countryName: String) {
        precondition(results.map(\.sample) == baseResults.map(\.sample), "the same samples in the same order")
        self.base = base
        func area(_ a: Int, _ name: String) -> Area {
            Area(name: name, lole: Estimate(zip(results, baseResults).map { Double($0.lossHours[a] - $1.lossHours[a]) }),
                 eens: Estimate(zip(results, baseResults).map { $0.unservedMWh[a] - $1.unservedMWh[a] }))
        }
        self.zones = zones.indices.map { area($0, zones[$0]) }
        country = area(zones.count, countryName)
    }
}
