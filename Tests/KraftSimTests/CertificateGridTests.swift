import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// The shipped grid example `Scenarios/certificates/grid-law-2021-2025.toml`: the build-out the
/// market model commissions under the 2021 law from 2024 on (base-2025 already has the wind and
/// solar of end-2023), as producers on the 2025 base. A week, not the year: the full year's
/// comparison is in the README.
@Suite("Certificate build-out on the grid", .serialized)
struct CertificateGridTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let example = root.appendingPathComponent("Scenarios/certificates/grid-law-2021-2025.toml").path
    static let base = root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path

    static func run(_ path: String, from: String, to: String) throws -> YearResult {
        let (s, network, sidecar) = try ScenarioLoader.load(path: path)
        let period = Period(from: try #require(CalendarDate(parsing: from)), to: try #require(CalendarDate(parsing: to)))
        let (profiles, hours) = try YearRun.profiles(weather: s.weather, covering: period, sidecar: sidecar)
        return try YearRun.run(scenario: s, network: network, sidecar: sidecar, profiles: profiles, only: hours, threads: 2)
    }

    @Test("the shipped example holds exactly the build-out the model commissions from 2024, on top of base-2025's producers")
    func producersAreTheModelsBuildOut() throws {
        let settings = try ScenarioLoader.certificateSettings(path: Self.root.appendingPathComponent("Scenarios/certificates/law-2021.toml").path)
        let market = CertificateMarket.run(settings, supply: try SupplyCurveFile.read(path: settings.supplyCurve!))
        let expected = BuildOutProducers.producers(market, years: 2024...CertificateAssumptions.years.upperBound,
                                                   zones: ["SE1", "SE2", "SE3", "SE4"], spread: .load, file: Self.example)
        let (example, _, _) = try ScenarioLoader.load(path: Self.example)
        let (base, _, _) = try ScenarioLoader.load(path: Self.base)
        #expect(Array(example.producers.prefix(base.producers.count)).map(\.capacityMW) == base.producers.map(\.capacityMW))
        let added = Array(example.producers.dropFirst(base.producers.count))
        #expect(added.count == expected.count, "regenerate the example with the command in its header")
        for (a, e) in zip(added, expected) {
            #expect(a.technology == e.technology && a.location == e.location && a.from == e.from && a.curtailable)
            #expect(abs(a.capacityMW - e.capacityMW) <= 0.05, "\(a.location) \(a.technology) \(String(describing: a.from))")
        }
        // In service during 2025: the 2024 and 2025 commissioning years, several GW of wind.
        let in2025 = added.filter { $0.from! <= CalendarDate(year: 2025, month: 12, day: 31) }
        #expect(in2025.count >= 4 && in2025.reduce(0) { $0 + $1.capacityMW } > 3000)
    }

    @Test("a January week: the build-out's producers are generators of the run and produce; more Swedish wind, more exports from SE1-SE2, lower SE3 prices than base-2025")
    func weekAgainstBase() throws {
        let base = try Self.run(Self.base, from: "2025-01-13", to: "2025-01-19")
        let with = try Self.run(Self.example, from: "2025-01-13", to: "2025-01-19")
        #expect(base.hours == 168 && with.hours == 168)

        // The producers commissioned 2024-2025 are generators of the run, spread over the buses of
        // all four Swedish zones, with the capacity the scenario gives them, and they produce.
        let (example, _, _) = try ScenarioLoader.load(path: Self.example)
        let start = CalendarDate(year: 2024, month: 1, day: 1), end = CalendarDate(year: 2025, month: 1, day: 19)
        let inService = example.producers.filter { $0.from.map { $0 >= start && $0 <= end } ?? false }
        let g = with.grid
        let units = g.units.indices.filter { g.units[$0].added && (g.units[$0].from.map { $0 >= start && $0 <= end } ?? false) }
        #expect(!units.isEmpty)
        #expect(abs(units.reduce(0) { $0 + g.units[$1].capacityMW } - inService.reduce(0) { $0 + $1.capacityMW }) < 1)
        #expect(Set(units.map { g.zoneOfBus[g.network.generators.bus[$0]] }) == ["SE1", "SE2", "SE3", "SE4"])
        let energy = units.reduce(0) { total, i in total + with.records.reduce(0) { $0 + $1.generatorMW[i] } }
        #expect(energy > 100_000, "MWh from the build-out in the week, got \(energy)")

        // Against the base: more wind in every Swedish zone, more exports from the north, lower prices.
        let wind = YearRecordLayout.column(.wind)
        func zone(_ r: YearResult, _ z: String) -> YearResult.ZoneYear { r.zoneYears.first { $0.zone == z }! }
        let swedish = ["SE1", "SE2", "SE3", "SE4"]
        for z in swedish {
            #expect(zone(with, z).generationMWh[wind] > zone(base, z).generationMWh[wind], "\(z) wind")
        }
        let extraWind = swedish.reduce(0) { $0 + zone(with, $1).generationMWh[wind] - zone(base, $1).generationMWh[wind] }
        #expect(extraWind > 100_000, "over 4 GW more wind: at least 100 GWh in a week, got \(extraWind) MWh")
        let northExport = { (r: YearResult) in zone(r, "SE1").netExportMWh + zone(r, "SE2").netExportMWh }
        #expect(northExport(with) > northExport(base))
        #expect(zone(with, "SE3").meanPrice < zone(base, "SE3").meanPrice)
        // The same demand (load served + unserved) in both: the build-out changes supply only.
        #expect(zip(with.records, base.records).allSatisfy { abs($0.loadMW + $0.unservedMW - $1.loadMW - $1.unservedMW) < 1e-6 })
    }
}
