import Foundation

/// The grid drawn from bus coordinates (equirectangular, scaled by the cosine of the mean
/// latitude so distances look right in the Nordics): branches as lines coloured and thickened
/// by a loading class, buses as dots, reactor sites as triangles and data centres as squares.
/// Every bus is labelled on the map with its number and site, and every zone with its name
/// (`MapLabels` keeps them apart), so the map reads in print without hovering.
/// Buses without coordinates, and branches touching them, are left out and counted.
struct GridMapChart {
    struct Bus {
        var id: Int; var label: String; var latitude: Double; var longitude: Double; var reactor: Bool; var dataCentre: Bool
        var site = ""
        var zone = ""
    }
    struct Line { var from: Int; var to: Int; var label: String; var loadingPct: Double? }
    var buses: [Bus]
    var lines: [Line]
    var loadingTitle: String

    /// Loading classes: upper bound (%), colour, width, dash (dash so classes differ in grey-scale).
    static let classes: [(upper: Double, label: String, colour: String, width: Double, dash: String)] = [
        (50, "below 50 %", "#56b4e9", 1.5, "2 2"), (80, "50–80 %", "#009e73", 2.5, ""),
        (100, "80–100 %", "#e69f00", 3.5, ""), (.infinity, "above 100 %", "#d55e00", 5, ""),
    ]

