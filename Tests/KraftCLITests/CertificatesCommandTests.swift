import Foundation
import Testing

/// `kraft certificates` on the shipped settings and on bad ones.
@Suite("kraft certificates")
struct CertificatesCommandTests {
    static let shipped = ["law-2021", "higher-quota-2030", "end-2030", "no-norway"].map {
        KraftProcess.root.appendingPathComponent("Scenarios/certificates/\($0).toml").path
    }

    @Test("the four shipped settings side by side: one column each, summary and assumptions")
    func sideBySide() throws {
        let run = try KraftProcess.run(["certificates"] + Self.shipped)
        #expect(run.status == 0, "\(run.stderr)")
        let header = run.stdout.split(separator: "\n").first { $0.hasPrefix("  year") }.map(String.init) ?? ""
        #expect(header.split(separator: " ") == ["year", "law-2021", "higher-quota-2030", "end-2030", "no-norway"])
        #expect(run.stdout.contains("bank runs out"))
        #expect(run.stdout.contains("new SE2 wind, TWh/year"))
        #expect(run.stdout.contains("(ASSUMPTION)"))
    }

    @Test("JSON: one entry per setting with 43 years (2003-2045); CSV: one row per setting and year")
    func machineFormats() throws {
        let json = try KraftProcess.run(["certificates", "--format", "json"] + Self.shipped.prefix(2))
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let settings = object["settings"] as! [[String: Any]]
        #expect(settings.count == 2 && (settings[0]["years"] as! [Any]).count == 43)
        let csv = try KraftProcess.run(["certificates", "--format", "csv", Self.shipped[0]])
        #expect(csv.stdout.split(separator: "\n").count == 1 + 43)
    }

    @Test("the history settings print the model beside the published figures, with the derived volumes said")
    func history() throws {
        let path = KraftProcess.root.appendingPathComponent("Scenarios/certificates/history.toml").path
        let run = try KraftProcess.run(["certificates", path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("quota-obligated use is not published per year: the model DERIVES it"))
        let row2013 = run.stdout.split(separator: "\n").map { $0.split(separator: " ") }.last { $0.first == "2013" }
        #expect(row2013.map { Array($0.prefix(5)) } == ["2013", "13.5", "13.5", "94.3", "90.9"])   // quota, published, derived, reported
    }

    @Test("bad settings: FILE: key.path: message, exit 2, no output")
    func badSettings() throws {
        let path = try KraftProcess.temporaryFile(named: "bad.toml", "[certificates]\nquota_curve = \"2019\"\nend_year = 2001\n")
        let run = try KraftProcess.run(["certificates", path])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("\(path): certificates.quota_curve: is \"2019\" (expected one of \"2017\", \"2021\", \"in_force\")"))
        #expect(run.stderr.contains("\(path): certificates.end_year: is 2001, before the system starts in 2003"))
        let validate = try KraftProcess.run(["validate", path])
        #expect(validate.status == 2)
    }

    @Test("settings without a supply curve are refused, not run into a fee that compounds every year")
    func missingSupplyCurve() throws {
        let path = try KraftProcess.temporaryFile(named: "nosupply.toml", "[certificates]\nquota_curve = \"2021\"\nend_year = 2035\n")
        let run = try KraftProcess.run(["certificates", path])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("\(path): [certificates] has no supply_curve"))
    }

    @Test("a supply curve with a bad row is named by file and line")
    func badSupplyCurve() throws {
        let csv = try KraftProcess.temporaryFile(named: "s.csv", """
            kind,zone,technology,year,twh,certificates_until,cost_sek_per_mwh,cost_change_pct_per_year,max_build_twh_per_year,capacity_factor,basis
            project,SE2,wind,2003,5,,-1,0,1,0.3,ASSUMPTION
            """)
        let settings = (csv as NSString).deletingLastPathComponent + "/s.toml"
        try "[certificates]\nquota_curve = \"2021\"\nend_year = 2035\nsupply_curve = \"s.csv\"\n".write(toFile: settings, atomically: true, encoding: .utf8)
        let run = try KraftProcess.run(["certificates", settings])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(csv):2: cost_sek_per_mwh: is \"-1\" (expected a cost in SEK/MWh, 0 or more)"))
        let validate = try KraftProcess.run(["validate", settings])
        #expect(validate.status == 2 && validate.stderr.contains("\(csv):2: cost_sek_per_mwh"))
    }

    @Test("the shipped grid example (build-out as producers on the 2025 base) is a valid scenario")
    func gridExample() throws {
        let path = KraftProcess.root.appendingPathComponent("Scenarios/certificates/grid-law-2021-2025.toml").path
        let run = try KraftProcess.run(["validate", path])
        #expect(run.status == 0, "\(run.stderr)")
    }
}
