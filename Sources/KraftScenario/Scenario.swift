/// A study: which grid, which period, what changes on it and when. Built from one scenario file
/// and the files it `extends`, validated before anything runs.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    /// Absolute path of the grid case file (MATPOWER `.m` or PSS/E `.raw`).
    public var grid: String
    /// Absolute path of the grid sidecar (zones, sites, units, interconnectors), if any.
    public var sidecar: String?
    public var period: Period
    public var weather: Weather
    public var closures: [UnitEvent]
    public var commissionings: [UnitEvent]
    public var dataCentres: [DataCentre]
    public var producers: [Producer]
    public var certificates: CertificateSettings?
    /// Every file read to make this scenario, with its SHA-256, in the order read.
    public var inputs: [InputFile]
}

/// Where a scenario element was written, for messages about it.
public struct Origin: Sendable, Equatable {
    public var file: String
    public var keyPath: String
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
}

/// Hourly profiles: a folder of CSV files (a real weather year) or a seeded synthetic year.
public enum Weather: Sendable, Equatable {
    case synthetic(seed: Int)
    case csv(folder: String)

    public var isSynthetic: Bool { if case .synthetic = self { true } else { false } }
}

/// A unit closing or (re)entering service on a date; the unit is named as in the grid sidecar
/// (the Swedish reactors are O1–O3, R1–R4, F1–F3).
public struct UnitEvent: Sendable, Equatable {
    public var unit: String
    public var date: CalendarDate
    public var origin: Origin
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
}

/// Settings of the electricity-certificate system (the market itself is its own model).
public struct CertificateSettings: Sendable, Equatable {
    public enum Quota: Sendable, Equatable {
        /// A statutory curve by name: "2017" or "2021".
        case named(String)
        /// Quota (share of quota-obligated use) per year.
        case table([Int: Double])
    }
    public var quota: Quota
    public var endYear: Int
    public var penaltySEKPerMWh: Double?
    public var banking: Bool
    public var entitlementYears: Int
    public var jointWithNorway: Bool
    public var origin: Origin
}

/// A file a scenario read, with its SHA-256 (hex), so a result can be traced to its inputs.
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var sha256: String
}
