import KraftIO

/// A TOML document as plain values: the scenario layer works on this tree (merging `extends`,
/// validating, decoding). Built by Kraft's own TOML 1.0 parser (`TOMLParser`). Tables keep their
/// keys in the order they were first written, each with the 1-based line where it was written.
public indirect enum ConfigValue: Equatable, Sendable {
    /// Entries in written order; `line` is where the key was first written (for a table made by a
    /// header, the header's line). Lines do not take part in equality: two tables are equal when
    /// they hold the same keys and values in the same order.
    case table([(key: String, value: ConfigValue, line: Int)])
    case array([ConfigValue])
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// A local date (`2030-01-15`).
    case date(CalendarDate)
    /// A date-time: local (`2030-01-15T08:00:00`, `offsetMinutes` nil) or with an offset from UTC
    /// (`2030-01-15T08:00:00+01:00` is 60, `Z` is 0).
    case dateTime(CalendarDate, TimeOfDay, offsetMinutes: Int?)
    /// A local time (`08:00:00`).
    case time(TimeOfDay)

    /// Value equality of trees, as TOML means it: a table's keys in any order (TOML tables are
    /// unordered; the order and lines kept are for messages), and a `nan` equals a `nan`, so that
    /// a tree always equals itself.
    public static func == (a: ConfigValue, b: ConfigValue) -> Bool {
        switch (a, b) {
        case let (.table(x), .table(y)):
            x.count == y.count && zip(x.sorted { $0.key < $1.key }, y.sorted { $0.key < $1.key })
                .allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x), .array(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.integer(x), .integer(y)): x == y
        case let (.float(x), .float(y)): x == y || (x.isNaN && y.isNaN)
        case let (.bool(x), .bool(y)): x == y
        case let (.date(x), .date(y)): x == y
        case let (.dateTime(x, t, o), .dateTime(y, u, p)): x == y && t == u && o == p
        case let (.time(x), .time(y)): x == y
        default: false
        }
    }

    /// What a value is, in the words an error message uses.
    public var kind: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .bool: "a boolean"
        case .date: "a date"
        case .dateTime: "a date-time"
        case .time: "a time of day"
        }
    }

    public subscript(key: String) -> ConfigValue? {
        guard case .table(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// Parses TOML text; a syntax error becomes an `InputError` with its line, and its column in
    /// the message: `line 3` + `TOML syntax: expected '=' after key "grid" (column 6)`.
    public static func parse(toml text: String, file: String) throws(InputError) -> ConfigValue {
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw inputError(error, file: file)
        }
    }

    /// A TOML file's bytes as text; bytes that are not UTF-8 are an error with line and column.
    public static func text(utf8 bytes: [UInt8], file: String) throws(InputError) -> String {
        do {
            return try TOMLParser.text(utf8: bytes)
        } catch {
            throw inputError(error, file: file)
        }
    }

    private static func inputError(_ error: TOMLError, file: String) -> InputError {
        InputError(file: file, line: error.line, message: "TOML syntax: \(error.message) (column \(error.column))")
    }
}

extension String {
    /// Two-digit zero-padded decimal.
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}
