/// One vertical range per category (lowest to highest, e.g. voltage per bus) with a dot at the
/// mean, and optional limit lines.
struct RangeChart {
    var categories: [String]
    var low: [Double]
    var high: [Double]
    var mean: [Double?]
    var limits: [(name: String, y: Double)] = []
    var categoryTitle: String
    var valueTitle: String
    var labelEvery = 1

    func svg(id: String, title: String) -> String {
        let frame = ChartFrame()
        var svg = SVGWriter(id: id, width: ChartFrame.width, height: frame.bottom + 60)
        let scale = ChartScale(low + high, include: limits.map(\.y), pixels: (frame.bottom, frame.top))
        frame.yAxis(&svg, scale, title: valueTitle)
        let slot = (frame.right - frame.left) / Double(max(1, categories.count))
        func centre(_ c: Int) -> Double { frame.left + slot * (Double(c) + 0.5) }
        let w = max(3, min(14, slot * 0.55))
        for c in categories.indices {
            let y1 = scale.pixel(high[c]), y0 = scale.pixel(low[c])
            svg.rect(centre(c) - w / 2, y1, w, max(1, y0 - y1), fill: "#56b4e9", stroke: "#0072b2",
                     title: "\(categories[c]): \(fixed(low[c], 4)) to \(fixed(high[c], 4))")
            if let m = mean[c] { svg.circle(centre(c), scale.pixel(m), r: 2.2, fill: "#000", title: "\(categories[c]) mean \(fixed(m, 4))") }
        }
        for l in limits {
            let y = scale.pixel(l.y)
            svg.line(frame.left, y, frame.right, y, stroke: "#c00", width: 1.2, dash: "5 3")
            svg.text(frame.right - 4, y - 4, "\(l.name) \(scale.label(l.y))", anchor: .end, size: 10)
        }
        frame.categoryAxis(&svg, labels: categories, centre: centre, title: categoryTitle, every: labelEvery)
        var legend: [(label: String, swatch: ChartFrame.Swatch)] = [("lowest to highest", .fill("#56b4e9")), ("mean", .marker("#000"))]
        if !limits.isEmpty { legend.append(("limit", .line("#c00", dash: "5 3", width: 1.2))) }
        frame.legend(&svg, legend)
        return svg.render(title: title)
    }
}
