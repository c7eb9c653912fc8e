import Foundation
import KraftCore
import KraftIO
import KraftScenario
import Testing

/// Bus coordinates of the shipped Nordic44 sidecar: every bus has them, and each lies near where
/// the Nordic44 authors put it (their geo sheet, GPL-3.0, read here only as a cross-check and only
/// when the project's shared data is present).
@Suite("Nordic44 sidecar coordinates")
struct SidecarCoordinatesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let authors = root.deletingLastPathComponent().appendingPathComponent("shared/data/nordic/nordic44/n44_buses.csv").path

    static func load() throws -> (network: Network, sidecar: GridSidecar) {
        let network = try CaseFile.load(path: root.appendingPathComponent("Scenarios/grids/nordic44.m").path).network
        let path = root.appendingPathComponent("Scenarios/grids/nordic44.sidecar.toml").path
        return (network, try GridSidecar.parse(try String(contentsOfFile: path, encoding: .utf8), file: path, network: network))
    }

    @Test("sidecar and fleet numbers beyond any physical value (which would reach the LP) are refused with file and key")
    func hugeNumbersRefused() throws {
        let network = try CaseFile.load(path: Self.root.appendingPathComponent("Scenarios/grids/nordic44.m").path).network
        let sidecarPath = Self.root.appendingPathComponent("Scenarios/grids/nordic44.sidecar.toml").path
        let sidecarText = try String(contentsOfFile: sidecarPath, encoding: .utf8)
        let huge = sidecarText.replacingOccurrences(of: "capacity_from_to_mw = 3300.0", with: "capacity_from_to_mw = 1e101")
        #expect(huge != sidecarText)
        do {
            _ = try GridSidecar.parse(huge, file: "s.toml", network: network)
            Issue.record("1e101 MW accepted")
        } catch {
            #expect("\(error)".contains("s.toml"), "\(error)")
            #expect("\(error)".contains("capacity_from_to_mw: is 1e+101 (expected a number from -1000000 to 1000000)"), "\(error)")
        }
        let fleetPath = Self.root.appendingPathComponent("Scenarios/fleet/nordic.toml").path
        let fleetText = try String(contentsOfFile: fleetPath, encoding: .utf8)
        let hugeFleet = fleetText.replacingOccurrences(of: "capacity_mw = { 2019 = 5325,", with: "capacity_mw = { 2019 = 1e101,")
        #expect(hugeFleet != fleetText)
        do {
            _ = try Fleet.parse(hugeFleet, file: "f.toml", network: network)
            Issue.record("1e101 MW accepted")
        } catch {
            #expect("\(error)".contains("f.toml"), "\(error)")
            #expect("\(error)".contains("capacity_mw.2019: is 1e+101 (expected a capacity from 0 to 1000000 MW)"), "\(error)")
        }
    }

    @Test("every bus has coordinates; 36 are flagged as the named place's")
    func everyBus() throws {
        let (network, sidecar) = try Self.load()
        #expect(sidecar.coordinatesOfBus.count == network.buses.count)
        #expect(sidecar.coordinatesOfBus.values.filter(\.assumed).count == 36)
        let forsmark = try #require(sidecar.coordinatesOfBus[network.busIndex[3000]!])
        #expect(forsmark.latitude == 60.430121 && forsmark.longitude == 18.123322 && !forsmark.assumed, "GridKit station Forsmark")
    }

    @Test("each bus lies within 150 km of the Nordic44 authors' coordinates",
          .enabled(if: FileManager.default.fileExists(atPath: authors), "shared/data/nordic/nordic44/n44_buses.csv is absent"))
    func nearAuthors() throws {
        let (network, sidecar) = try Self.load()
        let lines = try String(contentsOfFile: Self.authors, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var checked = 0
        for line in lines {
            let f = line.split(separator: ",")
            guard let bus = Int(f[0]), let lat = Double(f[6]), let lon = Double(f[7]), let i = network.busIndex[bus],
                  let c = sidecar.coordinatesOfBus[i] else { continue }
            let dy = (c.latitude - lat) * .pi / 180, dx = (c.longitude - lon) * .pi / 180 * cos(lat * .pi / 180)
            let km = 6371 * (dx * dx + dy * dy).squareRoot()
            #expect(km < 150, "bus \(bus): \(km) km from the authors' coordinates")
            checked += 1
        }
        #expect(checked == 44)
    }

    @Test("a latitude without a longitude, or out of range, is a problem with its key path")
    func problems() throws {
        let (network, _) = try Self.load()
        let text = "[[bus]]\nbus = 3000\nzone = \"SE3\"\nlat_deg = 60.4\n\n[[bus]]\nbus = 3100\nzone = \"SE2\"\nlat_deg = 91.0\nlon_deg = 17.0\n"
        #expect(throws: ScenarioProblems.self) { try GridSidecar.parse(text, file: "s.toml", network: network) }
        do { _ = try GridSidecar.parse(text, file: "s.toml", network: network) } catch {
            #expect(error.problems.map(\.description) == ["s.toml: bus[1].lon_deg: is missing (expected with lat_deg)",
                                                          "s.toml: bus[2].lat_deg: is 91.0 (expected a latitude from -90 to 90)"])
        }
    }
}
