/// Colours, fill patterns and dash styles that stay distinguishable in grey-scale print: series
/// colours differ in lightness, and every other series also carries a hatch, dot or dash.
enum ChartPalette {
    /// Colour-blind-safe (Okabe–Ito) colours plus greys, ordered so neighbours differ in lightness.
    static let colours = ["#0072b2", "#f0e442", "#d55e00", "#56b4e9", "#009e73", "#e69f00", "#555555", "#cc79a7", "#bbbbbb", "#000000"]
    static let dashes = ["", "6 3", "2 3", "9 3 2 3", "12 4", "4 2 1 2", "1 2", "8 2 8 6", "3 6", "14 3 3 3"]

    static let technologyColour: [String: String] = [
        "nuclear": "#f0e442", "hydro": "#0072b2", "wind": "#56b4e9", "solar": "#e69f00", "small_hydro": "#009e73",
        "chp": "#cc79a7", "thermal": "#555555", "other": "#bbbbbb",
    ]

    static func colour(_ k: Int) -> String { colours[k % colours.count] }
    static func dash(_ k: Int) -> String { dashes[k % dashes.count] }

    enum Pattern: CaseIterable { case solid, diagonal, dots, cross, horizontal }
    static func pattern(_ k: Int) -> Pattern { [Pattern.solid, .diagonal, .solid, .dots, .cross, .horizontal][k % 6] }

    /// The fill for series `k`: a plain colour, or the id of a pattern defined in `svg`.
    static func fill(_ k: Int, colour: String, in svg: inout SVGWriter) -> String {
        let pattern = pattern(k)
        guard pattern != .solid else { return colour }
        let pid = "\(svg.id)-p\(k)"
        var marks: String
        switch pattern {
        case .diagonal: marks = "<path d=\"M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5\" stroke=\"#000\" stroke-opacity=\"0.55\" stroke-width=\"1\"/>"
        case .dots: marks = "<circle cx=\"3\" cy=\"3\" r=\"1.1\" fill=\"#000\" fill-opacity=\"0.6\"/>"
        case .cross: marks = "<path d=\"M0,3 L6,3 M3,0 L3,6\" stroke=\"#fff\" stroke-opacity=\"0.8\" stroke-width=\"1\"/>"
        case .horizontal: marks = "<path d=\"M0,1.5 L6,1.5 M0,4.5 L6,4.5\" stroke=\"#000\" stroke-opacity=\"0.45\" stroke-width=\"0.8\"/>"
        case .solid: marks = ""
        }
        svg.define("<pattern id=\"\(pid)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"\(colour)\"/>\(marks)</pattern>")
        return "url(#\(pid))"
    }

    /// Sequential ramp from light yellow to dark red-brown for 0...1 (lightness falls monotonically).
    static func ramp(_ t: Double) -> String {
        let stops: [(Double, Double, Double)] = [(255, 247, 188), (254, 196, 79), (236, 112, 20), (204, 76, 2), (102, 37, 6)]
        let x = min(1, max(0, t.isFinite ? t : 0)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(x)), f = x - Double(i)
        let a = stops[i], b = stops[i + 1]
        func hex(_ v: Double) -> String { let s = String(Int((v).rounded()), radix: 16); return s.count == 1 ? "0" + s : s }
        return "#" + hex(a.0 + (b.0 - a.0) * f) + hex(a.1 + (b.1 - a.1) * f) + hex(a.2 + (b.2 - a.2) * f)
    }
}
