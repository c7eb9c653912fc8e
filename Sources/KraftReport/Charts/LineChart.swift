/// Lines over a numeric x axis (hours, share of hours for duration curves), each series with its
/// own colour and dash style, and optional horizontal reference lines (thresholds, capacities).
struct LineChart {
    struct Series { var name: String; var x: [Double]; var y: [Double] }
    var series: [Series]
    var references: [(name: String, y: Double)] = []
    var xTitle: String
    var yTitle: String
    var plotHeight = 250.0
    /// When set, the y axis stops here and higher values are drawn at the top edge (price spikes
    /// would flatten everything else); the caller says so in the caption.
    var yCap: Double? = nil

    func svg(id: String, title: String) -> String {
        let frame = ChartFrame(plotHeight: plotHeight)
        var svg = SVGWriter(id: id, width: ChartFrame.width, height: frame.bottom + 60)
        let xs = series.flatMap(\.x), ys = series.flatMap(\.y).map { v in yCap.map { min(v, $0) } ?? v }
        let xScale = ChartScale(xs, pixels: (frame.left, frame.right), targetTicks: 8, exact: true)
        let yScale = ChartScale(ys, include: references.map(\.y), pixels: (frame.bottom, frame.top))
        frame.yAxis(&svg, yScale, title: yTitle)
        frame.xAxis(&svg, xScale, title: xTitle)
        var legend = [(label: String, swatch: ChartFrame.Swatch)]()
        for (k, s) in series.enumerated() {
            let colour = ChartPalette.colour(k), dash = ChartPalette.dash(k)
            svg.polyline(zip(s.x, s.y).map { x, y in (xScale.pixel(x), yScale.pixel(yCap.map { min(y, $0) } ?? y)) }, stroke: colour, width: 1.6, dash: dash)
            legend.append((s.name, .line(colour, dash: dash, width: 1.6)))
        }
        for r in references {
            let y = yScale.pixel(r.y)
            svg.line(frame.left, y, frame.right, y, stroke: "#c00", width: 1.2, dash: "5 3")
            svg.text(frame.right - 4, y - 4, "\(r.name) \(yScale.label(r.y))", anchor: .end, size: 10)
        }
        if !references.isEmpty { legend.append(("limit", .line("#c00", dash: "5 3", width: 1.2))) }
        frame.legend(&svg, legend)
        return svg.render(title: title)
    }

    /// A y limit that keeps rare spikes from flattening the rest: 1.3 × the 99th percentile, when
    /// the largest value is more than 3 times that; nil otherwise.
    static func spikeCap(_ values: [Double]) -> Double? {
        let sorted = values.filter(\.isFinite).sorted()
        guard let top = sorted.last, sorted.count >= 20 else { return nil }
        let p99 = sorted[Int(0.99 * Double(sorted.count - 1))]
        return p99 > 0 && top > 3 * p99 ? 1.3 * p99 : nil
    }

    /// A duration curve: values sorted from highest to lowest against the share of hours (%).
    static func durationCurve(_ name: String, _ values: [Double]) -> Series {
        let sorted = values.filter(\.isFinite).sorted(by: >)
        let n = Double(max(1, sorted.count))
        return Series(name: name, x: sorted.indices.map { 100 * (Double($0) + 0.5) / n }, y: sorted)
    }
}
