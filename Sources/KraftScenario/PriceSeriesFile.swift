/// Hourly prices of the price areas outside the grid for one calendar year, read from a CSV file
/// (`[dispatch] neighbour_price_series`): the real day-ahead prices of a history year, as
/// shared/data/sweden/hourly has them.
///
/// Format: a header `time_utc,AREA,AREA,…`, then one row per hour, the first column the start of
/// the hour in UTC (`2019-01-01T00:00:00Z`), then a price in EUR/MWh per area, plain decimals, or
/// blank where the source has none. The model's clock is CET without daylight saving (UTC+1), so a
/// row at `T` UTC is the model's hour `T + 1 h`; the year is the one most rows fall in.
///
/// Blanks are filled by a stated rule, counted per area in `filled`: an hour without a price
/// takes DE's price that hour times the area's mean ratio to DE over the hours both have; an hour
/// still without one (DE blank too, or the area is DE) takes the nearest hour before it that has
/// one, else the nearest after.
public struct PriceSeries: Sendable, Equatable {
    public var year: Int
    /// Per area, one price per hour of the year (CET), EUR/MWh.
    public var prices: [String: [Double]]
    /// Per area, how many hours were filled by the rule.
    public var filled: [String: Int]
    /// The file, for notes.
    public var file: String

    /// The price of `area` in the model's hour `hour` of `date`, nil when the series has no such
    /// area or another year.
    public func price(area: String, date: CalendarDate, hour: Int) -> Double? {
        guard date.year == year, let series = prices[area] else { return nil }
        let index = (date.dayNumber - CalendarDate(year: year, month: 1, day: 1).dayNumber) * 24 + hour
        return series.indices.contains(index) ? series[index] : nil
    }

    public static func parse(_ text: String, file: String) throws(ScenarioProblems) -> PriceSeries {
        var problems = [ScenarioProblem]()
        func problem(_ line: Int, _ message: String) { problems.append(ScenarioProblem(file: file, keyPath: "line \(line)", message: message)) }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
              header.first == "time_utc", header.count >= 2 else {
            throw ScenarioProblems(problems: [ScenarioProblem(file: file, keyPath: "line 1", message: "is not a header time_utc,AREA,… (expected the start of each hour in UTC, then one column per price area)")])
        }
        let areas = Array(header.dropFirst())
        for (i, a) in areas.enumerated() where a.isEmpty || areas[..<i].contains(a) {
            problem(1, "column \(i + 2) is \(a.isEmpty ? "unnamed" : "\"\(a)\" a second time") (expected each area once)")
        }
        // Rows as (model hour as day number and hour, values).
        var rows = [(day: Int, hour: Int, values: [Double?])]()
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let number = n + 1
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count else { problem(number, "has \(f.count) fields (expected \(header.count), as the header)"); continue }
            guard let (date, hour) = utcHour(f[0]) else { problem(number, "time \"\(f[0])\" is not the start of an hour in UTC (expected such as 2019-01-01T00:00:00Z)"); continue }
            // CET = UTC + 1 h.
            let day = date.dayNumber + (hour + 1) / 24, cetHour = (hour + 1) % 24
            var values = [Double?]()
            for (k, cell) in f.dropFirst().enumerated() {
                if cell.isEmpty { values.append(nil); continue }
                guard cell.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), let x = Double(cell), x.isFinite, (-1000...100_000).contains(x) else {
                    problem(number, "\(areas[k]): \"\(cell)\" is not a price (expected a plain decimal in EUR/MWh from -1000 to 100000, or blank)")
                    values.append(nil); continue
                }
                values.append(x)
            }
            rows.append((day, cetHour, values))
        }
        if rows.isEmpty { problem(2, "is missing (expected at least one hour)") }
        if !problems.isEmpty { throw ScenarioProblems(problems: problems) }
        // The year most rows fall in.
        var count = [Int: Int]()
        for r in rows { count[CalendarDate(dayNumber: r.day).year, default: 0] += 1 }
        let year = count.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!.key
        let first = CalendarDate(year: year, month: 1, day: 1).dayNumber
        let hours = (CalendarDate(year: year + 1, month: 1, day: 1).dayNumber - first) * 24
        var grid = [[Double?]](repeating: [Double?](repeating: nil, count: hours), count: areas.count)
        var seen = Set<Int>()
        for r in rows {
            let index = (r.day - first) * 24 + r.hour
            guard (0..<hours).contains(index) else { continue }
            guard seen.insert(index).inserted else {
                throw ScenarioProblems(problems: [ScenarioProblem(file: file, keyPath: "time_utc", message: "has the hour \(CalendarDate(dayNumber: r.day)) \(r.hour):00 CET twice (expected each hour once)")])
            }
            for k in areas.indices { grid[k][index] = r.values[k] }
        }
        var prices = [String: [Double]](), filled = [String: Int]()
        let de = areas.firstIndex(of: "DE").map { grid[$0] }
        for (k, area) in areas.enumerated() {
            let column = grid[k]
            guard column.contains(where: { $0 != nil }) else { continue }
            var out = column
            var n = 0
            if let de, area != "DE" {
                let both = column.indices.filter { column[$0] != nil && de[$0] != nil }
                let sumDE = both.reduce(0.0) { $0 + de[$1]! }
                if !both.isEmpty && sumDE > 0 {
                    let ratio = both.reduce(0.0) { $0 + column[$1]! } / sumDE
                    for h in out.indices where out[h] == nil { if let d = de[h] { out[h] = d * ratio; n += 1 } }
                }
            }
            var last: Double?
            for h in out.indices { if let v = out[h] { last = v } else if let l = last { out[h] = l; n += 1 } }
            var next: Double?
            for h in out.indices.reversed() { if let v = out[h] { next = v } else if let x = next { out[h] = x; n += 1 } }
            prices[area] = out.map { $0! }
            filled[area] = n
        }
        return PriceSeries(year: year, prices: prices, filled: filled, file: file)
    }

    /// `YYYY-MM-DDTHH:00:00Z` as a date and hour.
    static func utcHour(_ s: String) -> (CalendarDate, Int)? {
        let parts = s.split(separator: "T")
        guard parts.count == 2, let date = CalendarDate(parsing: String(parts[0])), date.isValid else { return nil }
        let time = parts[1]
        guard time.count == 9, time.hasSuffix(":00:00Z"), let hour = Int(time.prefix(2)), (0...23).contains(hour) else { return nil }
        return (date, hour)
    }
}
