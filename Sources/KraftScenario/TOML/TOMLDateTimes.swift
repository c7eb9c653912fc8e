/// TOML dates and times (RFC 3339 profiles): offset date-time `1979-05-27T07:32:00-08:00`, local
/// date-time `1979-05-27 07:32:00.5`, local date `1979-05-27`, local time `07:32:00`. Every field
/// is range-checked: month 1–12, day within its month (leap years included), hour 0–23,
/// minute 0–59, second 0–59 (a leap second 60 is not accepted), offset up to ±23:59.
extension TOMLScanner {
    /// Whether a date (`DDDD-`) or a local time (`DD:`) starts at the read position.
    var atDateOrTime: Bool {
        guard let a = peek(), let b = peek(1), Self.isDigit(a), Self.isDigit(b) else { return false }
        if peek(2) == UInt8(ascii: ":") { return true }
        guard let c = peek(2), let d = peek(3), Self.isDigit(c), Self.isDigit(d) else { return false }
        return peek(4) == UInt8(ascii: "-")
    }

    mutating func dateOrTime() throws(TOMLError) -> ConfigValue {
        if peek(2) == UInt8(ascii: ":") { return .time(try time()) }
        let date = try self.date()
        // A time follows after 'T', 't' or a space (the space only when a digit comes next).
        guard let sep = peek(), sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t")
            || (sep == UInt8(ascii: " ") && peek(1).map(Self.isDigit) == true) else { return .date(date) }
        pos += 1
        let time = try self.time()
        return .dateTime(date, time, offsetMinutes: try offset())
    }

    private mutating func date() throws(TOMLError) -> CalendarDate {
        let start = pos
        let year = try field(4, "a four-digit year")
        try expect(UInt8(ascii: "-"), "'-' after the year")
        let month = try field(2, "a two-digit month")
        try expect(UInt8(ascii: "-"), "'-' after the month")
        let day = try field(2, "a two-digit day")
        guard (1...12).contains(month) else { throw error("month \(month) does not exist (expected 01 to 12)", at: start + 5) }
        let days = CalendarDate.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            throw error("day \(day) does not exist in \(year)-\(String(format2: month)) (expected 01 to \(days))", at: start + 8)
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    private mutating func time() throws(TOMLError) -> TimeOfDay {
        let start = pos
        let hour = try field(2, "a two-digit hour")
        try expect(UInt8(ascii: ":"), "':' after the hour")
        let minute = try field(2, "a two-digit minute")
        try expect(UInt8(ascii: ":"), "':' after the minute (TOML 1.0 requires seconds)")
        let second = try field(2, "two-digit seconds")
        var nanosecond = 0
        if peek() == UInt8(ascii: ".") {
            pos += 1
            var digits = 0
            while let b = peek(), Self.isDigit(b) {
                if digits < 9 { nanosecond = nanosecond * 10 + Int(b - 0x30) }
                digits += 1
                pos += 1
            }
            guard digits > 0 else { throw error("expected digits after the decimal point of the seconds, found \(found())") }
            for _ in min(digits, 9)..<9 { nanosecond *= 10 }
        }
        guard hour <= 23 else { throw error("hour \(hour) does not exist (expected 00 to 23)", at: start) }
        guard minute <= 59 else { throw error("minute \(minute) does not exist (expected 00 to 59)", at: start + 3) }
        guard second <= 59 else { throw error("second \(second) does not exist (expected 00 to 59)", at: start + 6) }
        return TimeOfDay(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    /// `Z`, `z` or `±HH:MM` in minutes; nil when none is written (a local date-time).
    private mutating func offset() throws(TOMLError) -> Int? {
        guard let b = peek() else { return nil }
        if b == UInt8(ascii: "Z") || b == UInt8(ascii: "z") { pos += 1; return 0 }
        guard b == UInt8(ascii: "+") || b == UInt8(ascii: "-") else { return nil }
        let start = pos
        pos += 1
        let hours = try field(2, "a two-digit hour in the offset")
        try expect(UInt8(ascii: ":"), "':' in the offset")
        let minutes = try field(2, "two-digit minutes in the offset")
        guard hours <= 23, minutes <= 59 else {
            throw error("offset \(String(format2: hours)):\(String(format2: minutes)) does not exist (expected 00:00 to 23:59)", at: start)
        }
        return (b == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
    }

    /// Exactly `count` decimal digits.
    private mutating func field(_ count: Int, _ what: String) throws(TOMLError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let b = peek(), Self.isDigit(b) else { throw error("expected \(what), found \(found())") }
            value = value * 10 + Int(b - 0x30)
            pos += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(TOMLError) {
        guard peek() == byte else { throw error("expected \(what), found \(found())") }
        pos += 1
    }
}
