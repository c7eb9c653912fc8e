/// Vertical bars, one per category, stacked by series (e.g. zones × technologies, in TWh), with
/// an optional marker per category (e.g. the zone's load) drawn as a black bar across.
struct StackedBarChart {
    var categories: [String]
    var series: [(name: String, colour: String, values: [Double])]
    var marker: (name: String, values: [Double])? = nil
    var categoryTitle: String
    var valueTitle: String
    /// Label every n-th category (many weeks).
    var labelEvery = 1

    func svg(id: String, title: String) -> String {
        let frame = ChartFrame()
        var svg = SVGWriter(id: id, width: ChartFrame.width, height: frame.bottom + 60)
        let totals = categories.indices.map { c in series.map { max(0, $0.values[c]) }.reduce(0, +) }
        let scale = ChartScale(totals + (marker?.values ?? []), include: [0], pixels: (frame.bottom, frame.top))
        frame.yAxis(&svg, scale, title: valueTitle)
        let slot = (frame.right - frame.left) / Double(max(1, categories.count))
        let barWidth = max(2, slot * 0.7)
        func centre(_ c: Int) -> Double { frame.left + slot * (Double(c) + 0.5) }
        let fills = series.indices.map { k in ChartPalette.fill(k, colour: series[k].colour, in: &svg) }
        for c in categories.indices {
            var base = 0.0
            for (k, s) in series.enumerated() where s.values[c] > 0 {
                let y0 = scale.pixel(base), y1 = scale.pixel(base + s.values[c])
                svg.rect(centre(c) - barWidth / 2, y1, barWidth, y0 - y1, fill: fills[k], stroke: "#333",
                         title: "\(categories[c]) \(s.name): \(fixed(s.values[c], 3))")
                base += s.values[c]
            }
            if let marker, marker.values[c].isFinite {
                let y = scale.pixel(marker.values[c])
                svg.line(centre(c) - barWidth / 2 - 3, y, centre(c) + barWidth / 2 + 3, y, stroke: "#000", width: 2.5, data: true,
                         title: "\(categories[c]) \(marker.name): \(fixed(marker.values[c], 3))")
            }
        }
        frame.categoryAxis(&svg, labels: categories, centre: centre, title: categoryTitle, every: labelEvery)
        var legend = series.indices.map { (series[$0].name, ChartFrame.Swatch.fill(fills[$0])) }
        if let marker { legend.append((marker.name, .line("#000", dash: "", width: 2.5))) }
        frame.legend(&svg, legend)
        return svg.render(title: title)
    }
}
