import Foundation
import Testing
@testable import KraftScenario

/// The `[certificates]` reader: bad settings give `FILE: key.path: what is wrong (expected ...)`,
/// and a settings file that extends another changes only the keys it writes.
@Suite("Certificate settings")
struct CertificateSettingsTests {
    static func problems(_ body: String) -> [String] {
        ScenarioLoader.problems(text: "[certificates]\n" + body, file: "s.toml").map(\.description)
    }

    @Test("negative quota, end year before the start, unknown curve: one clear message each")
    func badSettings() {
        #expect(Self.problems("end_year = 2035\n[certificates.quota]\n\"2030\" = -0.1\n")
            == ["s.toml: certificates.quota.2030: is -0.1 (expected a quota between 0 and 1)"])
        #expect(Self.problems("quota_curve = \"2021\"\nend_year = 2001\n")
            == ["s.toml: certificates.end_year: is 2001, before the system starts in 2003 (expected 2003 to 2100)"])
        #expect(Self.problems("quota_curve = \"2019\"\nend_year = 2035\n")
            == ["s.toml: certificates.quota_curve: is \"2019\" (expected one of \"2017\", \"2021\", \"in_force\")"])
        #expect(Self.problems("quota_curve = \"2021\"\nend_year = 2035\nhorizon = 5\n")
            == ["s.toml: certificates.horizon: is not a known key here"])
    }

    @Test("a settings file extends another and overrides single keys; paths resolve against their own file")
    func extends() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "[certificates]\nquota_curve = \"2021\"\nend_year = 2035\nsupply_curve = \"s.csv\"\n"
            .write(to: dir.appendingPathComponent("base.toml"), atomically: true, encoding: .utf8)
        try "extends = \"base.toml\"\n[certificates]\nend_year = 2030\n"
            .write(to: dir.appendingPathComponent("early.toml"), atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.certificateSettings(path: dir.appendingPathComponent("early.toml").path)
        #expect(s.endYear == 2030 && s.quota == .named("2021"))
        #expect(s.supplyCurve == dir.appendingPathComponent("s.csv").path)
        #expect(ScenarioLoader.problems(path: dir.appendingPathComponent("early.toml").path).isEmpty)
    }

    @Test("a stop year after the end year and a missing end year are reported against the file")
    func inconsistent() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-cert-\(UUID().uuidString).toml").path
        try "[certificates]\nquota_curve = \"2021\"\nend_year = 2030\nlast_commissioning_year = 2031\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(ScenarioLoader.problems(path: path).map(\.description)
            == ["\(path): certificates.last_commissioning_year: is 2031, after end_year = 2030 (expected a year on or before the end year)"])
        try "[certificates]\nquota_curve = \"2021\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(ScenarioLoader.problems(path: path).map(\.description)
            == ["\(path): certificates.end_year: is missing (expected the last year certificates are issued, such as 2035)"])
    }
}
