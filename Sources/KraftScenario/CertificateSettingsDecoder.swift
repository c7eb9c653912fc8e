/// What one file's `[certificates]` table says: every key optional, so a settings file that
/// `extends` another changes only the keys it writes (`end_year = 2030` on top of the 2021 law).
struct PartialCertificateSettings {
    var quota: CertificateSettings.Quota?
    var endYear: Int?
    var penaltySEKPerMWh: Double?
    var banking: Bool?
    var entitlementYears: Int?
    var jointWithNorway: Bool?
    var lastCommissioningYear: Int?
    var extraDemandTWh: [Int: Double]?
    var consumptionTWh: [Int: Double]?
    var exemptShare: Double?
    var marketPriceSEKPerMWh: Double?
    var horizonYears: Int?
    var supplyCurve: String?
    var published: String?
    var origin: Origin

    /// `self` on top of `base`: keys written here win.
    func over(_ base: PartialCertificateSettings?) -> PartialCertificateSettings {
        guard let base else { return self }
        var m = self
        m.quota = quota ?? base.quota
        m.endYear = endYear ?? base.endYear
        m.penaltySEKPerMWh = penaltySEKPerMWh ?? base.penaltySEKPerMWh
        m.banking = banking ?? base.banking
        m.entitlementYears = entitlementYears ?? base.entitlementYears
        m.jointWithNorway = jointWithNorway ?? base.jointWithNorway
        m.lastCommissioningYear = lastCommissioningYear ?? base.lastCommissioningYear
        m.extraDemandTWh = extraDemandTWh ?? base.extraDemandTWh
        m.consumptionTWh = consumptionTWh ?? base.consumptionTWh
        m.exemptShare = exemptShare ?? base.exemptShare
        m.marketPriceSEKPerMWh = marketPriceSEKPerMWh ?? base.marketPriceSEKPerMWh
        m.horizonYears = horizonYears ?? base.horizonYears
        m.supplyCurve = supplyCurve ?? base.supplyCurve
        m.published = published ?? base.published
        return m
    }

    /// The complete settings, or nil after logging what is missing (against the file that
    /// opened the chain) or inconsistent.
    func complete(file: String, log: ProblemLog, alreadyReported: (String) -> Bool) -> CertificateSettings? {
        func missing(_ key: String, _ what: String) {
            if !alreadyReported("certificates.\(key)") { log.add(file, "certificates.\(key)", "is missing (expected \(what))") }
        }
        if quota == nil { missing("quota_curve", "one of \(CertificateSettings.curveNames.map { "\"\($0)\"" }.joined(separator: ", ")), or a [certificates.quota] table") }
        if endYear == nil { missing("end_year", "the last year certificates are issued, such as 2035") }
        guard let quota, let endYear else { return nil }
        if let last = lastCommissioningYear, last > endYear {
            log.add(origin.file, "certificates.last_commissioning_year",
                    "is \(last), after end_year = \(endYear) (expected a year on or before the end year)")
            return nil
        }
        return CertificateSettings(quota: quota, endYear: endYear, penaltySEKPerMWh: penaltySEKPerMWh,
                                   banking: banking ?? true, entitlementYears: entitlementYears ?? 15,
                                   jointWithNorway: jointWithNorway ?? true, lastCommissioningYear: lastCommissioningYear,
                                   extraDemandTWh: extraDemandTWh ?? [:], consumptionTWh: consumptionTWh ?? [:],
                                   exemptShare: exemptShare, marketPriceSEKPerMWh: marketPriceSEKPerMWh,
                                   horizonYears: horizonYears, supplyCurve: supplyCurve, published: published, origin: origin)
    }
}

extension ScenarioFileDecoder {
    /// The first year of the Swedish certificate system (lag 2003:113, in force 2003-05-01).
    static let certificateStartYear = 2003

    static func certificates(_ t: TableReader, file: String, folder: String) -> PartialCertificateSettings {
        defer { t.finish() }
        var s = PartialCertificateSettings(origin: Origin(file: file, keyPath: t.path))
        if t.has("quota_curve") && t.has("quota") {
            t.problem("quota", "is given together with quota_curve (expected one of them)")
        }
        if t.has("quota") {
            s.quota = yearTable(t, "quota", what: "a quota between 0 and 1", example: "\"2030\" = 0.25", range: 0...1)
                .map(CertificateSettings.Quota.table)
        } else if t.has("quota_curve") {
            s.quota = t.choice("quota_curve", CertificateSettings.curveNames).map(CertificateSettings.Quota.named)
        }
        if let end = t.integer("end_year") {
            if end < certificateStartYear {
                t.problem("end_year", "is \(end), before the system starts in \(certificateStartYear) (expected \(certificateStartYear) to \(years.upperBound))")
            } else if end > years.upperBound {
                t.problem("end_year", "is \(end) (expected \(certificateStartYear) to \(years.upperBound))")
            } else {
                s.endYear = end
            }
        }
        s.penaltySEKPerMWh = t.number("penalty_sek_per_mwh", in: 0...1e6, exclusiveLower: true, unit: "SEK/MWh")
        s.banking = t.bool("banking")
        s.entitlementYears = t.integer("entitlement_years", in: 1...40)
        s.jointWithNorway = t.bool("joint_with_norway")
        s.lastCommissioningYear = t.integer("last_commissioning_year", in: certificateStartYear...years.upperBound)
        s.extraDemandTWh = yearTable(t, "extra_demand_twh", what: "extra certificate demand in TWh, 0 or more", example: "\"2030\" = 5", range: 0...1000)
        s.consumptionTWh = yearTable(t, "consumption_twh", what: "national electricity use in TWh, more than 0", example: "\"2030\" = 160", range: 0...10_000, exclusiveLower: true)
        s.exemptShare = t.number("exempt_share", in: 0...1)
        s.marketPriceSEKPerMWh = t.number("market_price_sek_per_mwh", in: 0...1e5, unit: "SEK/MWh")
        s.horizonYears = t.integer("horizon_years", in: 1...50)
        s.supplyCurve = t.string("supply_curve", maxLength: TableReader.maxPathLength).map { resolve($0, in: folder) }
        s.published = t.string("published", maxLength: TableReader.maxPathLength).map { resolve($0, in: folder) }
        return s
    }

    /// A table keyed by year (`"2030" = 0.25`), every value a number within `range`.
    private static func yearTable(_ t: TableReader, _ key: String, what: String, example: String,
                                  range: ClosedRange<Double>, exclusiveLower: Bool = false) -> [Int: Double]? {
        guard let entries = t.rawEntries(key) else { return nil }
        var table = [Int: Double]()
        for (yearKey, value, _) in entries {
            let path = "\(key).\(yearKey)"
            guard let year = Int(yearKey), years.contains(year) else {
                t.problem(path, "is not a year (expected keys such as \(example))")
                continue
            }
            let x: Double? = switch value {
            case .float(let f): f
            case .integer(let i): Double(i)
            default: nil
            }
            guard let x else {
                t.problem(path, "is \(value.kind) (expected \(what))")
                continue
            }
            guard x.isFinite, range.contains(x), !(exclusiveLower && x == range.lowerBound) else {
                t.problem(path, "is \(x) (expected \(what))")
                continue
            }
            table[year] = x
        }
        return table
    }
}
