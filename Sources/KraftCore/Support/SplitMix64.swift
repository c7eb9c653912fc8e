import Foundation

/// A small seeded pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014): the same seed
/// gives the same integer stream on every machine and Swift version, which Foundation's random
/// sources do not promise. The synthetic profiles and the adequacy study draw every random number
/// from it, and the tests' generated inputs too (one generator for all, checked against the
/// reference output in `SplitMix64Tests`).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64
    /// The second normal of the last Box–Muller pair, not yet returned.
    private var spare: Double?

    public init(state: UInt64) { self.state = state }

    /// An independent stream for one purpose: the seed mixed with a name such as
    /// `"2030/wind/SE3"` (FNV-1a), so a zone's series does not depend on which other zones are asked for.
    public init(seed: Int, stream: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = SplitMix64(state: UInt64(bitPattern: Int64(seed)) ^ h)
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1): 53 random bits, never exactly 0.
    public mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller, both values of each pair used in turn).
    public mutating func gaussian() -> Double {
        if let s = spare {
            spare = nil
            return s
        }
        let r = (-2 * log(uniform())).squareRoot(), angle = 2 * Double.pi * uniform()
        spare = r * sin(angle)
        return r * cos(angle)
    }

    /// `count` standard normal draws.
    public mutating func gaussians(_ count: Int) -> [Double] { (0..<count).map { _ in gaussian() } }
}
