import Dispatch
import Foundation
import KraftCore
import KraftIO
import KraftScenario

/// A study of a scenario, in one place: what runs and in what order. Loaded from a scenario file
/// (or made from a loaded scenario), it runs a span of the scenario's hours — the year run
/// (`YearRun`: every week dispatched once, every hour AC-checked), then N-1 at the run's critical
/// hours on the grids that run dispatched (no week is dispatched twice), then, where the scenario
/// has a certificate market with a supply curve and it is asked for, the market's yearly path.
/// `kraft run`, `kraft contingency SCENARIO` and `kraft certificates` call it and print; a sweep
/// member is a child `kraft run`, so it runs the same study.
public struct ScenarioStudy: Sendable {
    public var scenario: Scenario
    public let network: Network
    public let sidecar: GridSidecar?
    /// The scenario file's name without its folder and `.toml`: the stem of default result folder names.
    public let name: String

    public init(scenario: Scenario, network: Network, sidecar: GridSidecar?, name: String) {
        self.scenario = scenario
        self.network = network
        self.sidecar = sidecar
        self.name = name
    }

    /// The scenario at `path`, loaded with its grid, sidecar and fleet.
    public static func load(path: String) throws(ScenarioProblems) -> ScenarioStudy {
        let loaded = try ScenarioLoader.load(path: path)
        return ScenarioStudy(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar, name: stem(of: path))
    }

    /// `Scenarios/sweden/base-2025.toml` → `base-2025`.
    public static func stem(of path: String) -> String {
        let file = (path as NSString).lastPathComponent
        return file.hasSuffix(".toml") ? String(file.dropLast(5)) : file
    }

    /// What a study covers: a period of days, or one hour of a day (a snapshot).
    public struct Span: Sendable, Equatable {
        public var period: Period
        public var moment: Moment?

        public init(_ period: Period) {
            self.period = period
            moment = nil
        }

        public init(moment: Moment) {
            period = Period(from: moment.date, to: moment.date)
            self.moment = moment
        }

        /// A whole calendar year.
        public static func year(_ year: Int) -> Span {
            Span(Period(from: CalendarDate(year: year, month: 1, day: 1), to: CalendarDate(year: year, month: 12, day: 31)))
        }

        /// How default result folders name the span: `2025-01-01_2025-01-14`, one day `2025-01-14`,
        /// a moment `2025-01-14T0800`.
        public var label: String {
            if let moment { return moment.description.replacingOccurrences(of: ":", with: "") }
            return period.from == period.to ? period.from.description : "\(period.from)_\(period.to)"
        }
    }

    /// The scenario's own period.
    public var period: Span { Span(scenario.period) }

    /// The default result folder of a run of `span`: `results/<scenario file stem>-<span>`.
    public func defaultFolder(_ span: Span) -> String { "results/\(name)-\(span.label)" }

    /// The hourly profiles a span runs on and its hours within them (a moment: its one hour).
    public struct Hours: Sendable {
        public var profiles: HourlyProfiles
        public var hours: Range<Int>
    }

    /// The profiles of the scenario's weather for `span` (bad weather input is an `InputError`).
    public func hours(_ span: Span) throws(InputError) -> Hours {
        let (profiles, hours) = try YearRun.profiles(weather: scenario.weather, covering: span.period, sidecar: sidecar)
        let only = span.moment.map { hours.lowerBound + $0.hour..<hours.lowerBound + $0.hour + 1 } ?? hours
        return Hours(profiles: profiles, hours: only)
    }

    /// Runs the study over `hours`: the year run on `threads` workers (`progress` gets the hours
    /// each finished week adds), then, with `contingency` options, N-1 at the run's critical hours
    /// as the run dispatched them, then with `certificates` the market's path where the scenario has one.
    public func run(_ hours: Hours, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                    contingency: ContingencyOptions? = nil, certificates: Bool = false,
                    progress: (@Sendable (_ hoursFinished: Int) -> Void)? = nil) throws(Failure) -> StudyResult {
        let year: YearResult
        do {
            year = try YearRun.run(scenario: scenario, network: network, sidecar: sidecar, profiles: hours.profiles,
                                   only: hours.hours, threads: threads, progress: progress)
        } catch { throw .run(error) }
        var result = StudyResult(year: year)
        if let contingency { result.contingency = Self.criticalStudies(year, options: contingency) }
        if certificates, let settings = scenario.certificates {
            do { result.certificates = try Self.certificatePath(settings, file: scenario.name) } catch { throw .input(error) }
        }
        return result
    }

    /// N-1 at the critical hours a finished run kept (`YearResult.criticalHours`, on the grids it
    /// dispatched: nothing is dispatched again), the hours in parallel, each with `options`.
    public static func criticalStudies(_ year: YearResult, options: ContingencyOptions) -> [HourContingency.Study] {
        let critical = year.criticalHours
        let studies = LockedSlots<HourContingency.Study>(count: critical.count)
        DispatchQueue.concurrentPerform(iterations: critical.count) { i in
            studies.set(i, HourContingency.study(critical[i], start: year.start, options: options))
        }
        return studies.values()
    }

    /// N-1 at one requested hour of `profiles` (hour 0 = their first): its week dispatched (once)
    /// and the hour's grid analysed; the year is not run.
    public func contingency(at hour: Int, of profiles: HourlyProfiles, options: ContingencyOptions) throws(YearRun.Failure) -> HourContingency.Study {
        try HourContingency.study(scenario: scenario, network: network, sidecar: sidecar, profiles: profiles,
                                  hour: hour, reason: "requested", options: options)
    }

    /// The certificate market's yearly path for `settings` (of `file`): it needs the eligible
    /// plants and candidate projects, so settings without a supply curve are refused.
    public static func certificatePath(_ settings: CertificateSettings, file: String) throws(InputError) -> CertificateRun {
        guard let curve = settings.supplyCurve else {
            throw InputError(file: file, line: nil, message: "[certificates] has no supply_curve: the market needs the eligible plants and candidate projects (for Sweden: supply_curve = \"Scenarios/certificates/supply-curve-sweden.csv\", relative to the settings file)")
        }
        return CertificateMarket.run(settings, supply: try SupplyCurveFile.read(path: curve))
    }

    /// Why a study stopped: bad input (a file it read) or a run that failed.
    public enum Failure: Error, CustomStringConvertible {
        case input(InputError)
        case run(YearRun.Failure)

        public var description: String {
            switch self {
            case .input(let e): e.description
            case .run(let e): e.description
            }
        }
    }
}
