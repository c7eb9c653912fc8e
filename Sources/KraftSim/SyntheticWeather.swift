import Foundation

/// A seeded synthetic weather year: hourly load factors and wind and solar availability, the
/// same for the same seed, zone and hour. A placeholder shape until the calibrated generator of
/// the year-long simulation replaces it; every output made from it says it is synthetic.
///
/// - Load: relative to the grid's own loads, which stand for a winter weekday peak: a seasonal
///   swing (mid-January 1.0, mid-July 0.5), a daily swing (0.88 at 03:00 to 1.0 at 15:00),
///   weekends 7 % lower, ±2 % noise.
/// - Wind: a capacity factor around 0.32, higher in winter, with day-to-day and hourly noise.
/// - Solar: clear-sky output from the sun's elevation at the zone's latitude, times a cloudiness draw.
public struct SyntheticWeather: Sendable {
    public let seed: Int

    public init(seed: Int) { self.seed = seed }

    public func loadFactor(zone: String, at m: Moment) -> Double {
        let season = 0.75 + 0.25 * cos(2 * .pi * Double(m.dayOfYear - 15) / 365)
        let daily = 1 - 0.12 * (cos(2 * .pi * Double(m.hour - 3) / 24) + 1) / 2
        let weekend = m.weekday >= 5 ? 0.93 : 1
        return season * daily * weekend * (1 + 0.02 * noise(zone, "load", m.date.dayNumber * 24 + m.hour))
    }

    public func windAvailability(zone: String, at m: Moment) -> Double {
        let season = 0.06 * cos(2 * .pi * Double(m.dayOfYear - 15) / 365)
        let daily = 0.22 * noise(zone, "wind-day", m.date.dayNumber)
        let hourly = 0.06 * noise(zone, "wind-hour", m.date.dayNumber * 24 + m.hour)
        return min(max(0.32 + season + daily + hourly, 0), 1)
    }

    public func solarAvailability(zone: String, latitude: Double, at m: Moment) -> Double {
        let declination = 23.44 * Double.pi / 180 * sin(2 * .pi * Double(284 + m.dayOfYear) / 365)
        let hourAngle = Double.pi / 12 * (Double(m.hour) + 0.5 - 12)
        let phi = latitude * .pi / 180
        let elevation = asin(sin(phi) * sin(declination) + cos(phi) * cos(declination) * cos(hourAngle))
        guard elevation > 0 else { return 0 }
        let clouds = 0.55 + 0.45 * (noise(zone, "cloud", m.date.dayNumber) + 1) / 2
        return min(0.85 * sin(elevation) * clouds, 1)
    }

    /// A deterministic draw in [−1, 1] (SplitMix64 of seed, stream and index).
    private func noise(_ zone: String, _ stream: String, _ index: Int) -> Double {
        var h = UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15
        for byte in (zone + "/" + stream).utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        h ^= UInt64(bitPattern: Int64(index)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return Double(h >> 11) / Double(1 << 52) - 1
    }
}
