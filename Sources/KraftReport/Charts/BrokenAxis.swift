/// A y axis broken in two linear bands: the lower band, most of the plot's height, holds the
/// bulk of the values (normal prices), the upper band the few far above them (hours priced at
/// the value of lost load), with a gap and break marks between. Every value keeps its place on
/// its own band, so nothing is clipped, and normal prices are read at a normal scale.
struct BrokenAxis {
    let lower: ChartScale
    let upper: ChartScale
    /// The pixel rows of the break: the lower band's top edge and the upper band's bottom edge.
    let lowerTop: Double
    let upperBottom: Double

    /// Where to break `values`, or nil when one linear axis reads well: between the two
    /// consecutive distinct values (sorted) whose gap is the largest multiple of the span of the
    /// values below it, when that gap is more than that whole span (unbroken, the values below
    /// would take less than half the height) and at least half the values lie below it (the
    /// bulk is what the lower band is for).
    static func split(_ values: [Double]) -> (below: Double, above: Double)? {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, sorted.count >= 2 else { return nil }
        var best: (ratio: Double, below: Double, above: Double)?
        for i in 0..<(sorted.count - 1) where sorted[i + 1] > sorted[i] && Double(i + 1) >= 0.5 * Double(sorted.count) {
            let gap = sorted[i + 1] - sorted[i], span = sorted[i] - first
            let ratio = span > 0 ? gap / span : .infinity
            if ratio > 1, ratio > best?.ratio ?? 0 { best = (ratio, sorted[i], sorted[i + 1]) }
        }
        return best.map { ($0.below, $0.above) }
    }

    /// Bands for `values` broken at `split`, the lower band `share` of the height between `bottom` and `top`.
    /// `include` values (references, 0) below the split stay inside the lower band.
    init(_ values: [Double], split: (below: Double, above: Double), include: [Double] = [], bottom: Double, top: Double, share: Double = 0.7) {
        let gap = 14.0
        lowerTop = bottom - (bottom - top - gap) * share
        upperBottom = lowerTop - gap
        let finite = values.filter(\.isFinite)
        let lower = ChartScale(finite.filter { $0 <= split.below } + include.filter { $0 <= split.below }, pixels: (bottom, lowerTop), targetTicks: 5)
        // The upper band reaches down to the lower band's top (its ticks below that are not drawn),
        // so every value has one place.
        let lowerHigh = lower.high
        let above = finite.filter { $0 > lowerHigh } + include.filter { $0 > lowerHigh }
        self.lower = lower
        upper = ChartScale(above + [lowerHigh], pixels: (upperBottom, top), targetTicks: 3)
    }

    func pixel(_ v: Double) -> Double { v <= lower.high ? lower.pixel(v) : upper.pixel(v) }

    /// Grid lines and tick labels of both bands, the axis line in two pieces and the break marks.
    func draw(_ svg: inout SVGWriter, _ frame: ChartFrame, title: String) {
        for (scale, from, to) in [(lower, frame.bottom, lowerTop), (upper, upperBottom, frame.top)] {
            for t in scale.ticks where scale.pixelLow == frame.bottom || t > lower.high {
                let y = scale.pixel(t)
                svg.line(frame.left, y, frame.right, y, stroke: t == 0 ? "#666" : "#ddd", width: t == 0 ? 1 : 0.6)
                svg.text(frame.left - 6, y + 4, scale.label(t), anchor: .end, size: 10)
            }
            svg.line(frame.left, from, frame.left, to, stroke: "#333")
        }
        // two slanted strokes across the axis and a dashed line across the plot: the axis is broken here
        for y in [lowerTop, upperBottom] { svg.line(frame.left - 6, y + 3, frame.left + 6, y - 3, stroke: "#333", width: 1.2) }
        svg.line(frame.left, (lowerTop + upperBottom) / 2, frame.right, (lowerTop + upperBottom) / 2, stroke: "#999", width: 0.8, dash: "2 4")
        svg.text(16, (frame.top + frame.bottom) / 2, title, anchor: .middle, size: 11, rotate: true)
    }
}
