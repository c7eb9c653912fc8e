#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A monotonic wall-clock timer for per-phase timings, in milliseconds.
public struct Stopwatch: Sendable {
    private var start: UInt64

    public init() { start = Stopwatch.nanoseconds() }

    /// Milliseconds since creation or the last `lap()`, and restarts.
    public mutating func lap() -> Double {
        let now = Stopwatch.nanoseconds()
        defer { start = now }
        return Double(now &- start) / 1e6
    }

    /// Milliseconds since creation or the last `lap()`.
    public var elapsed: Double { Double(Stopwatch.nanoseconds() &- start) / 1e6 }

    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
