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
        var study: ScenarioStudy
        do { study = try ScenarioStudy.load(path: scenario) } catch {
            for p in error.problems { printError(p.description) }
            throw ExitStatus.badInput
        }
        if let w = try weather.parsed(replacing: study.scenario.weather) { study.scenario.weather = w }
        let moment = at.flatMap(Moment.init(parsing:))
        var span = study.period
        if let period { span = .year(period) }
        if let from, let to, let a = CalendarDate(parsing: from), let b = CalendarDate(parsing: to) { span = ScenarioStudy.Span(Period(from: a, to: b)) }
        if let moment { span = ScenarioStudy.Span(moment: moment) }
        let target = output ?? study.defaultFolder(span)
        // What a killed earlier run into this folder left: stale staging folders are removed, a
        // folder moved aside by an interrupted --overwrite is put back (before the check below).
        for line in ResultFolder.recover(target) { printError("\(target): \(line) (left by an interrupted run)") }
        // Refused before the run, not after it: a year's work must not be thrown away for this.
        if !overwrite && FileManager.default.fileExists(atPath: target) {
            printError(InputError(file: target, line: nil, message: "already exists (expected a new folder; remove it, choose another --output or give --overwrite)").description)
            throw ExitStatus.badInput
        }
        let hours: ScenarioStudy.Hours
        do { hours = try study.hours(span) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        if let place = sizeCompensation {
            let location = try CompensationSizingCommand.location(place, network: study.network, sidecar: study.sidecar)
            switch CompensationSizingCommand.size(scenario: study.scenario, network: study.network, sidecar: study.sidecar,
                                                  profiles: hours.profiles, only: hours.hours, place: location, label: place,
                                                  threads: threads, scenarioPath: scenario) {
            case .failed: throw ExitStatus.failed
            case .noneNeeded: break
            case .device(let device):
                study.scenario.compensation.append(device)
                study.scenario.changes.append(device.summary + " (found by --size-compensation)")
            }
        }
        // N-1 at the run's peak-load and lowest-inertia hours, on the grids the run dispatched;
        // not for a single moment.
        var n1 = ContingencyOptions()
        n1.threads = threads  // --threads, not the machine's cores
        let bar = ProgressBar(total: hours.hours.count, label: "hours")
        let result: StudyResult
        do {
            result = try study.run(hours, threads: threads, contingency: moment == nil ? n1 : nil, progress: { bar.advance(by: $0) })
        } catch {
            bar.finish()
            printError("\(scenario): \(error.description)")
            throw ExitStatus.failed
        }
        bar.finish()
        print(YearReport.table(result.year), terminator: "")
        if result.contingency != nil {
            fflush(nil)  // the table first, then the notice, also when both go to one file
            for u in result.unstudied {
                printError("N-1: the \(u.reason) hour \(HourContingency.moment(hour: u.hour, start: result.year.start)) is not studied: \(u.why)")
            }
        }
        do { try ResultFolderWriter.write(result, kraftVersion: Kraft.version, to: target, replacing: overwrite) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        print("results: \(target)")
        if moment != nil && !result.year.records.allSatisfy(\.converged) { throw ExitStatus.failed }
    }
}
