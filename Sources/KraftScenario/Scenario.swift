/// A study: which grid, which period, what changes on it and when. Built from one scenario file
/// and the files it `extends`, validated before anything runs.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    /// Absolute path of the grid case file (MATPOWER `.m` or PSS/E `.raw`).
    public var grid: String
    /// Absolute path of the grid sidecar (zones, sites, units, interconnectors), if any.
    public var sidecar: String?
    /// The hourly prices of the neighbours outside the grid (`[dispatch] neighbour_price_series`).
    public var neighbourPrices: PriceSeries?
    /// The generation fleet placed on the grid in place of its own machines (`fleet = PATH`),
    /// with the file's absolute path; nil: the grid's machines are the fleet.
    public var fleet: Fleet?
    public var fleetPath: String?
    public var period: Period
    public var weather: Weather
    public var closures: [UnitEvent]
    public var commissionings: [UnitEvent]
    public var dataCentres: [DataCentre]
    public var producers: [Producer]
    /// Reactive support added to the grid (`[[compensation]]`).
    public var compensation: [Compensation] = []
    /// Voltage limits the scenario sets (`[voltage_limits]`); nil: the sidecar's and the defaults.
    public var voltageLimits: VoltageLimitSettings?
    /// Transfer capacities that replace the grid sidecar's for this scenario (`[[border]]`).
    public var borders: [BorderCapacity] = []
    /// Factors on the fleet's annual hydro inflow of zones, for this scenario (`[[inflow]]`;
    /// already applied to `fleet`).
    public var inflowFactors: [InflowFactor] = []
    public var certificates: CertificateSettings?
    public var dispatch: DispatchSettings = DispatchSettings()
    /// What `kraft adequacy` samples (`[adequacy]`), nil when the scenario has no such table.
    public var adequacy: AdequacySettings?
    /// Name of the scenario this one extends, if any.
    public var base: String?
    /// What this scenario changes against its base, one line each (empty without a base).
    public var changes: [String] = []
    /// Every file read to make this scenario, with its SHA-256, in the order read.
    public var inputs: [InputFile]
}

/// Where a scenario element was written, for messages about it.
public struct Origin: Sendable, Equatable {
    public var file: String
    public var keyPath: String

    public init(file: String, keyPath: String) {
        self.file = file
        self.keyPath = keyPath
    }
}

/// The simulated span: whole days from `from` to `to`, inclusive.
public struct Period: Sendable, Equatable {
    public var from: CalendarDate
    public var to: CalendarDate

    public init(from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
    }

    public var hours: Int { (to.dayNumber - from.dayNumber + 1) * 24 }

    /// The most calendar years a period may touch (a scenario's `[period]`, `kraft run --from/--to`):
    /// a run holds the period's hourly profiles in memory.
    public static let maxYears = 100

    /// How many calendar years `from` to `to` touches (2030-12-31 to 2031-01-01: 2).
    public static func yearsSpanned(from: CalendarDate, to: CalendarDate) -> Int { to.year - from.year + 1 }
}

/// Hourly profiles: a folder of CSV files (a real weather year) or a seeded synthetic year.
public enum Weather: Sendable, Equatable {
    case synthetic(seed: Int)
    /// `fillSeed`: the synthetic year (of this seed) that stands in for the zone columns and files
    /// the folder lacks, so a folder may hold only the series that were measured; nil: every file
    /// and zone column is required. `madeBy`: the command that makes the folder, named when it is
    /// absent (a folder built from data the project may not ship).
    case csv(folder: String, fillSeed: Int? = nil, madeBy: String? = nil)

    public var isSynthetic: Bool { if case .synthetic = self { true } else { false } }
}

/// A unit closing or (re)entering service on a date; the unit is named as in the grid sidecar
/// (the Swedish reactors are O1–O3, R1–R4, F1–F3).
public struct UnitEvent: Sendable, Equatable {
    public var unit: String
    public var date: CalendarDate
    public var origin: Origin
    /// A closure that keeps the unit's generator running as a synchronous condenser: its reactive
    /// range and inertia stay, its active power goes (`keep_as_condenser = true`).
    public var keepAsCondenser = false