    func svg(id: String, title: String) -> String {
        let width = ChartFrame.width, height = 820.0, pad = 70.0
        var svg = SVGWriter(id: id, width: width, height: height + 90)
        let lat = buses.map(\.latitude), lon = buses.map(\.longitude)
        let k = cos((lat.reduce(0, +) / Double(max(1, lat.count))) * .pi / 180)
        let spanX = max(0.1, ((lon.max() ?? 1) - (lon.min() ?? 0)) * k), spanY = max(0.1, (lat.max() ?? 1) - (lat.min() ?? 0))
        let s = min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY)
        let x0 = (width - spanX * s) / 2, y0 = (height - spanY * s) / 2
        var position = [Int: (x: Double, y: Double)]()
        for b in buses {
            position[b.id] = (x0 + (b.longitude - (lon.min() ?? 0)) * k * s, y0 + ((lat.max() ?? 0) - b.latitude) * s)
        }
        svg.rect(1, 1, width - 2, height - 2, fill: "#f6f9fc", stroke: "#999", data: false)
        for l in lines.sorted(by: { ($0.loadingPct ?? -1) < ($1.loadingPct ?? -1) }) {
            guard let a = position[l.from], let b = position[l.to] else { continue }
            let text = "\(l.label): \(l.loadingPct.map { fixed($0, 1) + " %" } ?? "no rating")"
            if let pct = l.loadingPct, let c = Self.classes.first(where: { pct < $0.upper }) {
                svg.line(a.x, a.y, b.x, b.y, stroke: c.colour, width: c.width, dash: c.dash, data: true, title: text)
            } else {
                svg.line(a.x, a.y, b.x, b.y, stroke: "#888", width: 1, dash: "6 2 1 2", data: true, title: text)
            }
        }
        for b in buses {
            guard let p = position[b.id] else { continue }
            if b.reactor {
                svg.polygon([(p.x, p.y - 8), (p.x - 7, p.y + 5), (p.x + 7, p.y + 5)], fill: "#f0e442", title: "\(b.label): reactor site")
            } else {
                svg.circle(p.x, p.y, r: 3, fill: "#fff", title: b.label)
            }
            if b.dataCentre {
                svg.rect(p.x + 5, p.y - 12, 8, 8, fill: "#cc79a7", stroke: "#000", title: "\(b.label): data centre")
            }
        }
        labels(&svg, position: position, width: width, height: height)
        // legend
        var x = 10.0, y = height + 20
        for c in Self.classes {
            svg.line(x, y - 4, x + 24, y - 4, stroke: c.colour, width: c.width, dash: c.dash)
            svg.text(x + 28, y, c.label, size: 10.5)
            x += 104
        }
        svg.line(x, y - 4, x + 24, y - 4, stroke: "#888", width: 1, dash: "6 2 1 2")
        svg.text(x + 28, y, "no rating", size: 10.5)
        y += 22
        svg.polygon([(14, y - 10), (8, y + 1), (20, y + 1)], fill: "#f0e442")
        svg.text(26, y, "reactor site", size: 10.5)
        svg.rect(120, y - 9, 8, 8, fill: "#cc79a7", stroke: "#000", data: false)
        svg.text(132, y, "data centre", size: 10.5)
        svg.circle(236, y - 4, r: 3, fill: "#fff")
        svg.text(244, y, "bus", size: 10.5)
        svg.text(10, y + 22, "Line colour and width: \(loadingTitle)", size: 10.5)
        let omitted = lines.filter { position[$0.from] == nil || position[$0.to] == nil }.count
        if omitted > 0 { svg.text(10, y + 40, "\(omitted) branches not drawn: a bus has no coordinates", size: 10.5) }
        return svg.render(title: title)
    }

    /// A site's name without its parenthesis, for the map (`Kristiansand (Skagerrak converter)` → `Kristiansand`).
    static func shortSite(_ site: String) -> String {
        let short = site.split(separator: "(", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? site
        return short.isEmpty ? site : short
    }

    /// Zone names (large, at the middle of their buses), then one label per group of buses close
    /// together: a line per site, `3359 Ringhals` or `5600/5610 Kristiansand`.
    private func labels(_ svg: inout SVGWriter, position: [Int: (x: Double, y: Double)], width: Double, height: Double) {
        let drawn = buses.filter { position[$0.id] != nil }
        // the markers as drawn: a dot, a reactor's triangle, a data centre's square up and to the right
        var obstacles = [MapLabels.Box]()
        for b in drawn {
            let p = position[b.id]!
            obstacles.append(b.reactor ? .init(x: p.x - 7, y: p.y - 8, width: 14, height: 13) : .init(x: p.x - 4, y: p.y - 4, width: 8, height: 8))
            if b.dataCentre { obstacles.append(.init(x: p.x + 5, y: p.y - 12, width: 8, height: 8)) }
        }
        var placer = MapLabels(width: width, height: height, obstacles: obstacles)
        var zones = [String](), members = [String: [(x: Double, y: Double)]]()
        for b in drawn where !b.zone.isEmpty {
            if members[b.zone] == nil { zones.append(b.zone) }
            members[b.zone, default: []].append(position[b.id]!)
        }
        let zoneSize = 17.0
        for zone in zones {
            let ps = members[zone]!
            let x = ps.map(\.x).reduce(0, +) / Double(ps.count), y = ps.map(\.y).reduce(0, +) / Double(ps.count)
            placer.place([zone], at: x, y, size: zoneSize)
        }
        let zonesPlaced = placer.placed.count
        let points = drawn.map { position[$0.id]! }
        for group in MapLabels.clusters(points, distance: 12) {
            var sites = [String](), numbers = [String: [Int]]()
            for i in group.sorted(by: { drawn[$0].id < drawn[$1].id }) {
                let site = Self.shortSite(drawn[i].site)
                if numbers[site] == nil { sites.append(site) }
                numbers[site, default: []].append(drawn[i].id)
            }
            let lines = sites.map { site in numbers[site]!.map(String.init).joined(separator: "/") + (site.isEmpty ? "" : " " + site) }
            let x = group.map { points[$0].x }.reduce(0, +) / Double(group.count), y = group.map { points[$0].y }.reduce(0, +) / Double(group.count)
            placer.place(lines, at: x, y, size: 9.5)
        }
        for (k, label) in placer.placed.enumerated() {
            let isZone = k < zonesPlaced
            if let from = label.leaderFrom {
                let bx = min(max(from.x, label.box.x), label.box.x + label.box.width), by = min(max(from.y, label.box.y), label.box.y + label.box.height)
                svg.line(from.x, from.y, bx, by, stroke: "#777", width: 0.6)
            }
            for (n, line) in label.lines.enumerated() {
                svg.text(label.box.x + 1, label.box.y + label.size * (Double(n) + 1) * 1.15 - label.size * 0.15, line, size: label.size,
                         bold: isZone, halo: true, fill: isZone ? "#444" : "#000")
            }
        }
    }
}
