import KraftReport
import Testing

/// Number formatting and table layout of the terminal reports.
@Suite("Text formatting")
struct TextFormattingTests {
    @Test("fixed-point formatting rounds half away from zero and never prints NaN",
          arguments: [(3.14159, 2, "3.14"), (-0.004, 2, "0.00"), (-0.006, 2, "-0.01"), (2.5, 0, "3"),
                      (1234.5678, 3, "1234.568"), (0, 1, "0.0"), (.nan, 2, "-"), (.infinity, 2, "-"), (-12.05, 1, "-12.1"),
                      (0.005, 3, "0.005"), (0.05, 3, "0.050"), (-1.5, 0, "-2"), (100, 0, "100"), (7, 5, "7.00000"),
                      (-0.00004, 4, "0.0000"), (987654.321, 1, "987654.3")])
    func fixedPoint(value: Double, digits: Int, expected: String) {
        #expect(fixed(value, digits) == expected)
    }

    @Test("columns are padded to the widest cell; text left, numbers right")
    func table() {
        var t = TextTable(headers: ["bus", "Vm (p.u.)"])
        t.append(["1", "1.0400"])
        t.append(["10002", "0.9"])
        #expect(t.render() == """
            bus    Vm (p.u.)
            -----  ---------
            1         1.0400
            10002        0.9

            """)
    }
}
