/// Finds a table header whose name does not start like a key (`[{x]`, `[=x]`), before the text
/// reaches TOMLKit: its C++ core (toml++ 3) asserts on such a header instead of reporting it —
/// found by fuzzing — and SwiftPM builds it with assertions on, so the process would abort.
///
/// A small scanner follows strings (basic, literal, multi-line), comments and the nesting of
/// array and inline-table values, so that a line starting with `[` inside a value is not taken
/// for a header.
enum TableHeaderCheck {
    /// The 1-based line of the first malformed header, or nil.
    static func firstMalformedHeader(in text: String) -> Int? {
        var depth = 0
        var multiline: [UInt8]? = nil  // the closing delimiter of an open multi-line string
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            var i = 0
            if multiline == nil && depth == 0 {
                while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
                if i < bytes.count && bytes[i] == UInt8(ascii: "[") {
                    var j = i + 1
                    if j < bytes.count && bytes[j] == UInt8(ascii: "[") { j += 1 }
                    while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                    if j == bytes.count || (!startsKey(bytes[j]) && bytes[j] != UInt8(ascii: "]")) { return index + 1 }
                    continue  // a header does not change value nesting
                }
            }
            while i < bytes.count {
                if let close = multiline {
                    if bytes[i...].starts(with: close) { multiline = nil; i += 3 } else { i += 1 }
                    continue
                }
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "#"): i = bytes.count
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if bytes[i...].starts(with: [c, c, c]) {
                        multiline = [c, c, c]
                        i += 3
                    } else {
                        i += 1
                        while i < bytes.count && bytes[i] != c {
                            if c == UInt8(ascii: "\"") && bytes[i] == UInt8(ascii: "\\") { i += 1 }
                            i += 1
                        }
                        i += 1
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; i += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(depth - 1, 0); i += 1
                default: i += 1
                }
            }
        }
        return nil
    }

    /// Bare-key characters (ASCII letters, digits, `_`, `-`: TOML 1.0 has no others) and string
    /// delimiters: what may begin a key.
    private static func startsKey(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_")
            || c == UInt8(ascii: "-") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
    }
}
