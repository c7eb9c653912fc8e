import Foundation
@testable import KraftScenario
import Testing
@testable import KraftSim

/// The market's accounting and rules on small cases worked out by hand.
@Suite("Certificate market: accounting and rules")
struct CertificateMarketTests {
    static let origin = Origin(file: "test.toml", keyPath: "certificates")

    /// Sweden alone, 10 TWh of obligated use (no exempt share), no Norway.
    static func settings(quota: [Int: Double], end: Int = 2035, penalty: Double? = nil) -> CertificateSettings {
        CertificateSettings(quota: .table(quota), endYear: end, penaltySEKPerMWh: penalty, jointWithNorway: false,
                            consumptionTWh: [2003: 10], exemptShare: 0, origin: origin)
    }

    static func existing(_ twh: Double, until: Int = 2040) -> SupplyCurve {
        SupplyCurve(existing: [.init(zone: "SE2", technology: .wind, commissioned: 2002, twh: twh, certificatesUntil: until,
                                     basis: "test", line: 2)], projects: [], source: "test")
    }

    @Test("issued - cancelled - used for quota = change of the bank, every year, every shipped setting")
    func identity() throws {
        let folder = CertificateHistoryTests.folder
        for name in ["history", "law-2021", "higher-quota-2030", "end-2030", "no-norway"] {
            let s = try ScenarioLoader.certificateSettings(path: "\(folder)/\(name).toml")
            let run = CertificateMarket.run(s, supply: try SupplyCurveFile.read(path: s.supplyCurve!))
            for y in run.years {
                let lhs = y.issuedTWh - y.cancelledTWh - y.usedForQuotaTWh
                #expect(abs(lhs - (y.bankEndTWh - y.bankStartTWh)) < 1e-9, "\(name) \(y.year)")
                #expect(abs(y.usedForQuotaTWh + y.shortfallTWh - y.demandTWh) < 1e-9, "\(name) \(y.year)")
                #expect(y.bankEndTWh >= 0 && y.priceSEKPerMWh >= 0 && y.priceSEKPerMWh <= y.feeSEKPerMWh + 1e-9)
            }
            // The bank expires at the end: nothing is left after the last year, and the year after
            // (inside the model's years for every shipped setting) starts from an empty bank.
            let last = try #require(run.year(s.endYear), "\(name): no year \(s.endYear) in the run")
            #expect(last.bankEndTWh == 0, "\(name): the bank expires at the end")
            let after = try #require(run.year(s.endYear + 1), "\(name): no year \(s.endYear + 1) in the run")
            #expect(after.bankStartTWh == 0, "\(name): the bank expires at the end")
        }
    }

    @Test("quota of zero: nothing is used, the bank keeps every certificate, the price and consumer cost are 0")
    func zeroQuota() {
        let run = CertificateMarket.run(Self.settings(quota: [:]), supply: Self.existing(2))
        let y2010 = run.year(2010)!
        #expect(y2010.usedForQuotaTWh == 0 && y2010.priceSEKPerMWh == 0 && y2010.consumerCostMSEK == 0)
        #expect(abs(y2010.bankEndTWh - 2 * 8) < 1e-9)   // 2 TWh a year, 2003-2010
        #expect(run.year(2035)!.cancelledTWh == 2 * 33)  // 2003-2035: the whole bank expires at the end
    }

    @Test("a shortfall no price can cure puts the price at the fee; the fee is paid on the shortfall")
    func feeCap() {
        // Demand 0.5 x 10 = 5 TWh, supply 1 TWh, no projects: 4 TWh short every year.
        let run = CertificateMarket.run(Self.settings(quota: [2003: 0.5, 2004: 0.5], penalty: 300), supply: Self.existing(1))
        let y = run.year(2003)!
        #expect(y.priceSEKPerMWh == 300 && y.feeSEKPerMWh == 300)
        #expect(abs(y.shortfallTWh - 4) < 1e-12 && y.bankEndTWh == 0)
        #expect(run.bankRunsOut == 2003)
        // Statutory fee: 150 % of the previous year's price, 175 SEK in the first year.
        let floating = CertificateMarket.run(Self.settings(quota: [2003: 0.5, 2004: 0.5]), supply: Self.existing(1))
        #expect(floating.year(2003)!.priceSEKPerMWh == 175)
        #expect(floating.year(2004)!.feeSEKPerMWh == 262.5 && floating.year(2004)!.priceSEKPerMWh == 262.5)
    }

