import Foundation
import KraftIO
import Testing

/// Inputs libFuzzer found that crashed the RAW reader, kept so they never do again
/// (Tools/fuzz/findings).
@Suite("PSS/E RAW fuzz regressions")
struct PSSEFuzzRegressionTests {
    @Test("a revision number too large for an integer is bad input, not a trap", arguments: ["0, 100, 1e308\n", "0, 100, 1e19\n", "0, 100, -1e19\n"])
    func hugeRevision(text: String) {
        #expect {
            try PSSERawReader.parse(text, file: "fuzz.raw")
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.line == 1 && e.message.contains("REV (field 3)")
        }
    }

    @Test("the committed finding file reads as an error")
    func findingFile() throws {
        let path = TestPaths.root.appendingPathComponent("Tools/fuzz/findings/raw-rev-out-of-int-range.raw").path
        #expect(throws: InputError.self) { try PSSERawReader.read(path: path) }
    }
}
