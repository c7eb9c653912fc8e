import KraftCore

extension SplitMix64 {
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
