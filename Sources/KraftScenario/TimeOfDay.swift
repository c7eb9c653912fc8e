/// A time of day without a date or zone, as TOML writes local times (`07:32:00.999999`), to the
/// nanosecond. The range of each field is checked where one is read.
public struct TimeOfDay: Hashable, Sendable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Fractional second in nanoseconds (TOML allows more digits; those are truncated).
    public var nanosecond: Int

    public init(hour: Int, minute: Int, second: Int = 0, nanosecond: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// `HH:MM:SS`, with as many fraction digits as needed (none when whole).
    public var description: String {
        var text = "\(String(format2: hour)):\(String(format2: minute)):\(String(format2: second))"
        if nanosecond > 0 {
            var digits = String(nanosecond)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }
}
