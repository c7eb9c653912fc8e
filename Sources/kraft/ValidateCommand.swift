import ArgumentParser
import KraftIO
import KraftScenario
import KraftSim

/// `kraft validate`: checks scenario files and prints every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files (TOML) and print every problem found.",
        discussion: """
        Each problem is printed as FILE: key.path: what is wrong (expected ...). Unknown keys are \
        problems. A [certificates] table's supply curve is read and checked too. Exit status: 0 all valid, 2 any problem.
        """
    )

    @Argument(help: "Scenario files.")
    var files: [String]

    func run() throws {
        var count = 0
        for file in files {
            var problems = ScenarioLoader.problems(path: file).map(\.description)
            if problems.isEmpty, let curve = (try? ScenarioLoader.certificateSettings(path: file))?.supplyCurve {
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
