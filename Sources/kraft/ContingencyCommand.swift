import ArgumentParser
import KraftCore
import KraftIO
import KraftReport

extension ACVerification: ExpressibleByArgument {}
extension RatingSet: ExpressibleByArgument {}

/// `kraft contingency`: N-1 security analysis of a case, printed as a table, JSON or CSV.
struct ContingencyCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Pickup: String, ExpressibleByArgument, CaseIterable { case reference, pmax }

    static let configuration = CommandConfiguration(
        commandName: "contingency",
        abstract: "N-1 security analysis of a case (MATPOWER .m): DC screening, AC verification.",
        discussion: """
            Every in-service branch goes out in turn (and every generator with --generators), or the \
            contingencies of --contingencies FILE: one per line, elements separated by ';', an optional \
            name before ':' — 'branch ROW', 'branch FROM-TO[#CIRCUIT]', 'gen ROW', 'gen bus ID'; '#' \
            starts a comment. Exit status: 0 when the analysis ran (whatever it found), 1 when the base \
            case did not converge, 2 bad input.
            """
    )

    @Argument(help: "The case file.")
    var casePath: String

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
    }

    func run() throws {
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
        var options = ContingencyOptions()
        options.ac = ac
        options.rating = rate
        if let threads { options.threads = threads }
        options.generatorPickup = pickup == .pmax ? .pmax : .reference
        options.screeningThreshold = screening / 100
        options.tolerance = tol
        options.maxIterations = maxIter
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
}
