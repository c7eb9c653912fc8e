/// TOML integers (decimal with optional sign, `0x`/`0o`/`0b` without, underscores only between
/// digits, no leading zeros, 64-bit range) and floats (fraction and/or exponent, `inf`, `nan`).
extension TOMLScanner {
    /// An integer or float starting at the read position (a digit, `+`, `-`, `i` or `n`).
    mutating func number() throws(TOMLError) -> ConfigValue {
        let start = pos
        while let b = peek(), Self.isBareKey(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") { pos += 1 }
        let token = Array(bytes[start..<pos])
        let text = String(decoding: token, as: UTF8.self)
        func invalid(_ why: String) -> TOMLError { error("'\(text)' is not a number: \(why)", at: start) }

        var i = 0
        let signed = token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-")
        if signed { i = 1 }
        let body = token[i...]
        if body.elementsEqual("inf".utf8) { return .float(token.first == UInt8(ascii: "-") ? -.infinity : .infinity) }
        if body.elementsEqual("nan".utf8) { return .float(.nan) }

        if body.count >= 2, body.first == UInt8(ascii: "0"), let radix = Self.radix(of: body[body.startIndex + 1]) {
            if signed { throw invalid("a hexadecimal, octal or binary integer takes no sign") }
            let end = try digits(token, from: i + 2, radix: radix, what: "digit", invalid)
            guard end == token.count else { throw invalid("\(found(at: start + end)) is not a base-\(radix) digit") }
            let cleaned = String(decoding: token[(i + 2)...].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard let value = Int(cleaned, radix: radix) else { throw invalid("it is out of the 64-bit integer range") }
            return .integer(value)
        }

        // Decimal: integer part, then an optional fraction and exponent.
        guard i < token.count, Self.isDigit(token[i]) else {
            throw invalid("expected a digit\(signed ? " after the sign" : ""), or inf or nan")
        }
        let intStart = i
        i = try digits(token, from: i, radix: 10, what: "digit", invalid)
        if token[intStart] == UInt8(ascii: "0") && i - intStart > 1 { throw invalid("a number may not start with a leading zero") }
        var isFloat = false
        if i < token.count && token[i] == UInt8(ascii: ".") {
            isFloat = true
            i = try digits(token, from: i + 1, radix: 10, what: "digit after the decimal point", invalid)
        }
        if i < token.count && (token[i] | 0x20) == UInt8(ascii: "e") {
            isFloat = true
            i += 1
            if i < token.count && (token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-")) { i += 1 }
            i = try digits(token, from: i, radix: 10, what: "digit in the exponent", invalid)
        }
        guard i == token.count else { throw invalid("unexpected \(found(at: start + i))") }
        let cleaned = String(decoding: token.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat {
            guard let value = Double(cleaned) else { throw invalid("it cannot be read as a float") }
            return .float(value)
        }
        guard let value = Int(cleaned) else {
            throw invalid("it is out of the 64-bit integer range (expected -9223372036854775808 to 9223372036854775807)")
        }
        return .integer(value)
    }

    /// Digits of `radix` from `start` with underscores only between digits; the index after them.
    /// At least one digit is required.
    private func digits(_ token: [UInt8], from start: Int, radix: Int, what: String,
                        _ invalid: (String) -> TOMLError) throws(TOMLError) -> Int {
        var i = start
        var lastWasDigit = false
        while i < token.count {
            let b = token[i]
            if b == UInt8(ascii: "_") {
                guard lastWasDigit, i + 1 < token.count, Self.isDigit(token[i + 1], radix: radix) else {
                    throw invalid("an underscore must stand between two digits")
                }
                lastWasDigit = false
            } else if Self.isDigit(b, radix: radix) {
                lastWasDigit = true
            } else {
                break
            }
            i += 1
        }
        guard i > start else { throw invalid("expected a \(what)") }
        return i
    }

    private static func isDigit(_ b: UInt8, radix: Int) -> Bool {
        switch radix {
        case 16: isHexDigit(b)
        case 8: b >= 0x30 && b <= 0x37
        case 2: b == 0x30 || b == 0x31
        default: isDigit(b)
        }
    }

    /// The radix a `0x`, `0o` or `0b` prefix names (lower case only, as TOML requires).
    private static func radix(of prefix: UInt8) -> Int? {
        switch prefix {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }
}
