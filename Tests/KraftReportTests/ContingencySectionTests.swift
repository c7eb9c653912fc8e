import Foundation
import KraftCore
import KraftIO
import KraftReport
import KraftScenario
import KraftSim
import Testing

/// The N-1 section of a result folder, from studies made without a dispatch (case30 as the
/// hour's grid).
@Suite("N-1 section of a result folder")
struct ContingencySectionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("contingency.csv has a row per hour and contingency; contingency.json the hours' N-1 reports")
    func files() throws {
        let network = try MatpowerReader.readNetwork(path: Self.root.appendingPathComponent("Tests/Fixtures/cases/case30.m").path)
        let report = HourContingency.analyse(network: network, slackWeights: network.generators.pmax)
        let start = CalendarDate(year: 2030, month: 1, day: 1)
        let studies = [HourContingency.Study(reason: "peak load", hour: 18, time: HourContingency.moment(hour: 18, start: start),
                                             network: network, report: report),
                       HourContingency.Study(reason: "lowest inertia", hour: 75, time: HourContingency.moment(hour: 75, start: start),
                                             network: network, report: report)]
        let files = ContingencySection.files(studies, scenarioName: "test")
        #expect(files.map(\.name) == ["contingency.csv", "contingency.json"])

        let lines = files[0].text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(11)) == ["hour", "time", "outage", "converged", "max_loading_pct", "worst_branch", "overloads",
                                             "lowest_vm_pu", "reason", "rank", "index"], "the reader's required columns first")
        #expect(lines.count == 1 + 2 * report.results.count)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header.count })
        #expect(lines[1].hasPrefix("18,2030-01-01T18:00,"))
        #expect(lines[1].contains(",peak load,1,"), "reason, then rank 1")
        #expect(lines.last!.hasPrefix("75,2030-01-04T03:00,"))
        let worstLowest = lines.dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[7]) }.min()
        #expect(worstLowest.map { $0 > 0.5 && $0 < 1.2 } == true, "lowest voltages are p.u. magnitudes")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(files[1].text.utf8)) as? [String: Any])
        let hours = try #require(json["hours"] as? [[String: Any]])
        #expect(hours.map { $0["time"] as? String } == ["2030-01-01T18:00", "2030-01-04T03:00"])
        let n1 = try #require(hours[0]["n1"] as? [String: Any])
        #expect((n1["contingencies"] as? [Any])?.count == report.results.count)
        let settings = try #require(n1["settings"] as? [String: Any])
        #expect(settings["enforce_q_limits"] as? Bool == true)
        #expect(settings["slack"] as? String == "weights")
    }
}
