import Foundation
import KraftScenario

/// A sample mean with its 95 % confidence interval (normal approximation: mean ± 1.96 standard
/// errors, the lower end held at 0 for quantities that cannot be negative).
public struct Estimate: Sendable, Equatable {
    public var mean: Double
    public var standardError: Double
    public var low: Double { max(mean - 1.96 * standardError, 0) }
    public var high: Double { mean + 1.96 * standardError }

    public init(mean: Double, standardError: Double) {
        self.mean = mean
        self.standardError = standardError
    }

    /// The mean of `values` and its standard error (0 for fewer than two values).
    public init(_ values: [Double]) {
        let n = Double(values.count)
        guard n > 0 else { self.init(mean: 0, standardError: 0); return }
        let mean = values.reduce(0, +) / n
        guard n > 1 else { self.init(mean: mean, standardError: 0); return }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        self.init(mean: mean, standardError: (variance / n).squareRoot())
    }
}

/// The statistics of a study, per zone and for the country, from its samples in sample order
/// (so they are the same whatever threads or shards computed the samples).
public struct AdequacySummary: Sendable {
    public struct Area: Sendable {
        public var name: String
        /// Loss-of-load expectation, h/year.
        public var lole: Estimate
        /// Expected energy not served, MWh/year.
        public var eens: Estimate
        /// Loss-of-load events per year.
        public var events: Estimate
        /// Mean event duration, h (total loss hours / total events; standard error by the delta
        /// method for a ratio of means); nil without events.
        public var duration: Estimate?
        /// Sampled years with any loss of load.
        public var yearsWithLoss: Int
        /// Longest event in any sample, h.
        public var longestEventHours: Int
        /// Expected loss hours per year by month (1…12) and hour of day (0…23), `[month−1][hour]`.
        public var byMonthAndHour: [[Double]]
    }

    public var samples: Int
    public var firstSample: Int
    public var zones: [Area]
    public var country: Area
    /// The country's strategic reserve: expected hours and MWh a year it saved load.
    public var reserveHours: Estimate
    public var reserveMWh: Estimate

    public init(results: [AdequacySampleResult], zones: [String], countryName: String, start: CalendarDate) {
        samples = results.count
        firstSample = results.map(\.sample).min() ?? 0
        let n = Double(max(results.count, 1))
        // Month of each hour of the year.
        let monthOfHour: (Int) -> Int = { h in CalendarDate(dayNumber: start.dayNumber + h / 24).month }
        func area(_ a: Int, _ name: String) -> Area {
            let hours = results.map { Double($0.lossHours[a]) }
            let events = results.map { Double($0.events[a]) }
            var grid = [[Double]](repeating: [Double](repeating: 0, count: 24), count: 12)
            var longest = 0
            for r in results {
                var run = 0, last = -2
                for h in r.shortHours[a] {
                    grid[monthOfHour(h) - 1][h % 24] += 1 / n
                    run = h == last + 1 ? run + 1 : 1
                    longest = max(longest, run)
                    last = h
                }
            }
            var duration: Estimate?
            let totalEvents = events.reduce(0, +)
            if totalEvents > 0 {
                let ratio = hours.reduce(0, +) / totalEvents
                let meanEvents = totalEvents / n
                let residuals = zip(hours, events).map { $0 - ratio * $1 }
                let e = Estimate(residuals)
                duration = Estimate(mean: ratio, standardError: e.standardError / meanEvents)
            }
            return Area(name: name, lole: Estimate(hours), eens: Estimate(results.map { $0.unservedMWh[a] }),
                        events: Estimate(events), duration: duration, yearsWithLoss: results.filter { $0.lossHours[a] > 0 }.count,
                        longestEventHours: longest, byMonthAndHour: grid)
        }
        self.zones = zones.indices.map { area($0, zones[$0]) }
        country = area(zones.count, countryName)
        reserveHours = Estimate(results.map { Double($0.reserveHours) })
        reserveMWh = Estimate(results.map(\.reserveMWh))
    }
}

extension AdequacySummary.Area {
    /// The (month, hour of day) cells with the most expected loss hours, largest first.
    public func concentration(top: Int) -> [(month: Int, hour: Int, hours: Double)] {
        var cells = [(month: Int, hour: Int, hours: Double)]()
        for m in 0..<12 { for h in 0..<24 where byMonthAndHour[m][h] > 0 { cells.append((m + 1, h, byMonthAndHour[m][h])) } }
        return Array(cells.sorted { ($0.hours, -$0.month, -$0.hour) > ($1.hours, -$1.month, -$1.hour) }.prefix(top))
    }
}
