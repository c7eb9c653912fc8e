import ArgumentParser
import Foundation
import KraftReport

/// `kraft compare`: runs side by side, each against the first.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two or more runs: every summary metric, per zone where it applies, against the first run.",
        discussion: """
        Runs are lettered A, B, C… in the order given; every difference is against A (absolute, and \
        relative in percent of A). table (default) fits an 80-column terminal and is coloured only \
        when standard output is a terminal; json and csv are for machines; html writes a comparison \
        page with the charts overlaid. Exit status: 0, or 2 when a folder is not a result folder.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, html }

    @Argument(help: ArgumentHelp("Result folders written by kraft run (two or more).", valueName: "run-dir"))
    var runDirectories: [String]

    @Option(help: "Output format: table, json, csv or html.")
    var format: Format = .table

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard runDirectories.count >= 2 else { throw ValidationError("compare needs at least two result folders, got \(runDirectories.count)") }
    }

    func run() throws {
        let progress = ProgressBar(total: runDirectories.count, label: "folders read")
        var runs = [RunResult]()
        for path in runDirectories { runs.append(try readResult(path)); progress.advance() }
        progress.finish()
        let comparison = RunComparison(runs)
        // The table and JSON carry the warnings; CSV and HTML readers see them on standard error.
        if format == .csv || format == .html {
            for w in comparison.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
        }
        switch format {
        case .table: try emit(comparison.table(colour: output == nil && isatty(1) == 1), to: output)
        case .json: try emit(comparison.json(), to: output)
        case .csv: try emit(comparison.csv(), to: output)
        case .html: try emit(ComparisonReport.html(comparison), to: output)
        }
    }
}
