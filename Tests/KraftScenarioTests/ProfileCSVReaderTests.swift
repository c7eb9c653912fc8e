import Foundation
import KraftIO
@testable import KraftScenario
import Testing

/// The hourly CSV reader: every kind of bad input in a file with its exact message. (Folders read
/// into hourly profiles: KraftSimTests' `ProfileCSVFolderTests`.)
@Suite("Profile CSV reader")
struct ProfileCSVReaderTests {
    static let start = CalendarDate(year: 2030, month: 1, day: 1)

    /// Rows `time,SE1,SE2` for `hours` hours from `first` (a moment), value = f(hour index, zone index).
    static func rows(from first: String, hours: Int, _ f: (Int, Int) -> String) -> [String] {
        let m = Moment(parsing: first)!
        let base = m.date.dayNumber * 24 + m.hour
        return (0..<hours).map { t in "\(Moment(absoluteHour: base + t)),\(f(t, 0)),\(f(t, 1))" }
    }

    static func parse(_ lines: [String], _ quantity: ProfileCSVReader.Quantity = .load, hours: Int = 48) throws(InputError) -> [String: [Double]] {
        try ProfileCSVReader.parse(lines.joined(separator: "\n") + "\n", file: "\(quantity.rawValue).csv", quantity: quantity,
                                   start: start, hours: hours, zones: ["SE1", "SE2"])
    }

    static func message(_ lines: [String], _ quantity: ProfileCSVReader.Quantity = .load, hours: Int = 48) -> String? {
        do { _ = try parse(lines, quantity, hours: hours); return nil } catch { return error.description }
    }

    static let good = ["time,SE2,SE1"] + rows(from: "2030-01-01T00:00", hours: 48) { t, z in "\(1000 * (z + 1) + t)" }

    @Test("every problem of a file is collected, at most 20, then how many more")
    func everyProblem() {
        // 48 rows, each with a negative SE1 value: 48 problems.
        let lines = ["time,SE1,SE2"] + Self.rows(from: "2030-01-01T00:00", hours: 48) { t, z in z == 0 ? "-\(t + 1)" : "1" }
        let (_, problems) = ProfileCSVReader.scan(lines.joined(separator: "\n"), file: "load.csv", quantity: .load, start: Self.start,
                                                  hours: 48, zones: ["SE1", "SE2"], everyZone: true)
        #expect(problems.count == 21)
        #expect(problems.first?.description == "load.csv:2: SE1: -1 is negative (expected demand in MW, from 0 to 1000000)")
        #expect(problems[19].description == "load.csv:21: SE1: -20 is negative (expected demand in MW, from 0 to 1000000)")
        #expect(problems.last?.description == "load.csv: 28 more problems not listed")
        // parse throws the first of them.
        #expect(Self.message(lines) == "load.csv:2: SE1: -1 is negative (expected demand in MW, from 0 to 1000000)")
    }

    @Test("gaps, daylight-saving duplicates and gaps, order and period coverage are errors at their line")
    func timeErrors() {
        var gap = Self.good
        gap.remove(at: 6)  // 2030-01-01T05:00
        #expect(Self.message(gap) == "load.csv:7: hour 2030-01-01T06:00 follows 2030-01-01T04:00: 1 hour missing (expected one row per hour)")

        // Summer time starts 2030-03-31: a local-time export jumps from 01:00 to 03:00.
        let spring = ["time,SE1,SE2", "2030-03-31T00:00,1,1", "2030-03-31T01:00,1,1", "2030-03-31T03:00,1,1"].joined(separator: "\n")
        do {
            _ = try ProfileCSVReader.parse(spring, file: "load.csv", quantity: .load, start: CalendarDate(year: 2030, month: 3, day: 31),
                                           hours: 24, zones: ["SE1", "SE2"])
            Issue.record("a daylight-saving gap was accepted")
        } catch {
            #expect(error.description == "load.csv:4: hour 2030-03-31T03:00 follows 2030-03-31T01:00: 1 hour missing — a daylight-saving gap? "
                    + "The model uses standard local time (CET = UTC+01:00 all year): use the UTC time stamp plus one hour (expected one row per hour)")
        }

