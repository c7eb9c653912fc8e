import KraftIO

/// One CSV file of a result folder (docs/result-folder.md: one header row, `,` separators, a
/// field quoted only when it holds a comma or a quote, empty field = no value), read strictly: every row has the header's field count,
/// numbers are finite, and a column asked for must exist. Errors name the file, the line and
/// the column.
struct CSVTable {
    let file: String
    let header: [String]
    /// Data rows with their 1-based line numbers in the file.
    let rows: [(line: Int, fields: [Substring])]
    private let index: [String: Int]

    init(text: String, file: String) throws(InputError) {
        self.file = file
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, !first.isEmpty else {
            throw InputError(file: file, line: nil, message: "is empty (expected a header row)")
        }
        header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var index = [String: Int]()
        for (c, name) in header.enumerated() { index[name] = c }
        self.index = index
        var rows = [(line: Int, fields: [Substring])]()
        rows.reserveCapacity(lines.count)
        for (k, raw) in lines.dropFirst().enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            // The N-1 section's outage names and reasons may hold commas, quoted.
            let quoted = line.contains("\"") ? CSVRecords.fields(line) : nil
            let fields = quoted.map { $0.map { Substring($0) } } ?? line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw InputError(file: file, line: k + 2, message: "has \(fields.count) fields (expected \(header.count), as the header)")
            }
            rows.append((k + 2, fields))
        }
        self.rows = rows
    }

    /// Throws when any of `names` is not a column, naming all that are missing.
    func require(_ names: [String]) throws(InputError) {
        let missing = names.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw InputError(file: file, line: nil, message: "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) (expected the columns of result format version 1)")
        }
    }

    func column(_ name: String) throws(InputError) -> Int {
        guard let c = index[name] else { try require([name]); return 0 }
        return c
    }

    func has(_ name: String) -> Bool { index[name] != nil }

    func string(_ row: Int, _ column: String) throws(InputError) -> String {
        String(rows[row].fields[try self.column(column)])
    }

    /// A number that may be absent (empty field).
    func optionalNumber(_ row: Int, _ column: String) throws(InputError) -> Double? {
        let field = rows[row].fields[try self.column(column)]
        if field.isEmpty { return nil }
        guard let x = Double(field), x.isFinite else {
            throw InputError(file: file, line: rows[row].line, message: "\(column): \"\(field)\" is not a finite number")
        }
        return x
    }

    func number(_ row: Int, _ column: String) throws(InputError) -> Double {
        guard let x = try optionalNumber(row, column) else {
            throw InputError(file: file, line: rows[row].line, message: "\(column): is empty (expected a number)")
        }
        return x
    }

    func integer(_ row: Int, _ column: String) throws(InputError) -> Int {
        let field = rows[row].fields[try self.column(column)]
        guard let i = Int(field) else {
            throw InputError(file: file, line: rows[row].line, message: "\(column): \"\(field)\" is not an integer")
        }
        return i
    }

    func flag(_ row: Int, _ column: String) throws(InputError) -> Bool {
        switch rows[row].fields[try self.column(column)] {
        case "0": return false
        case "1": return true
        case let f: throw InputError(file: file, line: rows[row].line, message: "\(column): \"\(f)\" is not 0 or 1")
        }
    }

    func error(_ row: Int, _ message: String) -> InputError {
        InputError(file: file, line: rows[row].line, message: message)
    }
}
