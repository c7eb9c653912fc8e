/// The parts every x–y chart shares: the plot area, grid lines and tick labels on both axes,
/// axis titles with units, and a legend below the plot.
struct ChartFrame {
    static let width = 760.0
    let left = 74.0, right = 744.0, top = 16.0, bottom: Double

    init(plotHeight: Double = 250) { bottom = 16 + plotHeight }

    /// One legend entry: a filled swatch, a line with a dash style, or a marker.
    enum Swatch { case fill(String), line(String, dash: String, width: Double), marker(String) }

    func yAxis(_ svg: inout SVGWriter, _ scale: ChartScale, title: String) {
        for t in scale.ticks {
            let y = scale.pixel(t)
            svg.line(left, y, right, y, stroke: t == 0 ? "#666" : "#ddd", width: t == 0 ? 1 : 0.6)
            svg.text(left - 6, y + 4, scale.label(t), anchor: .end, size: 10)
        }
        svg.text(16, (top + bottom) / 2, title, anchor: .middle, size: 11, rotate: true)
        svg.line(left, top, left, bottom, stroke: "#333")
    }

    func xAxis(_ svg: inout SVGWriter, _ scale: ChartScale, title: String) {
        for t in scale.ticks {
            let x = scale.pixel(t)
            svg.line(x, bottom, x, bottom + 4, stroke: "#333")
            svg.text(x, bottom + 16, scale.label(t), anchor: .middle, size: 10)
        }
        svg.line(left, bottom, right, bottom, stroke: "#333")
        svg.text((left + right) / 2, bottom + 32, title, anchor: .middle, size: 11)
    }

    /// Category labels under the plot (every `every`-th when they are many), and the axis title.
    func categoryAxis(_ svg: inout SVGWriter, labels: [String], centre: (Int) -> Double, title: String, every: Int = 1) {
        for (k, label) in labels.enumerated() where k % max(1, every) == 0 {
            svg.text(centre(k), bottom + 14, label, anchor: .middle, size: 10)
        }
        svg.line(left, bottom, right, bottom, stroke: "#333")
        svg.text((left + right) / 2, bottom + 32, title, anchor: .middle, size: 11)
    }

    /// Legend rows below the axis title; grows the chart to fit.
    func legend(_ svg: inout SVGWriter, _ entries: [(label: String, swatch: Swatch)]) {
        var x = left, y = bottom + 50
        for e in entries {
            let w = 34 + Double(e.label.count) * 6.2
            if x + w > right, x > left { x = left; y += 18 }
            switch e.swatch {
            case .fill(let fill): svg.rect(x, y - 9, 18, 11, fill: fill, stroke: "#333", data: false)
            case .line(let stroke, let dash, let width): svg.line(x, y - 4, x + 22, y - 4, stroke: stroke, width: width, dash: dash)
            case .marker(let fill): svg.rect(x + 5, y - 9, 10, 10, fill: fill, stroke: "#000", data: false)
            }
            svg.text(x + 26, y, e.label, size: 10.5)
            x += w
        }
        svg.grow(to: y + 12)
    }
}
