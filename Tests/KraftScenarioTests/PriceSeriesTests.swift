import KraftScenario
import Testing

/// The neighbours' hourly price file: UTC rows onto the model's CET hours, the fill rule worked by
/// hand, and bad rows named by line.
@Suite("Price series")
struct PriceSeriesTests {
    @Test("a row at T UTC is the model's hour T + 1 h; blanks take DE's price at the area's mean ratio, else the nearest hour")
    func byHand() throws {
        // 2019-01-01 00:00–03:00 UTC are the model's 01:00–04:00 CET; the model's 00:00 has no row.
        let text = """
            time_utc,DE,PL
            2019-01-01T00:00:00Z,10,
            2019-01-01T01:00:00Z,20,40
            2019-01-01T02:00:00Z,30,60
            2019-01-01T03:00:00Z,,80
            """
        let s = try PriceSeries.parse(text, file: "p.csv")
        #expect(s.year == 2019)
        #expect(s.prices["DE"]!.count == 8760)
        let day = CalendarDate(year: 2019, month: 1, day: 1)
        // DE: hours 1–3 as given; hour 0 takes the nearest later hour (10); hour 4 (blank) and
        // everything after take the nearest earlier (30).
        #expect([0, 1, 2, 3, 4, 5].map { s.price(area: "DE", date: day, hour: $0)! } == [10, 10, 20, 30, 30, 30])
        // PL over DE where both have a price: (40 + 60) / (20 + 30) = 2. Hour 1 (PL blank, DE 10) → 20;
        // hour 4 is PL's own 80; hour 0 has neither, so the nearest later (20).
        #expect([0, 1, 2, 3, 4].map { s.price(area: "PL", date: day, hour: $0)! } == [20, 20, 40, 60, 80])
        #expect(s.price(area: "LT", date: day, hour: 1) == nil && s.price(area: "DE", date: CalendarDate(year: 2020, month: 1, day: 1), hour: 0) == nil)
        #expect(s.filled["PL"]! == 8760 - 3 && s.filled["DE"]! == 8760 - 3)
    }

    @Test("bad rows are refused with their line and what was expected")
    func badRows() {
        let text = """
            time_utc,DE,DE
            2019-01-01T00:30:00Z,10,1
            2019-01-01T01:00:00Z,0x10,1
            2019-01-01T02:00:00Z,5
            """
        do {
            _ = try PriceSeries.parse(text, file: "p.csv")
            Issue.record("accepted")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(error.problems.allSatisfy { $0.file == "p.csv" })
            for expected in ["line 1: column 3 is \"DE\" a second time", "line 2: time \"2019-01-01T00:30:00Z\" is not the start of an hour in UTC",
                             "line 3: DE: \"0x10\" is not a price", "line 4: has 2 fields (expected 3, as the header)"] {
                #expect(lines.contains { $0.contains(expected) }, "\(expected) in \(lines)")
            }
        }
    }
}
