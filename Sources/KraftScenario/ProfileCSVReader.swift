import Foundation
import KraftIO

/// Reads a folder of hourly profile CSV files (a real weather year), one file per quantity:
///
/// | file         | values per zone                                  |
/// |--------------|--------------------------------------------------|
/// | `load.csv`   | demand, MW (≥ 0)                                 |
/// | `wind.csv`   | wind availability, 0…1 of installed capacity     |
/// | `solar.csv`  | solar availability, 0…1 of installed capacity    |
/// | `inflow.csv` | hydro inflow as energy per hour, MW (≥ 0)        |
///
/// Each file: a header `time,SE1,SE2,...` (one column per zone of the grid, any order), then one
/// row per hour, `2030-01-01T00:00,10234.5,...`, hours consecutive in standard local time without
/// daylight saving (CET = UTC+01:00 all year; from ENTSO-E or OPSD data take the UTC time stamp
/// plus one hour). The rows must cover the scenario period; rows outside it are ignored. Layout
/// and how to fill it from public data: docs/profiles.md.
///
/// Every problem is an `InputError` `FILE:LINE: message (expected ...)`. This reads the files;
/// `ProfileCSVReader.read(folder:...)` in KraftSim makes `HourlyProfiles` of them.
public enum ProfileCSVReader {
    public enum Quantity: String, CaseIterable, Sendable {
        case load, wind, solar, inflow

        var file: String { rawValue + ".csv" }
        var expected: String {
            switch self {
            case .load: "demand in MW, from 0 to 1000000"
            case .wind, .solar: "an availability from 0 to 1 (share of installed capacity)"
            case .inflow: "hydro inflow in MW, from 0 to 1000000"
            }
        }
        var isAvailability: Bool { self == .wind || self == .solar }
        /// The largest value accepted: every value reaches the dispatch LP as a bound or a
        /// right-hand side, and CLP fails (or aborts the process) on finite values far beyond
        /// any physical one, so they are refused where they are read.
        var maximum: Double { isAvailability ? 1 : maximumMW }
    }

    /// The largest load or inflow per zone and hour accepted, MW (1 TW: far above any zone).
    public static let maximumMW: Double = 1e6

