import Foundation
import KraftCore
import KraftScenario
import Testing

/// `[[energy_availability]]` of a fleet file: the outage length of each covered unit per year,
/// hand-derived from the factors, and bad entries refused with file and key.
@Suite struct FleetEnergyAvailabilityTests {
    /// A two-unit fleet on Nordic44: U1 covered, U2 (in another zone) not.
    static func fleet(_ availability: String, unit1: String = "refuelling_day = 100") throws -> Fleet {
        let (network, _, _) = try TechnologyTests.nordic44()
        let text = """
        [meta]
        zones = ["SE3", "FI"]
        [[unit]]
        name = "U1"
        zone = "SE3"
        technology = "nuclear"
        capacity_mw = 1000
        bus = 3000
        \(unit1)
        [[unit]]
        name = "U2"
        zone = "FI"
        technology = "nuclear"
        capacity_mw = 800
        bus = 7000
        refuelling_day = 300
        refuelling_days = 40
        \(availability)
        """
        return try Fleet.parse(text, file: "f.toml", network: network)
    }

    static let entry = """
    [[energy_availability]]
    technology = "nuclear"
    zones = ["SE3"]
    factor = { 2013 = 0.766, 2015 = 0.65, 2019 = 0.85, 2020 = 0.7, 2021 = 0.8, 2022 = 0.9, 2023 = 0.75 }
    """

    @Test("a covered unit is out (1 − factor) × the year's days; between years the straight line, after the last the mean of five")
    func lengths() throws {
        let f = try Self.fleet(Self.entry)
        let u1 = try #require(f.units.first { $0.name == "U1" }), u2 = try #require(f.units.first { $0.name == "U2" })
        // 2019: 0.15 × 365 = 54.75 → 55 days from day 100.
        #expect(f.operation(of: u1, in: 2019).refuellingDays == 55 && f.operation(of: u1, in: 2019).refuellingDay == 100)
        // 2020 is a leap year: 0.3 × 366 = 109.8 → 110.
        #expect(f.operation(of: u1, in: 2020).refuellingDays == 110)
        // 2014 lies halfway between 0.766 and 0.65: 0.708, 0.292 × 365 = 106.58 → 107.
        #expect(f.operation(of: u1, in: 2014).refuellingDays == 107)
        // 2030: the mean of 2019–2023 is 0.8, 0.2 × 365 = 73 days; before 2013: 2013's 0.766 → 85.41 → 85.
        #expect(f.operation(of: u1, in: 2030).refuellingDays == 73)
        #expect(f.operation(of: u1, in: 2010).refuellingDays == 85)
        // Another zone keeps its own length.
        #expect(f.operation(of: u2, in: 2019).refuellingDays == 40 && f.operation(of: u2, in: 2019).refuellingDay == 300)
    }

    @Test("an outage that would run past 31 December starts earlier and ends that day")
    func endsInTheYear() throws {
        let f = try Self.fleet(Self.entry, unit1: "refuelling_day = 330")
        let u1 = try #require(f.units.first { $0.name == "U1" })
        // 55 days from day 330 would end on day 384: it starts on day 311 and ends on 365.
        let o = f.operation(of: u1, in: 2019)
        #expect(o.refuellingDays == 55 && o.refuellingDay == 311 && o.refuellingDay! + o.refuellingDays - 1 == 365)
    }

    @Test("bad entries are refused with file, key and what was expected")
    func badEntries() throws {
        func messages(_ availability: String, unit1: String = "refuelling_day = 100") throws -> [String] {
            do { _ = try Self.fleet(availability, unit1: unit1); return [] } catch let error as ScenarioProblems {
                return error.problems.map { "\($0.file): \($0.keyPath): \($0.message)" }
            }
        }
        let factor = try messages(Self.entry.replacingOccurrences(of: "2019 = 0.85", with: "2019 = 1.2"))
        #expect(factor.contains("f.toml: energy_availability[1].factor.2019: is 1.2 (expected an availability factor above 0 and at most 1)"), "\(factor)")
        let zone = try messages(Self.entry.replacingOccurrences(of: "[\"SE3\"]", with: "[\"SE9\"]"))
        #expect(zone.contains { $0.hasPrefix("f.toml: energy_availability[1].zones: holds \"SE9\" (expected zones of [meta] zones: SE3, FI)") }, "\(zone)")
        let length = try messages(Self.entry, unit1: "refuelling_day = 100\nrefuelling_days = 40")
        #expect(length.contains { $0.hasPrefix("f.toml: unit: \"U1\" gives refuelling_days") }, "\(length)")
        let start = try messages(Self.entry, unit1: "")
        #expect(start.contains { $0.hasPrefix("f.toml: unit: \"U1\" has no refuelling_day") }, "\(start)")
        let twice = try messages(Self.entry + "\n" + Self.entry)
        #expect(twice.contains("f.toml: energy_availability: covers nuclear in SE3 twice (expected each zone once)"), "\(twice)")
        let empty = try messages("[[energy_availability]]\ntechnology = \"nuclear\"\nzones = [\"SE3\"]")
        #expect(empty.contains { $0.hasPrefix("f.toml: energy_availability[1].factor: is missing") }, "\(empty)")
    }
}
