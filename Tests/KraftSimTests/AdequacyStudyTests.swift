import Foundation
import KraftCore
import KraftIO
import KraftScenario
@testable import KraftSim
import Testing

/// How a scenario becomes the adequacy model: the Swedish fleet's units and aggregates as outage
/// groups, the borders and imports, the strategic reserve; and CSV weather years laid on the
/// study's year.
@Suite("Adequacy model of a scenario")
struct AdequacyStudyTests {
    static let root = YearRunTests.root

    static func study(_ path: String, year: Int? = nil) throws -> AdequacyStudy {
        let loaded = try ScenarioLoader.load(path: root.appendingPathComponent(path).path)
        return try AdequacyStudy.prepare(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar, year: year)
    }

    @Test("Sweden 2025: every reactor one unit with its own capacity, aggregates as units of their size, the reserve apart, borders at their trading capacities")
    func sweden() throws {
        let s = try Self.study("Scenarios/sweden/base-2025.toml")
        let m = s.model
        let reactors = ["O3": 1400.0, "R3": 1081, "R4": 1130, "F1": 990, "F2": 1121, "F3": 1172]
        // The fleet's published availability, spread over the year by the year run, is drawn
        // here as forced outages of the same mean: 1 − 0.7976 × 365 / 325 (0.7976 the mean of
        // 2020–2024 in nuclear_availability_se.csv, 40 days of refuelling), MTTR the default 150 h;
        // in January (no refuelling) each reactor offers its whole capacity before outages.
        let weather = s.weather(sample: 0)
        for (name, mw) in reactors {
            let k = try #require(m.groups.firstIndex { $0.name == "unit \(name)" }, "\(name)")
            let g = m.groups[k]
            #expect(g.units == 1 && abs(g.capacityMW - mw) < 1e-6 && m.zones[g.zone] == "SE3")
            #expect(abs(g.outage.rate - (1 - 0.7976 * 365 / 325)) < 1e-9 && g.outage.mttrHours == ForcedOutageDefaults.entry(.nuclear).outage.mttrHours)
            #expect(weather.availableMW[k][0..<744].allSatisfy { abs($0 - mw) < 1e-6 }, "\(name) in January")
        }
        // Closed reactors still stand in the grid (their closure is an event), available 0 hours.
        let hydro = try #require(m.groups.first { $0.name == "SE2 hydro" })
        #expect(hydro.units == Int((hydro.capacityMW / 100).rounded()) && hydro.units > 50)
        let reserve = try #require(m.groups.first { $0.reserve })
        #expect(reserve.name == "unit Karlshamn" && m.zones[reserve.zone] == "SE4")
        // The SE1-FI cut holds the line from SE2 to Finland: no unlimited SE2-FI border.
        #expect(!m.transfers.contains { $0.name == "FI-SE2" })
        // The southern cuts at the scenario's [[border]] capacities (2022's allocation southwards,
        // the maxima northwards), not the sidecar's maxima.
        let cut = try #require(m.transfers.first { $0.name == "SE2-SE3" })
        #expect(cut.forwardMW == 6505 && cut.backwardMW == 7300)
        let south = try #require(m.transfers.first { $0.name == "SE3-SE4" })
        #expect(south.forwardMW == 4560 && south.backwardMW == 2800)
        let fennoSkan = try #require(m.transfers.first { $0.name == "SE3-FI" })
        #expect(fennoSkan.forwardMW == 1200)
        // SE4's imports: DK2 1,700, DE 615, PL 600, LT 700 MW.
        #expect(abs(m.importMW[m.zones.firstIndex(of: "SE4")!] - 3615) < 1e-6)
        #expect(m.countryZones.map { m.zones[$0] } == ["SE1", "SE2", "SE3", "SE4"])
        // The AC ties to Norway at their Nord Pool capacities (calibration/exchange.csv); the
        // equivalent's SE1-SE3 line lies in both northern cuts, so SE1 reaches SE3 only through
        // them; Norway's internal borders have no capacity, so they are not limited.
        #expect(m.transfers.contains { $0.name == "SE2-NO3" && $0.forwardMW == 1000 && $0.backwardMW == 600 })
        #expect(!m.transfers.contains { $0.name == "SE1-SE3" })
        #expect(m.transfers.contains { $0.name == "NO1-NO2" && $0.forwardMW == .infinity })
    }

