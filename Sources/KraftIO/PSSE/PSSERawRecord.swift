/// One line of a PSS/E RAW file split into its data fields, with typed access that applies
/// PSS/E's defaults and reports bad values with the line, the field's name and what was expected.
///
/// Fields are separated by a comma or by blanks (a comma with blanks around it is one
/// separator); two commas with nothing between them leave a field empty, which then takes its
/// default. Text in single or double quotes is one field and may hold commas, blanks and
/// slashes (a doubled quote stands for one). A `/` outside quotes starts a comment that runs to
/// the end of the line.
struct PSSERawRecord {
    /// Where a field's text is: `start..<end` in the file, without the quotes of a quoted field.
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
        /// A doubled quote inside the field, to be collapsed when the text is decoded.
        var hasDoubledQuote = false

        var isEmpty: Bool { start == end && !quoted }
    }

    let text: UnsafeBufferPointer<UInt8>
    let file: String
    let line: Int
    /// The record's kind for messages, such as "bus record" or "transformer record, line 2".
    let what: String
    /// The record's fields by name: the revision's layout or the file's `@!` column names.
    let columns: PSSEColumns
    let fields: [Field]

    var names: [String] { columns.names }

    /// Splits `range` (one line, without its line break) into fields.
    init(text: UnsafeBufferPointer<UInt8>, range: Range<Int>, file: String, line: Int, what: String,
         columns: PSSEColumns) throws(InputError) {
        self.text = text
        self.file = file
        self.line = line
        self.what = what
        self.columns = columns
        self.fields = try Self.split(text, range, file: file, line: line)
    }

    static func split(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, file: String,
                      line: Int) throws(InputError) -> [Field] {
        var fields: [Field] = []
        var p = range.lowerBound
        let end = range.upperBound
        func isBlank(_ byte: UInt8) -> Bool { byte == RawByte.space || byte == RawByte.tab }
        func skipBlanks() { while p < end, isBlank(text[p]) { p += 1 } }

        skipBlanks()
        while p < end, text[p] != RawByte.slash {
            if text[p] == RawByte.comma {
                fields.append(Field(start: p, end: p, quoted: false))  // an empty field
                p += 1
                skipBlanks()
                continue
            }
            if text[p] == RawByte.quote || text[p] == RawByte.doubleQuote {
                let quote = text[p]
                let open = p
                p += 1
                let start = p
                var doubled = false
                while true {
                    guard p < end else {
                        throw InputError(file: file, line: line, message: "unterminated string: the \(describe(quote)) "
                            + "opened at column \(open - range.lowerBound + 1) is never closed on this line; expected a closing \(describe(quote))")
                    }
                    if text[p] == quote {
                        if p + 1 < end, text[p + 1] == quote {
                            doubled = true
                            p += 2
                            continue
                        }
                        break
                    }
                    p += 1
                }
                fields.append(Field(start: start, end: p, quoted: true, hasDoubledQuote: doubled))
                p += 1
            } else {
                let start = p
                while p < end, !isBlank(text[p]), text[p] != RawByte.comma, text[p] != RawByte.slash,
                      text[p] != RawByte.quote, text[p] != RawByte.doubleQuote {
                    p += 1
                }
                fields.append(Field(start: start, end: p, quoted: false))
            }
            // One separator: blanks, a comma, or a comma with blanks around it.
            skipBlanks()
            if p < end, text[p] == RawByte.comma {
                p += 1
                skipBlanks()
            }
        }
        return fields
    }

    private static func describe(_ quote: UInt8) -> String {
        quote == RawByte.quote ? "single quote" : "double quote"
    }

    // MARK: Record shapes

    /// Whether the line holds no data (blank or only a comment).
    var isBlank: Bool { fields.isEmpty }

    /// Whether the record is the `0` that ends a data group.
    var isGroupEnd: Bool {
        fields.count == 1 && !fields[0].quoted && token(fields[0]) == "0"
    }

    /// Whether the record is the `Q` that ends the data.
    var isEndOfData: Bool {
        guard let first = fields.first, !first.quoted else { return false }
        return token(first) == "Q"
    }

    /// Whether the last three fields are numbers equal to 0: the point `0, 0, 0` that ends an
    /// impedance correction table of revision 34 or 35.
    var endsWithZeroPoint: Bool {
        guard fields.count >= 3 else { return false }
        return fields.suffix(3).allSatisfy { f in
            !f.quoted && DecimalNumber.parse(text, from: f.start, to: f.end) == 0
        }
    }

    /// The raw text of field `i` for messages.
    func token(_ field: Field) -> String {
        PSSERawText.decode(text, field.start, field.end, collapsing: field.hasDoubledQuote ? (field.quoted ? text[field.start - 1] : nil) : nil)
    }

    // MARK: Typed access by name

    /// The position of the field named `key` (see `PSSEColumns.key`), or `nil` when this record's
    /// columns have no such field (an older revision, or an `@!` line that does not name it).
    private func position(_ key: String, required: Bool) throws(InputError) -> Int? {
        if let i = columns.position(key) { return i }
        guard required else { return nil }
        if let header = columns.headerLine {
            throw failure("the @! column names at line \(header) have no \(key) column; expected a column \(key) "
                + "(it has no default)")
        }
        throw failure("this revision's \(what) has no \(key) field")
    }

    /// Field `key` as a finite number; `fallback` when the field is absent or empty.
    func number(_ key: String, default fallback: Double? = nil) throws(InputError) -> Double {
        guard let i = try position(key, required: fallback == nil) else { return fallback! }
        return try number(i, default: fallback)
    }

    /// Field `key` as a number, or `nil` when the file leaves it out.
    func optionalNumber(_ key: String) throws(InputError) -> Double? {
        guard let i = try position(key, required: false) else { return nil }
        return try optionalNumber(i)
    }

    /// Field `key` as a whole number; `fallback` when the field is absent or empty.
    func integer(_ key: String, default fallback: Int? = nil) throws(InputError) -> Int {
        guard let i = try position(key, required: fallback == nil) else { return fallback! }
        return try integer(i, default: fallback)
    }

    /// The text of field `key` when the file gives it in quotes (a bus given by its extended
    /// name, say), else `nil`.
    func quotedText(_ key: String) -> String? {
        guard let i = columns.position(key), i < fields.count, fields[i].quoted else { return nil }
        return token(fields[i])
    }

    /// The label of field `key` for messages: `I (field 1)`.
    func label(_ key: String) -> String {
        columns.position(key).map(label) ?? key
    }

    /// Field `key` as text; `fallback` when the field is absent or empty.
    func string(_ key: String, default fallback: String = "") -> String {
        guard let i = columns.position(key) else { return fallback }
        return string(i, default: fallback)
    }

    // MARK: Typed access by position

    /// Field `i` as a finite number; `fallback` when the field is absent or empty, an error when
    /// it has no default.
    func number(_ i: Int, default fallback: Double? = nil) throws(InputError) -> Double {
        guard let field = try present(i, hasDefault: fallback != nil) else { return fallback! }
        guard !field.quoted else {
            throw failure("\(label(i)) is the quoted text '\(token(field))'; expected a number")
        }
        guard let value = DecimalNumber.parse(text, from: field.start, to: field.end), value.isFinite else {
            throw failure("\(label(i)) is '\(shortened(token(field)))'; expected a number such as 1, -0.5 or 1.5E-2")
        }
        guard abs(value) <= InputLimits.magnitude else {
            throw failure("\(label(i)) is '\(shortened(token(field)))'; expected a number of magnitude at most 1e9 (\(InputLimits.why))")
        }
        return value
    }

    /// Field `i` as a number, or `nil` when the file leaves it out.
    func optionalNumber(_ i: Int) throws(InputError) -> Double? {
        guard i < fields.count, !fields[i].isEmpty else { return nil }
        return try number(i)
    }

    /// Field `i` as a whole number (written `3` or `3.0`).
    func integer(_ i: Int, default fallback: Int? = nil) throws(InputError) -> Int {
        guard let field = try present(i, hasDefault: fallback != nil) else { return fallback! }
        guard !field.quoted else {
            throw failure("\(label(i)) is the quoted text '\(token(field))'; expected a whole number")
        }
        guard let value = DecimalNumber.parse(text, from: field.start, to: field.end), value.isFinite,
              value.rounded() == value, abs(value) < 1e15 else {
            throw failure("\(label(i)) is '\(shortened(token(field)))'; expected a whole number")
        }
        return Int(value)
    }

    /// Field `i` as text, quotes removed and surrounding blanks trimmed.
    func string(_ i: Int, default fallback: String = "") -> String {
        guard i < fields.count, !fields[i].isEmpty else { return fallback }
        return token(fields[i]).trimmingBlanks()
    }

    /// The field, or `nil` when it is absent or empty and has a default.
    private func present(_ i: Int, hasDefault: Bool) throws(InputError) -> Field? {
        if i < fields.count, !fields[i].isEmpty { return fields[i] }
        guard hasDefault else {
            if i >= fields.count {
                let list = names.prefix(i + 1).joined(separator: ", ")
                throw failure("too few fields: \(fields.count) given, expected at least \(i + 1) (\(list)); "
                    + "\(i < names.count ? names[i] : "field \(i + 1)") has no default")
            }
            throw failure("\(label(i)) is empty; expected a value (it has no default)")
        }
        return nil
    }

    private func label(_ i: Int) -> String {
        i < names.count ? "\(names[i]) (field \(i + 1))" : "field \(i + 1)"
    }

    func failure(_ message: String) -> InputError {
        InputError(file: file, line: line, message: "\(what): \(message)")
    }

    private func shortened(_ s: String) -> String {
        s.count > 40 ? String(s.prefix(40)) + "..." : s
    }
}

/// Text decoding for RAW files: UTF-8 when valid, else Latin-1 (one byte, one character), the
/// other encoding older power-system data comes in.
enum PSSERawText {
    static func decode(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, collapsing quote: UInt8? = nil) -> String {
        var bytes = Array(text[start..<end])
        if let quote {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var k = 0
            while k < bytes.count {
                out.append(bytes[k])
                k += bytes[k] == quote && k + 1 < bytes.count && bytes[k + 1] == quote ? 2 : 1
            }
            bytes = out
        }
        var iterator = bytes.makeIterator()
        var utf8 = UTF8()
        while true {
            switch utf8.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error: return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            }
        }
    }
}

extension String {
    /// Without leading and trailing blanks (spaces and tabs), as PSS/E pads names.
    func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}

/// The bytes the RAW reader dispatches on.
enum RawByte {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let comma = UInt8(ascii: ",")
    static let slash = UInt8(ascii: "/")
    static let quote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let at = UInt8(ascii: "@")
    static let exclamation = UInt8(ascii: "!")
}
