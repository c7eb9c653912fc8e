/// Conversion of number tokens, given as bytes, to `Double`, without building a `String`.
///
/// Accepted forms are those MATLAB and MATPOWER write: an optional sign, digits with an optional
/// decimal point (`1`, `-0.5`, `.5`, `5.`), an optional exponent (`1e-3`, `1.5E+02`), and the
/// words `Inf`, `inf`, `NaN`, `nan`.
///
/// The common case, at most 19 significant digits and a value `m · 10^e` with `m ≤ 2^53` and
/// `|e| ≤ 22`, is converted exactly as a correctly rounded product or quotient of two exact
/// doubles (Clinger's fast path). Anything else goes to the standard library's correctly rounded,
/// locale-independent conversion, so every result is the double nearest to the decimal.
enum DecimalNumber {
    /// The number filling all of `text[start..<end]`, or `nil` when those bytes are not exactly
    /// one number (`1.2.3`, `1e`, `abc`).
    static func parse(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
        let token = UnsafeBufferPointer(rebasing: text[start..<end])
        guard let (value, stop) = scan(token, from: 0), stop == token.count else { return nil }
        return value
    }

    /// The number that starts at `start` and where it stops: the longest prefix in number syntax,
    /// so a scanner reads each byte once and then checks that a delimiter follows. `nil` when no
    /// number starts at `start` or its exponent has no digits.
    @inline(__always)
    static func scan(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> (value: Double, end: Int)? {
        let end = text.count
        var p = start
        var negative = false
        if p < end, text[p] == UInt8(ascii: "-") || text[p] == UInt8(ascii: "+") {
            negative = text[p] == UInt8(ascii: "-")
            p += 1
        }
        guard p < end else { return nil }
        if !isDigit(text[p]) && text[p] != UInt8(ascii: ".") {
            return word(text, at: p).map { (negative ? -$0 : $0, p + 3) }
        }

        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        var sawDigit = false
        while p < end, isDigit(text[p]) {
            accumulate(text[p] &- UInt8(ascii: "0"), &mantissa, &significant, &exponent, &truncated, fraction: false)
            sawDigit = true
            p += 1
        }
        if p < end, text[p] == UInt8(ascii: ".") {
            p += 1
            while p < end, isDigit(text[p]) {
                accumulate(text[p] &- UInt8(ascii: "0"), &mantissa, &significant, &exponent, &truncated, fraction: true)
                sawDigit = true
                p += 1
            }
        }
        guard sawDigit else { return nil }
        if p < end, text[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            var exponentNegative = false
            if p < end, text[p] == UInt8(ascii: "-") || text[p] == UInt8(ascii: "+") {
                exponentNegative = text[p] == UInt8(ascii: "-")
                p += 1
            }
            guard p < end, isDigit(text[p]) else { return nil }
            var written = 0
            while p < end, isDigit(text[p]) {
                // Saturate: any exponent beyond ±100000 already means overflow or zero.
                if written < 100_000 { written = written * 10 + Int(text[p] &- UInt8(ascii: "0")) }
                p += 1
            }
            exponent += exponentNegative ? -written : written
        }

        if mantissa == 0 { return (negative ? -0.0 : 0, p) }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let magnitude = exponent < 0 ? m / powerOfTen(-exponent) : m * powerOfTen(exponent)
            return (negative ? -magnitude : magnitude, p)
        }
        let exact = Double(String(decoding: UnsafeBufferPointer(rebasing: text[start..<p]), as: UTF8.self))
        return exact.map { ($0, p) }
    }

    /// Adds one digit to the mantissa; digits beyond the 19th only shift the exponent (integer
    /// part) or are dropped (fraction), and mark the value as needing the exact slow path.
    @inline(__always)
    private static func accumulate(_ digit: UInt8, _ mantissa: inout UInt64, _ significant: inout Int,
                                   _ exponent: inout Int, _ truncated: inout Bool, fraction: Bool) {
        if mantissa == 0 && digit == 0 {
            if fraction { exponent -= 1 }
        } else if significant < 19 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            significant += 1
            if fraction { exponent -= 1 }
        } else {
            truncated = true
            if !fraction { exponent += 1 }
        }
    }

    /// `Inf`, `inf`, `NaN` or `nan` at `p`, the spellings MATLAB evaluates.
    private static func word(_ text: UnsafeBufferPointer<UInt8>, at p: Int) -> Double? {
        guard text.count - p >= 3 else { return nil }
        let (a, b, c) = (text[p], text[p + 1], text[p + 2])
        if (a == UInt8(ascii: "I") || a == UInt8(ascii: "i")) && b == UInt8(ascii: "n") && c == UInt8(ascii: "f") {
            return .infinity
        }
        if (a == UInt8(ascii: "N") && b == UInt8(ascii: "a") && c == UInt8(ascii: "N"))
            || (a == UInt8(ascii: "n") && b == UInt8(ascii: "a") && c == UInt8(ascii: "n")) {
            return .nan
        }
        return nil
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// 10^n for 0 ≤ n ≤ 22, each exactly representable as a double (a switch rather than a table,
    /// so the hot path touches no global storage).
    @inline(__always)
    private static func powerOfTen(_ n: Int) -> Double {
        switch n {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }
}
