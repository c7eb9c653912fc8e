import KraftScenario

/// The defaults the certificate model uses where a setting is silent, each with its basis
/// (reported / DERIVED / ASSUMPTION) so every report can list what its numbers rest on.
public enum CertificateAssumptions {
    /// The years the model covers.
    public static let years = 2003...2045

    /// National electricity use when a setting gives none: 140 TWh every year. ASSUMPTION — the
    /// shared data has 138 TWh (2019) and 139.9 TWh (2021) only (zones.csv); earlier years were
    /// somewhat higher, which this flat value ignores.
    public static let nationalUseTWh = 140.0

    /// Share of national use exempt from the quota (electricity-intensive industry's process use).
    /// DERIVED: 1 − 94.2 / 139.9 — the reported quota-obligated use of 2021 (certificates.csv) over
    /// the national use of 2021 (zones.csv).
    public static let exemptShare = 1 - 94.2 / 139.9

    /// Norway's quota-obligated use, TWh a year. DERIVED: Norway's financing share of the joint
    /// target, 13.2 TWh (certificates_milestones.csv, 2012), over its 2020 quota of 18.6 %.
    public static let norwayObligatedTWh = 13.2 / 0.186

    /// The joint market with Norway started on 2012-01-01 (certificates_milestones.csv).
    public static let norwayJoinYear = 2012
    /// Norwegian plants earn certificates if commissioned 2012–2021: the stop date (2021-12-31)
    /// is reported (milestones); counting only plants from 2012 on is an ASSUMPTION (Norway's
    /// transition rules for plants from 2009 are left out).
    public static let norwayLastCommissioningYear = 2021

    /// Electricity price a project expects to earn besides certificates: 350 SEK/MWh every year.
    /// ASSUMPTION — no market prices are in the shared data.
    public static let marketPriceSEKPerMWh = 350.0

    /// Years the market looks ahead when it clears the price. ASSUMPTION.
    public static let horizonYears = 6

    /// Investor's discount rate and a plant's economic life, used to spread a project's cost gap
    /// over its certificate years. ASSUMPTION.
    public static let discountRate = 0.06
    public static let plantLifeYears = 25

    /// The quota-obligation fee of the first year, SEK/MWh, before there is a previous year's
    /// price to take 150 % of. ASSUMPTION: lag 2003:113 fixed the fee at 175 SEK for 2003 (not in
    /// the shared data; quoted from the statute as remembered).
    public static let firstFeeSEKPerMWh = 175.0

    /// The statutory fee: 150 % of the volume-weighted average price (MEMO.md §4).
    public static let feeFactor = 1.5

    /// One line per default the run used, with its basis, for reports.
    public static func lines(for s: CertificateSettings, supply: SupplyCurve) -> [String] {
        var out = [String]()
        if s.consumptionTWh.isEmpty { out.append("national use \(fixed1(nationalUseTWh)) TWh every year (ASSUMPTION)") }
        if s.exemptShare == nil {
            out.append("exempt electricity-intensive industry \(fixed1(exemptShare * 100)) % of national use (DERIVED: 1 - 94.2/139.9, 2021)")
        }
        out.append("quota-obligated use = national use x (1 - exempt share): DERIVED, not published per year")
        if s.jointWithNorway {
            out.append("Norway: obligated use \(fixed1(norwayObligatedTWh)) TWh (DERIVED: 13.2 TWh / 18.6 %), quotas 2012-2017 ASSUMPTION, plants 2012-2021 eligible")
        }
        if s.marketPriceSEKPerMWh == nil { out.append("expected market price \(fixed1(marketPriceSEKPerMWh)) SEK/MWh (ASSUMPTION)") }
        if s.horizonYears == nil { out.append("market horizon \(horizonYears) years (ASSUMPTION)") }
        out.append("discount rate \(fixed1(discountRate * 100)) %, plant life \(plantLifeYears) years (ASSUMPTION)")
        if s.penaltySEKPerMWh == nil { out.append("fee 150 % of the previous year's price; \(fixed1(firstFeeSEKPerMWh)) SEK in 2003 (ASSUMPTION)") }
        out.append("supply curve: \(supply.source)")
        return out
    }

    private static func fixed1(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
