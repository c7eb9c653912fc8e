import Testing
@testable import KraftIO

/// The byte-level number conversion agrees exactly with the standard library's correctly
/// rounded conversion, on the forms case files use and on random values.
@Suite struct DecimalNumberTests {
    private func convert(_ token: String) -> Double? {
        Array(token.utf8).withUnsafeBufferPointer { DecimalNumber.parse($0, from: 0, to: $0.count) }
    }

    @Test(arguments: ["1", "-0.5", "1e-3", "1.5E+02", ".5", "5.", "+3", "0", "-0", "0.0000", "1.0354501",
                      "-128.739453", "63.9500", "123456789012345678901234", "0.1234567890123456789012",
                      "9007199254740993", "1e22", "1e23", "4.9e-324", "1e-400", "1.7976931348623157e308", "2e308",
                      "00012.50", "0.000000000000000000000000001"])
    func decimalForms(token: String) throws {
        let expected = try #require(Double(token))
        let value = try #require(convert(token))
        #expect(value.bitPattern == expected.bitPattern, "\(token): \(value) != \(expected)")
    }

    @Test func infinityAndNaN() {
        #expect(convert("Inf") == .infinity)
        #expect(convert("inf") == .infinity)
        #expect(convert("-Inf") == -.infinity)
        #expect(convert("NaN")?.isNaN == true)
        #expect(convert("nan")?.isNaN == true)
    }

    @Test(arguments: ["", "-", ".", "abc", "1.2.3", "1e", "1e+", "--1", "1-", "INF", "Infinity", "0x1p3", "1,5", "e5"])
    func rejected(token: String) {
        #expect(convert(token) == nil)
    }

    @Test func randomValuesRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            let scaled = [value, Double.random(in: -1000...1000, using: &generator),
                          (Double.random(in: -1...1, using: &generator) * 1e6).rounded() / 1e4]
            for x in scaled {
                let token = "\(x)"
                #expect(convert(token)?.bitPattern == x.bitPattern, "\(token)")
            }
        }
    }
}
