import KraftScenario

/// One year of the certificate market. Volumes are TWh (millions of certificates), prices
/// SEK/MWh (SEK per certificate). The bank obeys, every year:
/// `issued − cancelled − usedForQuota = bankEnd − bankStart`.
public struct CertificateYear: Sendable {
    public var year: Int
    /// Whether the system runs this year (from 2003 to the end year).
    public var active: Bool
    /// The Swedish quota applied: the curve's, raised by any extra demand the setting adds.
    public var quota: Double
    /// Swedish quota-obligated use, TWh: national use × (1 − exempt share).
    public var obligatedTWh: Double
    /// Norway's quota and obligated use while the joint market runs, else 0.
    public var norwayQuota: Double
    public var norwayObligatedTWh: Double
    /// Certificates the quota obligations ask for (Sweden plus Norway).
    public var demandTWh: Double
    public var issuedTWh: Double
    /// Certificates cancelled against the quota obligations.
    public var usedForQuotaTWh: Double
    /// Certificates removed otherwise: surplus without banking, the bank left at the end year.
    public var cancelledTWh: Double
    /// Obligations not met by certificates; paid at the fee.
    public var shortfallTWh: Double
    public var bankStartTWh: Double
    public var bankEndTWh: Double
    public var priceSEKPerMWh: Double
    /// The quota-obligation fee, SEK/MWh, which bounds the price.
    public var feeSEKPerMWh: Double
    /// New renewable production commissioned this year, TWh a year, per zone and technology.
    public var newBuild: [BuildKey: Double]

    /// What the Swedish quota costs a consumer per MWh of obligated use: quota × price.
    public var consumerCostSEKPerMWh: Double { quota * priceSEKPerMWh }
    /// The same, in öre/kWh (the unit Energimyndigheten publishes).
    public var consumerCostOrePerKWh: Double { consumerCostSEKPerMWh / 10 }
    /// Total Swedish consumer cost, MSEK: quota × price × obligated use (TWh × SEK/MWh = MSEK).
    public var consumerCostMSEK: Double { consumerCostSEKPerMWh * obligatedTWh }
    public var newBuildTWh: Double { newBuild.values.reduce(0, +) }
}

/// A zone and a technology: the key of new build.
public struct BuildKey: Hashable, Sendable, Comparable {
    public var zone: String
    public var technology: Producer.Technology

    public init(zone: String, technology: Producer.Technology) {
        self.zone = zone
        self.technology = technology
    }

    public static func < (a: BuildKey, b: BuildKey) -> Bool {
        (a.zone, a.technology.rawValue) < (b.zone, b.technology.rawValue)
    }

    public var label: String { "\(zone) \(technology.rawValue)" }
}

/// A plant group the model commissioned: what becomes distributed producers in the grid.
public struct BuiltPlant: Sendable {
    public var zone: String
    public var technology: Producer.Technology
    public var year: Int
    public var twh: Double
    public var capacityFactor: Double
    /// Whether it earns certificates (false for plants built on market revenue alone).
    public var certified: Bool
}

/// A whole run of one setting.
public struct CertificateRun: Sendable {
    public var settings: CertificateSettings
    public var years: [CertificateYear]
    public var built: [BuiltPlant]
    /// The defaults the run rested on, with their basis.
    public var assumptions: [String]

    /// The first year the bank is empty while the system still runs and the quota asks for
    /// certificates (after it was once positive), or the first year with a shortfall; nil if
    /// neither happens before the end year.
    public var bankRunsOut: Int? {
        var wasPositive = false
        for y in years where y.active {
            if y.shortfallTWh > 1e-9 { return y.year }
            if y.bankEndTWh > 1e-6 { wasPositive = true }
            if wasPositive && y.bankEndTWh <= 1e-6 && y.year < settings.endYear && y.demandTWh > 0 { return y.year }
        }
        return nil
    }

    public func year(_ y: Int) -> CertificateYear? { years.first { $0.year == y } }
}
