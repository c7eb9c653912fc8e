/// A grid of cells, rows × columns (e.g. branches × weeks), shaded by value on a light-to-dark
/// ramp from 0 to `maximum`; a missing value (no rating) is a hatched grey cell. A colour bar
/// with ticks is the legend.
struct HeatmapChart {
    var rows: [String]
    var columns: [String]
    var values: [[Double?]]
    var maximum: Double
    var columnTitle: String
    var valueTitle: String
    var missingLabel = "no value"

    func svg(id: String, title: String) -> String {
        let left = 128.0, right = 744.0, top = 12.0
        let cellHeight = max(4, min(14, 520 / Double(max(1, rows.count))))
        let bottom = top + cellHeight * Double(rows.count)
        var svg = SVGWriter(id: id, width: ChartFrame.width, height: bottom + 110)
        let missing = "\(id)-missing"
        svg.define("<pattern id=\"\(missing)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"#eee\"/><path d=\"M0,5 L5,0\" stroke=\"#999\" stroke-width=\"0.8\"/></pattern>")
        let cellWidth = (right - left) / Double(max(1, columns.count))
        let labelEvery = max(1, Int((10 / cellHeight).rounded(.up)))
        for (r, name) in rows.enumerated() {
            let y = top + cellHeight * Double(r)
            if r % labelEvery == 0 { svg.text(left - 4, y + cellHeight * 0.8, name, anchor: .end, size: min(10, cellHeight * Double(labelEvery) * 0.9)) }
            for (c, column) in columns.enumerated() {
                let v = values[r][c]
                svg.rect(left + cellWidth * Double(c), y, cellWidth, cellHeight,
                         fill: v.map { ChartPalette.ramp($0 / maximum) } ?? "url(#\(missing))", stroke: "#fff",
                         title: "\(name), \(column): \(v.map { fixed($0, 1) } ?? missingLabel)")
            }
        }
        let labelColumns = max(1, columns.count / 12)
        for (c, column) in columns.enumerated() where c % labelColumns == 0 {
            svg.text(left + cellWidth * (Double(c) + 0.5), bottom + 14, column, anchor: .middle, size: 10)
        }
        svg.text((left + right) / 2, bottom + 30, columnTitle, anchor: .middle, size: 11)
        // colour bar
        let barLeft = left, barRight = left + 300, barY = bottom + 48
        let steps = 30
        for k in 0..<steps {
            let x = barLeft + (barRight - barLeft) * Double(k) / Double(steps)
            svg.rect(x, barY, (barRight - barLeft) / Double(steps) + 0.3, 12, fill: ChartPalette.ramp((Double(k) + 0.5) / Double(steps)), data: false)
        }
        let scale = ChartScale([0, maximum], pixels: (barLeft, barRight), targetTicks: 4, exact: true)
        for t in scale.ticks {
            svg.line(scale.pixel(t), barY + 12, scale.pixel(t), barY + 16, stroke: "#333")
            svg.text(scale.pixel(t), barY + 27, scale.label(t), anchor: .middle, size: 10)
        }
        svg.text(barRight + 10, barY + 10, valueTitle, size: 10.5)
        svg.rect(barRight + 10, barY + 18, 18, 11, fill: "url(#\(missing))", stroke: "#333", data: false)
        svg.text(barRight + 34, barY + 27, missingLabel, size: 10.5)
        return svg.render(title: title)
    }
}
