import Foundation
import KraftIO
import KraftScenario

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
/// Every problem is an `InputError` `FILE:LINE: message (expected ...)`.
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

    /// The four files of `folder`, each cut to `hours` hours from `start` 00:00, for `zones`. With
    /// `fill`, a file or zone column the folder lacks comes from that synthetic year, and the
    /// profiles' `source` names what was read and what stands in. `madeBy` is named when the
    /// folder does not exist.
    public static func read(folder: String, start: CalendarDate, hours: Int, zones: [String],
                            fill: SyntheticProfiles? = nil, madeBy: String? = nil) throws(InputError) -> HourlyProfiles {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: folder, line: nil, message: "no such folder (expected a folder of hourly CSV files: "
                             + (madeBy.map { "make it with \($0)" } ?? "load.csv, wind.csv, solar.csv, inflow.csv; docs/profiles.md") + ")")
        }
        var series = [Quantity: [String: [Double]]]()
        for q in Quantity.allCases {
            let path = folder + "/" + q.file
            if fill != nil && !FileManager.default.fileExists(atPath: path) { series[q] = [:]; continue }
            let text = String(decoding: try FileBytes.contents(ofFile: path), as: UTF8.self)
            series[q] = try parse(text, file: path, quantity: q, start: start, hours: hours, zones: zones, everyZone: fill == nil)
        }
        guard let fill else {
            return HourlyProfiles(start: start, hours: hours, zones: zones, isSynthetic: false,
                                  source: "CSV folder \(folder) (load.csv, wind.csv, solar.csv, inflow.csv)",
                                  loadMW: series[.load]!, wind: series[.wind]!, solar: series[.solar]!, inflowMW: series[.inflow]!)
        }
        var p = fill.make(start: start, hours: hours, zones: zones)
        let synthetic = p.source
        p.isSynthetic = false
        for (z, v) in series[.load]! { p.loadMW[z] = v; p.relativeLoadZones.remove(z) }
        for (z, v) in series[.wind]! { p.wind[z] = v }
        for (z, v) in series[.solar]! { p.solar[z] = v }
        for (z, v) in series[.inflow]! { p.inflowMW[z] = v; p.relativeInflowZones.remove(z) }
        func list(_ q: Quantity, read: Bool) -> String? {
            let z = zones.filter { (series[q]![$0] != nil) == read }
            return z.isEmpty ? nil : "\(q.rawValue) \(z.joined(separator: " "))"
        }
        let real = Quantity.allCases.compactMap { list($0, read: true) }, standIn = Quantity.allCases.compactMap { list($0, read: false) }
        p.source = "CSV folder \(folder) (\(real.isEmpty ? "nothing read" : real.joined(separator: "; ")))"
            + (standIn.isEmpty ? "" : "; standing in where it has no series (\(standIn.joined(separator: "; "))): \(synthetic)")
        return p
    }

    /// One file's text: per zone, the `hours` values from `start` 00:00.
    /// Without `everyZone`, a zone may have no column and has no entry in the result.
    public static func parse(_ text: String, file: String, quantity: Quantity, start: CalendarDate, hours: Int,
                             zones: [String], everyZone: Bool = true) throws(InputError) -> [String: [Double]] {
        func fail(_ line: Int?, _ message: String) -> InputError { InputError(file: file, line: line, message: message) }
        let zoneList = zones.joined(separator: ",")
        // "\r\n" is one Character in Swift, so both line ends are separators.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else {
            throw fail(nil, "empty file (expected a header line time,\(zoneList) and one row per hour)")
        }

        // Header: time, then each zone once.
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard names.first == "time" else {
            throw fail(1, "first column is '\(names.first ?? "")' (expected 'time', then one column per zone: time,\(zoneList))")
        }
        var column = [String: Int]()
        for (i, name) in names.enumerated().dropFirst() {
            guard zones.contains(name) else {
                throw fail(1, "unknown zone column '\(name)' (expected zones of the grid: \(zones.joined(separator: ", ")))")
            }
            guard column[name] == nil else { throw fail(1, "zone column '\(name)' appears twice (expected each zone once)") }
            column[name] = i
        }
        if everyZone, let missing = zones.first(where: { column[$0] == nil }) {
            throw fail(1, "no column for zone \(missing) (expected one column per zone of the grid: time,\(zoneList))")
        }

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
                throw fail(line, "\(cells.count) fields (expected \(names.count): time and one value per zone)")
            }
            guard let moment = Moment(parsing: String(cells[0])), cells[0].count == 16 else {
                throw fail(line, "'\(cells[0])' is not an hour (expected YYYY-MM-DDTHH:00 in standard local time)")
            }
            let hour = moment.date.dayNumber * 24 + moment.hour
            if let previous {
                if hour == previous {
                    throw fail(line, "hour \(moment) repeats the previous row: a daylight-saving duplicate? (expected standard "
                               + "local time without daylight saving, CET = UTC+01:00 all year: use the UTC time stamp plus one hour)")
                }
                if hour < previous {
                    throw fail(line, "hour \(moment) comes before the previous row (expected rows in time order, one per hour)")
                }
                if hour > previous + 1 {
                    let missing = hour - previous - 1
                    let dst = missing == 1 && moment.hour == 3 && moment.date.month == 3
                        ? " — a daylight-saving gap? The model uses standard local time (CET = UTC+01:00 all year): use the UTC time stamp plus one hour"
                        : ""
                    throw fail(line, "hour \(moment) follows \(Moment(absoluteHour: previous)): \(missing) hour\(missing == 1 ? "" : "s") "
                               + "missing\(dst) (expected one row per hour)")
                }
            } else if hour > first {
                throw fail(line, "the first hour is \(moment) but the period starts at \(Moment(absoluteHour: first)) "
                           + "(expected rows covering \(Moment(absoluteHour: first)) to \(Moment(absoluteHour: end - 1)))")
            }
            previous = hour
            guard hour >= first && hour < end else { continue }
            for z in present {
                let cell = cells[column[z]!]
                guard let v = decimal(cell) else {
                    throw fail(line, "\(z): '\(cell)' is not a number (expected \(quantity.expected))")
                }
                guard v >= 0 else { throw fail(line, "\(z): \(cell) is negative (expected \(quantity.expected))") }
                if v > quantity.maximum {
                    let limit = quantity.isAvailability ? "1" : "the limit of 1000000 MW"
                    throw fail(line, "\(z): \(cell) is above \(limit) (expected \(quantity.expected))")
                }
                out[z]![hour - first] = v
            }
        }
        guard let last = previous else {
            throw fail(1, "no rows after the header (expected one row per hour from \(Moment(absoluteHour: first)) "
                       + "to \(Moment(absoluteHour: end - 1)))")
        }
        if last < end - 1 {
            throw fail(lines.count, "the file ends at \(Moment(absoluteHour: last)) but the period ends at \(Moment(absoluteHour: end - 1)) "
                       + "(expected rows covering \(Moment(absoluteHour: first)) to \(Moment(absoluteHour: end - 1)): "
                       + "\(end - first) hours)")
        }
        return out
    }
}

extension Moment {
    /// The moment `hour` hours after 1970-01-01 00:00.
    init(absoluteHour hour: Int) {
        let day = hour >= 0 ? hour / 24 : (hour - 23) / 24
        self.init(date: CalendarDate(dayNumber: day), hour: hour - day * 24)
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
