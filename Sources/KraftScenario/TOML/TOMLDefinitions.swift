/// TOML's rules for what may be defined where (TOML 1.0, "Table", "Inline Table", "Array of
/// Tables"): a table is defined once; a key once; inline tables and static arrays are complete
/// as written; dotted keys create tables that only dotted keys of the same section may add to;
/// a header may name a table that so far exists only as the parent of another header.
extension TOMLDocumentParser {
    /// `[a.b.c]`: the table, defined now.
    mutating func defineTable(_ key: [TOMLKeyPart]) throws(TOMLError) -> TOMLTableBuilder {
        let parent = try headerParent(key)
        let last = key[key.count - 1]
        let name = Self.display(key)
        guard let (slot, line) = parent.entry(last.name) else { return try newTable(last, in: parent, origin: .header) }
        switch slot {
        case .table(let t) where t.origin == .implicit:
            t.origin = .header
            return t
        case .table(let t):
            let how = t.origin == .header ? "by a header" : "by dotted keys"
            throw scanner.error("table [\(name)] is defined twice (first \(how) on line \(line))", at: last.offset)
        case .tables:
            throw scanner.error("[\(name)] is an array of tables (line \(line)); add to it with [[\(name)]]", at: last.offset)
        case .value(let v):
            throw scanner.error(Self.notExtensible(name, v, line), at: last.offset)
        }
    }

    /// `[[a.b.c]]`: a new table appended to the array of tables (created if new).
    mutating func appendTable(_ key: [TOMLKeyPart]) throws(TOMLError) -> TOMLTableBuilder {
        let parent = try headerParent(key)
        let last = key[key.count - 1]
        let name = Self.display(key)
        guard let (slot, line) = parent.entry(last.name) else {
            let table = try nestedTable(last, in: parent)
            parent.add(last.name, .tables(TOMLTableArray(table)), line: scanner.line(of: last.offset))
            return table
        }
        switch slot {
        case .tables(let array):
            let table = try nestedTable(last, in: parent)
            array.tables.append(table)
            return table
        case .table:
            throw scanner.error("[[\(name)]] cannot add to \(name): it is a table (line \(line)), not an array of tables", at: last.offset)
        case .value(.array):
            throw scanner.error("[[\(name)]] cannot add to \(name): it is a static array (line \(line)), complete as written; only an array made by [[\(name)]] can grow", at: last.offset)
        case .value(let v):
            throw scanner.error(Self.notExtensible(name, v, line), at: last.offset)
        }
    }

    /// `a.b.c = value` in `table`: creates (or enters) `a` and `a.b` as dotted-key tables, then
    /// defines `c`, which must be new.
    mutating func assign(_ key: [TOMLKeyPart], _ value: ConfigValue, in table: TOMLTableBuilder) throws(TOMLError) {
        var table = table
        for (i, part) in key.dropLast().enumerated() {
            guard let (slot, line) = table.entry(part.name) else {
                table = try newTable(part, in: table, origin: .dotted(section: section))
                continue
            }
            let name = Self.display(Array(key[...i]))
            switch slot {
            case .table(let t):
                switch t.origin {
                case .implicit:
                    t.origin = .dotted(section: section)
                case .dotted(let s) where s == section:
                    break
                default:
                    throw scanner.error("dotted key \(Self.display(key)) cannot add to table \(name), defined on line \(line) (dotted keys may only add to tables they create in the same section)", at: part.offset)
                }
                table = t
            case .tables:
                throw scanner.error("dotted key \(Self.display(key)) cannot add to \(name): it is an array of tables (line \(line))", at: part.offset)
            case .value(let v):
                throw scanner.error(Self.notExtensible(name, v, line), at: part.offset)
            }
        }
        let last = key[key.count - 1]
        if let (_, line) = table.entry(last.name) {
            throw scanner.error("key \(Self.display(key)) is defined twice (first on line \(line))", at: last.offset)
        }
        table.add(last.name, .value(value), line: scanner.line(of: last.offset))
    }

    /// The table a header's last part goes into: every part but the last, entering existing
    /// tables (the last table of an array of tables) and creating missing ones as implicit.
    private mutating func headerParent(_ key: [TOMLKeyPart]) throws(TOMLError) -> TOMLTableBuilder {
        var table = root
        for (i, part) in key.dropLast().enumerated() {
            guard let (slot, line) = table.entry(part.name) else {
                table = try newTable(part, in: table, origin: .implicit)
                continue
            }
            switch slot {
            case .table(let t): table = t
            case .tables(let array): table = array.tables[array.tables.count - 1]
            case .value(let v): throw scanner.error(Self.notExtensible(Self.display(Array(key[...i])), v, line), at: part.offset)
            }
        }
        return table
    }

    /// A new table under `parent`, added as `part`.
    private func newTable(_ part: TOMLKeyPart, in parent: TOMLTableBuilder, origin: TOMLTableBuilder.Origin) throws(TOMLError) -> TOMLTableBuilder {
        let table = try nestedTable(part, in: parent, origin: origin)
        parent.add(part.name, .table(table), line: scanner.line(of: part.offset))
        return table
    }

    /// A table one level below `parent`, not yet added to it; the depth is checked here.
    private func nestedTable(_ part: TOMLKeyPart, in parent: TOMLTableBuilder,
                             origin: TOMLTableBuilder.Origin = .header) throws(TOMLError) -> TOMLTableBuilder {
        guard parent.depth < TOMLParser.maxDepth else {
            throw scanner.error("tables nest more than \(TOMLParser.maxDepth) levels deep", at: part.offset)
        }
        return TOMLTableBuilder(origin: origin, depth: parent.depth + 1)
    }

    /// Why a value cannot take keys or become a table.
    private static func notExtensible(_ name: String, _ value: ConfigValue, _ line: Int) -> String {
        switch value {
        case .table: "\(name) is an inline table (line \(line)), complete as written: it cannot be added to or defined again"
        case .array: "\(name) is an array (line \(line)), not a table: it cannot take keys"
        default: "\(name) is already \(value.kind) (line \(line)), not a table"
        }
    }
}
