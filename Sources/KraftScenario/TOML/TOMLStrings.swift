/// TOML's four kinds of string: basic `"..."` (with escapes), literal `'...'` (as written), and
/// their multi-line forms `"""..."""` and `'''...'''`. Each function starts at the opening
/// delimiter and leaves the read position after the closing one.
extension TOMLScanner {
    /// Any string, chosen by the delimiter at the read position (`"` or `'`).
    mutating func string() throws(TOMLError) -> String {
        if looksAt("\"\"\"") { return try multilineString(quote: UInt8(ascii: "\"")) }
        if looksAt("'''") { return try multilineString(quote: UInt8(ascii: "'")) }
        return try singleLineString()
    }

    /// A basic or literal string on one line; also the form of a quoted key.
    mutating func singleLineString() throws(TOMLError) -> String {
        let quote = bytes[pos], start = pos
        let basic = quote == UInt8(ascii: "\"")
        pos += 1
        var text = [UInt8]()
        while true {
            guard let b = peek() else {
                throw error("a string must be closed on the line it starts (expected \(basic ? "'\"'" : "\"'\""))", at: start)
            }
            if b == quote { pos += 1; break }
            if basic && b == UInt8(ascii: "\\") { try escape(into: &text); continue }
            if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n")) {
                throw error("a string must be closed on the line it starts (expected \(basic ? "'\"'" : "\"'\"") before the end of the line)")
            }
            if Self.isControl(b) { throw error("\(found()) is not allowed in a string (write it as an escape in a basic string)") }
            text.append(b)
            pos += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A multi-line string. A newline right after the opening delimiter is dropped; CR LF becomes
    /// LF. In the basic form a backslash at the end of a line removes it and the whitespace and
    /// newlines that follow. Up to two quotes may stand right before the closing delimiter.
    private mutating func multilineString(quote: UInt8) throws(TOMLError) -> String {
        let start = pos
        let basic = quote == UInt8(ascii: "\"")
        pos += 3
        _ = skipNewline()
        var text = [UInt8]()
        while true {
            guard let b = peek() else {
                throw error("a multi-line string is not closed (expected \(basic ? "'\"\"\"'" : "\"'''\""))", at: start)
            }
            if b == quote {
                var run = 0
                while peek(run) == quote { run += 1 }
                if run < 3 {
                    text.append(contentsOf: repeatElement(quote, count: run))
                    pos += run
                    continue
                }
                guard run <= 5 else {
                    throw error("\(run) quotes in a row: a multi-line string may end with at most two quotes before its closing delimiter", at: pos + 5)
                }
                text.append(contentsOf: repeatElement(quote, count: run - 3))
                pos += run
                break
            }
            if basic && b == UInt8(ascii: "\\") {
                if try lineEndingBackslash() { continue }
                try escape(into: &text)
                continue
            }
            if skipNewline() { text.append(UInt8(ascii: "\n")); continue }
            if Self.isControl(b) { throw error("\(found()) is not allowed in a string (write it as an escape in a basic string)") }
            text.append(b)
            pos += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A backslash followed by optional whitespace and a newline: skips it and all whitespace and
    /// newlines after it. False (and nothing consumed) for any other backslash.
    private mutating func lineEndingBackslash() throws(TOMLError) -> Bool {
        var i = pos + 1
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let newline = i < bytes.count && (bytes[i] == UInt8(ascii: "\n")
            || (bytes[i] == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n")))
        guard newline else { return false }
        pos = i
        while true {
            if skipNewline() { continue }
            guard let b = peek(), b == 0x20 || b == 0x09 else { return true }
            pos += 1
        }
    }

    /// One escape sequence at the read position (a backslash), appended as UTF-8.
    private mutating func escape(into text: inout [UInt8]) throws(TOMLError) {
        let start = pos
        pos += 1
        guard let c = peek() else { throw error("expected an escape character after '\\', found the end of the file") }
        pos += 1
        switch c {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "\""): text.append(c)
        case UInt8(ascii: "\\"): text.append(c)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            var code: UInt32 = 0
            for k in 0..<count {
                guard let h = peek(), Self.isHexDigit(h) else {
                    throw error("expected \(count) hex digits after '\\\(c == UInt8(ascii: "u") ? "u" : "U")', found \(k) (then \(found()))")
                }
                code = code << 4 | UInt32(Self.hexValue(h))
                pos += 1
            }
            guard let scalar = Unicode.Scalar(code) else {
                throw error("\\\(c == UInt8(ascii: "u") ? "u" : "U")\(String(code, radix: 16, uppercase: true).leftPadded(count)) is not a Unicode scalar value (expected at most 10FFFF and not D800 to DFFF)", at: start)
            }
            text.append(contentsOf: String(Character(scalar)).utf8)
        default:
            let what = c > 0x20 && c < 0x7F ? "'\\\(Character(Unicode.Scalar(c)))'" : "'\\' followed by \(found(at: pos - 1))"
            throw error("unknown escape \(what) (expected one of \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", at: start)
        }
    }

    static func hexValue(_ h: UInt8) -> Int {
        isDigit(h) ? Int(h - 0x30) : Int((h | 0x20) - UInt8(ascii: "a")) + 10
    }
}
