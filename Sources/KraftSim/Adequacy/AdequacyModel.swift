import KraftScenario

/// The system an adequacy study samples: zones, the generation in each as outage groups, the
/// transfer limits between zones and the imports from outside. A transport model: power moves
/// between zones within the limits of each border, with no loop flows (what a zonal market
/// with net transfer capacities does; the AC grid and its losses are left out).
public struct AdequacyModel: Sendable {
    /// A set of identical units that fail independently, each with the same two-state outage
    /// chain: a named unit (a reactor) is one unit; a zone's aggregate of one technology is
    /// `units` units sharing its available output equally.
    public struct Group: Sendable, Equatable {
        public var name: String
        public var zone: Int
        public var technology: Technology
        public var units: Int
        public var outage: OutageParameters
        /// A strategic reserve: used only when load would otherwise be shed.
        public var reserve: Bool
        /// Installed capacity, MW (for reports).
        public var capacityMW: Double
        /// Where the outage parameters come from.
        public var source: String

        public init(name: String, zone: Int, technology: Technology, units: Int, outage: OutageParameters,
                    reserve: Bool = false, capacityMW: Double, source: String = "") {
            self.name = name; self.zone = zone; self.technology = technology; self.units = units
            self.outage = outage; self.reserve = reserve; self.capacityMW = capacityMW; self.source = source
        }
    }

    /// A border: up to `forwardMW` from `from` to `to` and `backwardMW` back (infinite: no limit known).
    public struct Transfer: Sendable, Equatable {
        public var name: String
        public var from: Int
        public var to: Int
        public var forwardMW: Double
        public var backwardMW: Double
        public init(name: String, from: Int, to: Int, forwardMW: Double, backwardMW: Double) {
            self.name = name; self.from = from; self.to = to; self.forwardMW = forwardMW; self.backwardMW = backwardMW
        }
    }

    public var zones: [String]
    public var groups: [Group]
    public var transfers: [Transfer]
    /// Import capacity from outside the model into each zone, MW (neighbours' links).
    public var importMW: [Double]
    /// The country whose zones are summed as the national figures (zones named with its prefix).
    public var country: String
    public var notes: [String] = []

    public init(zones: [String], groups: [Group], transfers: [Transfer] = [], importMW: [Double]? = nil, country: String = "SE") {
        self.zones = zones; self.groups = groups; self.transfers = transfers
        self.importMW = importMW ?? [Double](repeating: 0, count: zones.count)
        self.country = country
    }

    /// Indices of the country's zones.
    public var countryZones: [Int] { zones.indices.filter { zones[$0].hasPrefix(country) } }
}

/// One weather year as the adequacy model sees it: hourly demand per zone and the output each
/// outage group could give before forced outages (weather, refuelling, reserve season, closures
/// already applied).
public struct AdequacyWeatherYear: Sendable {
    public var start: CalendarDate
    public var hours: Int
    /// `demandMW[zone][hour]`.
    public var demandMW: [[Double]]
    /// `availableMW[group][hour]`, all units up.
    public var availableMW: [[Double]]
    public var label: String

    public init(start: CalendarDate, hours: Int, demandMW: [[Double]], availableMW: [[Double]], label: String) {
        self.start = start; self.hours = hours; self.demandMW = demandMW; self.availableMW = availableMW; self.label = label
    }
}
