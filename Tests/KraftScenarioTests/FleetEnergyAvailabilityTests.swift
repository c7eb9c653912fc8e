import Foundation
import KraftCore
import KraftScenario
import Testing

/// `[[energy_availability]]` of a fleet file: the availability of each covered unit outside its
/// refuelling outage per year, hand-derived from the factors, and bad entries refused with file
/// and key.
@Suite struct FleetEnergyAvailabilityTests {
    /// A two-unit fleet on Nordic44: U1 covered, U2 (in another zone) not.
    static func fleet(_ availability: String, unit1: String = "refuelling_day = 100\nrefuelling_days = 40") throws -> Fleet {
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

    @Test("a covered unit is available factor × days / (days − outage days); between years the straight line, after the last the mean of five")
    func availability() throws {
        let f = try Self.fleet(Self.entry)
        let u1 = try #require(f.units.first { $0.name == "U1" }), u2 = try #require(f.units.first { $0.name == "U2" })
        func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }
        // 2019: 0.85 × 365 / 325; the outage itself stays 40 days from day 100.
        let o = f.operation(of: u1, in: 2019)
        #expect(near(o.availability, 0.85 * 365 / 325) && o.refuellingDay == 100 && o.refuellingDays == 40 && o.availabilityFromFleetFactor)
        // 2020 is a leap year: 0.7 × 366 / 326.
        #expect(near(f.operation(of: u1, in: 2020).availability, 0.7 * 366 / 326))
        // 2014 lies halfway between 0.766 and 0.65: 0.708.
        #expect(near(f.operation(of: u1, in: 2014).availability, 0.708 * 365 / 325))
        // 2030: the mean of 2019–2023 is 0.8; before 2013: 2013's 0.766.
        #expect(near(f.operation(of: u1, in: 2030).availability, 0.8 * 365 / 325))
        #expect(near(f.operation(of: u1, in: 2010).availability, 0.766 * 365 / 325))
        // 2022's 0.9 over 325 days would be above 1: fully available outside the outage.
        #expect(f.operation(of: u1, in: 2022).availability == 1)
        // Another zone keeps its own operation.
        let other = f.operation(of: u2, in: 2019)
        #expect(other.availability == 1 && !other.availabilityFromFleetFactor && other.refuellingDays == 40)
    }

    @Test("a covered unit without a refuelling outage is available at the factor every day")
    func withoutOutage() throws {
        let f = try Self.fleet(Self.entry, unit1: "")
        let u1 = try #require(f.units.first { $0.name == "U1" })
        #expect(abs(f.operation(of: u1, in: 2019).availability - 0.85) < 1e-12)
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
        let own = try messages(Self.entry, unit1: "refuelling_day = 100\navailability = 0.9")
        #expect(own.contains("f.toml: unit: \"U1\" gives availability (expected none: [[energy_availability]] sets it for nuclear in SE3)"), "\(own)")
        let twice = try messages(Self.entry + "\n" + Self.entry)
        #expect(twice.contains("f.toml: energy_availability: covers nuclear in SE3 twice (expected each zone once)"), "\(twice)")
        let empty = try messages("[[energy_availability]]\ntechnology = \"nuclear\"\nzones = [\"SE3\"]")
        #expect(empty.contains { $0.hasPrefix("f.toml: energy_availability[1].factor: is missing") }, "\(empty)")
    }
}
