import Foundation
@testable import KraftScenario
import Testing

/// Kraft's TOML parser against Python's tomllib, an independent TOML 1.0 implementation: the
/// expected results in Tests/Fixtures/toml/*.json were written by
/// Tools/toml-reference/make-fixtures.py (see there) from hand-written documents
/// (Tests/Fixtures/toml/valid, invalid) and from a few hundred generated and randomly edited ones.
@Suite("TOML parser against tomllib")
struct TOMLReferenceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/toml")

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var toml: String
        /// The canonical tree, or nil when the document must be rejected.
        var expected: String?
        var testDescription: String { name }
    }

    static func load(_ file: String) -> [Case] {
        guard let data = try? Data(contentsOf: fixtures.appendingPathComponent(file)),
              let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return items.map { Case(name: $0["name"] as? String ?? "?", toml: $0["toml"] as? String ?? "", expected: $0["expected"] as? String) }
    }

    @Test("the fixture files are there and hold both kinds of document")
    func fixturesPresent() {
        for file in ["documents.json", "differential.json"] {
            let cases = Self.load(file)
            #expect(cases.count > 100, "\(file)")
            #expect(cases.contains { $0.expected == nil } && cases.contains { $0.expected != nil }, "\(file)")
        }
    }

    @Test("hand-written documents: the same tree as tomllib, or a located error", arguments: load("documents.json"))
    func documents(_ c: Case) { Self.check(c) }

    @Test("generated and edited documents: the same tree as tomllib, or a located error")
    func differential() {
        for c in Self.load("differential.json") { Self.check(c) }
    }

    static func check(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let tree = try TOMLParser.parse(c.toml)
            #expect(c.expected != nil, "\(c.name): accepted, but tomllib rejects it:\n\(c.toml)", sourceLocation: sourceLocation)
            if let expected = c.expected {
                #expect(canonical(tree) == expected, "\(c.name):\n\(c.toml)", sourceLocation: sourceLocation)
            }
        } catch {
            #expect(c.expected == nil, "\(c.name): rejected (\(error)), but tomllib accepts it:\n\(c.toml)", sourceLocation: sourceLocation)
            let lines = c.toml.utf8.count { $0 == UInt8(ascii: "\n") } + 1
            #expect((1...lines).contains(error.line) && error.column >= 1, "\(c.name): \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The canonical text of a tree, written exactly as `canonical` in make-fixtures.py: keys
    /// sorted by code point, floats by bit pattern, date-times to the microsecond.
    static func canonical(_ value: ConfigValue) -> String {
        switch value {
        case .table(let entries):
            let sorted = entries.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            return "{" + sorted.map { quote($0.key) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return "i\(i)"
        case .float(let x): return x.isNaN ? "fnan" : "f" + String(x.bitPattern, radix: 16).leftPadded(16)
        case .string(let s): return "s" + quote(s)
        case .date(let d): return "d:" + date(d)
        case .time(let t): return "t:" + time(t)
        case .dateTime(let d, let t, let offset):
            let text = date(d) + "T" + time(t)
            guard let offset else { return "ldt:" + text }
            return "odt:" + text + (offset < 0 ? "-" : "+") + String(format2: abs(offset) / 60) + ":" + String(format2: abs(offset) % 60)
        }
    }

    static func date(_ d: CalendarDate) -> String {
        String(d.year).leftPadded(4) + "-" + String(format2: d.month) + "-" + String(format2: d.day)
    }

    static func time(_ t: TimeOfDay) -> String {
        "\(String(format2: t.hour)):\(String(format2: t.minute)):\(String(format2: t.second)).\(String(t.nanosecond / 1000).leftPadded(6))"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out + "\""
    }
}
