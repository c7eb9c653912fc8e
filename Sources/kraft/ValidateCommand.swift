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
        scenario is a problem. Exit status: 0 all valid, 2 any problem.
        """
    )

    @Argument(help: "Scenario files.")
    var files: [String]

    func run() throws {
        var count = 0
        for file in files {
            var problems = (Sweep.isSweepFile(path: file) ? Sweep.problems(path: file) : ScenarioLoader.problems(path: file))
                .map(\.description)
            if problems.isEmpty, !Sweep.isSweepFile(path: file),
               let curve = (try? ScenarioLoader.certificateSettings(path: file))?.supplyCurve {
                do { _ = try SupplyCurveFile.read(path: curve) } catch { problems.append(error.description) }
            }
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
