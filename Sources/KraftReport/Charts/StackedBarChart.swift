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
    /// Labels under the axis in place of the category names (an hour's bar is named by its time,
    /// labelled by its day); "" leaves a category unlabelled.
    var axisLabels: [String]? = nil
    /// Categories marked by a hatched grey band behind their bar (hours without an AC solution), and the legend's name for it.
    var flagged: (name: String, categories: [Bool])? = nil

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
        let flagFill = "url(#\(id)-flag)"
        if let flagged {
            svg.define("<pattern id=\"\(id)-flag\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#e4e4e4\"/><path d=\"M0,6 L6,0\" stroke=\"#999\" stroke-width=\"1\"/></pattern>")
            for c in categories.indices where c < flagged.categories.count && flagged.categories[c] {
                svg.rect(centre(c) - slot / 2, frame.top, slot, frame.bottom - frame.top, fill: flagFill, title: "\(categories[c]): \(flagged.name)")
            }
        }
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
        frame.categoryAxis(&svg, labels: axisLabels ?? categories, centre: centre, title: categoryTitle, every: labelEvery)
        var legend = series.indices.map { (series[$0].name, ChartFrame.Swatch.fill(fills[$0])) }
        if let marker { legend.append((marker.name, .line("#000", dash: "", width: 2.5))) }
        if let flagged, flagged.categories.contains(true) { legend.append((flagged.name, .fill(flagFill))) }
        frame.legend(&svg, legend)
        return svg.render(title: title)
    }
}
