import Foundation
import Testing

/// `kraft validate` on the shipped scenarios and on a broken one.
@Suite("kraft validate")
struct ValidateCommandTests {
    static let shipped = ["base-2025", "ringhals-3-4-close-2030", "oskarshamn-3-close-2035", "forsmark-close-2040",
                          "datacentres-2030", "high-der-2035"].map {
        KraftProcess.root.appendingPathComponent("Scenarios/sweden/\($0).toml").path
    }

    @Test("every shipped Swedish scenario is valid")
    func shippedScenarios() throws {
        let run = try KraftProcess.run(["validate"] + Self.shipped)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == Self.shipped.count)
        #expect(run.stderr.isEmpty)
    }

    @Test("every problem of a broken file is printed, then the count; exit 2")
    func broken() throws {
        let text = try String(contentsOfFile: Self.shipped[1], encoding: .utf8)
            .replacingOccurrences(of: "unit = \"R3\"", with: "unit = \"R5\"")
            .replacingOccurrences(of: "year = 2030", with: "year = 2030\nhours = 24")
            .replacingOccurrences(of: "extends = \"base-2025.toml\"", with: "extends = \"\(Self.shipped[0])\"")
        let path = try KraftProcess.temporaryFile(named: "broken.toml", text)
        let run = try KraftProcess.run(["validate", path])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(path): period.hours: is not a known key here"))
        #expect(lines.contains { $0.hasPrefix("\(path): closure[1].unit: is \"R5\", not a unit of the fleet (expected one of F1, F2, F3, Karlshamn, O1") })
        #expect(lines.last == "2 problems found")
    }
}
