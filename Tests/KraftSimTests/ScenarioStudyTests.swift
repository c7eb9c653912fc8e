import Foundation
import KraftCore
import KraftIO
import KraftScenario
import KraftSim
import Testing

/// The study of a scenario: what runs, in what order, and that N-1 reuses the year's dispatch.
@Suite("A scenario's study")
struct ScenarioStudyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let path = root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path

    /// 5–9 January 2025: the run's hours lie in two weeks of the year (1–7 and 8–14 January).
    static let span = ScenarioStudy.Span(Period(from: CalendarDate(year: 2025, month: 1, day: 5), to: CalendarDate(year: 2025, month: 1, day: 9)))

    @Test("names: the scenario file's stem and the span make the default result folder")
    func names() throws {
        let study = try ScenarioStudy.load(path: Self.path)
        #expect(study.name == "base-2025")
        #expect(ScenarioStudy.stem(of: "a/b.toml/c.d.toml") == "c.d", "only the final .toml goes")
        #expect(study.defaultFolder(study.period) == "results/base-2025-2025-01-01_2025-12-31")
        #expect(study.defaultFolder(Self.span) == "results/base-2025-2025-01-05_2025-01-09")
        #expect(study.defaultFolder(ScenarioStudy.Span(moment: Moment(parsing: "2025-01-15T08:00")!)) == "results/base-2025-2025-01-15T0800")
        #expect(study.defaultFolder(.year(2030)) == "results/base-2025-2030-01-01_2030-12-31")
    }

    /// Each week is dispatched once by the year run, counted as the dispatches happen; N-1 adds
    /// none, and its studies are those the earlier path made by dispatching each critical hour's
    /// week a second time (`HourContingency.study(scenario:…)`).
    @Test("N-1 at the critical hours dispatches no week again and equals a study on a fresh dispatch")
    func noWeekTwice() throws {
        let study = try ScenarioStudy.load(path: Self.path)
        let hours = try study.hours(Self.span)
        #expect(hours.hours == 96..<216)
        var options = ContingencyOptions()
        options.threads = 2
        let result = try study.run(hours, threads: 2, contingency: options)
        #expect(result.year.hours == 120)
        #expect(result.dispatchedWindows == 2, "two weeks, each dispatched once")
        let studies = try #require(result.contingency)
        #expect(!studies.isEmpty && studies.count + result.unstudied.count >= 1)
        #expect(result.certificates == nil, "not asked for")
        for s in studies {
            #expect(hours.hours.contains(s.hour), "hours of the profiles, inside the span")
            let again = try HourContingency.study(scenario: study.scenario, network: study.network, sidecar: study.sidecar,
                                                  profiles: hours.profiles, hour: s.hour, reason: s.reason, options: options)
            #expect(again.network.generators.pg == s.network.generators.pg)
            #expect(again.network.loads.p == s.network.loads.p)
            #expect(again.report.base.converged == s.report.base.converged)
            #expect(again.report.base.vm == s.report.base.vm)
            #expect(again.report.ranking == s.report.ranking)
            #expect(again.report.results.map { $0.ac?.maxLoading } == s.report.results.map { $0.ac?.maxLoading })
        }
        // The same hours are critical by the records: the peak load's hour is among those studied.
        let peak = result.year.records.max { $0.loadMW < $1.loadMW }!
        if peak.converged { #expect(studies.contains { $0.hour == peak.hour && $0.reason.hasPrefix("peak load") }) }
    }

    @Test("without N-1 none is studied; a moment runs one hour of its week; certificates on request")
    func stages() throws {
        let study = try ScenarioStudy.load(path: Self.path)
        let moment = ScenarioStudy.Span(moment: Moment(parsing: "2025-01-15T08:00")!)
        let hours = try study.hours(moment)
        #expect(hours.hours.count == 1 && hours.hours.lowerBound == 14 * 24 + 8)
        let result = try study.run(hours, threads: 2, certificates: true)
        #expect(result.contingency == nil)
        #expect(result.year.kind == "snapshot" && result.dispatchedWindows == 1)
        let certificates = try #require(result.certificates, "base-2025 has a certificate market with a supply curve")
        let settings = try #require(study.scenario.certificates)
        #expect(certificates.years.count == (try ScenarioStudy.certificatePath(settings, file: Self.path)).years.count)
        var without = settings
        without.supplyCurve = nil
        #expect(throws: InputError.self) { try ScenarioStudy.certificatePath(without, file: Self.path) }
    }
}
