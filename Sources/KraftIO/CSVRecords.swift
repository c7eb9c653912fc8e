/// A comma-separated table read into rows of fields, each row with its 1-based line, for the
/// small data files the scenario layer reads (supply curves, published figures). Fields may be
/// quoted with `"` (a doubled `""` inside is one quote); blank lines and lines starting with `#`
/// are skipped. A quoted field does not span lines.
public struct CSVRecords: Sendable {
    public var header: [String]
    public var rows: [(line: Int, fields: [String])]

    public init(text: String, file: String) throws(InputError) {
        var header: [String]?
        var rows = [(line: Int, fields: [String])]()
        // "\r\n" is one Character in Swift, so both line ends are named.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            if line.allSatisfy({ $0 == " " }) || line.hasPrefix("#") { continue }
            guard let fields = Self.fields(line) else {
                throw InputError(file: file, line: index + 1, message: "a quoted field is not closed (expected a closing \")")
            }
            if header == nil { header = fields } else { rows.append((index + 1, fields)) }
        }
        guard let header else { throw InputError(file: file, line: nil, message: "is empty (expected a header row)") }
        self.header = header
        self.rows = rows
    }

    /// Reads and parses the file at `path`; an unreadable file is an error without a line.
    public init(path: String) throws(InputError) {
        try self.init(text: String(decoding: FileBytes.contents(ofFile: path), as: UTF8.self), file: path)
    }

    /// The column index of `name`, or an error naming the columns that are there.
    public func column(_ name: String, file: String) throws(InputError) -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw InputError(file: file, line: 1, message: "has no column \"\(name)\" (expected a header with \(header.joined(separator: ",")) and \(name))")
        }
        return i
    }

    /// The fields of one line with RFC 4180 quoting (`"a, b"`, `""` for a quote inside quotes),
    /// spaces around a field trimmed; nil when a quoted field is not closed.
    public static func fields(_ line: Substring) -> [String]? {
        var fields = [String](), field = "", quoted = false, atStart = true
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex && line[next] == "\"" { field.append("\""); i = next } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == "," {
                fields.append(field.trimmingSpaces()); field = ""; atStart = true
                i = line.index(after: i); continue
            } else {
                field.append(c)
            }
            if c != " " { atStart = false }
            i = line.index(after: i)
        }
        if quoted { return nil }
        fields.append(field.trimmingSpaces())
        return fields
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
