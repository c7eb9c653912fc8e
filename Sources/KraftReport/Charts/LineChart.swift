/// Lines over a numeric x axis (hours, share of hours for duration curves), each series with its
/// own colour and dash style, and optional horizontal reference lines (thresholds, capacities).
struct LineChart {
    struct Series { var name: String; var x: [Double]; var y: [Double] }
    var series: [Series]
    var references: [(name: String, y: Double)] = []
    var xTitle: String
    var yTitle: String
    var plotHeight = 250.0
    /// When true and a few values lie far above the rest (`BrokenAxis.split`: prices at the value
    /// of lost load), the y axis is broken in two bands so the rest read at a normal scale.
    var breakAxis = false

    /// Where the y axis breaks, or nil when it does not.
    var split: (below: Double, above: Double)? { breakAxis ? BrokenAxis.split(series.flatMap(\.y)) : nil }

    func svg(id: String, title: String) -> String {
        let frame = ChartFrame(plotHeight: plotHeight)
        var svg = SVGWriter(id: id, width: ChartFrame.width, height: frame.bottom + 60)
        let xs = series.flatMap(\.x), ys = series.flatMap(\.y)
        let xScale = ChartScale(xs, pixels: (frame.left, frame.right), targetTicks: 8, exact: true)
        let yPixel: (Double) -> Double, yLabel: (Double) -> String
        if let split {
            let axis = BrokenAxis(ys, split: split, include: references.map(\.y), bottom: frame.bottom, top: frame.top)
            axis.draw(&svg, frame, title: yTitle)
            yPixel = axis.pixel
            yLabel = { $0 <= axis.lower.high ? axis.lower.label($0) : axis.upper.label($0) }
        } else {
            let yScale = ChartScale(ys, include: references.map(\.y), pixels: (frame.bottom, frame.top))
            frame.yAxis(&svg, yScale, title: yTitle)
            yPixel = yScale.pixel
            yLabel = yScale.label
        }
        frame.xAxis(&svg, xScale, title: xTitle)
        var legend = [(label: String, swatch: ChartFrame.Swatch)]()
        for (k, s) in series.enumerated() {
            let colour = ChartPalette.colour(k), dash = ChartPalette.dash(k)
            svg.polyline(zip(s.x, s.y).map { x, y in (xScale.pixel(x), yPixel(y)) }, stroke: colour, width: 1.6, dash: dash)
            legend.append((s.name, .line(colour, dash: dash, width: 1.6)))
        }
        for r in references {
            let y = yPixel(r.y)
            svg.line(frame.left, y, frame.right, y, stroke: "#c00", width: 1.2, dash: "5 3")
            svg.text(frame.right - 4, y - 4, "\(r.name) \(yLabel(r.y))", anchor: .end, size: 10)
        }
        if !references.isEmpty { legend.append(("limit", .line("#c00", dash: "5 3", width: 1.2))) }
        frame.legend(&svg, legend)
        return svg.render(title: title)
    }

    /// A duration curve: values sorted from highest to lowest against the share of hours (%).
    static func durationCurve(_ name: String, _ values: [Double]) -> Series {
        let sorted = values.filter(\.isFinite).sorted(by: >)
        let n = Double(max(1, sorted.count))
        return Series(name: name, x: sorted.indices.map { 100 * (Double($0) + 0.5) / n }, y: sorted)
    }
}
