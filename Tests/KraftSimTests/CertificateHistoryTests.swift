import Foundation
import KraftIO
import KraftScenario
import Testing
@testable import KraftSim

/// The model with the historical settings (Scenarios/certificates/history.toml) against the
/// published figures (Scenarios/certificates/published/, copied from shared/data/sweden).
@Suite("Certificate market: history")
struct CertificateHistoryTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/certificates").path

    static func historyRun() throws -> (CertificateRun, PublishedCertificateFigures) {
        let settings = try ScenarioLoader.certificateSettings(path: folder + "/history.toml")
        let supply = try SupplyCurveFile.read(path: settings.supplyCurve!)
        let published = try PublishedCertificateFigures.read(folder: settings.published!)
        return (CertificateMarket.run(settings, supply: supply), published)
    }

    @Test("the published quotas in force are used exactly, 2003-2035")
    func quotas() throws {
        let (run, published) = try Self.historyRun()
        var checked = 0
        for (year, p) in published.years {
            guard let q = p.quota else { continue }
            #expect(abs(run.year(year)!.quota - q) < 1e-12, "quota \(year)")
            checked += 1
        }
        #expect(checked == 33)
    }
}

extension CertificateHistoryTests {
    @Test("consumer cost is quota x price every year, in SEK/MWh, öre/kWh and MSEK")
    func consumerCost() throws {
        let (run, _) = try Self.historyRun()
        for y in run.years {
            let expected = y.quota * y.priceSEKPerMWh
            #expect(abs(y.consumerCostSEKPerMWh - expected) <= 1e-9 * max(1, expected), "\(y.year)")
            #expect(abs(y.consumerCostOrePerKWh * 10 - expected) <= 1e-9 * max(1, expected), "\(y.year)")
            #expect(abs(y.consumerCostMSEK - expected * y.obligatedTWh) <= 1e-9 * max(1, expected * y.obligatedTWh), "\(y.year)")
        }
    }

    @Test("the price collapses around 2020: the 2021 price is below a fifth of the 2016-2019 average, as published")
    func collapse() throws {
        let (run, published) = try Self.historyRun()
        let model = (2016...2019).map { run.year($0)!.priceSEKPerMWh }.reduce(0, +) / 4
        #expect(model > 0)
        #expect(run.year(2021)!.priceSEKPerMWh < model / 5)
        // The published figures show the same: the price implied by consumer cost / quota.
        let implied = (2016...2019).map { published.years[$0]!.impliedPriceSEKPerMWh! }.reduce(0, +) / 4
        #expect(published.years[2021]!.impliedPriceSEKPerMWh! < implied / 5)
    }

    /// The published bank (certificates_bank.csv: the joint market's reserve after each year's
    /// cancellation) beside the model. Tolerance: a factor 2 where the bank is large (5 TWh or
    /// more), 2.5 TWh where it is near zero. The bank is the running difference of two flows of
    /// 15-60 TWh a year (issued and cancelled), so a few percent on them — the supply curve's build
    /// rates are national averages, its costs assumptions, and wind output varies some 10 % from
    /// year to year, which the model's normal-year production ignores — moves the bank by several
    /// TWh; a factor 2 keeps the order of magnitude and the shape. Near zero the model cannot follow
    /// the published -1.9 of 2019 (the market borrowed from early 2020 issuance; the model has no
    /// borrowing), so there the bound is absolute: 2.5 TWh, about 6 % of that year's demand.
    @Test("the modelled bank is of the published size in every year with a published figure, 2012-2023")
    func bankBesidePublished() throws {
        let (run, published) = try Self.historyRun()
        var checked = 0
        for (year, p) in published.years {
            guard let bank = p.bankTWh else { continue }
            let model = run.year(year)!.bankEndTWh
            if bank >= 5 {
                #expect(model >= bank / 2 && model <= bank * 2, "\(year): model \(model), published \(bank)")
            } else {
                #expect(abs(model - bank) <= 2.5, "\(year): model \(model), published \(bank)")
            }
            checked += 1
        }
        #expect(checked == 10)
    }

    @Test("the surplus builds up before the quotas rise in 2016-2019, is drawn down by 2019, and builds up again from 2020")
    func surplusBuildUp() throws {
        let (run, _) = try Self.historyRun()
        let bank = { (y: Int) in run.year(y)!.bankEndTWh }
        // Published: 11.8 (2012), 12.0 (2013), 13.3 (2016), 10.7 (2017), 2.1 (2018), -1.9 (2019).
        let peak = (2013...2019).max { bank($0) < bank($1) }!
        #expect((2013...2016).contains(peak), "the bank peaks before the quota rises of 2017-2019: \(peak)")
        #expect(bank(peak) >= 13.3 / 2, "of the published order: 13.3 TWh in 2016")
        #expect(bank(2013) > bank(2009), "it grows over the early 2010s")
        #expect(bank(2019) < bank(peak) / 4, "drawn down by the end of 2019")
        // Published: 9.8 (2020), 22.4 (2021), 40.6 (2022), 56.6 (2023).
        for y in 2020...2023 { #expect(bank(y) > bank(y - 1) + 5, "\(y)") }
    }

    /// Certificates issued and cancelled for the quota are the flows the bank is the difference
    /// of: issued within 15 % (wind output varies ~10 % from year to year; 2020 was windy), cancelled
    /// within 6 % (the derived quota-obligated volumes are within 7 % of the reported ones).
    @Test("certificates issued and cancelled are close to the published flows")
    func flows() throws {
        let (run, published) = try Self.historyRun()
        var checked = 0
        for (year, p) in published.years {
            let y = run.year(year)!
            if let issued = p.issuedTWh {
                #expect(abs(y.issuedTWh / issued - 1) <= 0.15, "\(year) issued: model \(y.issuedTWh), published \(issued)")
                checked += 1
            }
            if let cancelled = p.cancelledTWh {
                #expect(abs(y.usedForQuotaTWh / cancelled - 1) <= 0.06, "\(year) cancelled: model \(y.usedForQuotaTWh), published \(cancelled)")
                checked += 1
            }
        }
        #expect(checked == 10)
    }

    @Test("the derived quota-obligated use is within 7 % of every volume the data reports")
    func obligatedUse() throws {
        let (run, published) = try Self.historyRun()
        var checked = 0
        for (year, p) in published.years {
            guard let reported = p.obligatedTWh else { continue }
            #expect(abs(run.year(year)!.obligatedTWh / reported - 1) < 0.07, "\(year): \(reported)")
            checked += 1
        }
        #expect(checked == 6)
    }
}
