/// Kraft's TOML 1.0 reader (https://toml.io/en/v1.0.0): turns a document into a `ConfigValue`
/// tree, or reports the first problem as a `TOMLError` with line and column. It never traps on
/// any input: nesting is bounded (`maxDepth`), integers are range-checked, and every place that
/// reads a character checks that there is one.
///
/// The syntax is read here (statements, keys, values, arrays, inline tables); strings, numbers
/// and date-times in `TOMLStrings`, `TOMLNumbers` and `TOMLDateTimes`; the rules for which table
/// or key may be defined where in `TOMLDefinitions`.
public enum TOMLParser {
    /// The deepest nesting of tables and arrays accepted: far beyond any real file, and shallow
    /// enough that building, comparing and freeing the tree cannot exhaust the stack.
    public static let maxDepth = 100

    public static func parse(_ text: String) throws(TOMLError) -> ConfigValue {
        var text = text
        let result = text.withUTF8 { bytes in
            var parser = TOMLDocumentParser(bytes)
            return Result { () throws(TOMLError) in try parser.document() }
        }
        return try result.get()
    }
}

/// One part of a dotted key, with the byte offset where it was written (for errors and lines).
struct TOMLKeyPart {
    var name: String
    var offset: Int
}

/// The state of one parse: the scanner, the tree so far, and the table that key/value pairs go
/// into (the root, or the table of the last header).
struct TOMLDocumentParser {
    var scanner: TOMLScanner
    let root = TOMLTableBuilder(origin: .header, depth: 0)
    var current: TOMLTableBuilder
    /// Counts table headers: a table made by dotted keys can be added to only in its own section.
    var section = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        scanner = TOMLScanner(bytes)
        current = root
    }

    mutating func document() throws(TOMLError) -> ConfigValue {
        while true {
            try scanner.skipTrivia()
            guard let b = scanner.peek() else { return root.value }
            if b == UInt8(ascii: "[") {
                try header()
            } else {
                let key = try self.key(first: "expected a key, a table header [name] or a comment")
                try keyValue(key, into: current)
                try scanner.endStatement(after: "the value of \(Self.display(key))")
            }
        }
    }

    /// `[name]` or `[[name]]`, then the end of its line; makes its table the current one.
    private mutating func header() throws(TOMLError) {
        section += 1
        let isArray = scanner.peek(1) == UInt8(ascii: "[")
        scanner.pos += isArray ? 2 : 1
        scanner.skipWhitespace()
        let key = try self.key(first: "a table header must name a table, as [name] or [[name]]; expected a key")
        let close: StaticString = isArray ? "]]" : "]"
        guard scanner.looksAt(close) else {
            throw scanner.error("expected '\(close)' to close the table header \(isArray ? "[[" : "[")\(Self.display(key)), found \(scanner.found())")
        }
        scanner.pos += close.utf8CodeUnitCount
        current = isArray ? try appendTable(key) : try defineTable(key)
        try scanner.endStatement(after: "the table header \(isArray ? "[[" : "[")\(Self.display(key))\(close)")
    }

    // MARK: Keys

    /// A bare, quoted or dotted key, and the whitespace after it. `first` says what was expected
    /// when not even the first part is there.
    private mutating func key(first: String) throws(TOMLError) -> [TOMLKeyPart] {
        var parts = [TOMLKeyPart]()
        while true {
            let start = scanner.pos
            guard let b = scanner.peek() else {
                throw scanner.error(parts.isEmpty ? "\(first), found the end of the file" : "expected a key after '.', found the end of the file")
            }
            if TOMLScanner.isBareKey(b) {
                while let c = scanner.peek(), TOMLScanner.isBareKey(c) { scanner.pos += 1 }
                parts.append(TOMLKeyPart(name: String(decoding: scanner.bytes[start..<scanner.pos], as: UTF8.self), offset: start))
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                if scanner.looksAt("\"\"\"") || scanner.looksAt("'''") {
                    throw scanner.error("a multi-line string cannot be a key (expected a bare key or a single-line quoted key)")
                }
                parts.append(TOMLKeyPart(name: try scanner.singleLineString(), offset: start))
            } else {
                throw scanner.error(parts.isEmpty ? "\(first), found \(scanner.found())" : "expected a key after '.', found \(scanner.found())")
            }
            scanner.skipWhitespace()
            guard scanner.peek() == UInt8(ascii: ".") else { return parts }
            scanner.pos += 1
            scanner.skipWhitespace()
        }
    }

    /// `key = value` after its key: the `=`, the value, and the definition in `table`.
    private mutating func keyValue(_ key: [TOMLKeyPart], into table: TOMLTableBuilder) throws(TOMLError) {
        guard scanner.peek() == UInt8(ascii: "=") else {
            throw scanner.error("expected '=' after key \(Self.display(key)), found \(scanner.found())")
        }
        scanner.pos += 1
        scanner.skipWhitespace()
        let value = try self.value(depth: table.depth + key.count)
        try assign(key, value, in: table)
    }

    /// A key as written, for messages: bare parts as they are, others quoted, joined by dots.
    static func display(_ key: [TOMLKeyPart]) -> String {
        key.map { part in
            if !part.name.isEmpty && part.name.utf8.allSatisfy(TOMLScanner.isBareKey) { return part.name }
            var quoted = "\""
            for scalar in part.name.unicodeScalars {
                switch scalar {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    quoted += "\\u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4)
                default: quoted.unicodeScalars.append(scalar)
                }
            }
            return quoted + "\""
        }.joined(separator: ".")
    }

    // MARK: Values

    /// One value at nesting `depth` (that of the container it will become, if it is one).
    private mutating func value(depth: Int) throws(TOMLError) -> ConfigValue {
        guard let b = scanner.peek() else { throw scanner.error("expected a value, found the end of the file") }
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .string(try scanner.string())
        case UInt8(ascii: "["):
            return try array(depth: depth)
        case UInt8(ascii: "{"):
            return try inlineTable(depth: depth)
        case UInt8(ascii: "t") where scanner.looksAt("true"):
            scanner.pos += 4
            return .bool(true)
        case UInt8(ascii: "f") where scanner.looksAt("false"):
            scanner.pos += 5
            return .bool(false)
        case _ where TOMLScanner.isDigit(b):
            return scanner.atDateOrTime ? try scanner.dateOrTime() : try scanner.number()
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return try scanner.number()
        case UInt8(ascii: "i") where scanner.looksAt("inf"), UInt8(ascii: "n") where scanner.looksAt("nan"):
            return try scanner.number()
        default:
            let expected = "expected a value (a string, number, boolean, date-time, array or inline table)"
            var end = scanner.pos
            while end < scanner.bytes.count && TOMLScanner.isBareKey(scanner.bytes[end]) { end += 1 }
            guard end > scanner.pos else { throw scanner.error("\(expected), found \(scanner.found())") }
            let word = String(decoding: scanner.bytes[scanner.pos..<end], as: UTF8.self)
            throw scanner.error("\(expected), found \(word) (a string must be in quotes; booleans are true and false)")
        }
    }

    /// `[ value, value, ... ]`: values of any types, newlines and comments between them, an
    /// optional trailing comma.
    private mutating func array(depth: Int) throws(TOMLError) -> ConfigValue {
        let open = scanner.pos
        guard depth <= TOMLParser.maxDepth else { throw scanner.error("arrays and tables nest more than \(TOMLParser.maxDepth) levels deep") }
        scanner.pos += 1
        var items = [ConfigValue]()
        while true {
            try scanner.skipTrivia()
            if scanner.atEnd { throw scanner.error("the array opened on line \(scanner.line(of: open)) is not closed (expected ']')", at: open) }
            if scanner.peek() == UInt8(ascii: "]") { scanner.pos += 1; return .array(items) }
            items.append(try value(depth: depth + 1))
            try scanner.skipTrivia()
            switch scanner.peek() {
            case UInt8(ascii: ","): scanner.pos += 1
            case UInt8(ascii: "]"): scanner.pos += 1; return .array(items)
            default: throw scanner.error("expected ',' or ']' after a value in the array, found \(scanner.found())")
            }
        }
    }

    /// `{ key = value, ... }` on one line, without a trailing comma. It is complete as written:
    /// neither headers nor dotted keys can add to it later.
    private mutating func inlineTable(depth: Int) throws(TOMLError) -> ConfigValue {
        guard depth <= TOMLParser.maxDepth else { throw scanner.error("arrays and tables nest more than \(TOMLParser.maxDepth) levels deep") }
        let table = TOMLTableBuilder(origin: .dotted(section: section), depth: depth)
        scanner.pos += 1
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "}") { scanner.pos += 1; return table.value }
        while true {
            let key = try self.key(first: "expected a key in the inline table")
            try keyValue(key, into: table)
            scanner.skipWhitespace()
            switch scanner.peek() {
            case UInt8(ascii: ","):
                scanner.pos += 1
                scanner.skipWhitespace()
                if scanner.peek() == UInt8(ascii: "}") {
                    throw scanner.error("expected a key after ',' in the inline table, found '}' (TOML 1.0 allows no trailing comma in an inline table)")
                }
            case UInt8(ascii: "}"):
                scanner.pos += 1
                return table.value
            default:
                if scanner.atEnd || scanner.atNewline {
                    throw scanner.error("expected ',' or '}' in the inline table, found \(scanner.found()) (an inline table must be written on one line)")
                }
                throw scanner.error("expected ',' or '}' in the inline table, found \(scanner.found())")
            }
        }
    }
}
