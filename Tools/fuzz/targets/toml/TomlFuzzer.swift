import FuzzSupport
import KraftScenario

/// libFuzzer harness for the scenario reader: each input is the text of a scenario file, parsed
/// as TOML (TOMLKit) and decoded with every check a file gets on its own. Problems are the reader
/// rejecting bad input, as it should; a trap, a sanitizer report, a timeout or runaway memory is
/// a bug.
@main
enum TomlFuzzer {
    static func main() {
        FuzzDriver.run { bytes in
            let problems = ScenarioLoader.problems(text: String(decoding: bytes, as: UTF8.self), file: "fuzz.toml")
            precondition(problems.allSatisfy { !$0.message.isEmpty }, "a problem without a message")
            if FuzzDriver.verbose { FuzzDriver.report("\(problems.count) problem(s)") }
        }
    }
}
