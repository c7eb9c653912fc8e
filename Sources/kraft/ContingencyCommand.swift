import ArgumentParser
import KraftCore
import KraftIO
import KraftReport
import KraftScenario
import KraftSim

extension ACVerification: ExpressibleByArgument {}
extension RatingSet: ExpressibleByArgument {}

/// `kraft contingency`: N-1 security analysis of a case, printed as a table, JSON or CSV.
struct ContingencyCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Pickup: String, ExpressibleByArgument, CaseIterable { case reference, pmax }

    static let configuration = CommandConfiguration(
        commandName: "contingency",
        abstract: "N-1 security analysis of a case (MATPOWER .m) or of a scenario's hours: DC screening, AC verification.",
        discussion: """
            Every in-service branch goes out in turn (and every generator with --generators), or the \
            contingencies of --contingencies FILE: one per line, elements separated by ';', an optional \
            name before ':' — 'branch ROW', 'branch FROM-TO[#CIRCUIT]', 'gen ROW', 'gen bus ID'; '#' \
            starts a comment. For a scenario (.toml) the grid is the one dispatched at --at, or, without \
            it, at the run's peak-load and lowest-inertia hours (the whole period is run to find them); \
            every in-service branch goes out, with reactive limits and the slack shared as in `kraft run`'s \
            AC check. Exit status: 0 when the analysis ran (whatever it found), 1 when a base case did not \
            converge or the run failed, 2 bad input.
            """
    )

    @Argument(help: "The case file (MATPOWER .m) or scenario (.toml).")
    var casePath: String

    @Option(help: ArgumentHelp("For a scenario: the moment to study, such as 2030-01-15T08:00 (default: the peak-load and lowest-inertia hours).", valueName: "time"))
    var at: String?

    @Option(help: "AC verification: all contingencies, the screened ones (DC estimate at or above --screening %), or none.")
    var ac: ACVerification = .all

    @Option(help: "Branch rating the loadings are measured against: a, b or c.")
    var rate: RatingSet = .a

    @Option(help: "Worker threads (default: the number of cores); results do not depend on it.")
    var threads: Int?

    @Option(help: ArgumentHelp("Contingencies to run instead of every branch outage.", valueName: "file"))
    var contingencies: String?

    @Flag(help: "Add the outage of every in-service generator to the branch outages.")
    var generators = false

    @Option(help: "Who picks up a lost generator's output: reference (its island's reference bus) or pmax (the others, by Pmax).")
    var pickup: Pickup = .reference

    @Option(help: "Screening threshold, percent of the rating (with --ac screened).")
    var screening: Double = 90

    @OptionGroup var balance: BalanceOptions

    @Option(help: "Newton–Raphson tolerance, p.u.")
    var tol: Double = 1e-8

    @Option(help: "Newton–Raphson iteration limit per contingency.")
    var maxIter: Int = 10

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Print every contingency in the table format (default: the 20 worst).")
    var all = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard tol > 0, tol.isFinite else { throw ValidationError("--tol must be a positive number, got \(tol)") }
        guard maxIter >= 1 else { throw ValidationError("--max-iter must be at least 1, got \(maxIter)") }
        guard screening >= 0, screening.isFinite else { throw ValidationError("--screening must be a percentage ≥ 0, got \(screening)") }
        if contingencies != nil && generators {
            throw ValidationError("--generators adds to the default list; with --contingencies, list the generators in the file")
        }
        if isScenario {
            if contingencies != nil || generators { throw ValidationError("a scenario's N-1 takes every branch out: --contingencies and --generators are for a case") }
            if balance.enforceQLimits || balance.distributedSlack || balance.slackWeights != nil {
                throw ValidationError("a scenario's N-1 always enforces reactive limits and shares the slack as its run does: --enforce-q-limits, --distributed-slack and --slack-weights are for a case")
            }
            if let at, Moment(parsing: at) == nil { throw ValidationError("--at must be a date and hour such as 2030-01-15T08:00, got '\(at)'") }
        } else if at != nil {
            throw ValidationError("--at is for a scenario (.toml)")
        }
    }

    private var isScenario: Bool { casePath.hasSuffix(".toml") }

    /// The options both forms share.
    private var options: ContingencyOptions {
        var options = ContingencyOptions()
        options.ac = ac
        options.rating = rate
        if let threads { options.threads = threads }
        options.generatorPickup = pickup == .pmax ? .pmax : .reference
        options.screeningThreshold = screening / 100
        options.tolerance = tol
        options.maxIterations = maxIter
        return options
    }

    func run() throws {
        if isScenario { return try runScenario() }
        let file = try loadCase(casePath)
        let network = file.network
        var list: [Contingency]
        if let contingencies {
            do { list = try ContingencyList.read(path: contingencies, network: network) } catch {
                printError(error.description)
                throw ExitStatus.badInput
            }
        } else {
            list = Contingency.branchOutages(of: network)
            if generators { list += Contingency.generatorOutages(of: network) }
        }
        var options = self.options
        options.enforceQLimits = balance.enforceQLimits
        options.slack = try balance.slack(for: network)
        let report: ContingencyReport
        do { report = try ContingencyAnalysis(network: network, options: options).run(list) } catch {
            printError("\(casePath): \(error.description)")
            throw ExitStatus.badInput
        }
        let study = ContingencyStudy(caseName: file.name, network: network, report: report,
                                     parseMilliseconds: file.readMilliseconds, inputNotes: file.notes)
        let text = switch format {
        case .table: ContingencyTableWriter.write(study, all: all)
        case .json: ContingencyJSONWriter.write(study)
        case .csv: ContingencyCSVWriter.write(study)
        }
        try emit(text, to: output)
        if !report.base.converged {
            printError("\(casePath): the base case did not converge: \(report.base.failure?.reason ?? "unknown cause")")
            throw ExitStatus.failed
        }
    }

    /// N-1 of a scenario at `--at` (its week dispatched, the year not run), or at its run's
    /// peak-load and lowest-inertia hours (the study's year run, whose dispatched grids N-1 reuses).
    private func runScenario() throws {
        let study: ScenarioStudy
        do { study = try ScenarioStudy.load(path: casePath) } catch {
            for p in error.problems { printError(p.description) }
            throw ExitStatus.badInput
        }
        let scenario = study.scenario
        let moment = at.flatMap(Moment.init(parsing:))
        let hours: ScenarioStudy.Hours
        do { hours = try study.hours(moment.map { ScenarioStudy.Span(moment: $0) } ?? study.period) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        var studies = [HourContingency.Study]()
        var unstudied = [ContingencySection.Unstudied]()
        if moment != nil {
            do { studies = [try study.contingency(at: hours.hours.lowerBound, of: hours.profiles, options: options)] } catch {
                printError("\(casePath): \(error.description)")
                throw ExitStatus.failed
            }
        } else {
            let bar = ProgressBar(total: hours.hours.count, label: "hours")
            do {
                let result = try study.run(hours, threads: options.threads, contingency: options, progress: { bar.advance(by: $0) })
                bar.finish()
                // The critical hours on the grids the run dispatched; a failed one is named.
                for u in result.unstudied {
                    let time = HourContingency.moment(hour: u.hour, start: hours.profiles.start)
                    printError("\(casePath): the \(u.reason) hour \(time) is not studied: \(u.why)")
                    unstudied.append(ContingencySection.Unstudied(hour: u.hour, time: time, reason: u.reason, why: u.why))
                }
                studies = result.contingency ?? []
            } catch {
                bar.finish()
                printError("\(casePath): \(error.description)")
                throw ExitStatus.failed
            }
        }
        let text = switch format {
        case .table: studies.map { s in
            "== \(s.reason): \(s.time)\n" + ContingencyTableWriter.write(
                ContingencyStudy(caseName: "\(scenario.name) \(s.time)", network: s.network, report: s.report, parseMilliseconds: 0), all: all)
        }.joined(separator: "\n")
        case .json: ContingencySection.json(studies, unstudied: unstudied, scenarioName: scenario.name)
        case .csv: ContingencySection.csv(studies, scenarioName: scenario.name)
        }
        try emit(text, to: output)
        if let failed = studies.first(where: { !$0.report.base.converged }) {
            printError("\(casePath): the base case at \(failed.time) did not converge: \(failed.report.base.failure?.reason ?? "unknown cause")")
            throw ExitStatus.failed
        }
    }
}
