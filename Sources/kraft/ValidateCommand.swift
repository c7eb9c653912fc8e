import ArgumentParser
import KraftIO
import KraftScenario
import KraftSim

/// `kraft validate`: checks scenario and sweep files and prints every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario and sweep files (TOML) and print every problem found.",
        discussion: """
        Each problem is printed as FILE: key.path: what is wrong (expected ...). Unknown keys are \
        problems. A [certificates] table's supply curve is read and checked too. A sweep file (one with \
        `base`) is checked with every member's scenario; a key path that does not exist in the base \
        scenario is a problem. A scenario's CSV weather folder is read as a run of its period reads it \
        (every problem, at most 20 a file). Exit status: 0 all valid, 2 any problem.
        """
    )

    @Argument(help: "Scenario files.")
    var files: [String]

    /// A scenario's CSV weather folder, read as a run of its period would read it.
    private func weatherProblems(_ file: String) -> [String] {
        guard let loaded = try? ScenarioLoader.load(path: file), case .csv(let folder, let fill, let madeBy) = loaded.scenario.weather else { return [] }
        let period = YearRun.profilePeriod(weather: loaded.scenario.weather, covering: loaded.scenario.period)
        return ProfileCSVReader.problems(folder: folder, start: period.from, hours: period.hours,
                                         zones: YearRun.profileZones(sidecar: loaded.sidecar), filled: fill != nil, madeBy: madeBy)
            .map(\.description)
    }

    func run() throws {
        var count = 0
        for file in files {
            var problems = (Sweep.isSweepFile(path: file) ? Sweep.problems(path: file) : ScenarioLoader.problems(path: file))
                .map(\.description)
            if problems.isEmpty, !Sweep.isSweepFile(path: file),
               let curve = (try? ScenarioLoader.certificateSettings(path: file))?.supplyCurve {
                do { _ = try SupplyCurveFile.read(path: curve) } catch { problems.append(error.description) }
            }
            if problems.isEmpty, !Sweep.isSweepFile(path: file) { problems += weatherProblems(file) }
            for p in problems { printError(p) }
            count += problems.count
            if problems.isEmpty { print("\(file): ok") }
        }
        if count > 0 {
            printError("\(count) problem\(count == 1 ? "" : "s") found")
            throw ExitStatus.badInput
        }
    }
}
