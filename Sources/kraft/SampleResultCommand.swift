import ArgumentParser
import KraftReport

/// `kraft sample-result` (hidden): writes a synthetic result folder on a grid and its sidecar, so
/// reports can be checked (tests, `Tools/check-report` in CI) without running a year.
struct SampleResultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-result",
        abstract: "Write a synthetic result folder for testing reports (not a simulation).",
        shouldDisplay: false
    )

    @Argument(help: "The result folder to create.")
    var folder: String

    @Option(help: "The grid (MATPOWER).")
    var grid = "Scenarios/grids/nordic44.m"

    @Option(help: "The grid's sidecar.")
    var sidecar = "Scenarios/grids/nordic44.sidecar.toml"

    @Option(help: "Weeks of hours.")
    var weeks = 2

    @Option(help: "0 for the base sample; 1, 2… for variants with more load and less nuclear output.")
    var variant = 0

    func run() throws {
        do { try SampleResultFolder.write(grid: grid, sidecar: sidecar, to: folder, weeks: weeks, variant: variant) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        print("sample result: \(folder)")
    }
}
