import ArgumentParser
import KraftCore
import KraftIO
import KraftReport

/// `kraft bench`: per-phase solve timings, cold and with the symbolic analysis reused.
struct BenchCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time power-flow solves per phase (parse, Ybus, analyze, factor, iterate).",
        discussion: """
        The first (cold) solve includes building Ybus and the symbolic analysis; the repeats reuse \
        both and start from the same initial point, so they do the same iterations. Times are \
        medians over the repeats, in milliseconds.
        """
    )

    @Argument(help: "Case files.")
    var cases: [String]

    @Option(help: "Number of repeated solves per case.")
    var `repeat`: Int = 10

    @OptionGroup var solver: SolverOptions

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1, got \(`repeat`)") }
    }

    func run() throws {
        var rows = [BenchmarkRow]()
        for path in cases {
            let file = try loadCase(path)
            rows.append(BenchmarkRow.measure(file: file, options: try solver.powerFlowOptions(for: file.network), repeats: `repeat`))
            if !rows.last!.converged { printError("\(path): power flow did not converge") }
        }
        print(format == .json ? BenchmarkRow.json(rows) : BenchmarkRow.table(rows), terminator: "")
        if rows.contains(where: { !$0.converged }) { throw ExitStatus.failed }
    }
}
