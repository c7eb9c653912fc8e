import KraftSim
import Testing

/// `HourMatrix` against the flat hour-major layout it replaces (`values[h * width + e]`).
@Suite struct HourMatrixTests {
    @Test("element e of hour h is values[h * width + e]; a row is that hour's values in element order")
    func layout() {
        var m = HourMatrix(hours: 3, width: 4, repeating: 0.0)
        for h in 0..<3 { for e in 0..<4 { m[h, e] = Double(10 * h + e) } }
        #expect(m.values == [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23])
        #expect(Array(m[hour: 1]) == [10, 11, 12, 13])
        #expect(m[hour: 2].startIndex == 8 && m[hour: 2].reduce(0, +) == 86)
        m[2, 3] += 0.5
        #expect(m[2, 3] == 23.5 && m.values[11] == 23.5)
        #expect(m.hours == 3 && m.width == 4 && !m.isEmpty)
    }

    @Test("built from hour-major values or hour by hour, the same matrix")
    func building() {
        let flat = HourMatrix<Double>(hours: 2, width: 3, values: [1, 2, 3, 4, 5, 6])
        var rows = HourMatrix<Double>(width: 3)
        #expect(rows.hours == 0 && rows.isEmpty)
        rows.appendHour([1, 2, 3])
        rows.appendHour([4.0, 5, 6][...])
        #expect(rows == flat && rows.hours == 2)
        #expect(flat[1, 0] == 4 && flat[0, 2] == 3)
        #expect(HourMatrix(hours: 2, width: 3, repeating: 7.0).values == [Double](repeating: 7, count: 6))
    }

    @Test("no elements: hours but no values (a window without links)")
    func zeroWidth() {
        var m = HourMatrix<Double>(width: 0)
        m.appendHour([])
        m.appendHour([])
        #expect(m.hours == 2 && m.isEmpty && m[hour: 1].isEmpty)
        #expect(HourMatrix(hours: 168, width: 0, repeating: 1.0).isEmpty)
    }
}
