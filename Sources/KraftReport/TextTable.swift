/// A plain-text table with a header row, columns padded to their widest cell; numbers right-
/// aligned, text left-aligned.
public struct TextTable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render(indent: String = "") -> String {
        var width = headers.map(\.count)
        for row in rows { for (c, cell) in row.enumerated() where c < width.count { width[c] = max(width[c], cell.count) } }
        func line(_ cells: [String]) -> String {
            var s = indent
            for (c, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, width[c] - cell.count))
                if c > 0 { s += "  " }
                s += alignments[c] == .left ? cell + pad : pad + cell
            }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = line(headers) + "\n"
        out += indent + width.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}

/// Fixed-point formatting without Foundation: `fixed(3.14159, 2)` is "3.14"; non-finite is "-".
/// Digits are written right to left into a small buffer: a year's result files format about
/// two million numbers, and building each from several small strings took most of their time.
public func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    guard scaled < 9e15 else { return String(x) }
    var n = Int(scaled)
    let negative = x < 0 && n != 0
    let capacity = 24 + max(digits, 0)
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
        var i = capacity, written = 0
        repeat {
            i -= 1; buffer[i] = UInt8(truncatingIfNeeded: 48 + n % 10); n /= 10; written += 1
            if written == digits { i -= 1; buffer[i] = 46 }  // "."
        } while n > 0 || written <= digits
        if negative { i -= 1; buffer[i] = 45 }  // "-"
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<capacity]), as: UTF8.self)
    }
}
