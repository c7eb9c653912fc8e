/// One run's result folder as typed values (docs/result-folder.md, format version 1), as
/// `ResultFolderReader` reads it. Hourly series are indexed by the run's 0-based hour.
public struct RunResult: Sendable {
    public enum Kind: String, Sendable { case year, snapshot }

    public struct Input: Sendable, Equatable { public var path: String; public var sha256: String }

    public struct DataCentre: Sendable, Equatable {
        public var name: String
        public var bus: Int
        public var mw: Double?
    }

    /// What `scenario.json` says about the run's question.
    public struct Scenario: Sendable {
        public var name: String
        public var description: String
        public var base: String?
        public var changes: [String]
        public var inputs: [Input]
        public var syntheticWeather: Bool
        public var weatherSource: String
        public var dataCentres: [DataCentre]
    }

    public struct ZoneSummary: Sendable {
        public var zone: String
        public var loadTWh: Double
        /// Technology → TWh, in the file's order.
        public var generationTWh: [(technology: String, twh: Double)]
        public var netExportTWh: Double
        public var priceMeanEURPerMWh: Double?
        public var unservedMWh: Double
        public var curtailedMWh: Double
        public var minReactiveReserveMVAr: Double?
        public var lowestVmPU: Double?
        public var lowestVmBus: Int?
    }

    public struct BorderSummary: Sendable {
        public var border: String
        public var fromZone: String
        public var toZone: String
        public var capacityForwardMW: Double?
        public var capacityBackwardMW: Double?
        public var meanFlowMW: Double
        public var maxFlowMW: Double
        public var congestedHours: Double
    }

    /// `summary.json`'s `sweden` object: Sweden's own totals (zones SE1–SE4) over the run.
    public struct CountrySummary: Sendable {
        /// Technology → TWh, in `ResultFolderReader.technologies` order, then any others.
        public var generationTWh: [(technology: String, twh: Double)]
        public var loadTWh: Double
        public var netExportTWh: Double
        /// Border → net export over it (+ out of the country), TWh, borders sorted by name.
        public var netExportByBorderTWh: [(border: String, twh: Double)]
        public var unservedMWh: Double
        public var curtailedMWh: Double
        public var emissionsT: Double
        public var strategicReserveHours: Double
        public var strategicReserveMWh: Double
    }

    public struct Summary: Sendable {
        public var scenario: String
        public var periodFrom: String
        public var periodTo: String
        public var hours: Int
        public var syntheticWeather: Bool
        /// Every metric, keys sorted.
        public var metrics: [(key: String, value: Double)]
        public var zones: [ZoneSummary]
        public var borders: [BorderSummary]
        public var notes: [String]
        /// Hours whose AC check converged (`converged_only.hours`; for a folder without it, the
        /// hours less `nonconverged_hours`).
        public var convergedHours: Int
        /// The metrics taken over the converged hours only (`converged_only.metrics`; for a folder
        /// without it, those `YearResult.isConvergedOnly` names).
        public var convergedOnlyMetrics: Set<String>
        /// Sweden's totals; nil for a grid without Swedish zones, or a folder written before they were added.
        public var sweden: CountrySummary? = nil

        public func metric(_ key: String) -> Double? { metrics.first { $0.key == key }?.value }
    }

    /// `system.csv`, one value per hour.
    public struct SystemSeries: Sendable {
        public var time: [String] = []
        public var loadMW: [Double] = []
        public var generationMW: [Double] = []
        public var unservedMW: [Double] = []
        public var kineticEnergyGWs: [Double] = []
        public var lowestVmPU: [Double?] = []
        public var converged: [Bool] = []
    }

    /// `zones.csv` for one zone, one value per hour.
    public struct ZoneSeries: Sendable {
        public var zone: String
        public var loadMW: [Double]
        /// Technology → MW per hour, in `ResultFolderReader.technologies` order.
        public var generationMW: [(technology: String, mw: [Double])]
        public var netExportMW: [Double]
        public var priceEURPerMWh: [Double?]
        public var unservedMW: [Double]
        public var reactiveReserveMVAr: [Double?]
        public var kineticEnergyGWs: [Double]
    }

    /// `borders.csv` for one border: flow positive from its first zone to its second.
    public struct BorderSeries: Sendable {
        public var border: String
        public var flowMW: [Double]
        public var capacityForwardMW: Double?
        public var capacityBackwardMW: Double?
        public var congested: [Bool]
    }

    public struct Branch: Sendable {
        public var branch: String
        public var fromBus: Int
        public var toBus: Int
        public var fromZone: String
        public var toZone: String
        public var rateMVA: Double?
        public var maxMVA: Double
        public var maxLoadingPct: Double?
        public var p95LoadingPct: Double?
        /// Hours above the rating; nil when the branch has none.
        public var hoursOver100: Int?
    }

    public struct Bus: Sendable {
        public var bus: Int
        public var zone: String
        public var site: String
        public var latitude: Double?
        public var longitude: Double?
        public var minVmPU: Double
        public var maxVmPU: Double
        public var meanVmPU: Double
    }

    public struct Generator: Sendable {
        public var generator: String
        public var bus: Int
        public var zone: String
        public var technology: String
        public var unit: String
        public var capacityMW: Double
        public var energyMWh: Double
    }

    public struct Nonconverged: Sendable { public var hour: Int; public var time: String; public var cause: String }

    /// `contingency.csv`: one outage studied at one hour.
    public struct Contingency: Sendable {
        public var hour: Int
        public var time: String
        public var outage: String
        public var converged: Bool
        public var maxLoadingPct: Double?
        public var worstBranch: String
        public var overloads: Int
        public var lowestVmPU: Double?
    }

    /// `certificates.csv`: one year of the certificate market.
    public struct CertificateYear: Sendable {
        public var year: Int
        public var quota: Double
        public var demandTWh: Double
        public var issuedTWh: Double
        public var bankTWh: Double
        /// The certificate price, SEK per certificate (per MWh certified): the market works in SEK.
        public var priceSEKPerMWh: Double
    }

    public var path: String
    public var kind: Kind
    public var kraftVersion: String
    public var scenario: Scenario
    public var summary: Summary
    public var system: SystemSeries
    public var zones: [ZoneSeries]
    public var borders: [BorderSeries]
    public var branches: [Branch]
    /// Largest loading (% of rate A) of each branch in each week: `[branch][week]`, nil without a rating.
    public var branchWeeks: [[Double?]]
    public var buses: [Bus]
    public var generators: [Generator]
    public var nonconverged: [Nonconverged]
    public var contingency: [Contingency]?
    public var certificates: [CertificateYear]?
}
