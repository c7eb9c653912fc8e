import Foundation
import KraftIO

/// Reads typed fields out of one TOML table, collecting every problem instead of stopping at the
/// first, and reporting keys nobody asked for: a misspelt key must not pass silently.
final class TableReader {
    let file: String
    let path: String
    private let entries: [(key: String, value: ConfigValue, line: Int)]
    private var used = Set<String>()
    private let problems: ProblemLog

    init(_ value: ConfigValue, file: String, path: String, problems: ProblemLog) {
        self.file = file
        self.path = path
        self.problems = problems
        if case .table(let entries) = value { self.entries = entries } else {
            entries = []
            problems.add(file, path, "is \(value.kind) (expected a table)")
        }
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func problem(_ key: String, _ message: String) { problems.add(file, keyPath(key), message) }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    private func value(_ key: String) -> ConfigValue? {
        used.insert(key)
        return entries.first { $0.key == key }?.value
    }

    /// The longest name, unit or other short text accepted (characters).
    static let maxTextLength = 200
    /// The longest description accepted (characters).
    static let maxDescriptionLength = 2000
    /// The longest path accepted (characters).
    static let maxPathLength = 4096

    /// A string of at most `maxLength` characters without control characters (they would break the
    /// lines of the text, CSV and HTML outputs the value is written into, or start new ones).
    func string(_ key: String, maxLength: Int = TableReader.maxTextLength) -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else { problem(key, "is \(v.kind) (expected a string)"); return nil }
        if let c = s.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }) {
            problem(key, "contains the control character U+\(String(format: "%04X", c.value)) (expected text without control characters such as line breaks or tabs)")
            return nil
        }
        if s.count > maxLength {
            problem(key, "is \(s.count) characters long (expected at most \(maxLength) characters)")
            return nil
        }
        return s
    }

    func integer(_ key: String, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let v = value(key) else { return nil }
        guard case .integer(let i) = v else { problem(key, "is \(v.kind) (expected an integer)"); return nil }
        if let range, !range.contains(i) {
            problem(key, "is \(i) (expected \(range.lowerBound) to \(range.upperBound))")
            return nil
        }
        return i
    }

    /// A number (integers are accepted); `range` bounds it, `exclusiveLower` makes the lower bound strict.
    func number(_ key: String, in range: ClosedRange<Double>? = nil, exclusiveLower: Bool = false, unit: String = "") -> Double? {
        guard let v = value(key) else { return nil }
        let x: Double
        switch v {
        case .integer(let i): x = Double(i)
        case .float(let f): x = f
        default: problem(key, "is \(v.kind) (expected a number\(unit.isEmpty ? "" : " of \(unit)"))"); return nil
        }
        guard x.isFinite else { problem(key, "is \(x) (expected a finite number)"); return nil }
        if let range, !range.contains(x) || (exclusiveLower && x == range.lowerBound) {
            let lower = exclusiveLower ? "greater than \(clean(range.lowerBound))" : "at least \(clean(range.lowerBound))"
            let bound = range.upperBound == .infinity ? lower : "\(lower) and at most \(clean(range.upperBound))"
            problem(key, "is \(clean(x)) (expected a number \(bound))")
            return nil
        }
        return x
    }

    /// An array of numbers, each in `range`.
    func numbers(_ key: String, in range: ClosedRange<Double>) -> [Double]? {
        guard let v = value(key) else { return nil }
        guard case .array(let items) = v else { problem(key, "is \(v.kind) (expected an array of numbers)"); return nil }
        var out = [Double]()
        for (i, item) in items.enumerated() {
            let x: Double
            switch item {
            case .integer(let n): x = Double(n)
            case .float(let f): x = f
            default: problem(key, "item \(i + 1) is \(item.kind) (expected a number)"); return nil
            }
            guard x.isFinite, range.contains(x) else {
                problem(key, "item \(i + 1) is \(clean(x)) (expected a number from \(clean(range.lowerBound)) to \(clean(range.upperBound)))")
                return nil
            }
            out.append(x)
        }
        return out
    }

    func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b) = v else { problem(key, "is \(v.kind) (expected true or false)"); return nil }
        return b
    }

    /// A local date; `years` bounds it.
    func date(_ key: String, years: ClosedRange<Int>) -> CalendarDate? {
        guard let v = value(key) else { return nil }
        let d: CalendarDate
        switch v {
        case .date(let x): d = x
        case .dateTime(let x, let t, let offset):
            // Not silently cut to its date: the time and any offset would be dropped unseen.
            let clock = String(format: "%02d:%02d", t.hour, t.minute)
            problem(key, "is a date-time (\(x)T\(clock)\(offset == nil ? "" : " with an offset")) (expected a date such as \(x), without a time)")
            return nil
        default: problem(key, "is \(v.kind) (expected a date such as 2030-01-01)"); return nil
        }
        guard years.contains(d.year) else {
            problem(key, "is \(d) (expected a date in \(years.lowerBound) to \(years.upperBound))")
            return nil
        }
        return d
    }

    /// One of `choices`.
    func choice(_ key: String, _ choices: [String]) -> String? {
        guard let s = string(key) else { return nil }
        guard choices.contains(s) else {
            problem(key, "is \"\(s)\" (expected one of \(choices.map { "\"\($0)\"" }.joined(separator: ", ")))")
            return nil
        }
        return s
    }

    func table(_ key: String) -> TableReader? {
        guard let v = value(key) else { return nil }
        return TableReader(v, file: file, path: keyPath(key), problems: problems)
    }

    /// An array of tables (`[[key]]`), each with its reader.
    func tables(_ key: String) -> [TableReader] {
        guard let v = value(key) else { return [] }
        guard case .array(let items) = v else {
            problem(key, "is \(v.kind) (expected an array of tables, written [[\(key)]])")
            return []
        }
        return items.enumerated().map { TableReader($1, file: file, path: "\(keyPath(key))[\($0 + 1)]", problems: problems) }
    }

    /// The table's own entries, for tables keyed by data (e.g. a quota per year).
    func rawEntries(_ key: String) -> [(key: String, value: ConfigValue, line: Int)]? {
        guard let v = value(key) else { return nil }
        guard case .table(let e) = v else { problem(key, "is \(v.kind) (expected a table)"); return nil }
        return e
    }

    /// The value of `key` as written, of any type, for keys that take more than one type.
    func rawValue(_ key: String) -> ConfigValue? { value(key) }

    /// Every entry of the table, all marked as read: for tables whose keys are data.
    func allEntries() -> [(key: String, value: ConfigValue)] {
        used.formUnion(entries.map(\.key))
        return entries.map { ($0.key, $0.value) }
    }

    func require<T>(_ value: T?, _ key: String, _ what: String) -> T? {
        if value == nil && !has(key) { problem(key, "is missing (expected \(what))") }
        return value
    }

    /// Reports every key that was never read.
    func finish() {
        for entry in entries where !used.contains(entry.key) {
            problem(entry.key, "is not a known key here")
        }
    }

    private func clean(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// The problems found so far, shared by the readers of one validation.
final class ProblemLog {
    private(set) var problems: [ScenarioProblem] = []

    func add(_ file: String, _ keyPath: String, _ message: String) {
        problems.append(ScenarioProblem(file: file, keyPath: keyPath, message: message))
    }

    func add(_ error: InputError) { problems.append(ScenarioProblem(error)) }
}
