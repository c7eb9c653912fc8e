import Foundation
import Testing

/// `kraft report` and `kraft compare` on the folders `kraft run` writes for the report fixtures
/// (Tests/Fixtures/scenarios/report: a week each, the base and Ringhals 3–4 closed).
@Suite("kraft report and compare")
struct ReportCommandTests {
    static func run(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-cli-\(UUID().uuidString)/\(name)").path
        let r = try! KraftProcess.run(["run", KraftProcess.root.appendingPathComponent("Tests/Fixtures/scenarios/report/\(name).toml").path,
                                       "--output", dir, "--threads", "2"])
        precondition(r.status == 0, r.stderr)
        return dir
    }
    static let base = run("base")
    static let variant = run("closure")

    @Test("report writes RUN_DIR/report.html by default, and --output elsewhere")
    func report() throws {
        let r = try KraftProcess.run(["report", Self.base])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "report: \(Self.base)/report.html\n")
        let html = try String(contentsOfFile: Self.base + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-cli-\(UUID().uuidString).html").path
        #expect(try KraftProcess.run(["report", Self.base, "--output", out]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == html)
    }

    @Test("a folder that is not a result folder: the message on standard error, exit 2, nothing written")
    func badFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try KraftProcess.run(["report", dir])
        #expect(r.status == 2)
        #expect(r.stderr == "\(dir): is not a result folder: manifest.json is missing (expected a folder written by kraft run)\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/report.html"))
        let c = try KraftProcess.run(["compare", Self.base, dir])
        #expect(c.status == 2 && c.stderr.hasSuffix("manifest.json is missing (expected a folder written by kraft run)\n"))
        #expect(try KraftProcess.run(["compare", Self.base]).status == 64, "one folder is a usage error")
    }

    @Test("compare: an 80-column table without colour when piped; json, csv and html")
    func compare() throws {
        let t = try KraftProcess.run(["compare", Self.base, Self.variant])
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stdout.hasPrefix("A: Report fixture <base> & co (\(Self.base))\nB: Report fixture, Ringhals 3-4 closed (\(Self.variant))\n"))
        let widths: [Int] = t.stdout.components(separatedBy: "\n").dropFirst(2).map { $0.count }
        #expect(widths.allSatisfy { $0 <= 80 })
        #expect(!t.stdout.contains("\u{1B}"))
        let j = try KraftProcess.run(["compare", Self.base, Self.variant, "--format", "json"])
        #expect(j.status == 0 && !j.stdout.contains("\u{1B}"))
        #expect((try? JSONSerialization.jsonObject(with: Data(j.stdout.utf8))) != nil)
        let c = try KraftProcess.run(["compare", Self.base, Self.variant, "--format", "csv"])
        #expect(c.stdout.hasPrefix("section,metric,zone,unit,run,scenario,value,abs_diff,rel_diff_pct,converged_only,converged_hours\nmetrics,unserved_energy_mwh,,MWh,A,"))
        let h = try KraftProcess.run(["compare", Self.base, Self.variant, "--format", "html"])
        #expect(h.status == 0 && h.stdout.contains("<svg") && h.stdout.hasSuffix("</html>\n"))
    }
}
