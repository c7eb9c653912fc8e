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

    /// Norway's quota-obligated use, TWh a year: 79.7. DERIVED as the mean of the six years the
    /// published figures give it, directly or as certificates cancelled in Norway over Norway's quota:
    /// 81.1 (2012) and 80.0 (2013), Energimyndigheten as quoted at
    /// https://www.vindkraftsnyheter.se/20190804/954/elcertifikatsystemet-fortsatter-att-leverera-fornybar-el and
    /// https://www.vindkraftsnyheter.se/20190804/1639/kostnad-fornybar-el-lagre-pa-flera-ar ;
    /// 76.7 (2014, https://www.energimyndigheten.se/nyhetsarkiv/2015/fortsatt-hog-utbyggnad-av-fornybar-el-trots-lagre-certifikatpris/);
    /// 14 750 189 / 18.6 % = 79.3 (2020, https://www.solenerginyheter.se/index.php/20210407/2058/384-miljoner-annulerade-elcertifikat);
    /// 16 188 751 / 19.3 % = 83.9 (2021, https://via.tt.se/pressmeddelande/annullering-av-402-miljoner-elcertifikat?publisherId=3236218&releaseId=3319479);
    /// 14 171 051 / 18.3 % = 77.4 (2023, https://www.nve.no/energi/virkemidler/elsertifikater/siste-nytt-om-elsertifikater/annullering-av-36-8-millioner-elsertifikater/).
    public static let norwayObligatedTWh = (81.1 + 80.0 + 76.7 + 79.3 + 83.9 + 77.4) / 6

    /// The joint market with Norway started on 2012-01-01 (certificates_milestones.csv).
    public static let norwayJoinYear = 2012
    /// Norwegian plants earn certificates if commissioned 2012–2021: the stop date (2021-12-31)
    /// is reported (milestones); counting only plants from 2012 on is an ASSUMPTION (Norway's
    /// transition rules for plants from 2009 are left out).
    public static let norwayLastCommissioningYear = 2021

    /// Electricity price a project expects to earn besides certificates: 350 SEK/MWh every year.
    /// ASSUMPTION — no market prices are in the shared data.
    public static let marketPriceSEKPerMWh = 350.0

    /// Years the market looks ahead when it clears the price, when a setting does not say: as many
    /// as a plant commissioned this year earns certificates (the setting's entitlement, 15 years),
    /// because that is the price path an investor in such a plant has to judge.
    public static func horizonYears(_ s: CertificateSettings) -> Int { s.horizonYears ?? s.entitlementYears }

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
            out.append("Norway: obligated use \(fixed1(norwayObligatedTWh)) TWh (DERIVED: mean of the published 2012-2014, 2020, 2021, 2023 volumes), quotas 2012-2017 ASSUMPTION, plants 2012-2021 eligible")
        }
        if s.marketPriceSEKPerMWh == nil { out.append("expected market price \(fixed1(marketPriceSEKPerMWh)) SEK/MWh (ASSUMPTION)") }
        out.append("price rule: the lowest price (0 to the fee) that, if expected to hold, keeps the expected bank non-negative over the next \(horizonYears(s)) years"
                   + (s.horizonYears == nil ? " (= the entitlement: a new plant's certificate years)" : " (horizon_years)")
                   + ", counting the projects that price pays for; a shortfall no price can prevent ends the horizon before it")
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
