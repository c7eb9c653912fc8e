import ArgumentParser
import KraftScenario

/// `kraft validate`: checks scenario and sweep files and prints every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario and sweep files (TOML) and print every problem found.",
        discussion: """
        Each problem is printed as FILE: key.path: what is wrong (expected ...). Unknown keys are \
        problems. A sweep file (one with `base`) is checked with every member's scenario; a key path that \
        does not exist in the base scenario is a problem. Exit status: 0 all valid, 2 any problem.
        """
    )

    @Argument(help: "Scenario files.")
    var files: [String]

    func run() throws {
        var count = 0
        for file in files {
            let problems = Sweep.isSweepFile(path: file) ? Sweep.problems(path: file) : ScenarioLoader.problems(path: file)
            for p in problems { printError(p.description) }
            count += problems.count
            if problems.isEmpty { print("\(file): ok") }
        }
        if count > 0 {
            printError("\(count) problem\(count == 1 ? "" : "s") found")
            throw ExitStatus.badInput
        }
    }
}
