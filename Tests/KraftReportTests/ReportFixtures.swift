import Foundation
import KraftCore
import KraftReport
import KraftSim

/// The report tests' result folders: real runs of the small scenarios in
/// Tests/Fixtures/scenarios/report (a January week of the shipped Swedish base on Nordic44, with
/// load shed in SE4 and a congested SE2→SE3 cut; the variant closes Ringhals 3–4), each run through
/// `ScenarioStudy` and written by `ResultFolderWriter` as `kraft run` does, once per test process
/// into a temporary folder. A plain CSV reader computes expected values independently of the
/// report module's reader.
enum ReportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scenarios = root.appendingPathComponent("Tests/Fixtures/scenarios/report").path

    /// The base fixture (base.toml): SE4 sheds load, SE2→SE3 congests, every hour converges.
    static let base: String = run("base")
    /// The variant (closure.toml): the base with Ringhals 3 and 4 closed; some AC checks fail.
    static let variant: String = run("closure")

    /// Runs a fixture scenario's period with N-1 at its critical hours, as `kraft run` does, and
    /// writes its folder with the real writer.
    static func run(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-report-\(UUID().uuidString)/\(name)").path
        do {
            let study = try ScenarioStudy.load(path: "\(scenarios)/\(name).toml")
            var n1 = ContingencyOptions()
            n1.threads = 2
            let result = try study.run(try study.hours(study.period), threads: 2, contingency: n1)
            try ResultFolderWriter.write(result, kraftVersion: "test", to: dir)
        } catch {
            fatalError("fixture \(name): \(error)")
        }
        return dir
    }

    /// A copy of the base fixture that a test may damage.
    static func copy(of folder: String = base) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-report-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: folder, toPath: dir)
        return dir
    }

    /// The base fixture with a SYNTHETIC certificates.csv added (and listed in its manifest). It is
    /// the one part of the report's input no real run makes: no run writes a certificate section
    /// (`ResultFolderWriter` writes none; `kraft certificates` prints its path), and the file's
    /// price column is in EUR/MWh while the certificate market works in SEK. Three made-up years.
    static let withCertificates: String = {
        let dir = try! copy()
        let rows = ["year,quota,demand_twh,issued_twh,bank_twh,price_eur_mwh", "2030,0.180,95.0,20.0,9.0,12.00",
                    "2031,0.150,96.0,18.0,6.0,8.00", "2032,0.120,97.0,16.0,3.0,4.00"]
        try! (rows.joined(separator: "\n") + "\n").write(toFile: dir + "/certificates.csv", atomically: true, encoding: .utf8)
        let manifest = dir + "/manifest.json"
        let text = try! String(contentsOfFile: manifest, encoding: .utf8)
        try! text.replacingOccurrences(of: "\"]}", with: "\",\"certificates.csv\"]}").write(toFile: manifest, atomically: true, encoding: .utf8)
        return dir
    }()

    /// Rows of a CSV file as dictionaries, header → field (the result files quote no field these
    /// tests read).
    static func csv(_ folder: String, _ file: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)), uniquingKeysWith: { a, _ in a })
        }
    }

    /// The distinct values of a column in order of first appearance.
    static func distinct(_ rows: [[String: String]], _ column: String) -> [String] {
        var seen = Set<String>(), out = [String]()
        for r in rows where seen.insert(r[column]!).inserted { out.append(r[column]!) }
        return out
    }
}
