import KraftScenario

extension StudyGrid {
    /// What a study knows of one generator beyond its electrical data: one record per generator,
    /// indexed like `network.generators` (`StudyGrid.units`), so that adding a generator is one
    /// append of a whole record.
    public struct Unit: Sendable, Equatable {
        public var technology: Technology
        /// Added by the scenario or the fleet as a converter-connected or peaking machine (small
        /// producers, wind and solar, thermal peakers, static reactive support): it holds no
        /// voltage while idle and is not a synchronous machine of the grid.
        public var added: Bool
        /// The reactor or other named unit the generator stands for.
        public var name: String?
        public var capacityMW: Double
        /// H·S, MWs (0 where the sidecar gives no inertia).
        public var inertiaMWs: Double
        public var availability: Availability
        /// Curtailable (wind and solar, run-of-river, and producers marked so).
        public var curtailable: Bool
        /// Marginal cost, EUR/MWh, and emissions, t/MWh.
        public var cost: Double
        public var emissions: Double
        /// Status on the first day before any event (`StudyGrid.events`).
        public var initialStatus: Bool = true
        /// First day of service (nil: always).
        public var from: CalendarDate?
        /// How it may run (the fleet's units and aggregates; the default for the rest): lowest
        /// output, yearly outage.
        public var operation = Fleet.Operation()
        /// A heat-led CHP plant (its output bounds follow the heating season).
        public var heatLed = false
        /// For a strategic reserve, the span of its contract (it is available only in the winter
        /// months inside it); nil for every other generator.
        public var reserve: ReserveContract?
        /// A run-of-river hydro machine (no storage: not in the zone's water budget).
        public var runOfRiver = false
        /// The kind of reactive support it is (`StudyGridSupport.swift`); nil for every machine
        /// that is not.
        public var support: Compensation.Kind?
    }

    /// What a study knows of one load beyond its electrical data, indexed like `network.loads`
    /// (`StudyGrid.loads`).
    public struct Load: Sendable, Equatable {
        /// An exchange over a link (`exchange_load` in the sidecar, a neighbour's or a link's own
        /// load), not consumption.
        public var isExchange: Bool
        /// An exchange with an external neighbour that the dispatch replaces with a price-taking
        /// exchange or a dispatched link (its fixed value is dropped).
        public var isReplacedExchange = false
        /// A consumption load's share of its zone's consumption in the grid file (0 for the rest).
        public var zoneShare = 0.0
    }
}
