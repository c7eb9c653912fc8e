import Foundation
import KraftCore
import KraftIO
import KraftScenario
import Testing

/// `Technology`: the files' strings, read once where the file is read; an unknown one is refused
/// with its file and key.
@Suite struct TechnologyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func nordic44() throws -> (network: Network, sidecarText: String, fleetText: String) {
        let network = try CaseFile.load(path: root.appendingPathComponent("Scenarios/grids/nordic44.m").path).network
        let sidecar = try String(contentsOfFile: root.appendingPathComponent("Scenarios/grids/nordic44.sidecar.toml").path, encoding: .utf8)
        let fleet = try String(contentsOfFile: root.appendingPathComponent("Scenarios/fleet/nordic.toml").path, encoding: .utf8)
        return (network, sidecar, fleet)
    }

    @Test("the raw values are the files' strings, also in string interpolation")
    func names() {
        #expect(Technology.allCases.map(\.rawValue) == ["nuclear", "hydro", "wind", "solar", "small_hydro", "chp", "thermal", "other",
                                                        "synchronous_condenser", "svc", "statcom", "switched_shunt"])
        #expect("\(Technology.smallHydro)" == "small_hydro" && "\(Technology.synchronousCondenser)" == "synchronous_condenser")
        for p in Producer.Technology.allCases { #expect(Technology(p).rawValue == p.rawValue) }
        for k in Compensation.Kind.allCases { #expect(Technology(k).rawValue == k.rawValue) }
        #expect(Technology.allCases.filter { !$0.isSynchronous } == [.wind, .solar])
    }

    @Test("the shipped sidecar and fleet read as technologies")
    func shipped() throws {
        let (network, sidecarText, fleetText) = try Self.nordic44()
        let sidecar = try GridSidecar.parse(sidecarText, file: "s.toml", network: network)
        #expect(Set(sidecar.generators.map(\.technology)) == [.nuclear, .hydro, .thermal])
        let fleet = try Fleet.parse(fleetText, file: "f.toml", network: network)
        #expect(Set(fleet.units.map(\.technology)).isSubset(of: Set(Technology.fleet)) && fleet.units.contains { $0.technology == .nuclear })
        #expect(Set(fleet.aggregates.map(\.technology)) == Set(Technology.fleet))
    }

    @Test("an unknown technology in the sidecar is refused with its file, key and the choices")
    func unknownInSidecar() throws {
        let (network, sidecarText, _) = try Self.nordic44()
        let bad = sidecarText.replacingOccurrences(of: "technology = \"nuclear\"", with: "technology = \"fusion\"")
        #expect(bad != sidecarText)
        do {
            _ = try GridSidecar.parse(bad, file: "s.toml", network: network)
            Issue.record("technology \"fusion\" accepted")
        } catch {
            let messages = error.problems.map { "\($0.file): \($0.keyPath): \($0.message)" }
            #expect(messages.contains { $0.hasPrefix("s.toml: generator[") && $0.contains("].technology: is \"fusion\" (expected one of \"nuclear\", \"hydro\"") },
                    "\(messages)")
        }
    }

    @Test("an unknown technology in the fleet file is refused with its file, key and the choices")
    func unknownInFleet() throws {
        let (network, _, fleetText) = try Self.nordic44()
        let bad = fleetText.replacingOccurrences(of: "technology = \"wind\"", with: "technology = \"windmill\"")
        #expect(bad != fleetText)
        do {
            _ = try Fleet.parse(bad, file: "f.toml", network: network)
            Issue.record("technology \"windmill\" accepted")
        } catch {
            let messages = error.problems.map { "\($0.file): \($0.keyPath): \($0.message)" }
            #expect(messages.contains { $0.hasPrefix("f.toml: aggregate[") && $0.contains("].technology: is \"windmill\" (expected one of \"nuclear\", \"hydro\", \"wind\", \"solar\", \"chp\", \"thermal\")") },
                    "\(messages)")
        }
    }
}
