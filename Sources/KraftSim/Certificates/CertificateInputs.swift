import KraftScenario

/// A setting turned into the yearly quantities the market needs: quotas, obligated use,
/// certificate demand, who may earn certificates, and what a project needs per certificate.
struct CertificateInputs {
    let settings: CertificateSettings
    let swedishCurve: [Int: Double]
    let marketPrice: Double
    let exemptShare: Double
    let horizon: Int

    init(_ s: CertificateSettings) {
        settings = s
        swedishCurve = QuotaCurves.sweden(s.quota)
        marketPrice = s.marketPriceSEKPerMWh ?? CertificateAssumptions.marketPriceSEKPerMWh
        exemptShare = s.exemptShare ?? CertificateAssumptions.exemptShare
        horizon = CertificateAssumptions.horizonYears(s)
    }

    func active(_ area: CertificateMarketArea, in year: Int) -> Bool {
        guard year >= CertificateAssumptions.years.lowerBound, year <= settings.endYear else { return false }
        return area == .sweden || (settings.jointWithNorway && year >= CertificateAssumptions.norwayJoinYear)
    }

    func obligatedTWh(_ year: Int) -> Double {
        let use = settings.consumptionTWh.isEmpty ? CertificateAssumptions.nationalUseTWh : Self.interpolate(settings.consumptionTWh, year)
        return use * (1 - exemptShare)
    }

    /// The Swedish quota applied: the curve's plus the extra demand as a share of obligated use.
    func quota(_ year: Int) -> Double {
        guard active(.sweden, in: year) else { return 0 }
        let extra = settings.extraDemandTWh.isEmpty ? 0 : Self.interpolate(settings.extraDemandTWh, year, zeroBefore: true)
        let obligated = obligatedTWh(year)
        return (swedishCurve[year] ?? 0) + (obligated > 0 ? extra / obligated : 0)
    }

    func norwayQuota(_ year: Int) -> Double {
        active(.norway, in: year) ? QuotaCurves.norway[year] ?? 0 : 0
    }

    func norwayObligatedTWh(_ year: Int) -> Double {
        active(.norway, in: year) ? CertificateAssumptions.norwayObligatedTWh : 0
    }

    func demandTWh(_ year: Int) -> Double {
        quota(year) * obligatedTWh(year) + norwayQuota(year) * norwayObligatedTWh(year)
    }

    /// The last year a plant of `area` commissioned in `year` earns certificates, or nil if it
    /// earns none (system not running, stop rule, Norway outside its window).
    func certificatesUntil(_ area: CertificateMarketArea, commissioned year: Int) -> Int? {
        guard active(area, in: year) else { return nil }
        switch area {
        case .sweden:
            if let last = settings.lastCommissioningYear, year > last { return nil }
        case .norway:
            if year > CertificateAssumptions.norwayLastCommissioningYear { return nil }
        }
        return min(year + settings.entitlementYears - 1, settings.endYear)
    }

    /// The certificate price at which a project commissioned in `year` covers its cost with the
    /// expected market price: its cost gap, spread over the years it earns certificates instead
    /// of its whole life (annuity factors at the discount rate). nil if it earns no certificates.
    func requiredPrice(_ p: SupplyCurve.Project, in year: Int) -> Double? {
        guard let until = certificatesUntil(CertificateMarketArea(zone: p.zone), commissioned: year) else { return nil }
        let gap = max(0, p.cost(in: year) - marketPrice)
        return gap * Self.annuity(CertificateAssumptions.plantLifeYears) / Self.annuity(until - year + 1)
    }

    /// Whether a project gets built in `year` at certificate price `price`: certificates plus
    /// market revenue cover its cost, or the market alone does.
    func builds(_ p: SupplyCurve.Project, in year: Int, at price: Double) -> Bool {
        guard year >= p.firstYear else { return false }
        if CertificateMarketArea(zone: p.zone) == .norway && !active(.norway, in: year) { return false }
        if p.cost(in: year) <= marketPrice { return true }
        guard let needed = requiredPrice(p, in: year) else { return false }
        return needed <= price
    }

    /// Present value of 1 a year for `years` years.
    static func annuity(_ years: Int) -> Double {
        let r = CertificateAssumptions.discountRate
        return (1 - pow1p(r, -years)) / r
    }

    private static func pow1p(_ r: Double, _ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<abs(n) { x *= 1 + r }
        return n < 0 ? 1 / x : x
    }

    /// Linear between the years given, flat beyond them (or zero before the first when asked).
    static func interpolate(_ table: [Int: Double], _ year: Int, zeroBefore: Bool = false) -> Double {
        let keys = table.keys.sorted()
        guard let first = keys.first, let last = keys.last else { return 0 }
        if year < first { return zeroBefore ? 0 : table[first]! }
        if year >= last { return table[last]! }
        let hi = keys.first { $0 >= year }!
        if hi == year { return table[hi]! }
        let lo = keys.last { $0 < year }!
        let w = Double(year - lo) / Double(hi - lo)
        return table[lo]! * (1 - w) + table[hi]! * w
    }
}