        var duplicate = Self.good
        duplicate.insert("2030-01-01T02:00,5,5", at: 4)
        #expect(Self.message(duplicate) == "load.csv:5: hour 2030-01-01T02:00 repeats the previous row: a daylight-saving duplicate? "
                + "(expected standard local time without daylight saving, CET = UTC+01:00 all year: use the UTC time stamp plus one hour)")

        var backwards = Self.good
        backwards[5] = "2030-01-01T01:00,1,1"
        #expect(Self.message(backwards) == "load.csv:6: hour 2030-01-01T01:00 comes before the previous row (expected rows in time order, one per hour)")

        #expect(Self.message(Array(Self.good.prefix(40))) == "load.csv:40: the file ends at 2030-01-02T14:00 but the period ends at 2030-01-02T23:00 "
                + "(expected rows covering 2030-01-01T00:00 to 2030-01-02T23:00: 48 hours)")
        #expect(Self.message([Self.good[0]] + Self.good.dropFirst(2)) == "load.csv:2: the first hour is 2030-01-01T01:00 but the period starts at "
                + "2030-01-01T00:00 (expected rows covering 2030-01-01T00:00 to 2030-01-02T23:00)")
        #expect(Self.message(["time,SE1,SE2"]) == "load.csv:1: no rows after the header (expected one row per hour from 2030-01-01T00:00 to 2030-01-02T23:00)")
        #expect(Self.message([]) == "load.csv: empty file (expected a header line time,SE1,SE2 and one row per hour)")

        var badTime = Self.good
        badTime[3] = "2030-01-01 02:00,1,1"
        #expect(Self.message(badTime) == "load.csv:4: '2030-01-01 02:00' is not an hour (expected YYYY-MM-DDTHH:00 in standard local time)")
        badTime[3] = "2030-01-01T02:30,1,1"
        #expect(Self.message(badTime) == "load.csv:4: '2030-01-01T02:30' is not an hour (expected YYYY-MM-DDTHH:00 in standard local time)")
    }

    @Test("values: negative, availability above 1, not a number, wrong field count")
    func valueErrors() {
        var lines = Self.good
        lines[5] = "2030-01-01T04:00,12,-3.5"
        #expect(Self.message(lines) == "load.csv:6: SE1: -3.5 is negative (expected demand in MW, from 0 to 1000000)")
        #expect(Self.message(lines, .inflow) == "inflow.csv:6: SE1: -3.5 is negative (expected hydro inflow in MW, from 0 to 1000000)")
        var shares = ["time,SE2,SE1"] + Self.rows(from: "2030-01-01T00:00", hours: 48) { _, _ in "0.5" }
        #expect(Self.message(shares, .wind) == nil)
        shares[5] = "2030-01-01T04:00,1.2,0.5"
        lines[5] = "2030-01-01T04:00,1.2,0.5"
        #expect(Self.message(shares, .wind) == "wind.csv:6: SE2: 1.2 is above 1 (expected an availability from 0 to 1 (share of installed capacity))")
        #expect(Self.message(shares, .solar) == "solar.csv:6: SE2: 1.2 is above 1 (expected an availability from 0 to 1 (share of installed capacity))")
        #expect(Self.message(lines, .load) == nil, "1.2 MW is a fine load")
        lines[5] = "2030-01-01T04:00,12,abc"
        #expect(Self.message(lines) == "load.csv:6: SE1: 'abc' is not a number (expected demand in MW, from 0 to 1000000)")
        lines[5] = "2030-01-01T04:00,12,nan"
        #expect(Self.message(lines) == "load.csv:6: SE1: 'nan' is not a number (expected demand in MW, from 0 to 1000000)")
        lines[5] = "2030-01-01T04:00,12,"
        #expect(Self.message(lines) == "load.csv:6: SE1: '' is not a number (expected demand in MW, from 0 to 1000000)")
        lines[5] = "2030-01-01T04:00,12"
        #expect(Self.message(lines) == "load.csv:6: 2 fields (expected 3: time and one value per zone)")
    }

    @Test("finite values beyond any physical one (which abort CLP) and non-decimal spellings are refused at their line")
    func hugeAndNonDecimalValues() {
        var lines = Self.good
        lines[5] = "2030-01-01T04:00,12,1e101"
        #expect(Self.message(lines) == "load.csv:6: SE1: 1e101 is above the limit of 1000000 MW (expected demand in MW, from 0 to 1000000)")
        lines[5] = "2030-01-01T04:00,12,1e20"
        #expect(Self.message(lines, .inflow) == "inflow.csv:6: SE1: 1e20 is above the limit of 1000000 MW (expected hydro inflow in MW, from 0 to 1000000)")
        lines[5] = "2030-01-01T04:00,12,1000000"
        #expect(Self.message(lines) == nil, "the limit itself is accepted")
        for cell in ["0x10", "+1500", "1_000", "infinity", "1e", ".", "-", "1.5e+", "0x1p3", " 1 2"] {
            lines[5] = "2030-01-01T04:00,12,\(cell)"
            let shown = cell.trimmingCharacters(in: .whitespaces)
            #expect(Self.message(lines) == "load.csv:6: SE1: '\(shown)' is not a number (expected demand in MW, from 0 to 1000000)", "\(cell)")
        }
        for cell in ["1500", "1.5e3", "1.5E+3", ".5", "5.", "0", "12e-1"] {
            lines[5] = "2030-01-01T04:00,12,\(cell)"
            #expect(Self.message(lines) == nil, "\(cell)")
        }
    }

    @Test("header: unknown, missing and repeated zone columns, first column not time")
    func headerErrors() {
        func with(header: String) -> [String] { [header] + Self.good.dropFirst() }
        #expect(Self.message(with(header: "time,SE1,SE5")) == "load.csv:1: unknown zone column 'SE5' (expected zones of the grid: SE1, SE2)")
        #expect(Self.message(with(header: "time,SE1,SE1")) == "load.csv:1: zone column 'SE1' appears twice (expected each zone once)")
        #expect(Self.message(["time,SE1"] + Self.rows(from: "2030-01-01T00:00", hours: 48) { _, _ in "1" }.map { String($0.dropLast(2)) })
                == "load.csv:1: no column for zone SE2 (expected one column per zone of the grid: time,SE1,SE2)")
        #expect(Self.message(with(header: "utc_timestamp,SE1,SE2")) == "load.csv:1: first column is 'utc_timestamp' (expected 'time', then one column per zone: time,SE1,SE2)")
    }
}
