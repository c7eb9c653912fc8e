import Foundation
@testable import KraftReport
import Testing

/// `kraft compare`'s tables: differences against the first run, checked against sums of the CSV
/// files computed here; the terminal table fits 80 columns.
@Suite("Run comparison")
struct RunComparisonTests {
    static let comparison = RunComparison([try! ResultFolderReader.read(ReportFixtures.base), try! ResultFolderReader.read(ReportFixtures.variant)])

    @Test("load differs as the two system.csv files say")
    func loadDifference() throws {
        let a = try ReportFixtures.csv(ReportFixtures.base, "system.csv").map { Double($0["load_mw"]!)! }.reduce(0, +) / 1e6
        let b = try ReportFixtures.csv(ReportFixtures.variant, "system.csv").map { Double($0["load_mw"]!)! }.reduce(0, +) / 1e6
        let row = try #require(Self.comparison.rows.first { $0.key == "load_twh" && $0.zone == nil })
        #expect(abs(row.absoluteDifference(1)! - (b - a)) < 1e-3)
        #expect(abs(row.relativeDifference(1)! - 100 * (b - a) / a) < 1e-3)
    }

    @Test("per-zone rows: SE3 nuclear output is lower with Ringhals 3–4 closed, by the zones.csv sums")
    func perZone() throws {
        func nuclear(_ dir: String) throws -> Double {
            try ReportFixtures.csv(dir, "zones.csv").filter { $0["zone"] == "SE3" }.map { Double($0["nuclear_mw"]!)! }.reduce(0, +) / 1e6
        }
        let row = try #require(Self.comparison.rows.first { $0.zone == "SE3" && $0.key == "nuclear_twh" })
        let difference = try nuclear(ReportFixtures.variant) - nuclear(ReportFixtures.base)
        #expect(abs(row.absoluteDifference(1)! - difference) < 1e-3 && difference < 0)
        #expect(row.label.header == "SE3 nuclear (TWh)")
    }

    @Test("a zero base gives no relative difference, never NaN or infinity")
    func zeroBase() throws {
        let row = try #require(Self.comparison.rows.first { $0.zone == "SE1" && $0.key == "unserved_mwh" })
        let shed = try ReportFixtures.csv(ReportFixtures.base, "zones.csv").filter { $0["zone"] == "SE1" }.map { Double($0["unserved_mw"]!)! }.reduce(0, +)
        #expect(shed == 0 && row.values[0] == 0 && row.relativeDifference(1) == nil)
        for text in [Self.comparison.json(), Self.comparison.csv(), Self.comparison.table()] {
            let words = Set(text.split { !$0.isLetter }.map { $0.lowercased() })
            #expect(!words.contains("nan") && !words.contains("inf") && !words.contains("infinity"))
        }
    }

    @Test("the table fits 80 columns; colour only when asked")
    func table() {
        let plain = Self.comparison.table()
        let widths = plain.split(separator: Character("\n")).dropFirst(2).map { $0.count }
        #expect(widths.allSatisfy { $0 <= 80 }, "widest line: \(widths.max() ?? 0)")
        #expect(!plain.contains("\u{1B}["))
        #expect(Self.comparison.table(colour: true).contains("\u{1B}[1m"))
        #expect(plain.contains("unserved energy (MWh)"))
        // The fixtures converged in different hours: the warning saying so is wrapped to fit too.
        #expect(plain.contains("warning: B's AC check converged") && !Self.comparison.warnings.isEmpty)
        #expect(RunComparison.wrap("warning: " + String(repeating: "word ", count: 40), width: 80).allSatisfy { $0.count <= 80 })
    }

    @Test("csv has one line per row and run; json parses")
    func machineFormats() throws {
        let csv = Self.comparison.csv().split(separator: "\n")
        #expect(csv.count == 1 + 2 * Self.comparison.rows.count)
        let json = try JSONSerialization.jsonObject(with: Data(Self.comparison.json().utf8)) as? [String: Any]
        #expect((json?["rows"] as? [Any])?.count == Self.comparison.rows.count)
    }
}

