/// Builds one SVG element as text: shapes with coordinates rounded to 0.1 px, text escaped, and
/// ids prefixed so that several charts can live in one HTML page. Marks that show data carry
/// `class="data"` (tests count them: a chart without data marks is empty).
struct SVGWriter {
    let id: String
    let width: Double
    private(set) var height: Double
    private var defs = ""
    private var body = ""

    init(id: String, width: Double, height: Double) {
        self.id = id
        self.width = width
        self.height = height
    }

    mutating func grow(to h: Double) { height = max(height, h) }

    mutating func define(_ element: String) { defs += element + "\n" }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, data: Bool = true, title: String? = nil) {
        body += "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, w)))\" height=\"\(c(max(0, h)))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"0.5\"" }
        body += data ? " class=\"data\"" : ""
        body += title.map { "><title>\(escapeXML($0))</title></rect>\n" } ?? "/>\n"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                       dash: String = "", data: Bool = false, title: String? = nil) {
        body += "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\""
        if !dash.isEmpty { body += " stroke-dasharray=\"\(dash)\"" }
        body += data ? " class=\"data\"" : ""
        body += title.map { "><title>\(escapeXML($0))</title></line>\n" } ?? "/>\n"
    }

    /// A polyline through the finite points; a non-finite point breaks the line into pieces.
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5, dash: String = "") {
        var pieces = [[(x: Double, y: Double)]](), current = [(x: Double, y: Double)]()
        for p in points {
            if p.x.isFinite && p.y.isFinite { current.append(p) } else if !current.isEmpty { pieces.append(current); current = [] }
        }
        if !current.isEmpty { pieces.append(current) }
        for piece in pieces where piece.count > 1 {
            body += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\" stroke-linejoin=\"round\""
            if !dash.isEmpty { body += " stroke-dasharray=\"\(dash)\"" }
            body += " class=\"data\" points=\"" + piece.map { "\(c($0.x)),\(c($0.y))" }.joined(separator: " ") + "\"/>\n"
        }
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String = "#000", title: String? = nil) {
        body += "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"0.8\" class=\"data\""
        body += title.map { "><title>\(escapeXML($0))</title></circle>\n" } ?? "/>\n"
    }

    /// A closed polygon (map symbols).
    mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, stroke: String = "#000", title: String? = nil) {
        body += "<polygon points=\"" + points.map { "\(c($0.x)),\(c($0.y))" }.joined(separator: " ")
        body += "\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"0.8\" class=\"data\""
        body += title.map { "><title>\(escapeXML($0))</title></polygon>\n" } ?? "/>\n"
    }

    enum Anchor: String { case start, middle, end }

    /// `halo`: a white outline under the glyphs, so a label stays readable over lines (map labels).
    mutating func text(_ x: Double, _ y: Double, _ s: String, anchor: Anchor = .start, size: Double = 11, bold: Bool = false, rotate: Bool = false,
                       halo: Bool = false, fill: String? = nil) {
        body += "<text x=\"\(c(x))\" y=\"\(c(y))\" font-size=\"\(c(size))\" text-anchor=\"\(anchor.rawValue)\""
        if bold { body += " font-weight=\"bold\"" }
        if halo { body += " stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        if let fill { body += " fill=\"\(fill)\"" }
        if rotate { body += " transform=\"rotate(-90 \(c(x)) \(c(y)))\"" }
        body += ">\(escapeXML(s))</text>\n"
    }

    /// The finished element; `title` is its accessible name.
    func render(title: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" viewBox=\"0 0 \(c(width)) \(c(height))\" "
        out += "width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" font-family=\"sans-serif\">\n"
        out += "<title>\(escapeXML(title))</title>\n"
        if !defs.isEmpty { out += "<defs>\n\(defs)</defs>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#fff\"/>\n"
        return out + body + "</svg>\n"
    }

    /// A coordinate: 0.1 px, and never a non-finite number in the file.
    func c(_ x: Double) -> String { fixed(x.isFinite ? x : 0, 1) }
}

/// Text escaped for XML and HTML content and attribute values.
public func escapeXML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case _ where ch.value < 0x20 && ch != "\n" && ch != "\t": out += " "
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}
