/// One hour of a study: a calendar date and the hour that starts at `hour:00` local time.
public struct Moment: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var date: CalendarDate
    public var hour: Int

    public init(date: CalendarDate, hour: Int) {
        self.date = date
        self.hour = hour
    }

    /// The moment `hour` hours after 1970-01-01 00:00.
    public init(absoluteHour hour: Int) {
        let day = hour >= 0 ? hour / 24 : (hour - 23) / 24
        self.init(date: CalendarDate(dayNumber: day), hour: hour - day * 24)
    }

    /// Parses `2030-01-15T08:00` (minutes must be 00: the model is hourly).
    public init?(parsing text: String) {
        let parts = text.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let d = parts[0].split(separator: "-").compactMap { Int($0) }
        let t = parts[1].split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, (1...2).contains(t.count), t.allSatisfy({ $0 >= 0 }), (0...23).contains(t[0]),
              t.count == 1 || t[1] == 0 else { return nil }
        let date = CalendarDate(year: d[0], month: d[1], day: d[2])
        guard date.isValid else { return nil }
        self.init(date: date, hour: t[0])
    }

    /// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
    public var weekday: Int { ((date.dayNumber % 7) + 7 + 3) % 7 }

    /// Day of the year, 1-based.
    public var dayOfYear: Int { date.dayNumber - CalendarDate(year: date.year, month: 1, day: 1).dayNumber + 1 }

    public var description: String { "\(date)T\(hour < 10 ? "0" : "")\(hour):00" }

    public static func < (a: Moment, b: Moment) -> Bool { (a.date, a.hour) < (b.date, b.hour) }
}
