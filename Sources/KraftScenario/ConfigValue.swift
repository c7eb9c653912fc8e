import KraftIO
import TOMLKit

/// A TOML document as plain values: the scenario layer works on this tree (merging `extends`,
/// validating, decoding) instead of on TOMLKit's reference types. Tables keep their key order.
public indirect enum ConfigValue: Equatable, Sendable {
    case table([(key: String, value: ConfigValue)])
    case array([ConfigValue])
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// A local date (`2030-01-15`).
    case date(CalendarDate)
    /// A local or offset date-time (`2030-01-15T08:00:00`), kept to the minute.
    case dateTime(CalendarDate, hour: Int, minute: Int)

    public static func == (a: ConfigValue, b: ConfigValue) -> Bool {
        switch (a, b) {
        case let (.table(x), .table(y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x), .array(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.integer(x), .integer(y)): x == y
        case let (.float(x), .float(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case let (.date(x), .date(y)): x == y
        case let (.dateTime(x, h1, m1), .dateTime(y, h2, m2)): x == y && h1 == h2 && m1 == m2
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
        }
    }

    public subscript(key: String) -> ConfigValue? {
        guard case .table(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// Parses TOML text; a syntax error becomes an `InputError` with the line TOML reports.
    public static func parse(toml text: String, file: String) throws(InputError) -> ConfigValue {
        if let line = TableHeaderCheck.firstMalformedHeader(in: text) {
            throw InputError(file: file, line: line, message: "TOML syntax: a table header must name a table, as [name] or [[name]]")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw InputError(file: file, line: error.source.begin.line, message: "TOML syntax: \(error.description)")
        } catch {
            throw InputError(file: file, line: nil, message: "TOML syntax: \(error)")
        }
        return convert(table)
    }

    private static func convert(_ table: TOMLTable) -> ConfigValue {
        .table(table.keys.compactMap { key in table[key].map { (key, convert($0)) } })
    }

    private static func convert(_ value: any TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .table: return value.table.map(convert) ?? .table([])
        case .array: return .array(value.array.map { $0.map(convert) } ?? [])
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? .nan)
        case .bool: return .bool(value.bool ?? false)
        case .date:
            let d = value.date!
            return .date(CalendarDate(year: d.year, month: d.month, day: d.day))
        case .dateTime:
            let d = value.dateTime!
            return .dateTime(CalendarDate(year: d.date.year, month: d.date.month, day: d.date.day),
                             hour: d.time.hour, minute: d.time.minute)
        case .time:
            let t = value.time!
            return .string(String(format2: t.hour) + ":" + String(format2: t.minute))
        }
    }
}

extension String {
    /// Two-digit zero-padded decimal.
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}