    @Test("forced outages overridden per technology in the scenario and per unit in the fleet file, the fleet's winning")
    func overrides() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adequacy-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fleet = try String(contentsOf: Self.root.appendingPathComponent("Scenarios/fleet/nordic.toml"), encoding: .utf8)
            .replacingOccurrences(of: "name = \"R3\"\n", with: "name = \"R3\"\nforced_outage_rate = 0.2\nmttr_h = 300\n")
        try fleet.write(to: folder.appendingPathComponent("fleet.toml"), atomically: true, encoding: .utf8)
        let base = Self.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path
        let file = folder.appendingPathComponent("scenario.toml")
        try """
            extends = "\(base)"
            fleet = "fleet.toml"
            [adequacy.forced_outage.nuclear]
            rate = 0.1
            [adequacy.forced_outage.hydro]
            unit_mw = 400
            """.write(to: file, atomically: true, encoding: .utf8)
        let loaded = try ScenarioLoader.load(path: file.path)
        let m = try AdequacyStudy.prepare(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar).model
        let r3 = try #require(m.groups.first { $0.name == "unit R3" }), f1 = try #require(m.groups.first { $0.name == "unit F1" })
        #expect(r3.outage == OutageParameters(rate: 0.2, mttrHours: 300) && r3.source == "fleet file")
        #expect(f1.outage == OutageParameters(rate: 0.1, mttrHours: ForcedOutageDefaults.entry(.nuclear).outage.mttrHours))
        let hydro = try #require(m.groups.first { $0.name == "SE2 hydro" })
        #expect(hydro.units == Int((hydro.capacityMW / 400).rounded()))
    }

    @Test("[adequacy] unknown_border_mw holds the borders without a known capacity, import_share scales the imports")
    func stress() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("adequacy-stress-\(UUID().uuidString).toml")
        defer { try? FileManager.default.removeItem(at: file) }
        let base = Self.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path
        try "extends = \"\(base)\"\n[adequacy]\nimport_share = 0.5\nunknown_border_mw = 300\n".write(to: file, atomically: true, encoding: .utf8)
        let loaded = try ScenarioLoader.load(path: file.path)
        let m = try AdequacyStudy.prepare(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar).model
        #expect(m.transfers.allSatisfy { $0.forwardMW.isFinite && $0.backwardMW.isFinite })
        #expect(m.transfers.first { $0.name == "NO1-NO2" }?.forwardMW == 300)
        #expect(m.transfers.first { $0.name == "SE2-SE3" }?.forwardMW == 6505)
        #expect(abs(m.importMW[m.zones.firstIndex(of: "SE4")!] - 3615 * 0.5) < 1e-6)
    }

    @Test("a CSV weather year is read whole and laid on the study's year: a leap year's last day dropped, the weather's values hour by hour")
    func csvWeather() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adequacy-weather-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 2024 is a leap year (8,784 h); load in A rises by hour so the mapping shows.
        let start = CalendarDate(year: 2024, month: 1, day: 1)
        for (file, value) in [("load.csv", { (h: Int) in 1 + Double(h % 100) / 100 }), ("wind.csv", { _ in 0.5 }), ("solar.csv", { _ in 0.1 }), ("inflow.csv", { _ in 0.2 })] {
            var text = "time,A,B,C\n"
            for h in 0..<8784 {
                let day = CalendarDate(dayNumber: start.dayNumber + h / 24)
                text += "\(day)T\(h % 24 < 10 ? "0" : "")\(h % 24):00,\(value(h)),\(value(h)),\(value(h))\n"
            }
            try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let scenario = Self.root.appendingPathComponent("Tests/Fixtures/scenarios/case9-adequacy.toml").path
        let file = folder.appendingPathComponent("scenario.toml")
        try "extends = \"\(scenario)\"\n[adequacy]\nweather_folders = [\"\(folder.path)\"]\n".write(to: file, atomically: true, encoding: .utf8)
        let loaded = try ScenarioLoader.load(path: file.path)
        let s = try AdequacyStudy.prepare(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar)
        let w = s.weather(sample: 3)
        #expect(w.hours == 8760 && w.label == folder.path)
        // Relative zones: demand is the grid's load of the zone times the profile's factor.
        let a = s.model.zones.firstIndex(of: "A")!
        let ratio = w.demandMW[a][150] / w.demandMW[a][0]
        #expect(abs(ratio - 1.5) < 1e-9)
        // A folder that does not start on 1 January is refused with its file and line.
        let bad = folder.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try "time,A\n2024-03-01T00:00,1\n".write(to: bad.appendingPathComponent("load.csv"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try AdequacyStudy.readWeatherYear(folder: bad.path, into: loaded.scenario.period, zones: ["A"]) }
    }
}