    @Test("the market looks ahead over the entitlement by default: it banks ahead of a quota that rises later")
    func banksAhead() {
        // Sweden alone, 10 TWh obligated: 1 TWh of demand 2003-2009, 4 TWh from 2010. An existing
        // 1 TWh plant, and one project row (gap 150 SEK/MWh, needs 197.43 SEK/MWh) that can add at
        // most 0.5 TWh a year: the 2010 rise cannot be met by building in 2010, only ahead of it.
        var quota = [Int: Double]()
        for y in 2003...2035 { quota[y] = y < 2010 ? 0.1 : 0.4 }
        let project = SupplyCurve.Project(zone: "SE2", technology: .wind, firstYear: 2003, costSEKPerMWh: 500, costChangePerYear: 0,
                                          resourceTWh: 10, maxBuildTWhPerYear: 0.5, capacityFactor: 0.3, basis: "test", line: 3)
        var supply = Self.existing(1)
        supply.projects = [project]
        func run(horizon: Int?) -> CertificateRun {
            CertificateMarket.run(CertificateSettings(quota: .table(quota), endYear: 2035, penaltySEKPerMWh: 300, jointWithNorway: false,
                                                      consumptionTWh: [2003: 10], exemptShare: 0, horizonYears: horizon,
                                                      origin: Self.origin), supply: supply)
        }
        let ahead = run(horizon: nil), myopic = run(horizon: 6)
        #expect(CertificateInputs(ahead.settings).horizon == 15)
        // Default horizon (15 years): the 2010 rise is in sight from 2003, so the price pays for the
        // project at once and the bank grows from the first year.
        #expect(abs(ahead.year(2003)!.priceSEKPerMWh - 197.43) < 0.02)
        #expect(ahead.year(2003)!.bankEndTWh > 0 && ahead.year(2009)!.bankEndTWh >= 10)
        // A 6-year horizon sees it only from 2005 and banks less.
        #expect(myopic.year(2003)!.priceSEKPerMWh == 0)
        #expect(myopic.year(2009)!.bankEndTWh < ahead.year(2009)!.bankEndTWh)
        for run in [ahead, myopic] {
            #expect((2010...2020).allSatisfy { run.year($0)!.shortfallTWh == 0 })
        }
    }

    @Test("a shortfall no price can prevent does not set today's price; in its own year the price is the fee")
    func unavoidableShortfall() {
        // 2 TWh a year of supply, no projects; demand 1 TWh until 2009, then 5 TWh: the bank
        // (7 TWh at end-2009) lasts to 2011 and then runs short whatever the price.
        var quota = [Int: Double]()
        for y in 2003...2035 { quota[y] = y < 2010 ? 0.1 : 0.5 }
        let run = CertificateMarket.run(Self.settings(quota: quota, penalty: 300), supply: Self.existing(2))
        #expect((2003...2011).allSatisfy { run.year($0)!.priceSEKPerMWh == 0 })
        #expect(abs(run.year(2011)!.bankEndTWh - 1) < 1e-9)
        let y2012 = run.year(2012)!
        #expect(y2012.priceSEKPerMWh == 300 && abs(y2012.shortfallTWh - 2) < 1e-9)
        #expect(run.bankRunsOut == 2012)
    }

