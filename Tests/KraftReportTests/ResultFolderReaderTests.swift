import Foundation
import KraftIO
import KraftReport
import Testing

/// The reader refuses what is not a complete result folder of format version 1, naming what is
/// missing, and reads a sample folder's values as its CSV files have them.
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

    @Test("a sample folder reads whole, with the values of its CSV files")
    func reads() throws {
        let run = try ResultFolderReader.read(SampleFolders.base)
        let system = try SampleFolders.csv(SampleFolders.base, "system.csv")
        #expect(run.kind == .year)
        #expect(run.summary.hours == 336 && run.system.loadMW.count == 336)
        #expect(run.system.loadMW[17] == Double(system[17]["load_mw"]!))
        #expect(run.zones.map(\.zone) == ["SE1", "SE2", "SE3", "SE4", "NO1", "NO2", "NO3", "NO4", "NO5", "FI"])
        #expect(run.borders.count == 21 && run.branches.count == 79 && run.buses.count == 44)
        #expect(run.buses.allSatisfy { $0.latitude != nil && $0.longitude != nil })
        #expect(run.branchWeeks.count == 79 && run.branchWeeks[0].count == 2)
        #expect(run.contingency?.count == 6 && run.certificates?.count == 3)
        #expect(run.system.lowestVmPU[100] == nil, "the non-converged hour has no voltage")
    }

    @Test("a folder without manifest.json is not a result folder")
    func noManifest() throws {
        let dir = try SampleFolders.copy()
        try FileManager.default.removeItem(atPath: dir + "/manifest.json")
        expectError(dir, "\(dir): is not a result folder: manifest.json is missing (expected a folder written by kraft run)")
        expectError(dir + "/none", "\(dir)/none: does not exist (expected a result folder written by kraft run)")
        expectError(dir + "/zones.csv", "\(dir)/zones.csv: is a file, not a result folder (expected a folder written by kraft run)")
    }

    @Test("a newer version or another format is refused")
    func version() throws {
        let dir = try SampleFolders.copy()
        try edit(dir, "manifest.json") { $0.replacingOccurrences(of: "\"version\":1", with: "\"version\":2") }
        expectError(dir, "\(dir)/manifest.json: version: is 2, newer than this kraft reads (expected 1; use a newer kraft)")
        try edit(dir, "manifest.json") { $0.replacingOccurrences(of: "kraft-result", with: "other") }
        expectError(dir, "\(dir)/manifest.json: format: is \"other\" (expected \"kraft-result\")")
    }

    @Test("a missing file, column or metric is named")
    func incomplete() throws {
        let dir = try SampleFolders.copy()
        try FileManager.default.removeItem(atPath: dir + "/branch_weeks.csv")
        try FileManager.default.removeItem(atPath: dir + "/zones.csv")
        expectError(dir, "\(dir): incomplete result folder: missing zones.csv, branch_weeks.csv (expected every file of a year run, docs/result-folder.md)")
        let other = try SampleFolders.copy()
        try edit(other, "zones.csv") { $0.replacingOccurrences(of: ",price_eur_mwh,", with: ",price,") }
        expectError(other, "\(other)/zones.csv: missing column price_eur_mwh (expected the columns of result format version 1)")
        let third = try SampleFolders.copy()
        try edit(third, "summary.json") { $0.replacingOccurrences(of: "\"total_cost_eur\"", with: "\"cost\"") }
        expectError(third, "\(third)/summary.json: metrics.total_cost_eur: is missing (expected every metric of a year run: total_cost_eur missing)")
    }

    @Test("Sweden's totals: read when present, optional as a whole, every figure required once there")
    func sweden() throws {
        let run = try ResultFolderReader.read(SampleFolders.base)
        let se = try #require(run.summary.sweden)
        let zones = try SampleFolders.csv(SampleFolders.base, "zones.csv").filter { $0["zone"]!.hasPrefix("SE") }
        #expect(abs(se.loadTWh - zones.map { Double($0["load_mw"]!)! }.reduce(0, +) / 1e6) < 1e-9)
        #expect(se.unservedMWh == 1650 && se.generationTWh.map(\.technology).prefix(2) == ["nuclear", "hydro"])
        #expect(se.netExportByBorderTWh.map(\.border) == se.netExportByBorderTWh.map(\.border).sorted())
        let without = try SampleFolders.copy()
        try edit(without, "summary.json") { $0.replacingOccurrences(of: "\"sweden\":", with: "\"elsewhere\":") }
        #expect(try ResultFolderReader.read(without).summary.sweden == nil, "a folder without the object reads, without Sweden's totals")
        let broken = try SampleFolders.copy()
        try edit(broken, "summary.json") { $0.replacingOccurrences(of: "\"strategic_reserve_mwh\":0", with: "\"reserve\":0") }
        expectError(broken, "\(broken)/summary.json: sweden.strategic_reserve_mwh: is missing (expected a number)")
    }

    @Test("NaN, a short row and a missing hour are errors with their line")
    func badValues() throws {
        let dir = try SampleFolders.copy()
        try edit(dir, "system.csv") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[2] = "nan"
            lines[2] = fields.joined(separator: ",")
            return lines.joined(separator: "\n")
        }
        expectError(dir, "\(dir)/system.csv:3: load_mw: \"nan\" is not a finite number")
        try edit(dir, "system.csv") { $0.replacingOccurrences(of: ",nan,", with: ",") }
        expectError(dir, "\(dir)/system.csv:3: has 15 fields (expected 16, as the header)")
        let other = try SampleFolders.copy()
        try edit(other, "borders.csv") { text in
            text.split(separator: "\n").filter { !$0.hasPrefix("5,") }.joined(separator: "\n") + "\n"
        }
        expectError(other, "\(other)/borders.csv: border SE1-SE2 has no row for hour 5 (expected one row per hour and border)")
    }
}