/// RFC 4180 fields: quoted cells may hold commas, quotes and line breaks.
func parseCSV(_ text: String) -> [[String]] {
    var rows = [[String]](), row = [String](), field = "", quoted = false, afterQuote = false
    var it = Array(text.unicodeScalars).makeIterator()
    var pending: Unicode.Scalar?
    while let c = pending ?? it.next() {
        pending = nil
        if quoted {
            if c == "\"" { if let n = it.next() { if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n } } else { quoted = false } }
            else { field.unicodeScalars.append(c) }
        } else if c == "\"" && field.isEmpty && !afterQuote { quoted = true; afterQuote = true }
        else if c == "," { row.append(field); field = ""; afterQuote = false }
        else if c == "\n" { row.append(field); rows.append(row); row = []; field = ""; afterQuote = false }
        else { field.unicodeScalars.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("Run comparison CSV cells")
struct RunComparisonCSVTests {
    @Test("a scenario name with commas, quotes, line breaks and a formula prefix stays one quoted, neutralised cell")
    func hostileName() throws {
        var variant = try ResultFolderReader.read(ReportFixtures.variant)
        variant.scenario.name = "=HYPERLINK(\"http://x\",\"y\"),a\nb"
        let comparison = RunComparison([try ResultFolderReader.read(ReportFixtures.base), variant])
        let rows = parseCSV(comparison.csv())
        #expect(rows.count == 1 + 2 * comparison.rows.count)
        #expect(rows.allSatisfy { $0.count == 11 }, "every row has the header's 11 fields")
        let names = Set(rows.dropFirst().map { $0[5] })
        #expect(names.contains("'=HYPERLINK(\"http://x\",\"y\"),a\nb"), "\(names)")
        for cell in rows.dropFirst().flatMap({ [$0[0], $0[1], $0[2], $0[3], $0[5]] }) {
            #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "\(cell)")
        }
        #expect(RunComparison.csvText("-1+2") == "'-1+2" && RunComparison.csvText("@SUM(A1)") == "'@SUM(A1)")
        #expect(RunComparison.csvText("plain") == "plain" && RunComparison.csvText("a\"b") == "\"a\"\"b\"")
    }
}

/// `kraft compare` says when runs differ in more than the change under study.
@Suite("Run comparison warnings")
struct RunComparisonWarningTests {
    @Test("runs over different periods or weather are flagged in the table and JSON; the same run twice is not")
    func periodsAndWeather() throws {
        let base = try ResultFolderReader.read(ReportFixtures.base)
        #expect(RunComparison([base, base]).warnings.isEmpty)
        var other = base
        other.summary.periodFrom = "2030-01-01"
        other.summary.periodTo = "2030-12-31"
        other.scenario.weatherSource = "CSV folder weather-2019"
        let comparison = RunComparison([base, other])
        #expect(comparison.warnings.count == 2)
        #expect(comparison.warnings[0].contains("B covers 2030-01-01 to 2030-12-31, A \(base.summary.periodFrom) to \(base.summary.periodTo)"))
        #expect(comparison.warnings[1].contains("B's weather is CSV folder weather-2019"))
        #expect(comparison.table().contains("warning: B covers 2030-01-01"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(comparison.json().utf8)) as? [String: Any])
        #expect((json["warnings"] as? [String])?.count == 2)
    }
}

/// Runs whose AC checks converged in different hours: figures over converged hours only are
/// marked, warned about and given no relative difference.
@Suite("Run comparison over converged hours")
struct ConvergedHoursComparisonTests {
    /// A copy of the variant fixture with its summary.json changed by `edit`.
    static func variant(_ edit: (inout [String: Any]) -> Void) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-conv-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: ReportFixtures.variant, toPath: dir)
        let path = dir + "/summary.json"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        return dir
    }

    @Test("different converged hours (an older folder's nonconverged_hours): a warning, * rows, no relative difference of them")
    func differentHours() throws {
        let dir = try Self.variant { j in
            j.removeValue(forKey: "converged_only")  // as a folder written before it
            var m = j["metrics"] as! [String: Any]
            m["nonconverged_hours"] = 50
            j["metrics"] = m
        }
        let c = RunComparison([try ResultFolderReader.read(ReportFixtures.base), try ResultFolderReader.read(dir)])
        let base = c.runs[0].summary, variant = c.runs[1].summary
        let failed = try ReportFixtures.csv(ReportFixtures.base, "system.csv").filter { $0["converged"] == "0" }.count
        #expect(variant.convergedHours == variant.hours - 50 && base.convergedHours == base.hours - failed)
        #expect(c.warnings.contains { $0.contains("converged in \(variant.convergedHours) of its \(variant.hours) hours") })
        let losses = try #require(c.rows.first { $0.key == "losses_twh" && $0.zone == nil })
        #expect(losses.convergedOnly && losses.absoluteDifference(1) != nil && losses.relativeDifference(1) == nil)
        #expect(losses.header == "losses* (TWh)")
        let voltage = try #require(c.rows.first { $0.key == "lowest_vm_pu" && $0.zone == "SE3" })
        #expect(voltage.convergedOnly && voltage.relativeDifference(1) == nil)
        let load = try #require(c.rows.first { $0.key == "load_twh" && $0.zone == nil })
        #expect(!load.convergedOnly && load.relativeDifference(1) != nil, "a figure over every hour keeps its relative difference")
        let table = c.table()
        #expect(table.contains("warning: B's AC check converged") && table.contains("n/a*") && table.contains("* over the converged hours only"))
        // The CSV leaves the relative difference empty and says why.
        let fields = try #require(parseCSV(c.csv()).first { $0.count > 4 && $0[0] == "metrics" && $0[1] == "losses_twh" && $0[4] == "B" })
        #expect(fields[8] == "" && fields[9] == "1")
        #expect(ComparisonReport.html(c).contains("warning: B&#39;s AC check converged") || ComparisonReport.html(c).contains("warning: B's AC check converged"))
    }

    @Test("the same converged hours (summary.json converged_only): no warning, relative differences given, rows still marked")
    func sameHours() throws {
        let base = try ResultFolderReader.read(ReportFixtures.base)
        let dir = try Self.variant { j in
            j["converged_only"] = ["hours": base.summary.convergedHours, "of_hours": base.summary.hours, "metrics": ["losses_twh"],
                                   "zone_fields": ["min_reactive_reserve_mvar", "lowest_vm_pu", "lowest_vm_bus"]]
        }
        let c = RunComparison([base, try ResultFolderReader.read(dir)])
        #expect(!c.warnings.contains { $0.contains("converged") })
        let losses = try #require(c.rows.first { $0.key == "losses_twh" && $0.zone == nil })
        #expect(losses.convergedOnly && losses.relativeDifference(1) != nil)
        #expect(c.runs[1].summary.convergedOnlyMetrics == ["losses_twh"], "the folder's own list")
    }
}