    public init(unit: String, date: CalendarDate, origin: Origin, keepAsCondenser: Bool = false) {
        self.unit = unit
        self.date = date
        self.origin = origin
        self.keepAsCondenser = keepAsCondenser
    }
}

/// A data-centre load connecting at a bus or a named site.
public struct DataCentre: Sendable, Equatable {
    public enum Location: Sendable, Equatable { case bus(Int), site(String) }
    public var name: String
    public var location: Location
    public var capacityMW: Double
    /// Average draw as a share of capacity.
    public var utilisation: Double
    public var powerFactor: Double
    public var connection: CalendarDate
    /// Share of the load that can move in time.
    public var flexibleShare: Double
    /// Largest hour-to-hour change, MW/h; nil means unlimited.
    public var rampMWPerHour: Double?
    public var origin: Origin
}

/// A factor on a zone's annual hydro inflow as the fleet file gives it (`[[inflow]]`): a dry or
/// wet year where the weather has no inflow series for the zone.
public struct InflowFactor: Sendable, Equatable {
    public var zone: String
    public var factor: Double
    public var origin: Origin
}

/// A border's transfer capacity for this scenario, in place of the grid sidecar's: a history
/// year's trading capacities, or a reinforcement. Applies to the whole period.
public struct BorderCapacity: Sendable, Equatable {
    /// The border's name in the sidecar, such as "SE3-SE4".
    public var border: String
    /// MW from the border's first zone to its second, and back.
    public var forwardMW: Double
    public var backwardMW: Double
    public var origin: Origin
}

/// Small producers of one technology, aggregated per zone (spread over its buses by a rule) or
/// placed at one bus.
public struct Producer: Sendable, Equatable {
    public enum Technology: String, Sendable, CaseIterable { case wind, solar, smallHydro = "small_hydro", chp }
    public enum Location: Sendable, Equatable { case zone(String), bus(Int) }
    /// How a zone total is spread over the zone's buses.
    public enum Spread: String, Sendable, CaseIterable { case equal, load }
    public var technology: Technology
    public var location: Location
    public var capacityMW: Double
    public var spread: Spread
    /// Name of the hourly availability profile (defaults to the technology).
    public var profile: String
    public var curtailable: Bool
    public var from: CalendarDate?
    public var origin: Origin

    public init(technology: Technology, location: Location, capacityMW: Double, spread: Spread = .load,
                profile: String? = nil, curtailable: Bool = true, from: CalendarDate? = nil, origin: Origin) {
        self.technology = technology
        self.location = location
        self.capacityMW = capacityMW
        self.spread = spread
        self.profile = profile ?? technology.rawValue
        self.curtailable = curtailable
        self.from = from
        self.origin = origin
    }
}

/// Settings of the electricity-certificate system (the market itself is its own model, in
/// KraftSim/Certificates). Values left out are nil and take the model's labelled defaults.
public struct CertificateSettings: Sendable, Equatable {
    public enum Quota: Sendable, Equatable {
        /// A published curve by name: "2017" (SFS 2017:814), "2021" (SFS 2021:49) or "in_force"
        /// (the quotas in force as Energimyndigheten publishes them, technical adjustments included).
        case named(String)
        /// Quota (share of quota-obligated use) per year; a year not listed has no quota.
        case table([Int: Double])
    }
    public static let curveNames = ["2017", "2021", "in_force"]

