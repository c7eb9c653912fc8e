/// Writes a `ConfigValue` tree as TOML text that reads back to the same tree: scalars of a table
/// first, then its sub-tables as `[a.b]` and its arrays of tables as `[[a]]`, keys in their order.
/// Used for sweep member files, which `kraft run` then reads like any scenario.
public enum TOMLWriter {
    public static func write(_ root: ConfigValue) -> String {
        guard case .table(let entries) = root else { return "" }
        var out = ""
        table(entries, path: [], into: &out)
        return out
    }

    /// One value as TOML on a single line (tables inline), as written after `key = `.
    public static func inline(_ value: ConfigValue) -> String {
        switch value {
        case .table(let entries): "{" + entries.map { " \(key($0.key)) = \(inline($0.value))" }.joined(separator: ",") + (entries.isEmpty ? "}" : " }")
        case .array(let items): "[" + items.map(inline).joined(separator: ", ") + "]"
        case .string(let s): quoted(s)
        case .integer(let i): String(i)
        case .float(let x): float(x)
        case .bool(let b): b ? "true" : "false"
        case .date(let d): d.description
        case let .dateTime(d, time, offset): "\(d)T\(time)" + (offset.map(offsetText) ?? "")
        case .time(let t): t.description
        }
    }

    /// `Z` or `±HH:MM` for an offset in minutes.
    static func offsetText(_ minutes: Int) -> String {
        guard minutes != 0 else { return "Z" }
        let m = abs(minutes)
        return (minutes < 0 ? "-" : "+") + String(format2: m / 60) + ":" + String(format2: m % 60)
    }

    /// A key bare when TOML allows it, quoted otherwise.
    static func key(_ k: String) -> String {
        let bare = !k.isEmpty && k.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        return bare ? k : quoted(k)
    }

    private static func table(_ entries: [(key: String, value: ConfigValue, line: Int)], path: [String], into out: inout String) {
        for (k, v, _) in entries where !isTable(v) && !isArrayOfTables(v) {
            out += "\(key(k)) = \(inline(v))\n"
        }
        for (k, v, _) in entries {
            let sub = path + [key(k)]
            if case .table(let inner) = v {
                out += "\n[\(sub.joined(separator: "."))]\n"
                table(inner, path: sub, into: &out)
            } else if isArrayOfTables(v), case .array(let items) = v {
                for case .table(let inner) in items {
                    out += "\n[[\(sub.joined(separator: "."))]]\n"
                    table(inner, path: sub, into: &out)
                }
            }
        }
    }

    private static func isTable(_ v: ConfigValue) -> Bool { if case .table = v { true } else { false } }

    private static func isArrayOfTables(_ v: ConfigValue) -> Bool {
        guard case .array(let items) = v, !items.isEmpty else { return false }
        return items.allSatisfy(isTable)
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where c.value < 0x20 || c.value == 0x7f:
                let hex = String(c.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// Shortest round-trip form, always with a fraction or exponent so it reads back as a float.
    private static func float(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        let s = String(x)
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
}
