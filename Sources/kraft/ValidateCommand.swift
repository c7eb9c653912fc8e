import ArgumentParser
import KraftScenario

/// `kraft validate`: checks scenario files and prints every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files (TOML) and print every problem found.",
        discussion: """
        Each problem is printed as FILE: key.path: what is wrong (expected ...). Unknown keys are \
        problems. Exit status: 0 all valid, 2 any problem.
        """
    )

    @Argument(help: "Scenario files.")
    var files: [String]

    func run() throws {
        var count = 0
        for file in files {
            let problems = ScenarioLoader.problems(path: file)
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