    public var quota: Quota
    /// Last year certificates are issued and cancelled; the bank left after it expires.
    public var endYear: Int
    /// A fixed quota-obligation fee; nil means the statutory 150 % of the previous year's price.
    public var penaltySEKPerMWh: Double?
    public var banking: Bool
    public var entitlementYears: Int
    public var jointWithNorway: Bool
    /// Stop rule: the last commissioning year that still earns certificates (2021 under the 2021 law).
    public var lastCommissioningYear: Int?
    /// Extra certificate demand (TWh) a raised quota adds, per year, linear between the years given.
    public var extraDemandTWh: [Int: Double]
    /// National electricity use (TWh) per year, linear between the years given.
    public var consumptionTWh: [Int: Double]
    /// Share of national use exempt from the quota (electricity-intensive industry).
    public var exemptShare: Double?
    /// Expected electricity market price a project earns besides certificates, SEK/MWh.
    public var marketPriceSEKPerMWh: Double?
    /// Years the market looks ahead when it clears the price.
    public var horizonYears: Int?
    /// Absolute path of the supply-curve CSV (existing eligible plants and candidate projects).
    public var supplyCurve: String?
    /// Absolute path of a CSV of published figures to print beside the model (the history check).
    public var published: String?
    public var origin: Origin

    public init(quota: Quota, endYear: Int, penaltySEKPerMWh: Double? = nil, banking: Bool = true,
                entitlementYears: Int = 15, jointWithNorway: Bool = true, lastCommissioningYear: Int? = nil,
                extraDemandTWh: [Int: Double] = [:], consumptionTWh: [Int: Double] = [:], exemptShare: Double? = nil,
                marketPriceSEKPerMWh: Double? = nil, horizonYears: Int? = nil, supplyCurve: String? = nil,
                published: String? = nil, origin: Origin) {
        self.quota = quota
        self.endYear = endYear
        self.penaltySEKPerMWh = penaltySEKPerMWh
        self.banking = banking
        self.entitlementYears = entitlementYears
        self.jointWithNorway = jointWithNorway
        self.lastCommissioningYear = lastCommissioningYear
        self.extraDemandTWh = extraDemandTWh
        self.consumptionTWh = consumptionTWh
        self.exemptShare = exemptShare
        self.marketPriceSEKPerMWh = marketPriceSEKPerMWh
        self.horizonYears = horizonYears
        self.supplyCurve = supplyCurve
        self.published = published
        self.origin = origin
    }
}

/// A file a scenario read, with its SHA-256 (hex), so a result can be traced to its inputs.
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var sha256: String
}

/// How a year run dispatches and what it counts: the `[dispatch]` table. Every default is an
/// assumption stated in `DispatchSettings.defaults` and printed in the run's notes.
public struct DispatchSettings: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable { case lp, merit }
    public enum Neighbours: String, Sendable, CaseIterable {
        /// Neighbours outside the grid buy and sell at their hourly price within the link limits.
        case priceTaking = "price-taking"
        /// Neighbours keep the grid file's exchange.
        case fixed
    }
    public var mode: Mode = .lp
    public var neighbours: Neighbours = .priceTaking
    /// Marginal cost by technology, EUR/MWh (overrides the defaults technology by technology).
    public var costs: [String: Double] = [:]
    /// Price of each neighbour outside the grid, EUR/MWh, by zone name (overrides the defaults).
    public var neighbourPrices: [String: Double] = [:]
    /// Absolute path of a CSV of hourly prices of the neighbours (`PriceSeries`), if any.
    public var neighbourPriceSeries: String?
    public var unservedCostEURPerMWh: Double = 3000
    /// Share of a rated branch's rating (rate A) the dispatch holds its DC flow to (`[dispatch]
    /// branch_limit_share`, 0 < share ≤ 1). The DC dispatch sees neither losses nor reactive flow,
    /// which the AC check adds to a branch's MVA; a share below 1 leaves room for them, as grid
    /// studies derate lines (PyPSA-Eur's `s_max_pu` 0.7). Unrated branches keep the angle bound.
    public var branchLimitShare: Double = 1
    /// `[dispatch] pricing`: zone prices from the dispatch's nodal prices (`nodal`, the default) or
    /// from the market cleared on the zonal cuts alone, before branch limits (`zonal`; the
    /// dispatch that respects them is then the TSOs' redispatch).
    public var pricing: Pricing = .nodal
    public enum Pricing: String, Sendable, CaseIterable { case nodal, zonal }
    /// Rotational kinetic energy below which an hour counts as low-inertia, GWs.
    public var kineticThresholdGWs: Double = 120
    public var origin: Origin?

    public init() {}
}
