/// Conversion of one number token, given as bytes, to a `Double`, without building a `String`.
///
/// Accepted forms are those MATLAB and MATPOWER write: an optional sign, digits with an optional
/// decimal point (`1`, `-0.5`, `.5`, `5.`), an optional exponent (`1e-3`, `1.5E+02`), and the
/// words `Inf`, `inf`, `NaN`, `nan`. The whole token must match; `1.2.3`, `1e` or `abc` give `nil`.
///
/// The common case, at most 19 significant digits and a value `m · 10^e` with `m ≤ 2^53` and
/// `|e| ≤ 22`, is converted exactly as a correctly rounded product or quotient of two exact
/// doubles (Clinger's fast path). Anything else goes to the standard library's correctly rounded,
/// locale-independent conversion.
enum DecimalNumber {
    static func parse(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
        var p = start
        var negative = false
        if p < end, text[p] == UInt8(ascii: "-") || text[p] == UInt8(ascii: "+") {
            negative = text[p] == UInt8(ascii: "-")
            p += 1
        }
        guard p < end else { return nil }
        if !isDigit(text[p]) && text[p] != UInt8(ascii: ".") {
            return word(text, from: p, to: end).map { negative ? -$0 : $0 }
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
        guard p == end else { return nil }

        if mantissa == 0 { return negative ? -0.0 : 0 }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
            return negative ? -value : value
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self))
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

    /// `Inf`, `inf`, `NaN` or `nan`, the spellings MATLAB evaluates.
    private static func word(_ text: UnsafeBufferPointer<UInt8>, from p: Int, to end: Int) -> Double? {
        guard end - p == 3 else { return nil }
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

    /// 10^0 ... 10^22, every one exactly representable as a double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