    /// `cell` as a plain decimal number (`-12`, `1234.5`, `.5`, `1.5e3`), or nil: no sign `+`,
    /// no hexadecimal, no `inf`/`nan`, no other spelling `Double(String)` would take.
    static func decimal(_ cell: String) -> Double? {
        var u = Substring(cell).utf8[...]
        func digits() -> Int {
            var n = 0
            while let c = u.first, c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { u.removeFirst(); n += 1 }
            return n
        }
        if u.first == UInt8(ascii: "-") { u.removeFirst() }
        var n = digits()
        if u.first == UInt8(ascii: ".") { u.removeFirst(); n += digits() }
        guard n > 0 else { return nil }
        if let e = u.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            u.removeFirst()
            if let s = u.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { u.removeFirst() }
            guard digits() > 0 else { return nil }
        }
        guard u.isEmpty, let v = Double(cell), v.isFinite else { return nil }
        return v
    }

    /// The four files of `folder`, each cut to `hours` hours from `start` 00:00, for `zones`: per
    /// quantity, per zone, the hourly values. With `filled`, a file or zone column the folder lacks
    /// is no problem and has no entry (a synthetic year stands in for it: `read(folder:...fill:)`
    /// in KraftSim). `madeBy` is named when the folder does not exist. Throws the first problem;
    /// `problems` lists them all.
    public static func series(folder: String, start: CalendarDate, hours: Int, zones: [String], filled: Bool,
                              madeBy: String? = nil) throws(InputError) -> [Quantity: [String: [Double]]] {
        let (series, problems) = scan(folder: folder, start: start, hours: hours, zones: zones, filled: filled, madeBy: madeBy)
        if let first = problems.first { throw first }
        return series
    }

    /// Every problem of the folder's files for this period and these zones, in file order (at
    /// most `maxProblemsPerFile` a file): what `kraft validate` prints.
    public static func problems(folder: String, start: CalendarDate, hours: Int, zones: [String],
                                filled: Bool, madeBy: String? = nil) -> [InputError] {
        scan(folder: folder, start: start, hours: hours, zones: zones, filled: filled, madeBy: madeBy).problems
    }

    /// The most problems reported per file; a file with more gets one line saying how many more.
    public static let maxProblemsPerFile = 20

    /// The first and last hour every file of `folder` has (hours since 1970-01-01 00:00), from the
    /// first and last rows alone; a file that cannot be read or has no rows that parse is left out
    /// (the reader reports why); nil when no file has rows or the files share no hour.
    public static func coveredHours(folder: String) -> ClosedRange<Int>? {
        var range: ClosedRange<Int>?
        for q in Quantity.allCases {
            let path = folder + "/" + q.file
            guard let bytes = try? FileBytes.contents(ofFile: path) else { continue }
            let rows = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).dropFirst()
            func hour(_ row: Substring?) -> Int? {
                guard let cell = row?.split(separator: ",", maxSplits: 1).first,
                      let m = Moment(parsing: String(cell.trimmingSpaces)) else { return nil }
                return m.date.dayNumber * 24 + m.hour
            }
            guard let first = hour(rows.first), let last = hour(rows.last), first <= last else { continue }
            range = range.map { max($0.lowerBound, first)...min($0.upperBound, last) } ?? first...last
            if range!.isEmpty { return nil }
        }
        return range
    }

    private static func scan(folder: String, start: CalendarDate, hours: Int, zones: [String], filled: Bool,
                             madeBy: String?) -> (series: [Quantity: [String: [Double]]], problems: [InputError]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return ([:], [InputError(file: folder, line: nil, message: "no such folder (expected a folder of hourly CSV files: "
                                     + (madeBy.map { "make it with \($0)" } ?? "load.csv, wind.csv, solar.csv, inflow.csv; docs/profiles.md") + ")")])
        }
        var series = [Quantity: [String: [Double]]](), problems = [InputError]()
        for q in Quantity.allCases {
            let path = folder + "/" + q.file
            if filled && !FileManager.default.fileExists(atPath: path) { series[q] = [:]; continue }
            do {
                let text = String(decoding: try FileBytes.contents(ofFile: path), as: UTF8.self)
                let (values, found) = scan(text, file: path, quantity: q, start: start, hours: hours, zones: zones, everyZone: !filled)
                series[q] = values
                problems += found
            } catch {
                problems.append(error)
            }
        }
        return (series, problems)
    }

    /// One file's text: per zone, the `hours` values from `start` 00:00. Without `everyZone`, a
    /// zone may have no column and has no entry in the result. Throws the first problem.
    public static func parse(_ text: String, file: String, quantity: Quantity, start: CalendarDate, hours: Int,
                             zones: [String], everyZone: Bool = true) throws(InputError) -> [String: [Double]] {
        let (values, problems) = scan(text, file: file, quantity: quantity, start: start, hours: hours, zones: zones, everyZone: everyZone)
        if let first = problems.first { throw first }
        return values
    }

    /// One file's text: the values and every problem, the reading going on past a bad row (a
    /// header problem ends it: without columns the rows cannot be read).
    static func scan(_ text: String, file: String, quantity: Quantity, start: CalendarDate, hours: Int,
                     zones: [String], everyZone: Bool) -> (values: [String: [Double]], problems: [InputError]) {
        var problems = [InputError]()
        var dropped = 0
        func fail(_ line: Int?, _ message: String) {
            if problems.count < maxProblemsPerFile { problems.append(InputError(file: file, line: line, message: message)) } else { dropped += 1 }
        }
        func finish(_ out: [String: [Double]]) -> ([String: [Double]], [InputError]) {
            if dropped > 0 { problems.append(InputError(file: file, line: nil, message: "\(dropped) more problem\(dropped == 1 ? "" : "s") not listed")) }
            return (out, problems)
        }
        let zoneList = zones.joined(separator: ",")
        // "\r\n" is one Character in Swift, so both line ends are separators.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else {
            fail(nil, "empty file (expected a header line time,\(zoneList) and one row per hour)")
            return finish([:])
        }

        // Header: time, then each zone once.
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard names.first == "time" else {
            fail(1, "first column is '\(names.first ?? "")' (expected 'time', then one column per zone: time,\(zoneList))")
            return finish([:])
        }
        var column = [String: Int]()
        for (i, name) in names.enumerated().dropFirst() {
            guard zones.contains(name) else {
                fail(1, "unknown zone column '\(name)' (expected zones of the grid: \(zones.joined(separator: ", ")))")
                continue
            }
            guard column[name] == nil else { fail(1, "zone column '\(name)' appears twice (expected each zone once)"); continue }
            column[name] = i
        }
        if everyZone, let missing = zones.first(where: { column[$0] == nil }) {
            fail(1, "no column for zone \(missing) (expected one column per zone of the grid: time,\(zoneList))")
        }
        guard problems.isEmpty else { return finish([:]) }

        // Rows: consecutive hours; keep those of the period.
        let first = start.dayNumber * 24, end = first + hours  // absolute hours since 1970
        let present = zones.filter { column[$0] != nil }
        var out = [String: [Double]]()
        for z in present { out[z] = [Double](repeating: 0, count: hours) }
        var previous: Int?
        for (index, row) in lines.enumerated().dropFirst() {
            let line = index + 1
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard cells.count == names.count else {
                fail(line, "\(cells.count) fields (expected \(names.count): time and one value per zone)")
                previous = previous.map { $0 + 1 }
                continue
            }
            guard let moment = Moment(parsing: String(cells[0])), cells[0].count == 16 else {
                fail(line, "'\(cells[0])' is not an hour (expected YYYY-MM-DDTHH:00 in standard local time)")
                previous = previous.map { $0 + 1 }
                continue
            }
            let hour = moment.date.dayNumber * 24 + moment.hour
            if let previous {
                if hour == previous {
                    fail(line, "hour \(moment) repeats the previous row: a daylight-saving duplicate? (expected standard "
                         + "local time without daylight saving, CET = UTC+01:00 all year: use the UTC time stamp plus one hour)")
                } else if hour < previous {
                    fail(line, "hour \(moment) comes before the previous row (expected rows in time order, one per hour)")
                } else if hour > previous + 1 {
                    let missing = hour - previous - 1
                    let dst = missing == 1 && moment.hour == 3 && moment.date.month == 3
                        ? " — a daylight-saving gap? The model uses standard local time (CET = UTC+01:00 all year): use the UTC time stamp plus one hour"
                        : ""
                    fail(line, "hour \(moment) follows \(Moment(absoluteHour: previous)): \(missing) hour\(missing == 1 ? "" : "s") "
                         + "missing\(dst) (expected one row per hour)")
                }
            } else if hour > first {
                fail(line, "the first hour is \(moment) but the period starts at \(Moment(absoluteHour: first)) "
                     + "(expected rows covering \(Moment(absoluteHour: first)) to \(Moment(absoluteHour: end - 1)))")
            }
            previous = max(previous ?? hour, hour)
            guard hour >= first && hour < end else { continue }
            for z in present {
                let cell = cells[column[z]!]
                guard let v = decimal(cell) else {
                    fail(line, "\(z): '\(cell)' is not a number (expected \(quantity.expected))")
                    continue
                }
                guard v >= 0 else { fail(line, "\(z): \(cell) is negative (expected \(quantity.expected))"); continue }
                if v > quantity.maximum {
                    let limit = quantity.isAvailability ? "1" : "the limit of 1000000 MW"
                    fail(line, "\(z): \(cell) is above \(limit) (expected \(quantity.expected))")
                    continue
                }
                out[z]![hour - first] = v
            }
        }
        guard let last = previous else {
            fail(1, "no rows after the header (expected one row per hour from \(Moment(absoluteHour: first)) "
                 + "to \(Moment(absoluteHour: end - 1)))")
            return finish(out)
        }
        if last < end - 1 {
            fail(lines.count, "the file ends at \(Moment(absoluteHour: last)) but the period ends at \(Moment(absoluteHour: end - 1)) "
                 + "(expected rows covering \(Moment(absoluteHour: first)) to \(Moment(absoluteHour: end - 1)): "
                 + "\(end - first) hours)")
        }
        return finish(out)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var s = self[...]
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
