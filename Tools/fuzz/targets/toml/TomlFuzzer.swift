import FuzzSupport
import KraftScenario

/// libFuzzer harness for the scenario reader: each input is the text of a scenario file, parsed
/// by Kraft's TOML parser (`TOMLParser`) and decoded with every check a file gets on its own.
/// A syntax error must name a line and column inside the text; problems are the reader rejecting
/// bad input, as it should; a trap, a sanitizer report, a timeout or runaway memory is a bug.
@main
enum TomlFuzzer {
    static func main() {
        FuzzDriver.run { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            do throws(TOMLError) {
                _ = try TOMLParser.parse(text)
            } catch {
                let lines = text.utf8.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                precondition((1...lines).contains(error.line) && error.column >= 1 && !error.message.isEmpty,
                             "a TOML error outside the text: \(error)")
            }
            let problems = ScenarioLoader.problems(text: text, file: "fuzz.toml")
            precondition(problems.allSatisfy { !$0.message.isEmpty }, "a problem without a message")
            if FuzzDriver.verbose { FuzzDriver.report("\(problems.count) problem(s)") }
        }
    }
}
