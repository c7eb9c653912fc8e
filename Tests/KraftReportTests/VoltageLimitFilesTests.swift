import Foundation
import KraftCore
import KraftScenario
@testable import KraftReport
import KraftSim
import Testing

/// A week of the Ringhals 3–4 closure in February and March 2030 without support (some hours fail, among
/// them the peak-load hour, and voltages leave their limits): the result files say so, and
/// agree with the hour records counted here.
@Suite("Voltage limits and failed hours in the result files", .serialized)
struct VoltageLimitFilesTests {
    static let result: YearResult = {
        let path = ReportFixtures.root.appendingPathComponent("Scenarios/sweden/ringhals-3-4-close-2030.toml").path
        let (s, network, sidecar) = try! ScenarioLoader.load(path: path)
        let span = Period(from: CalendarDate(year: 2030, month: 2, day: 25), to: CalendarDate(year: 2030, month: 3, day: 3))
        let (profiles, hours) = try! YearRun.profiles(weather: s.weather, covering: span, sidecar: sidecar)
        return try! YearRun.run(scenario: s, network: network, sidecar: sidecar, profiles: profiles, only: hours, threads: 2)
    }()

    static func file(_ name: String) -> String { ResultFolderWriter.files(StudyResult(year: result)).first { $0.name == name }!.text }

    static func rows(_ name: String) -> [[String: String]] {
        let lines = file(name).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
    }

    @Test("the week exercises both: failed hours and hours outside limits")
    func exercised() {
        let r = Self.result
        #expect(r.records.contains { !$0.converged } && r.records.contains { $0.converged })
        #expect(r.records.contains { !$0.voltageViolations.isEmpty })
    }

    @Test("summary.json: the converged hours and the figures over them; the metrics count as the records do")
    func summary() throws {
        let r = Self.result
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Self.file("summary.json").utf8)) as? [String: Any])
        let converged = r.records.filter(\.converged)
        let only = try #require(json["converged_only"] as? [String: Any])
        #expect(only["hours"] as? Int == converged.count && only["of_hours"] as? Int == r.hours)
        let names = Set(try #require(only["metrics"] as? [String]))
        #expect(names.isSuperset(of: ["losses_twh", "lowest_voltage_pu", "voltage_violation_hours", "min_reactive_reserve_se3_mvar"]))
        #expect(!names.contains("load_twh") && !names.contains("nonconverged_hours"))
        let metrics = try #require(json["metrics"] as? [String: Double])
        #expect(metrics["nonconverged_hours"] == Double(r.hours - converged.count))
        #expect(metrics["converged_hours"] == Double(converged.count))
        // Counted from the voltages here, against each bus's limits.
        let outside = converged.filter { h in h.vm.indices.contains { h.vm[$0] < r.grid.vmin[$0] || h.vm[$0] > r.grid.vmax[$0] } }
        #expect(metrics["voltage_violation_hours"] == Double(outside.count) && outside.count > 0)
        let table = YearReport.table(r)
        #expect(table.contains("* over the \(converged.count) converged hours of \(r.hours) only"))
        #expect(table.contains("losses* (TWh)") && table.contains("hours with a voltage outside limits*"))
    }

    @Test("voltage_violations.csv, buses.csv and system.csv agree with the voltages of every converged hour")
    func files() throws {
        let r = Self.result
        let rows = Self.rows("voltage_violations.csv")
        var expected = 0
        for h in r.records where h.converged {
            for b in h.vm.indices where h.vm[b] < r.grid.vmin[b] || h.vm[b] > r.grid.vmax[b] { expected += 1 }
        }
        #expect(rows.count == expected && expected > 0)
        for row in rows {
            let vm = Double(row["vm_pu"]!)!, lo = Double(row["vmin_pu"]!)!, hi = Double(row["vmax_pu"]!)!, excess = Double(row["excess_pu"]!)!
            #expect(vm < lo || vm > hi)
            #expect(abs(excess - (vm < lo ? vm - lo : vm - hi)) < 2e-5)
        }
        let buses = Self.rows("buses.csv")
        #expect(buses.reduce(0) { $0 + Int($1["hours_outside_limits"]!)! } == rows.count)
        let system = Self.rows("system.csv")
        #expect(system.reduce(0) { $0 + (Int($1["buses_outside_limits"]!) ?? 0) } == rows.count)
        #expect(system.filter { $0["converged"] == "0" }.allSatisfy { $0["buses_outside_limits"] == "" }, "a failed hour's voltages are unknown, not inside")
    }

    @Test("N-1: the failed peak-load hour is not studied; the converged hour nearest by load is, and names it")
    func criticalHours() throws {
        let r = Self.result
        let peak = try #require(r.records.max { $0.loadMW < $1.loadMW })
        try #require(!peak.converged, "the week's peak-load hour fails without support")
        #expect(r.unstudiedHours.contains { $0.hour == peak.hour && $0.reason == "peak load" })
        let nearest = try #require(r.records.filter(\.converged).min { abs($0.loadMW - peak.loadMW) < abs($1.loadMW - peak.loadMW) })
        let studied = try #require(r.criticalHours.first { $0.reason.hasPrefix("peak load") })
        #expect(studied.hour == nearest.hour && studied.insteadOf?.hour == peak.hour)
        #expect(studied.reason == "peak load, nearest converged hour by load")
    }

    /// The one writer on a real run: the files it made and nothing else, the manifest last from
    /// what the folder holds, the N-1 section renumbered to the run's hours, and the reader
    /// takes the folder back.
    @Test("the writer's folder: the manifest lists exactly the files present; the reader reads it")
    func writtenFolder() throws {
        var options = ContingencyOptions()
        options.threads = 2
        let study = StudyResult(year: Self.result, contingency: ScenarioStudy.criticalStudies(Self.result, options: options))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-writer-\(UUID().uuidString)").path
        try ResultFolderWriter.write(study, kraftVersion: "test", to: dir)
        let present = try FileManager.default.contentsOfDirectory(atPath: dir)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json"))) as! [String: Any]
        let listed = manifest["files"] as! [String]
        #expect(listed == ["manifest.json"] + ResultFolderWriter.files(study).map(\.name))
        #expect(Set(listed) == Set(present) && listed.count == present.count)
        #expect(listed.suffix(2) == ["contingency.csv", "contingency.json"])
        let read = try ResultFolderReader.read(dir)
        #expect(read.summary.hours == Self.result.hours)
        let first = Self.result.records[0].hour
        let rows = try #require(read.contingency)
        #expect(!rows.isEmpty && rows.allSatisfy { (0..<Self.result.hours).contains($0.hour) }, "hours of the run, not of the profiles")
        #expect(Set(rows.map(\.hour)) == Set(Self.result.criticalHours.map { $0.hour - first }))
    }
}
