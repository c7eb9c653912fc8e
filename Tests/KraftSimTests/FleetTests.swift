import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// The fleet placed on the grid (Scenarios/fleet/nordic.toml through `FleetPlacement`), checked
/// against the published figures it comes from (read from shared/data/sweden when present) and
/// against what a closure, a refuelling outage and the strategic reserve must do.
@Suite("Fleet on the grid", .serialized)
struct FleetTests {
    static let root = YearRunTests.root
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data/sweden")

    static func grid(_ name: String, extra: String = "") throws -> (Scenario, StudyGrid) {
        let path = root.appendingPathComponent("Scenarios/sweden/\(name).toml").path
        let loaded: (scenario: Scenario, network: Network, sidecar: GridSidecar?)
        if extra.isEmpty {
            loaded = try ScenarioLoader.load(path: path)
        } else {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString).toml")
            try "extends = \"\(path)\"\n\(extra)".write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            loaded = try ScenarioLoader.load(path: file.path)
        }
        return (loaded.scenario, StudyGrid.build(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar))
    }

    /// Rows of a calibration CSV (`zone_or_border,metric,year,value,…`), or nil when shared/ is absent.
    static func rows(_ file: String) throws -> [[String]]? {
        let url = shared.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().map { line in
            // The first four columns hold no quoted commas in these files.
            line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test("every Swedish reactor runs at its own net capacity, at its own site, as nuclear_units.csv has it")
    func reactorsAtTheirNetCapacity() throws {
        let url = Self.shared.appendingPathComponent("nuclear_units.csv")
        try #require(FileManager.default.fileExists(atPath: url.path), "shared/data/sweden/nuclear_units.csv is absent: the published reference is not here")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        let (_, grid) = try Self.grid("base-2025")
        var checked = 0
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count > 7, let mw = Double(f[7]) else { continue }
            let gens = grid.units.indices.filter { grid.units[$0].name == f[0] }
            #expect(gens.count == 1, "\(f[0]) is one generator")
            guard let g = gens.first else { continue }
            #expect(grid.units[g].capacityMW == mw, "\(f[0]): \(grid.units[g].capacityMW) MW, published \(mw)")
            #expect(grid.units[g].technology == .nuclear && grid.zoneOfBus[grid.network.generators.bus[g]] == "SE3")
            let site = grid.siteOfBus[grid.network.generators.bus[g]] ?? ""
            let expected = f[0].hasPrefix("F") ? "Forsmark" : f[0].hasPrefix("R") ? "Ringhals" : "Oskarshamn"
            #expect(site.hasPrefix(expected), "\(f[0]) sits at \(site)")
            checked += 1
        }
        #expect(checked == 10)
        // In service in 2025: O3, R3, R4, F1–F3 (6 894 MW); the others closed before.
        let on = grid.status(on: CalendarDate(year: 2025, month: 1, day: 15))
        let running = grid.units.indices.filter { on[$0] && grid.units[$0].technology == .nuclear && grid.zoneOfBus[grid.network.generators.bus[$0]] == "SE3" }
        #expect(Set(running.compactMap { grid.units[$0].name }) == ["O3", "R3", "R4", "F1", "F2", "F3"])
        #expect(abs(running.reduce(0) { $0 + grid.units[$1].capacityMW } - 6894) < 1e-9)
    }

    @Test("installed capacity per zone and technology is capacity.csv's for the scenario year")
    func capacityPerZone() throws {
        let rows = try #require(try Self.rows("calibration/capacity.csv"), "shared/data/sweden/calibration/capacity.csv is absent")
        let (_, grid) = try Self.grid("base-2025")
        func placed(_ zone: String, _ tech: String) -> Double {
            grid.units.indices.filter { grid.units[$0].technology.rawValue == tech && grid.zoneOfBus[grid.network.generators.bus[$0]] == zone && grid.units[$0].name == nil }
                .reduce(0) { $0 + grid.units[$1].capacityMW }
        }
        // 2025 takes the latest stock: hydro and solar on 1 Jan 2024, wind at the end of 2024, CHP 1 Jan 2022.
        for zone in ["SE1", "SE2", "SE3", "SE4"] {
            for (metric, year, tech) in [("installed_hydro", "2023-12-31", "hydro"), ("installed_solar", "2023-12-31", "solar"),
                                         ("installed_wind", "2024-12-31", "wind"), ("installed_chp_biomass_waste_peat", "2021-12-31", "chp")] {
                let row = try #require(rows.first { $0[0] == zone && $0[1] == metric && $0[2].hasPrefix(year) }, "\(zone) \(metric)")
                let published = try #require(Double(row[3]))
                #expect(abs(placed(zone, tech) - published) <= 0.5, "\(zone) \(tech): \(placed(zone, tech)) MW, published \(published)")
            }
        }
        // Sweden's thermal peak plant: gas turbines and oil less the 562 MW in the reserve.
        let peak = ["SE3", "SE4"].reduce(0) { $0 + placed($1, "thermal") }
        #expect(abs(peak - (950 + 243 + 582 + 662 - 562)) <= 1e-6)
        // The grid's own SE4 thermal block (6 × 1 170 MW) is gone.
        #expect(grid.units.indices.filter { grid.zoneOfBus[grid.network.generators.bus[$0]] == "SE4" && grid.units[$0].technology == .thermal }
            .reduce(0) { $0 + grid.units[$1].capacityMW } < 1300)
    }

    @Test("closing a unit removes exactly its MW, its reactive range and its inertia")
    func closureRemovesTheUnitOnly() throws {
        let (_, base) = try Self.grid("base-2025")
        let (_, closed) = try Self.grid("base-2025", extra: "[[closure]]\nunit = \"F3\"\ndate = 2025-01-02\n")
        let day = CalendarDate(year: 2025, month: 2, day: 1)
        let a = base.status(on: day), b = closed.status(on: day)
        let changed = a.indices.filter { a[$0] != b[$0] }
        #expect(changed.count == 1)
        let g = try #require(changed.first)
        #expect(closed.units[g].name == "F3" && closed.units[g].capacityMW == 1172)
        let mva = closed.network.baseMVA
        let s = 1172 / 0.9
        #expect(abs((closed.network.generators.qmax[g] - closed.network.generators.qmin[g]) * mva - 0.8 * s) < 1e-6)
        // Kinetic energy H·S with H the grid's mean nuclear inertia constant (5.6–6 s).
        #expect(closed.units[g].inertiaMWs > 5 * s && closed.units[g].inertiaMWs < 6.1 * s)
    }

    @Test("each Swedish reactor's year holds the energy the fleet's published availability factor gives")
    func availabilityFromPublishedFactor() throws {
        let url = Self.shared.appendingPathComponent("nuclear_availability_se.csv")
        try #require(FileManager.default.fileExists(atPath: url.path), "shared/data/sweden/nuclear_availability_se.csv is absent: the published reference is not here")
        let factors = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", maxSplits: 2).map(String.init)
            return (year: Int(f[0])!, factor: Double(f[1])!)
        }
        // A year of the file its own factor; a later year the mean of the file's last five.
        let lastFive = factors.suffix(5).map(\.factor).reduce(0, +) / 5
        for (scenario, year) in [("history-2019", 2019), ("history-2023", 2023), ("base-2025", 2025)] {
            let factor = factors.first { $0.year == year }?.factor ?? lastFive
            let (_, grid) = try Self.grid(scenario)
            #expect(grid.notes.contains { $0.contains("energy availability factor of \(year), \(String(format: "%.3f", factor))") }, "the run's notes name the factor")
            let reactors = grid.units.indices.filter { grid.units[$0].technology == .nuclear && grid.zoneOfBus[grid.network.generators.bus[$0]] == "SE3" }
            let status = (0..<365).map { grid.status(on: CalendarDate(year: year, month: 1, day: 1).adding(days: $0)) }
            var running = 0
            for g in reactors {
                let name = grid.units[g].name ?? ""
                // A unit in service all year (but its outage): its available energy over the year,
                // days in service × availability, is the factor's share of the year.
                guard status[0][g] && status[364][g], case .constant(let a) = grid.units[g].availability else { continue }
                let days = Double(status.filter { $0[g] }.count)
                #expect(abs(days * a / 365 - factor) < 1e-9, "\(name) in \(year): \(days) days at \(a)")
                #expect(days == 325, "\(name) out \(365 - days) days in \(year)")
                running += 1
            }
            // 2019: O3, R1, R3, R4, F1–F3 all year (R2 closed on 30 December); later O3, R3, R4, F1–F3.
            #expect(running == (year == 2019 ? 7 : 6), "\(running) reactors all year in \(year)")
        }
    }

    @Test("a week in May: reactors in refuelling give nothing, the others between 0.6 of capacity and their availability")
    func refuellingAndMinimumOutput() throws {
        // 2025-05-12 to 05-18 are days 132–138 of the year: F1 (days 110–149) is out all week, R3
        // (from day 135) from the fourth day.
        let r = try YearRunTests.run("base-2025", from: "2025-05-12", to: "2025-05-18")
        let g = r.grid
        let nuclear = g.units.indices.filter { g.units[$0].technology == .nuclear && g.zoneOfBus[g.network.generators.bus[$0]] == "SE3" }
        var out = Set<String>()
        for record in r.records {
            let day = 132 + (record.hour - r.records[0].hour) / 24
            for k in nuclear {
                let name = g.units[k].name ?? ""
                guard ["O3", "R3", "R4", "F1", "F2", "F3"].contains(name) else { #expect(record.generatorMW[k] == 0); continue }
                let start = try #require(g.units[k].operation.refuellingDay)
                if (start..<start + g.units[k].operation.refuellingDays).contains(day) {
                    #expect(record.generatorMW[k] == 0, "\(name) refuels on day \(day)")
                    out.insert(name)
                } else {
                    #expect(record.generatorMW[k] >= 0.6 * g.units[k].capacityMW - 1e-6, "\(name) at \(record.generatorMW[k]) MW")
                    #expect(record.generatorMW[k] <= g.units[k].operation.availability * g.units[k].capacityMW + 1e-6, "\(name) above its availability")
                }
            }
        }
        #expect(out == ["F1", "R3"])
    }

    @Test("the strategic reserve runs only when load would otherwise be shed")
    func strategicReserveLast() throws {
        // A 9 GW load in SE4 from 2025-01-01 is more than SE4 and its links can cover at peak.
        let extra = """
        [[datacentre]]
        name = "test load"
        bus = 8500
        capacity_mw = 9000
        utilisation = 1.0
        from = 2025-01-01
        """
        let (scenario, _) = try Self.grid("base-2025", extra: extra)
        let loaded = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path)
        let period = Period(from: CalendarDate(year: 2025, month: 1, day: 13), to: CalendarDate(year: 2025, month: 1, day: 19))
        let (profiles, hours) = try YearRun.profiles(weather: scenario.weather, covering: period, sidecar: loaded.sidecar)
        let stressed = try YearRun.run(scenario: scenario, network: loaded.network, sidecar: loaded.sidecar, profiles: profiles, only: hours)
        let normal = try YearRun.run(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar, profiles: profiles, only: hours)
        let k = try #require(stressed.grid.units.firstIndex { $0.name == "Karlshamn" })
        let cost = stressed.grid.units[k].cost
        #expect(cost == scenario.dispatch.unservedCostEURPerMWh - 1)
        #expect(normal.records.allSatisfy { $0.generatorMW[k] == 0 }, "no reserve in a normal week")
        let se4 = try #require(stressed.grid.zones.firstIndex(of: "SE4"))
        let ran = stressed.records.filter { $0.generatorMW[k] > 1e-6 }
        #expect(!ran.isEmpty, "the reserve runs when SE4 is short")
        // It runs only in hours whose SE4 price has reached its cost: everything cheaper is used up.
        for record in ran { #expect(record.zonePrice[se4] >= cost - 1e-6, "hour \(record.hour): SE4 at \(record.zonePrice[se4])") }
    }

    @Test("a year between two published stocks lies on the line between them; outside them, the nearest stock (by hand)")
    func stocksBetweenYears() throws {
        let loaded = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path)
        let text = """
            [meta]
            schema_version = 1
            zones = ["SE1"]

            [[aggregate]]
            zone = "SE1"
            technology = "wind"
            capacity_mw = { 2021 = 1000, 2024 = 4000 }
            placement = "load"
            """
        let a = try #require(try Fleet.parse(text, file: "fleet.toml", network: loaded.network).aggregates.first)
        // 1 Jan 2023 is two thirds of the way from 2021 to 2024: 3 000 MW.
        #expect(a.stock(on: 2020) == 1000 && a.stock(on: 2022) == 2000 && a.stock(on: 2023) == 3000 && a.stock(on: 2030) == 4000)
        // A year's capacity is the mean of its two 1 January stocks while a later stock is published.
        #expect(a.capacity(in: 2023) == 3500 && a.capacity(in: 2021) == 1500 && a.capacity(in: 2024) == 4000 && a.capacity(in: 2019) == 1000)
    }

    @Test("reservoir hydro offers in the fleet's steps; its run-of-river share and other units in one")
    func hydroOfferSteps() throws {
        let (s, network, sidecar) = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path)
        let day = try #require(CalendarDate(parsing: "2025-01-15"))
        let (profiles, _) = try YearRun.profiles(weather: s.weather, covering: Period(from: day, to: day), sidecar: sidecar)
        let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
        let (_, problem) = setup.problem(0..<24)
        let grid = setup.grid
        var reservoir = 0
        for (g, unit) in grid.units.enumerated() {
            if unit.technology == .hydro && !unit.runOfRiver && !unit.added {
                #expect(problem.units[g].offerSteps == [0, 4, 12], "generator \(g)")
                reservoir += 1
            } else {
                #expect(problem.units[g].offerSteps.isEmpty, "generator \(g) (\(unit.technology))")
            }
        }
        #expect(reservoir > 0)
    }

    @Test("[[inflow]] scales a zone's annual inflow from the fleet file; a zone without inflow there is refused")
    func inflowFactor() throws {
        let (_, base) = try Self.grid("base-2025")
        let (dry, grid) = try Self.grid("base-2025", extra: "[[inflow]]\nzone = \"NO2\"\nfactor = 0.5\n")
        let no2 = try #require(base.inflowTWh["NO2"])
        #expect(abs(try #require(grid.inflowTWh["NO2"]) - 0.5 * no2) < 1e-12)
        #expect(grid.inflowTWh["NO1"] == base.inflowTWh["NO1"] && grid.inflowTWh["SE2"] == base.inflowTWh["SE2"])
        #expect(dry.inflowFactors.map(\.zone) == ["NO2"] && dry.changes.contains("NO2's hydro inflow × 0.5"), "\(dry.changes)")
        do {
            _ = try Self.grid("base-2025", extra: "[[inflow]]\nzone = \"DK1\"\nfactor = 0.9\n")
            Issue.record("an inflow factor for a zone without inflow was accepted")
        } catch let error as ScenarioProblems {
            let messages = error.problems.map { "\($0.keyPath): \($0.message)" }
            #expect(messages.contains { $0.hasPrefix("inflow[1].zone: is \"DK1\", not a zone whose hydro inflow the fleet file gives (expected one of FI, NO1") }, "\(messages)")
        }
        // The backtest gives Norway's zones 2019's dry year: 125.7 TWh of SSB's hydro over the fleet's 136.
        let (h2019, _) = try Self.grid("history-2019")
        #expect(h2019.inflowFactors.map(\.zone) == ["NO1", "NO2", "NO3", "NO4", "NO5"] && h2019.inflowFactors.allSatisfy { abs($0.factor - 125.7 / 136) < 5e-4 })
    }

    @Test("a bad fleet file is refused with every problem named by file and key")
    func badFleet() throws {
        let loaded = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path)
        let text = """
            [meta]
            schema_version = 1
            zones = ["SE1", "SE3"]

            [[unit]]
            name = "X1"
            zone = "SE9"
            technology = "nuclear"
            capacity_mw = -5
            bus = 1234567

            [[aggregate]]
            zone = "SE1"
            technology = "hydro"
            capacity_mw = { 2019 = 100, next = 5 }
            reservoir_twh = 2.0
            colour = "blue"
            offer_steps_eur_mwh = [0, 12, 4]

            [[aggregate]]
            zone = "SE3"
            technology = "hydro"
            capacity_mw = { 2019 = 100 }
            offer_steps_eur_mwh = [0, "x"]
            """
        do {
            _ = try Fleet.parse(text, file: "fleet.toml", network: loaded.network)
            Issue.record("a bad fleet file was accepted")
        } catch {
            let messages = error.problems.map { "\($0.keyPath): \($0.message)" }
            #expect(error.problems.allSatisfy { $0.file == "fleet.toml" })
            for expected in ["unit[1].zone: is \"SE9\" (expected one of SE1, SE3)",
                             "unit[1].capacity_mw: is -5 (expected a number greater than 0",
                             "unit[1].bus: is 1234567, not a bus of the grid",
                             "aggregate[1].capacity_mw.next: is not a year",
                             "aggregate[1].reservoir_start_share: is missing (expected reservoir_twh and reservoir_start_share together)",
                             "aggregate[1].colour: is not a known key here",
                             "aggregate[1].offer_steps_eur_mwh: is [0.0, 12.0, 4.0] (expected at least one added cost, in ascending order",
                             "aggregate[2].offer_steps_eur_mwh: item 2 is a string (expected a number)"] {
                #expect(messages.contains { $0.hasPrefix(expected) }, "\(expected) in \(messages)")
            }
        }
    }
}
