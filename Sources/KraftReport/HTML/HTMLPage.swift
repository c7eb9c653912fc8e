/// A self-contained HTML page: inline CSS, inline SVG, no scripts, fonts or anything fetched, so
/// it opens offline and prints. Every text goes through `escapeXML`.
struct HTMLPage {
    private(set) var body = ""

    static let css = """
    body{font-family:sans-serif;max-width:1000px;margin:1.5em auto;padding:0 1em;color:#111;line-height:1.4}
    h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #333;padding-bottom:.2em;margin-top:2em}
    h3{margin-top:1.4em}table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.9em}
    th,td{border:1px solid #bbb;padding:.25em .6em}th{background:#eee;text-align:left}
    td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1em 0}figcaption{font-size:.9em;color:#333}
    .answer td.n,.sweden td.n{font-size:1.2em;font-weight:bold}.flag{background:#ffe8a8;border:1px solid #c90;padding:.1em .4em}
    .grid{display:flex;flex-wrap:wrap;gap:0 1em}.grid figure{flex:1 1 460px}.grid>div{flex:1 1 300px}code{font-size:.85em;word-break:break-all}
    svg{max-width:100%;height:auto}
    """

    mutating func raw(_ html: String) { body += html }
    mutating func heading(_ level: Int, _ text: String, id: String? = nil) {
        body += "<h\(level)\(id.map { " id=\"\(escapeXML($0))\"" } ?? "")>\(escapeXML(text))</h\(level)>\n"
    }
    mutating func paragraph(_ text: String) { body += "<p>\(escapeXML(text))</p>\n" }
    mutating func list(_ items: [String]) {
        body += "<ul>\n" + items.map { "<li>\(escapeXML($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// A figure: an SVG chart and its caption.
    mutating func figure(_ svg: String, caption: String) {
        body += "<figure>\n\(svg)<figcaption>\(escapeXML(caption))</figcaption>\n</figure>\n"
    }

    /// A table; `numeric` columns are right-aligned. Headers carry their unit, e.g. "load (TWh)".
    mutating func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = [], cssClass: String? = nil) {
        body += "<table\(cssClass.map { " class=\"\($0)\"" } ?? "")>\n<tr>" + headers.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            body += "<tr>" + row.enumerated().map { c, cell in "<td\(numeric.contains(c) ? " class=\"n\"" : "")>\(escapeXML(cell))</td>" }.joined() + "</tr>\n"
        }
        body += "</table>\n"
    }

    func render(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escapeXML(title))</title>
        <style>
        \(Self.css)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