    @Test("after the end year nothing is issued, demanded or priced, and the bank left at the end is cancelled")
    func afterTheEnd() {
        let run = CertificateMarket.run(Self.settings(quota: [2003: 0.1], end: 2005), supply: Self.existing(3))
        // 3 TWh a year against 1 TWh in 2003 only: bank 2, 5, then 8 cancelled at the end of 2005.
        #expect(abs(run.year(2004)!.bankEndTWh - 5) < 1e-12)
        #expect(abs(run.year(2005)!.cancelledTWh - 8) < 1e-12 && run.year(2005)!.bankEndTWh == 0)
        let after = run.year(2006)!
        #expect(!after.active && after.issuedTWh == 0 && after.demandTWh == 0 && after.priceSEKPerMWh == 0)
    }

    @Test("a project is built when certificates plus market revenue cover its cost (hand-computed annuity)")
    func requiredPrice() {
        let inputs = CertificateInputs(CertificateSettings(quota: .table([:]), endYear: 2035, lastCommissioningYear: 2021,
                                                           marketPriceSEKPerMWh: 350, origin: Self.origin))
        let p = SupplyCurve.Project(zone: "SE2", technology: .wind, firstYear: 2010, costSEKPerMWh: 500, costChangePerYear: 0,
                                    resourceTWh: 1, maxBuildTWhPerYear: 1, capacityFactor: 0.3, basis: "test", line: 2)
        // Gap 150 SEK/MWh over 25 years, recovered in 15 certificate years at 6 %:
        // 150 x 12.7834 / 9.7122 = 197.43.
        #expect(abs(inputs.requiredPrice(p, in: 2015)! - 197.43) < 0.01)
        #expect(inputs.requiredPrice(p, in: 2021)! < inputs.requiredPrice(p, in: 2021 - 5)! + 1e-9)
        #expect(inputs.requiredPrice(p, in: 2022) == nil)   // stop rule: no certificates after 2021
        #expect(inputs.builds(p, in: 2015, at: 198) && !inputs.builds(p, in: 2015, at: 197))
    }

    @Test("the end year shortens the certificate years of late plants")
    func entitlementCut() {
        let inputs = CertificateInputs(CertificateSettings(quota: .table([:]), endYear: 2035, marketPriceSEKPerMWh: 350, origin: Self.origin))
        #expect(inputs.certificatesUntil(.sweden, commissioned: 2015) == 2029)
        #expect(inputs.certificatesUntil(.sweden, commissioned: 2025) == 2035)
        #expect(inputs.certificatesUntil(.norway, commissioned: 2015) == 2029)
        #expect(inputs.certificatesUntil(.norway, commissioned: 2022) == nil)
        let p = SupplyCurve.Project(zone: "SE2", technology: .wind, firstYear: 2010, costSEKPerMWh: 500, costChangePerYear: 0,
                                    resourceTWh: 1, maxBuildTWhPerYear: 1, capacityFactor: 0.3, basis: "test", line: 2)
        #expect(abs(inputs.requiredPrice(p, in: 2025)! - 150 * 12.78336 / 7.88687) < 0.01)
    }

    @Test("build-out becomes producers: MW = TWh x 10^6 / (8760 x capacity factor), per zone, technology and year")
    func producers() {
        let run = CertificateRun(settings: Self.settings(quota: [:]), years: [], built: [
            BuiltPlant(zone: "SE2", technology: .wind, year: 2018, twh: 1, capacityFactor: 0.3, certified: true),
            BuiltPlant(zone: "SE2", technology: .wind, year: 2018, twh: 0.5, capacityFactor: 0.3, certified: true),
            BuiltPlant(zone: "NO", technology: .wind, year: 2018, twh: 1, capacityFactor: 0.3, certified: true),
            BuiltPlant(zone: "SE4", technology: .solar, year: 2012, twh: 0.1, capacityFactor: 0.1, certified: true),
        ], assumptions: [])
        let p = BuildOutProducers.producers(run, years: 2016...2045, zones: ["SE1", "SE2", "SE3", "SE4"], spread: .equal, file: "x.toml")
        #expect(p.count == 1)
        #expect(abs(p[0].capacityMW - 1.5e6 / (8760 * 0.3)) < 1e-9)   // 570.78 MW
        #expect(p[0].location == .zone("SE2") && p[0].spread == .equal && p[0].from == CalendarDate(year: 2018, month: 1, day: 1))
    }
}
