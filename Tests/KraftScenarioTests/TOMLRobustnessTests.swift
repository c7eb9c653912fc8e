import Foundation
import KraftCore
@testable import KraftScenario
import Testing

/// No input makes the TOML parser trap, hang or run away: the fuzzing findings of the former
/// TOMLKit reader (Tools/fuzz/findings), deep nesting, and many random edits of real files; and
/// the grid sidecar parses fast enough in a debug build.
@Suite("TOML parser: hostile input and speed")
struct TOMLRobustnessTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var findings: [String] {
        let dir = root.appendingPathComponent("Tools/fuzz/findings")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix("toml-") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test("every TOML fuzzing finding is a clean syntax error with a line", arguments: findings)
    func fuzzFinding(path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let problems = ScenarioLoader.problems(text: text, file: "finding.toml")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.message.hasPrefix("line ") == true && problems.first?.message.contains("TOML syntax: ") == true, "\(problems)")
    }

    @Test("the findings are all there (five inputs shipped in Tools/fuzz/findings)")
    func findingsPresent() { #expect(Self.findings.count >= 4) }

    @Test("the open finding: a malformed date-time names the line, column and what was expected")
    func dateTimeFinding() {
        do {
            _ = try TOMLParser.parse("name =2030-01-01T\u{A9}\u{A9}08:00:00\n")
            Issue.record("accepted")
        } catch {
            #expect(error == TOMLError(line: 1, column: 18, message: "expected a two-digit hour, found '\u{A9}'"))
        }
    }

    @Test("a file that is not UTF-8 is an error at the first bad byte, not a silent U+FFFD")
    func invalidUTF8() throws {
        // "name = \"caf\xE9\"": Latin-1 é, an invalid byte in UTF-8.
        let bytes = Array("a = 1\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        do {
            _ = try TOMLParser.text(utf8: bytes)
            Issue.record("accepted")
        } catch {
            #expect(error == TOMLError(line: 2, column: 12, message: "byte 0xE9 is not valid UTF-8 (a TOML file must be UTF-8 text)"))
        }
        #expect(try TOMLParser.text(utf8: Array("é = \"😀\"\n".utf8)) == "é = \"😀\"\n")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-toml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("latin1.toml")
        try Data(bytes).write(to: file)
        let problems = ScenarioLoader.problems(path: file.path)
        #expect(problems.count == 1 && problems[0].description == "\(file.path): line 2: TOML syntax: byte 0xE9 is not valid UTF-8 (a TOML file must be UTF-8 text) (column 12)", "\(problems)")
    }

    @Test("nesting beyond the limit is an error, not a stack overflow", arguments: [
        "a = " + String(repeating: "[", count: 100_000),
        "a = " + String(repeating: "{b = ", count: 100_000),
        "[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]",
        Array(repeating: "a", count: 100_000).joined(separator: ".") + " = 1",
    ])
    func deepNesting(text: String) {
        do {
            _ = try TOMLParser.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("nest more than \(TOMLParser.maxDepth) levels"), "\(error)")
        }
    }

    @Test("nesting up to the limit is read")
    func nestingAtLimit() throws {
        let depth = TOMLParser.maxDepth
        var value = try TOMLParser.parse("a = " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1))
        var levels = 0
        while case .array(let items) = value["a"] ?? value {
            levels += 1
            guard let first = items.first else { break }
            value = first
        }
        #expect(levels == depth - 1)
    }

    /// Random byte edits of the shipped scenario files: each either parses or gives a located
    /// error; the scenario decoder then reports problems without trapping.
    @Test("a thousand random edits of real scenario files: a tree or a located error, never a trap")
    func randomEdits() throws {
        let folder = Self.root.appendingPathComponent("Scenarios/sweden")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }.sorted()
            .map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
        #expect(!seeds.isEmpty)
        let alphabet = Array("[]{}=,.\"'#\\ \t\n\r_+-:eE019TZxob".utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xE2]
        var rng = SplitMix64(state: 3)  // seeded: the same edits on every run
        for n in 0..<1000 {
            var bytes = seeds[n % seeds.count]
            for _ in 0...Int(rng.next() % 4) {
                let i = Int(rng.next() % UInt64(bytes.count + 1))
                let b = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                switch rng.next() % 3 {
                case 0 where i < bytes.count: bytes.remove(at: i)
                case 1 where i < bytes.count: bytes[i] = b
                default: bytes.insert(b, at: i)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try TOMLParser.parse(text)
            } catch {
                let lines = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
                #expect((1...lines).contains(error.line) && error.column >= 1 && !error.message.isEmpty, "\(error)")
            }
            _ = ScenarioLoader.problems(text: text, file: "edit.toml")
        }
    }

    @Test("the Nordic 44 sidecar (2,000+ lines) parses in well under 50 ms, even in a debug build")
    func sidecarSpeed() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Scenarios/grids/nordic44.sidecar.toml"), encoding: .utf8)
        /// CPU time of this thread, so that other processes on a shared machine do not count.
        func cpuMilliseconds() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
        }
        var best = Double.infinity
        for _ in 0..<3 {
            let start = cpuMilliseconds()
            _ = try TOMLParser.parse(text)
            best = min(best, cpuMilliseconds() - start)
        }
        #expect(best < 50, "best of 3: \(best) ms of CPU time")
    }
}
