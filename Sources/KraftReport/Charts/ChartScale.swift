import Foundation

/// A linear axis: data range widened to round tick values (1, 2 or 5 × 10^k), and a map from
/// data values to pixels.
struct ChartScale {
    let low: Double
    let high: Double
    let ticks: [Double]
    let step: Double
    let pixelLow: Double
    let pixelHigh: Double

    /// `values` may contain non-finite numbers; they are ignored. `include` values (e.g. 0, a
    /// threshold) are always inside the range.
    init(_ values: [Double], include: [Double] = [], pixels: (Double, Double), targetTicks: Int = 5, exact: Bool = false) {
        let finite = (values + include).filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if hi - lo < 1e-12 { lo -= max(1, abs(lo) * 0.1); hi += max(1, abs(hi) * 0.1) }
        let raw = (hi - lo) / Double(max(1, targetTicks))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        if !exact {
            lo = floor(lo / step) * step
            hi = ceil(hi / step) * step
        }
        var ticks = [Double]()
        var t = ceil(lo / step - 1e-9) * step
        while t <= hi + step * 1e-9 { ticks.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        self.low = lo
        self.high = hi
        self.ticks = ticks
        self.step = step
        pixelLow = pixels.0
        pixelHigh = pixels.1
    }

    func pixel(_ v: Double) -> Double { pixelLow + (v - low) / (high - low) * (pixelHigh - pixelLow) }

    /// A tick label with as many decimals as the step needs.
    func label(_ v: Double) -> String { fixed(v, max(0, Int(-floor(log10(step) + 1e-9)))) }
}
