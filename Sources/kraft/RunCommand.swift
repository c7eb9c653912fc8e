import ArgumentParser
import Foundation
import KraftCore
import KraftIO
import KraftReport
import KraftScenario
import KraftSim

/// `kraft run`: a scenario over its period hour by hour, or at one moment (`--at`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario hour by hour over a period (or at one moment) and write its result folder.",
        discussion: """
        Each week is dispatched as one linear program (DC optimal power flow with zonal cuts, \
        hydro within a weekly energy budget) and every hour is checked with AC load flow with \
        reactive limits, warm-started from the hour before. Weeks run in parallel; the results \
        are the same for any --threads. With --at, one moment is solved instead. \
        Exit status: 0 done, 1 the load flow did not converge (--at), the run failed or no \
        compensation up to ±20,000 Mvar passes (--size-compensation), 2 bad input.
        """
    )

    @Argument(help: "The scenario file (TOML).")
    var scenario: String

    @Option(help: ArgumentHelp("Run this calendar year instead of the scenario's period.", valueName: "year"))
    var period: Int?

    @Option(help: ArgumentHelp("First day to run, such as 2030-01-01 (with --to).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day to run, such as 2030-01-31 (with --from).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Solve one moment only, such as 2030-01-15T08:00.", valueName: "time"))
    var at: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The result folder to create (default: results/<scenario>-<period>).")
    var output: String?

    @Flag(help: "Replace the result folder if it exists (the old one is removed only once the new one is complete).")
    var overwrite = false

    @OptionGroup var weather: WeatherOption

    @Option(name: .customLong("size-compensation"),
            help: ArgumentHelp("Find the smallest static compensator (±Mvar) at this bus number or sidecar site that makes every hour converge with voltages inside limits; print it and what it changes, and write the run with it.", valueName: "bus|site"))
    var sizeCompensation: String?

    func validate() throws {
        if let at, Moment(parsing: at) == nil {
            throw ValidationError("--at must be a date and hour such as 2030-01-15T08:00, got '\(at)'")
        }
        if at != nil && sizeCompensation != nil { throw ValidationError("--size-compensation checks a whole period: it cannot be combined with --at") }
        if let place = sizeCompensation, place.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--size-compensation must be a bus number or a site name of the grid's sidecar, got an empty value")
        }
        if at != nil && (period != nil || from != nil || to != nil) {
            throw ValidationError("--at solves one moment: it cannot be combined with --period, --from or --to")
        }
        if period != nil && (from != nil || to != nil) { throw ValidationError("give either --period or --from and --to") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, CalendarDate(parsing: value) == nil {
                throw ValidationError("\(name) must be a date such as 2030-01-31, got '\(value)'")
            }
        }
        if let from, let to, let a = CalendarDate(parsing: from), let b = CalendarDate(parsing: to), b < a {
            throw ValidationError("--to (\(to)) is before --from (\(from))")
        }
        if let from, let to, let a = CalendarDate(parsing: from), let b = CalendarDate(parsing: to), Period.yearsSpanned(from: a, to: b) > Period.maxYears {
            throw ValidationError("--from \(from) --to \(to) spans \(Period.yearsSpanned(from: a, to: b)) calendar years, more than the limit of \(Period.maxYears)")
        }
        if let period, !(1950...2100).contains(period) { throw ValidationError("--period must be a year from 1950 to 2100, got \(period)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        _ = ResultFolder.processStart  // fixed now: leftovers older than this are not this run's
        var loaded: (scenario: Scenario, network: Network, sidecar: GridSidecar?)
        do { loaded = try ScenarioLoader.load(path: scenario) } catch {
            for p in error.problems { printError(p.description) }
            throw ExitStatus.badInput
        }
        if let w = try weather.parsed(replacing: loaded.scenario.weather) { loaded.scenario.weather = w }
        let stem = (scenario.split(separator: "/").last.map(String.init) ?? scenario).replacingOccurrences(of: ".toml", with: "")
        var span = loaded.scenario.period
        if let period { span = Period(from: CalendarDate(year: period, month: 1, day: 1), to: CalendarDate(year: period, month: 12, day: 31)) }
        if let from, let to, let a = CalendarDate(parsing: from), let b = CalendarDate(parsing: to) { span = Period(from: a, to: b) }
        let moment = at.flatMap(Moment.init(parsing:))
        if let moment { span = Period(from: moment.date, to: moment.date) }
        let name = moment.map { "\(stem)-\($0.description.replacingOccurrences(of: ":", with: ""))" }
            ?? "\(stem)-\(span.from == span.to ? span.from.description : "\(span.from)_\(span.to)")"
        let target = output ?? "results/\(name)"
        // What a killed earlier run into this folder left: stale staging folders are removed, a
        // folder moved aside by an interrupted --overwrite is put back (before the check below).
        for line in ResultFolder.recover(target) { printError("\(target): \(line) (left by an interrupted run)") }
        // Refused before the run, not after it: a year's work must not be thrown away for this.
        if !overwrite && FileManager.default.fileExists(atPath: target) {
            printError(InputError(file: target, line: nil, message: "already exists (expected a new folder; remove it, choose another --output or give --overwrite)").description)
            throw ExitStatus.badInput
        }
        let profiles: HourlyProfiles, hours: Range<Int>
        do { (profiles, hours) = try YearRun.profiles(weather: loaded.scenario.weather, covering: span, sidecar: loaded.sidecar) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        let only = moment.map { hours.lowerBound + $0.hour..<hours.lowerBound + $0.hour + 1 } ?? hours
        var runScenario = loaded.scenario
        if let place = sizeCompensation {
            let location = try CompensationSizingCommand.location(place, network: loaded.network, sidecar: loaded.sidecar)
            switch CompensationSizingCommand.size(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar,
                                                  profiles: profiles, only: only, place: location, label: place,
                                                  threads: threads, scenarioPath: scenario) {
            case .failed: throw ExitStatus.failed
            case .noneNeeded: break
            case .device(let device):
                runScenario.compensation.append(device)
                runScenario.changes.append(device.summary + " (found by --size-compensation)")
            }
        }
        let bar = ProgressBar(total: only.count, label: "hours")
        let result: YearResult
        do {
            result = try YearRun.run(scenario: runScenario, network: loaded.network, sidecar: loaded.sidecar,
                                     profiles: profiles, only: only, threads: threads, progress: { bar.advance(by: $0) })
        } catch {
            bar.finish()
            printError("\(scenario): \(error.description)")
            throw ExitStatus.failed
        }
        bar.finish()
        print(YearReport.table(result), terminator: "")
        var files: [(name: String, text: String)]
        if moment == nil {
            // The N-1 section: the run's peak-load and lowest-inertia hours, on the grids the run
            // dispatched, each studied while the result files are formatted.
            let critical = result.criticalHours
            let yearFiles = LockedSlots<[(name: String, text: String)]>(count: 1)
            let studies = LockedSlots<HourContingency.Study>(count: critical.count)
            DispatchQueue.concurrentPerform(iterations: critical.count + 1) { i in
                guard i > 0 else { return yearFiles.set(0, YearReport.files(result, kraftVersion: Kraft.version)) }
                var options = ContingencyOptions()
                options.threads = threads  // --threads, not the machine's cores
                var study = HourContingency.study(critical[i - 1], start: profiles.start, options: options)
                study.hour = result.index(study.hour)  // result files count hours from the run's first
                if let failed = study.insteadOf { study.insteadOf?.hour = result.index(failed.hour) }
                studies.set(i - 1, study)
            }
            let unstudied = result.unstudiedHours.map {
                ContingencySection.Unstudied(hour: result.index($0.hour), time: HourContingency.moment(hour: $0.hour, start: profiles.start),
                                             reason: $0.reason, why: $0.why)
            }
            fflush(nil)  // the table first, then the notice, also when both go to one file
            for u in unstudied { printError("N-1: the \(u.reason) hour \(u.time) is not studied: \(u.why)") }
            files = yearFiles.values()[0] + ContingencySection.files(studies.values(), unstudied: unstudied, scenarioName: result.scenario.name)
            files[0] = ("manifest.json", ResultManifest.json(kind: result.kind, kraftVersion: Kraft.version, files: files.map(\.name)))
        } else {
            files = YearReport.files(result, kraftVersion: Kraft.version)
        }
        try write(files, to: target)
        if moment != nil && !result.records.allSatisfy(\.converged) { throw ExitStatus.failed }
    }

    private func write(_ files: [(name: String, text: String)], to folder: String) throws {
        do { try ResultFolder.write(files, to: folder, replacing: overwrite) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        print("results: \(folder)")
    }
}
