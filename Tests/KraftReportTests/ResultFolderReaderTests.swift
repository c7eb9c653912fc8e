import Foundation
import KraftIO
import KraftReport
import Testing

/// The reader refuses what is not a complete result folder of format version 1, naming what is
/// missing, and reads a real run's folder values as its CSV files have them.
@Suite("Result folder reader")
struct ResultFolderReaderTests {
    func expectError(_ folder: String, _ message: String) {
        #expect(throws: InputError.self) { try ResultFolderReader.read(folder) }
        do { _ = try ResultFolderReader.read(folder) } catch { #expect(error.description == message) }
    }

    func edit(_ folder: String, _ file: String, _ change: (String) -> String) throws {
        let path = folder + "/" + file
        try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a real run's folder reads whole, with the values of its CSV files")
    func reads() throws {
        let dir = ReportFixtures.base
        let run = try ResultFolderReader.read(dir)
        let system = try ReportFixtures.csv(dir, "system.csv"), zones = try ReportFixtures.csv(dir, "zones.csv")
        let borders = try ReportFixtures.csv(dir, "borders.csv")
        #expect(run.kind == .year)
        #expect(run.summary.hours == system.count && run.system.loadMW.count == system.count && system.count == 168)
        #expect(run.system.loadMW[17] == Double(system[17]["load_mw"]!))
        #expect(Set(run.zones.map(\.zone)) == Set(ReportFixtures.distinct(zones, "zone")))
        #expect(run.borders.count == ReportFixtures.distinct(borders, "border").count)
        #expect(run.branches.count == (try ReportFixtures.csv(dir, "branches.csv")).count)
        #expect(run.buses.count == (try ReportFixtures.csv(dir, "buses.csv")).count && run.buses.count == 44)
        #expect(run.buses.allSatisfy { $0.latitude != nil && $0.longitude != nil })
        #expect(run.branchWeeks.count == run.branches.count && run.branchWeeks[0].count == 1, "one week")
        let n1Lines = try String(contentsOfFile: dir + "/contingency.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(run.contingency?.count == n1Lines && n1Lines > 0)
        #expect(run.certificates == nil, "no run writes a certificate section")
        #expect(try ResultFolderReader.read(ReportFixtures.withCertificates).certificates?.map(\.year) == [2030, 2031, 2032])
        // The variant's failed AC checks: no voltage in those hours, one in every other.
        let variant = try ResultFolderReader.read(ReportFixtures.variant)
        let converged = try ReportFixtures.csv(ReportFixtures.variant, "system.csv").map { $0["converged"] == "1" }
        #expect(converged.contains(false) && converged.contains(true))
        for (h, ok) in converged.enumerated() { #expect((variant.system.lowestVmPU[h] != nil) == ok, "hour \(h)") }
    }

    @Test("a folder without manifest.json is not a result folder")
    func noManifest() throws {
        let dir = try ReportFixtures.copy()
        try FileManager.default.removeItem(atPath: dir + "/manifest.json")
        expectError(dir, "\(dir): is not a result folder: manifest.json is missing (expected a folder written by kraft run)")
        expectError(dir + "/none", "\(dir)/none: does not exist (expected a result folder written by kraft run)")
        expectError(dir + "/zones.csv", "\(dir)/zones.csv: is a file, not a result folder (expected a folder written by kraft run)")
    }

    @Test("a newer version or another format is refused")
    func version() throws {
        let dir = try ReportFixtures.copy()
        try edit(dir, "manifest.json") { $0.replacingOccurrences(of: "\"version\":1", with: "\"version\":2") }
        expectError(dir, "\(dir)/manifest.json: version: is 2, newer than this kraft reads (expected 1; use a newer kraft)")
        try edit(dir, "manifest.json") { $0.replacingOccurrences(of: "kraft-result", with: "other") }
        expectError(dir, "\(dir)/manifest.json: format: is \"other\" (expected \"kraft-result\")")
    }

    @Test("a missing file, column or metric is named")
    func incomplete() throws {
        let dir = try ReportFixtures.copy()
        try FileManager.default.removeItem(atPath: dir + "/branch_weeks.csv")
        try FileManager.default.removeItem(atPath: dir + "/zones.csv")
        expectError(dir, "\(dir): incomplete result folder: missing zones.csv, branch_weeks.csv (expected every file of a year run, docs/result-folder.md)")
        let other = try ReportFixtures.copy()
        try edit(other, "zones.csv") { $0.replacingOccurrences(of: ",price_eur_mwh,", with: ",price,") }
        expectError(other, "\(other)/zones.csv: missing column price_eur_mwh (expected the columns of result format version 1)")
        let third = try ReportFixtures.copy()
        try edit(third, "summary.json") { $0.replacingOccurrences(of: "\"total_cost_eur\"", with: "\"cost\"") }
        expectError(third, "\(third)/summary.json: metrics.total_cost_eur: is missing (expected every metric of a year run: total_cost_eur missing)")
    }

    @Test("Sweden's totals: read when present, optional as a whole, every figure required once there")
    func sweden() throws {
        let run = try ResultFolderReader.read(ReportFixtures.base)
        let se = try #require(run.summary.sweden)
        let zones = try ReportFixtures.csv(ReportFixtures.base, "zones.csv").filter { $0["zone"]!.hasPrefix("SE") }
        #expect(abs(se.loadTWh - zones.map { Double($0["load_mw"]!)! }.reduce(0, +) / 1e6) < 1e-6, "TWh of rows written to 0.001 MW")
        let shed = zones.map { Double($0["unserved_mw"]!)! }.reduce(0, +)
        #expect(shed > 0 && abs(se.unservedMWh - shed) < 0.5 && se.generationTWh.map(\.technology).prefix(2) == ["nuclear", "hydro"])
        #expect(se.netExportByBorderTWh.map(\.border) == se.netExportByBorderTWh.map(\.border).sorted())
        let without = try ReportFixtures.copy()
        try edit(without, "summary.json") { $0.replacingOccurrences(of: "\"sweden\":", with: "\"elsewhere\":") }
        #expect(try ResultFolderReader.read(without).summary.sweden == nil, "a folder without the object reads, without Sweden's totals")
        let broken = try ReportFixtures.copy()
        try edit(broken, "summary.json") { $0.replacingOccurrences(of: "\"strategic_reserve_mwh\":0", with: "\"reserve\":0") }
        expectError(broken, "\(broken)/summary.json: sweden.strategic_reserve_mwh: is missing (expected a number)")
    }

    @Test("NaN, a short row and a missing hour are errors with their line")
    func badValues() throws {
        let dir = try ReportFixtures.copy()
        try edit(dir, "system.csv") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[2] = "nan"
            lines[2] = fields.joined(separator: ",")
            return lines.joined(separator: "\n")
        }
        expectError(dir, "\(dir)/system.csv:3: load_mw: \"nan\" is not a finite number")
        try edit(dir, "system.csv") { $0.replacingOccurrences(of: ",nan,", with: ",") }
        let columns = try String(contentsOfFile: dir + "/system.csv", encoding: .utf8).prefix { $0 != "\n" }.split(separator: ",").count
        expectError(dir, "\(dir)/system.csv:3: has \(columns - 1) fields (expected \(columns), as the header)")
        let other = try ReportFixtures.copy()
        try edit(other, "borders.csv") { text in
            text.split(separator: "\n").filter { !$0.hasPrefix("5,") }.joined(separator: "\n") + "\n"
        }
        expectError(other, "\(other)/borders.csv: border SE1-SE2 has no row for hour 5 (expected one row per hour and border)")
    }
}
