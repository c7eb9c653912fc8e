import ArgumentParser
import Foundation
import KraftIO
import KraftReport

/// `kraft report`: a result folder as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (inline SVG charts, no scripts) of a run's result folder.",
        discussion: """
        The page opens offline: the question and the answer, energy balance, duration curves, \
        branch loading and a grid map, voltages, reactive reserve and inertia, N-1 and certificates \
        when the run has them. Exit status: 0 written, 2 the folder is not a complete result folder \
        of a format this kraft reads, or the report cannot be written.
        """
    )

    @Argument(help: ArgumentHelp("The result folder written by kraft run.", valueName: "run-dir"))
    var runDirectory: String

    @Option(help: "The HTML file to write (default: RUN_DIR/report.html), written atomically.")
    var output: String?

    func run() throws {
        let result = try readResult(runDirectory)
        let path = output ?? (runDirectory as NSString).appendingPathComponent("report.html")
        try emit(HTMLReport.html(result), to: path)
        print("report: \(path)")
    }
}

/// Reads a result folder, or prints what is wrong with it and exits with status 2.
func readResult(_ path: String) throws -> RunResult {
    do { return try ResultFolderReader.read(path) } catch {
        printError(error.description)
        throw ExitStatus.badInput
    }
}
