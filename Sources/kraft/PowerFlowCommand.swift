import ArgumentParser
import KraftCore
import KraftIO
import KraftReport

/// `kraft pf`: one power flow, printed as tables, JSON or CSV.
struct PowerFlowCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    static let configuration = CommandConfiguration(
        commandName: "pf",
        abstract: "Solve the power flow of a case (MATPOWER .m).",
        discussion: "Exit status: 0 converged, 1 did not converge, 2 bad input."
    )

    @Argument(help: "The case file.")
    var casePath: String

    @OptionGroup var solver: SolverOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Print every bus, generator and branch in the table format (default: the first 20 of each).")
    var all = false

    func run() throws {
        let file = try loadCase(casePath)
        let options = try solver.powerFlowOptions(for: file.network)
        let result = PowerFlowSolver(network: file.network, options: options).solve()
        let report = PowerFlowReport(caseName: file.name, network: file.network, result: result, options: options,
                                     parseMilliseconds: file.readMilliseconds, inputNotes: file.notes)
        let text = switch format {
        case .table: PowerFlowTableWriter.write(report, all: all)
        case .json: PowerFlowJSONWriter.write(report)
        case .csv: PowerFlowCSVWriter.write(report)
        }
        try emit(text, to: output)
        if !result.converged {
            printError("\(casePath): power flow did not converge: \(result.failure?.reason ?? "unknown cause")")
            throw ExitStatus.failed
        }
    }
}
