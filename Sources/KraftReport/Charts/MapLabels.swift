/// Places text labels on a map so they can be read without hovering: buses closer together than
/// a label's height share one label (one line per site), and each label goes to the first spot
/// around its point — nearest first, then further out with a leader line — that overlaps no
/// label placed before it, no marker and stays inside the map. A label that finds no free spot
/// takes the one overlapping least, so every point is labelled.
struct MapLabels {
    struct Box: Equatable {
        var x: Double, y: Double, width: Double, height: Double
        func overlaps(_ o: Box) -> Bool { x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height }
        func overlap(_ o: Box) -> Double {
            max(0, min(x + width, o.x + o.width) - max(x, o.x)) * max(0, min(y + height, o.y + o.height) - max(y, o.y))
        }
    }

    /// A placed label: its lines, its box (text starts at `box.x`, first baseline at `box.y + size`),
    /// and the point its leader line starts from when it sits away from it.
    struct Placed: Equatable {
        var lines: [String]
        var box: Box
        var size: Double
        var leaderFrom: (x: Double, y: Double)?
        static func == (a: Placed, b: Placed) -> Bool { a.lines == b.lines && a.box == b.box }
    }

    let width: Double
    let height: Double
    private(set) var taken: [Box] = []
    private(set) var placed: [Placed] = []

    /// `obstacles` (markers) are never covered when a free spot exists.
    init(width: Double, height: Double, obstacles: [Box]) {
        self.width = width
        self.height = height
        taken = obstacles
    }

    /// Approximate width of text in a sans-serif face at `size` px.
    static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.56 }

    /// Places a label of `lines` for the point (x, y).
    mutating func place(_ lines: [String], at x: Double, _ y: Double, size: Double) {
        let w = (lines.map { Self.textWidth($0, size: size) }.max() ?? 0) + 2, h = Double(lines.count) * size * 1.15 + 2
        var best: (box: Box, cost: Double, leader: Bool)?
        for (ring, r) in [6.0, 22, 40, 64, 96].enumerated() {
            // right, left, above, below, then the diagonals
            let spots: [(Double, Double)] = [(x + r, y - h / 2), (x - r - w, y - h / 2), (x - w / 2, y - r - h), (x - w / 2, y + r),
                                             (x + r * 0.7, y - r * 0.7 - h), (x - r * 0.7 - w, y - r * 0.7 - h),
                                             (x + r * 0.7, y + r * 0.7), (x - r * 0.7 - w, y + r * 0.7)]
            for (sx, sy) in spots {
                let box = Box(x: sx, y: sy, width: w, height: h)
                let outside = sx < 2 || sy < 2 || sx + w > width - 2 || sy + h > height - 2
                let cost = taken.reduce(0) { $0 + $1.overlap(box) } + (outside ? 1e6 : 0) + Double(ring)
                if cost == Double(ring) {
                    accept(lines, box, size, leader: ring > 0 ? (x, y) : nil)
                    return
                }
                if cost < best?.cost ?? .infinity { best = (box, cost, ring > 0) }
            }
        }
        if let best { accept(lines, best.box, size, leader: best.leader ? (x, y) : nil) }
    }

    private mutating func accept(_ lines: [String], _ box: Box, _ size: Double, leader: (x: Double, y: Double)?) {
        taken.append(box)
        placed.append(Placed(lines: lines, box: box, size: size, leaderFrom: leader))
    }

    /// Groups of point indices closer than `distance` to another point of the group (single linkage), in order of their first point.
    static func clusters(_ points: [(x: Double, y: Double)], distance: Double) -> [[Int]] {
        var parent = Array(points.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
        for i in points.indices {
            for j in points.indices where j > i {
                let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
                if dx * dx + dy * dy < distance * distance { parent[root(j)] = root(i) }
            }
        }
        var groups = [Int: [Int]](), order = [Int]()
        for i in points.indices {
            let r = root(i)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(i)
        }
        return order.map { groups[$0]! }
    }
}
