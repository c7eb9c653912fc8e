import ArgumentParser
import Foundation
import KraftCore
import KraftReport
import KraftScenario
import KraftSim

/// `kraft run`: a scenario at one moment (a year, hour by hour, comes with the time-series engine).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario at one moment and write its result folder.",
        discussion: """
        Events are applied for the date, loads and producers take that hour's profile values, \
        generation is dispatched in merit order and checked with AC load flow with reactive limits. \
        Exit status: 0 solved, 1 the load flow did not converge, 2 bad input.
        """
    )

    @Argument(help: "The scenario file (TOML).")
    var scenario: String

    @Option(help: ArgumentHelp("The moment to solve, such as 2030-01-15T08:00.", valueName: "time"))
    var at: String

    @Option(help: "The result folder to create (default: results/<scenario>-<moment>).")
    var output: String?

    func validate() throws {
        guard Moment(parsing: at) != nil else {
            throw ValidationError("--at must be a date and hour such as 2030-01-15T08:00, got '\(at)'")
        }
    }

    func run() throws {
        let loaded: (scenario: Scenario, network: Network, sidecar: GridSidecar?)
        do { loaded = try ScenarioLoader.load(path: scenario) } catch {
            for p in error.problems { printError(p.description) }
            throw ExitStatus.badInput
        }
        let moment = Moment(parsing: at)!
        let profiles: HourlyProfiles
        do { profiles = try SnapshotRun.profiles(for: loaded.scenario, sidecar: loaded.sidecar, at: moment) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        let result = SnapshotRun.run(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar,
                                     profiles: profiles, at: moment)
        print(SnapshotReport.table(result), terminator: "")
        let stem = (scenario.split(separator: "/").last.map(String.init) ?? scenario).replacingOccurrences(of: ".toml", with: "")
        let folder = output ?? "results/\(stem)-\(moment.description.replacingOccurrences(of: ":", with: ""))"
        do { try ResultFolder.write(SnapshotReport.files(result), to: folder) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        print("results: \(folder)")
        if !result.flow.converged { throw ExitStatus.failed }
    }
}
