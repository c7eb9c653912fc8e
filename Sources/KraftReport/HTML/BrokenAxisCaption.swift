extension HTMLReport {
    /// The sentence a caption needs when the chart's y axis is broken (`LineChart.breakAxis`):
    /// where, and how many values lie above the break; empty when it is not broken.
    static func brokenAxisNote(_ chart: LineChart, unit: String, what: String) -> String {
        guard let split = chart.split else { return "" }
        let values = chart.series.flatMap(\.y).filter(\.isFinite)
        let above = values.filter { $0 >= split.above }
        return " The price axis is broken between \(fixed(split.below, 0)) and \(fixed(split.above, 0)) \(unit) so that normal prices read at a normal scale:"
            + " the upper band holds the \(above.count) \(what) "
            + ((above.max() ?? split.above) > split.above ? "from \(fixed(split.above, 0)) to \(fixed(above.max()!, 0)) \(unit)" : "at \(fixed(split.above, 0)) \(unit)")
            + " (\(fixed(100 * Double(above.count) / Double(max(1, values.count)), 1)) % of them)."
    }
}
