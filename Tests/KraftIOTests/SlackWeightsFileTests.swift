import KraftIO
import Testing

/// The distributed-slack weights file: what it accepts and how it says what is wrong.
@Suite("Slack weights file")
struct SlackWeightsFileTests {
    @Test("weights by generator row; comments, blanks and unlisted generators")
    func valid() throws {
        let weights = try SlackWeightsFile.parse("# gen,weight\n1, 2.5\n\n3,1\n", file: "w.csv", generatorCount: 4)
        #expect(weights == [2.5, 0, 1, 0])
    }

    @Test("each mistake names the file, the line and what was expected", arguments: [
        ("1,2,3\n", 1, "expected 'GEN,WEIGHT'"),
        ("# header\n5,1\n", 2, "generator '5' is not a generator row of the case (expected 1 to 3)"),
        ("x,1\n", 1, "generator 'x'"),
        ("1,-1\n", 1, "weight '-1' of generator 1 is not a finite number ≥ 0"),
        ("1,nan\n", 1, "weight 'nan'"),
        ("1,1\n1,2\n", 2, "generator 1 is listed twice (first on line 1)"),
    ])
    func invalid(text: String, line: Int, message: String) {
        #expect {
            try SlackWeightsFile.parse(text, file: "w.csv", generatorCount: 3)
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.file == "w.csv" && e.line == line && e.message.contains(message)
        }
    }

    @Test("all-zero weights are refused")
    func allZero() {
        #expect(throws: InputError(file: "w.csv", line: nil, message: "no generator has a positive weight")) {
            try SlackWeightsFile.parse("1,0\n", file: "w.csv", generatorCount: 2)
        }
    }
}
