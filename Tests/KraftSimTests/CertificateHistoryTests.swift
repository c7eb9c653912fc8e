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

    @Test("the bank builds up a surplus once the stop rule is in sight (2019-2023)")
    func surplus() throws {
        let (run, _) = try Self.historyRun()
        for y in 2020...2023 { #expect(run.year(y)!.bankEndTWh > run.year(y - 1)!.bankEndTWh, "\(y)") }
        #expect(run.year(2021)!.bankEndTWh > 5)
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
