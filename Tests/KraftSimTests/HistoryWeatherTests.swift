import Foundation
import KraftScenario
@testable import KraftSim
import Testing

/// The weather folders Tools/weather/make-history-weather makes from shared/data/sweden/hourly,
/// against the series they come from and the published national figures.
@Suite("History weather folders", .enabled(if: HistoryWeather.available, "shared/data/sweden/hourly is absent"))
struct HistoryWeatherTests {
    /// A CSV file as rows of cells, by its first cell (the time).
    static func table(_ url: URL) throws -> (header: [String], rows: [String: [String]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Dictionary(lines.dropFirst().map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a }))
    }

    static func column(_ t: (header: [String], rows: [String: [String]]), _ name: String) -> [Double] {
        let i = t.header.firstIndex(of: name)!
        return t.rows.values.compactMap { Double($0[i]) }
    }

    static func published(_ metric: String) throws -> Double { try BacktestTests.published("production.csv", "SE", metric) }

    @Test("2019: wind gives back the measured energy over the fleet's capacity, hour for hour one hour after UTC; load is national use")
    func year2019() throws {
        let folder = URL(fileURLWithPath: try HistoryWeather.folder(2019))
        let scenario = try ScenarioLoader.load(path: YearRunTests.root.appendingPathComponent("Scenarios/sweden/history-2019.toml").path).scenario
        let fleet = try #require(scenario.fleet)
        let wind = try Self.table(folder.appendingPathComponent("wind.csv"))
        let measured = try Self.table(HistoryWeather.hourly.appendingPathComponent("wind_SE_2019.csv"))
        #expect(wind.rows.count == 8760 && wind.rows["2019-01-01T00:00"] != nil && wind.rows["2019-12-31T23:00"] != nil)
        var twh = 0.0
        for zone in ["SE1", "SE2", "SE3", "SE4"] {
            let capacity = try #require(fleet.aggregates.first { $0.zone == zone && $0.technology == .wind }).capacity(in: 2019)
            twh += Self.column(wind, zone).reduce(0, +) * capacity / 1e6
            // CET 13:00 on 12 June is 12:00 UTC.
            let i = wind.header.firstIndex(of: zone)!, j = measured.header.firstIndex(of: zone)!
            let cetRow = try #require(wind.rows["2019-06-12T13:00"]), utcRow = try #require(measured.rows["2019-06-12T12:00:00Z"])
            let cet = try #require(Double(cetRow[i])) * capacity
            let utc = try #require(Double(utcRow[j]))
            #expect(abs(cet - utc) < 0.01, "\(zone): \(cet) MW against \(utc)")
        }
        #expect(abs(twh - (try Self.published("wind_production"))) <= 0.01 * (try Self.published("wind_production")), "wind \(twh) TWh")
        // Load: settled consumption plus behind-the-meter solar and industrial networks = national use.
        let load = try Self.table(folder.appendingPathComponent("load.csv"))
        #expect(load.header == ["time", "SE1", "SE2", "SE3", "SE4", "FI"])
        let sweden = ["SE1", "SE2", "SE3", "SE4"].reduce(0) { $0 + Self.column(load, $1).reduce(0, +) } / 1e6
        #expect(abs(sweden - (try Self.published("electricity_use"))) < 0.01, "load \(sweden) TWh")
        // Finland's load is ENTSO-E's as it is: its peak, 14 542 MWh/h at 06:00 UTC on 28 January (Fingrid's reported peak).
        let fi = Self.column(load, "FI")
        #expect(fi.max() == 14542 && load.rows["2019-01-28T07:00"]![5] == "14542.00")
        // Inflow is not weather the series measure: it is left to the synthetic year.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("inflow.csv").path))
    }

    @Test("2023: wind within 1 % of the published 34.5 TWh, no Finnish load and no inflow (both left to the synthetic year)")
    func year2023() throws {
        let folder = URL(fileURLWithPath: try HistoryWeather.folder(2023))
        let scenario = try ScenarioLoader.load(path: YearRunTests.root.appendingPathComponent("Scenarios/sweden/history-2023.toml").path).scenario
        let fleet = try #require(scenario.fleet)
        let wind = try Self.table(folder.appendingPathComponent("wind.csv"))
        var twh = 0.0
        for zone in ["SE1", "SE2", "SE3", "SE4"] {
            let aggregate = try #require(fleet.aggregates.first { $0.zone == zone && $0.technology == .wind })
            twh += Self.column(wind, zone).reduce(0, +) * aggregate.capacity(in: 2023) / 1e6
        }
        #expect(abs(twh - 34.5) <= 0.01 * 34.5, "wind \(twh) TWh (MEMO.md: 34.5 TWh generated in 2023)")
        #expect(try Self.table(folder.appendingPathComponent("load.csv")).header == ["time", "SE1", "SE2", "SE3", "SE4"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("inflow.csv").path))
    }
}
