import Foundation

/// A small seeded pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014): the same seed
/// gives the same integer stream on every machine and Swift version, which Foundation's random
/// sources do not promise. The synthetic profiles draw every random number from it.
struct SplitMix64 {
    private(set) var state: UInt64
    /// The second normal of the last Box–Muller pair, not yet returned.
    private var spare: Double?

    init(state: UInt64) { self.state = state }

    /// An independent stream for one purpose: the seed mixed with a name such as
    /// `"2030/wind/SE3"` (FNV-1a), so a zone's series does not depend on which other zones are asked for.
    init(seed: Int, stream: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = SplitMix64(state: UInt64(bitPattern: Int64(seed)) ^ h)
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1): 53 random bits, never exactly 0.
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller, both values of each pair used in turn).
    mutating func gaussian() -> Double {
        if let s = spare {
            spare = nil
            return s
        }
        let r = (-2 * log(uniform())).squareRoot(), angle = 2 * Double.pi * uniform()
        spare = r * sin(angle)
        return r * cos(angle)
    }

    /// `count` standard normal draws.
    mutating func gaussians(_ count: Int) -> [Double] { (0..<count).map { _ in gaussian() } }

    /// A stationary first-order autoregressive series with unit variance and lag-one correlation
    /// `phi`, driven by standard normal `innovations`: x₀ = ε₀, xₜ = φ·xₜ₋₁ + √(1−φ²)·εₜ.
    /// Innovations that are `√ρ·common + √(1−ρ)·own` give series correlated ρ across zones.
    static func ar1(_ innovations: [Double], phi: Double) -> [Double] {
        var out = innovations
        let k = (1 - phi * phi).squareRoot()
        for t in out.indices.dropFirst() { out[t] = phi * out[t - 1] + k * innovations[t] }
        return out
    }

    /// `√ρ·common + √(1−ρ)·own`, element by element: standard normal again, correlated ρ with `common`.
    static func mix(common: [Double], own: [Double], rho: Double) -> [Double] {
        let a = rho.squareRoot(), b = (1 - rho).squareRoot()
        return zip(common, own).map { a * $0 + b * $1 }
    }
}
