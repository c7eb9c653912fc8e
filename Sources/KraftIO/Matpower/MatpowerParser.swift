/// Reads the text of a MATPOWER case file, format version 2, into a `MatpowerCase`.
///
/// A case file is a MATLAB function, but written in a narrow subset of the language: assignments
/// of numbers, quoted strings, numeric matrices and cell arrays of strings to fields of the output
/// struct (`mpc.bus = [ ... ];`). The parser reads that subset straight from the bytes and skips
/// everything else (other fields, sub-fields such as `mpc.reserves.zones`, cell arrays such as
/// `mpc.gentype`, code) by matching brackets and strings, so it never has to understand it. A
/// field it needs that is assigned in any other way than plainly (`mpc.bus(:, 3) = 0;`) is
/// rejected rather than silently misread.
///
/// Matrices are scanned in place: no token becomes a `String`; only field and bus names do.
/// Errors carry the line of the offending token or row.
struct MatpowerParser {
    private let text: UnsafeBufferPointer<UInt8>
    private let file: String
    private var pos = 0
    private var line = 1
    /// The output variable of `function mpc = caseX`, whose fields are the case data.
    private var output = Array("mpc".utf8)
    private var found = Found()

    init(text: UnsafeBufferPointer<UInt8>, file: String) {
        self.text = text
        self.file = file
    }

    mutating func parse() throws(InputError) -> MatpowerCase {
        while skipToStatement() {
            try statement()
        }
        return try assemble()
    }

    // MARK: Statements

    /// What the file assigned, with the line of each assignment.
    private struct Found {
        var functionName: String?
        /// Line of a `function [baseMVA, bus, ...] = ...` header, the mark of a version 1 case.
        var versionOneHeader: Int?
        var version: (text: String, line: Int)?
        var baseMVA: (value: Double, line: Int)?
        var matrices: [String: MatpowerMatrix] = [:]
        var busNames: (names: [String], line: Int)?
        var assignedAt: [String: Int] = [:]
    }

    /// How a field of the case is read.
    private enum Field {
        case version, baseMVA, matrix, names, other

        init(_ name: String) {
            switch name {
            case "version": self = .version
            case "baseMVA": self = .baseMVA
            case "bus", "gen", "branch", "gencost", "dcline": self = .matrix
            case "bus_name": self = .names
            default: self = .other
            }
        }
    }

    /// Reads one statement starting at `pos`, which is not blank.
    private mutating func statement() throws(InputError) {
        let start = line
        let word = identifier()
        if matches(word, "function") {
            return try functionHeader(startedAt: start)
        }
        guard !word.isEmpty, text[word].elementsEqual(output), peek(0) == .dot, isIdentifierStart(peek(1)) else {
            return try skipStatement(startedAt: start, what: "the statement")
        }
        pos += 1
        let name = String(decoding: text[identifier()], as: UTF8.self)
        let field = Field(name)
        skipSpaces()
        guard peek(0) == .equals, peek(1) != .equals, field != .other else {
            if field != .other {
                throw error(start, "mpc.\(name) is changed by code here (indexing or a sub-field); Kraft reads "
                    + "case data, not code: expected one plain assignment such as mpc.\(name) = ...;")
            }
            return try skipStatement(startedAt: start, what: "mpc.\(name)")
        }
        pos += 1
        if let first = found.assignedAt[name] {
            throw error(start, "mpc.\(name) is assigned twice, at line \(first) and at line \(start); expected one assignment")
        }
        found.assignedAt[name] = start
        skipSpaces()
        switch field {
        case .version: found.version = (try versionText(), start)
        case .baseMVA: found.baseMVA = (try scalar(name), start)
        case .matrix: found.matrices[name] = try matrix(name, startedAt: start)
        case .names: found.busNames = (try strings(name, startedAt: start), start)
        case .other: break
        }
        try endOfStatement(after: name)
    }

    /// `function mpc = case9` names the case and the output variable; `function [baseMVA, bus,
    /// ...] = case9` is the header of a version 1 case and is remembered for the error message.
    private mutating func functionHeader(startedAt start: Int) throws(InputError) {
        skipSpaces()
        if peek(0) == .openBracket {
            found.versionOneHeader = found.versionOneHeader ?? start
        } else {
            let out = identifier()
            skipSpaces()
            if !out.isEmpty, peek(0) == .equals, peek(1) != .equals {
                pos += 1
                skipSpaces()
                let name = identifier()
                if !name.isEmpty, found.functionName == nil {
                    output = Array(text[out])
                    found.functionName = String(decoding: text[name], as: UTF8.self)
                }
            }
        }
        try skipStatement(startedAt: start, what: "the function header")
    }

    /// After a value: only `;`, `,`, a comment or the end of the line may follow.
    private mutating func endOfStatement(after name: String) throws(InputError) {
        skipSpaces()
        guard pos < text.count else { return }
        switch text[pos] {
        case .semicolon, .comma: pos += 1
        case .newline, .carriageReturn, .percent: return
        case .dot where isContinuation(): return
        case .quote:
            throw error(line, "mpc.\(name) is transposed (a quote after the value); Kraft reads data as written: "
                + "expected one row per bus, generator or branch and no transpose")
        default:
            throw error(line, "unexpected '\(describe(text[pos]))' after the value of mpc.\(name); expected ';'")
        }
    }

    // MARK: Values

    /// `mpc.version`: a quoted string (`'2'`) or a bare number.
    private mutating func versionText() throws(InputError) -> String {
        if peek(0) == .quote || peek(0) == .doubleQuote { return try quoted() }
        let end = tokenEnd(from: pos)
        guard end > pos else {
            throw error(line, "mpc.version has no value; expected mpc.version = '2';")
        }
        defer { pos = end }
        return String(decoding: text[pos..<end], as: UTF8.self)
    }

    /// A scalar such as `mpc.baseMVA = 100;`.
    private mutating func scalar(_ name: String) throws(InputError) -> Double {
        let end = tokenEnd(from: pos)
        guard end > pos, let value = DecimalNumber.parse(text, from: pos, to: end) else {
            throw error(line, "mpc.\(name) must be a number, found '\(token(pos, end))'; expected e.g. mpc.\(name) = 100;")
        }
        pos = end
        return value
    }

    /// A numeric matrix `[ ... ]`: rows end at `;` or a line break, values are separated by blanks
    /// or commas, `...` continues a row on the next line, and every row must be as long as the first.
    private mutating func matrix(_ name: String, startedAt start: Int) throws(InputError) -> MatpowerMatrix {
        guard peek(0) == .openBracket else {
            throw error(line, "mpc.\(name) must be a numeric matrix, found '\(describe(peek(0)))'; expected mpc.\(name) = [ ... ];")
        }
        pos += 1
        var values: [Double] = []
        var lines: [Int] = []
        var columns = -1
        var inRow = 0
        var rowLine = 0
        let file = self.file

        /// Closes the current row; an empty row (a `;` followed by a line break) is no row.
        func endRow() throws(InputError) {
            guard inRow > 0 else { return }
            if columns < 0 {
                columns = inRow
            } else if inRow != columns {
                throw InputError(file: file, line: rowLine, message: "row \(lines.count + 1) of mpc.\(name) has \(inRow) "
                    + "values but the rows above have \(columns); expected every row to have \(columns)")
            }
            lines.append(rowLine)
            inRow = 0
        }

        while true {
            guard pos < text.count else {
                throw error(start, "the mpc.\(name) matrix that starts here is never closed: reached the end of the file, expected '];'")
            }
            switch text[pos] {
            case .space, .tab, .carriageReturn, .comma:
                pos += 1
            case .newline:
                try endRow()
                line += 1
                pos += 1
            case .semicolon:
                try endRow()
                pos += 1
            case .percent:
                skipComment()
            case .closeBracket:
                try endRow()
                pos += 1
                return MatpowerMatrix(name: name, line: start, columns: max(columns, 0), values: values, lines: lines)
            case .dot where isContinuation():
                skipContinuation()
            default:
                guard let (value, end) = DecimalNumber.scan(text, from: pos), end == text.count || isDelimiter(text[end]) else {
                    let end = tokenEnd(from: pos)
                    if text[pos..<end].starts(with: output), end - pos > output.count, text[pos + output.count] == .dot {
                        throw error(start, "the mpc.\(name) matrix that starts here is not closed before "
                            + "'\(token(pos, end))' at line \(line); expected '];'")
                    }
                    throw error(line, "mpc.\(name) row \(lines.count + 1), column \(inRow + 1): '\(token(pos, end))' "
                        + "is not a number; expected a number such as 1, -0.5, 1.5e+02 or Inf")
                }
                if inRow == 0 { rowLine = line }
                values.append(value)
                inRow += 1
                pos = end
            }
        }
    }

    /// A cell array of quoted strings, `{ 'A'; 'B'; }`.
    private mutating func strings(_ name: String, startedAt start: Int) throws(InputError) -> [String] {
        guard peek(0) == .openBrace else {
            throw error(line, "mpc.\(name) must be a cell array of quoted names, found '\(describe(peek(0)))'; "
                + "expected mpc.\(name) = { 'A'; 'B' };")
        }
        pos += 1
        var names: [String] = []
        while true {
            guard pos < text.count else {
                throw error(start, "the mpc.\(name) cell array that starts here is never closed: reached the end of the file, expected '};'")
            }
            switch text[pos] {
            case .space, .tab, .carriageReturn, .comma, .semicolon:
                pos += 1
            case .newline:
                line += 1
                pos += 1
            case .percent:
                skipComment()
            case .closeBrace:
                pos += 1
                return names
            case .quote, .doubleQuote:
                names.append(try quoted())
            case .dot where isContinuation():
                skipContinuation()
            default:
                let end = max(tokenEnd(from: pos), pos + 1)
                throw error(line, "mpc.\(name) entry \(names.count + 1): '\(token(pos, end))' is not a quoted string; "
                    + "expected a name in quotes such as 'Bus 1'")
            }
        }
    }

    /// A string in single or double quotes at `pos`; a doubled quote stands for one.
    private mutating func quoted() throws(InputError) -> String {
        let quote = text[pos]
        pos += 1
        var bytes: [UInt8] = []
        while true {
            guard pos < text.count, text[pos] != .newline else {
                throw error(line, "unterminated string: expected a closing \(describe(quote)) before the end of the line")
            }
            if text[pos] == quote {
                guard peek(1) == quote else { break }
                pos += 1
            }
            bytes.append(text[pos])
            pos += 1
        }
        pos += 1
        return Self.decode(bytes)
    }

    // MARK: Skipping

    /// Skips blanks, line breaks, statement separators, comments and continuations; `false` at
    /// the end of the file.
    private mutating func skipToStatement() -> Bool {
        while pos < text.count {
            switch text[pos] {
            case .space, .tab, .carriageReturn, .semicolon, .comma:
                pos += 1
            case .newline:
                line += 1
                pos += 1
            case .percent:
                skipComment()
            case .dot where isContinuation():
                skipContinuation()
            default:
                return true
            }
        }
        return false
    }

    /// Skips to the end of a statement that is not read: the first `;`, `,` or line break outside
    /// brackets, strings and comments.
    private mutating func skipStatement(startedAt start: Int, what: String) throws(InputError) {
        var depth = 0
        while pos < text.count {
            let byte = text[pos]
            switch byte {
            case .newline:
                if depth == 0 { return }
                line += 1
                pos += 1
            case .semicolon, .comma:
                pos += 1
                if depth == 0 { return }
            case .percent:
                skipComment()
            case .dot where isContinuation():
                skipContinuation()
            case .openBracket, .openBrace, .openParenthesis:
                depth += 1
                pos += 1
            case .closeBracket, .closeBrace, .closeParenthesis:
                depth = max(depth - 1, 0)
                pos += 1
            case .quote where pos > 0 && Self.endsOperand(text[pos - 1]):
                pos += 1  // the transpose operator, not a string
            case .quote, .doubleQuote:
                _ = try quoted()
            default:
                pos += 1
            }
        }
        if depth > 0 {
            throw error(start, "\(what) that starts here is not finished at the end of the file: a '[', '{' or '(' is never closed")
        }
    }

    private mutating func skipSpaces() {
        while pos < text.count, text[pos] == .space || text[pos] == .tab { pos += 1 }
    }

    /// Skips a `%` comment up to, not including, the line break. A `%{` alone on its line opens
    /// a block comment that ends with a line holding only `%}`; blocks nest, as in MATLAB.
    private mutating func skipComment() {
        if peek(1) == .openBrace, isAloneOnLine(pos) {
            return skipBlockComment()
        }
        skipToEndOfLine()
    }

    private mutating func skipBlockComment() {
        var depth = 0
        while pos < text.count {
            while pos < text.count, text[pos] == .space || text[pos] == .tab { pos += 1 }
            if peek(0) == .percent, peek(1) == .openBrace || peek(1) == .closeBrace, isAloneOnLine(pos) {
                depth += peek(1) == .openBrace ? 1 : -1
                if depth == 0 { return skipToEndOfLine() }
            }
            skipToEndOfLine()
            if pos < text.count {
                line += 1
                pos += 1
            }
        }
    }

    /// Whether the two-byte marker at `start` (`%{` or `%}`) is the only thing on its line.
    private func isAloneOnLine(_ start: Int) -> Bool {
        func blank(_ byte: UInt8) -> Bool { byte == .space || byte == .tab || byte == .carriageReturn }
        var before = start - 1
        while before >= 0, text[before] != .newline {
            guard blank(text[before]) else { return false }
            before -= 1
        }
        var after = start + 2
        while after < text.count, text[after] != .newline {
            guard blank(text[after]) else { return false }
            after += 1
        }
        return true
    }

    private mutating func skipToEndOfLine() {
        while pos < text.count, text[pos] != .newline { pos += 1 }
    }

    /// `...` at `pos`: MATLAB ignores the rest of the line and the line break.
    private func isContinuation() -> Bool {
        peek(1) == .dot && peek(2) == .dot
    }

    private mutating func skipContinuation() {
        skipToEndOfLine()
        if pos < text.count {
            line += 1
            pos += 1
        }
    }

    // MARK: Tokens

    private func peek(_ offset: Int) -> UInt8 {
        pos + offset < text.count ? text[pos + offset] : 0
    }

    /// The identifier at `pos` (empty when there is none), and moves past it.
    private mutating func identifier() -> Range<Int> {
        let start = pos
        guard isIdentifierStart(peek(0)) else { return start..<start }
        pos += 1
        while pos < text.count, isIdentifierStart(text[pos]) || Self.isDigit(text[pos]) { pos += 1 }
        return start..<pos
    }

    private func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
        text[range].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// The end of the value token at `start`: the first delimiter or the end of the file.
    private func tokenEnd(from start: Int) -> Int {
        var end = start
        while end < text.count, !isDelimiter(text[end]) { end += 1 }
        return end
    }

    /// Whether `byte` ends a value: a blank, a separator, `]`, `}` or `%`.
    @inline(__always)
    private func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case .space, .tab, .newline, .carriageReturn, .comma, .semicolon, .closeBracket, .closeBrace, .percent: true
        default: false
        }
    }

    /// The token text for a message, shortened when long.
    private func token(_ start: Int, _ end: Int) -> String {
        let shown = String(decoding: text[start..<min(end, start + 40)], as: UTF8.self)
        return end - start > 40 ? shown + "..." : shown
    }

    private func describe(_ byte: UInt8) -> String {
        if byte == 0 && pos >= text.count { return "end of file" }
        if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        return byte == .newline ? "line break" : "byte 0x" + String(byte, radix: 16)
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Whether a quote right after `byte` is MATLAB's transpose operator rather than a string.
    private static func endsOperand(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || isDigit(byte) || byte == UInt8(ascii: "_")
            || byte == .closeBracket || byte == .closeBrace || byte == .closeParenthesis
            || byte == .dot || byte == .quote
    }

    /// Text of a name: UTF-8 when it is valid UTF-8, else Latin-1, the other encoding in which
    /// older power-system data is found (one byte, one character).
    private static func decode(_ bytes: [UInt8]) -> String {
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

    private func error(_ line: Int, _ message: String) -> InputError {
        InputError(file: file, line: line, message: message)
    }

    // MARK: Result

    /// Checks that the case has what a version 2 case must have, in the shape it must have.
    private func assemble() throws(InputError) -> MatpowerCase {
        if let version = found.version, version.text != "2" {
            let message = version.text == "1"
                ? "MATPOWER case format version 1 is not supported; Kraft reads version 2 (mpc.version = '2'). "
                    + "Convert the case in MATPOWER with savecase('new.m', loadcase('old.m'))"
                : "unknown MATPOWER case format version '\(version.text)'; expected mpc.version = '2';"
            throw error(version.line, message)
        }
        if found.matrices["bus"] == nil, let header = found.versionOneHeader {
            throw error(header, "this is a MATPOWER version 1 case (function [baseMVA, bus, gen, branch, ...] = ...), which "
                + "is not supported; Kraft reads version 2. Convert it in MATPOWER with savecase('new.m', loadcase('old.m'))")
        }
        guard let baseMVA = found.baseMVA else { throw missing("mpc.baseMVA") }
        guard let bus = found.matrices["bus"] else { throw missing("mpc.bus") }
        guard let gen = found.matrices["gen"] else { throw missing("mpc.gen") }
        guard let branch = found.matrices["branch"] else { throw missing("mpc.branch") }
        if found.version == nil, gen.columns < 21 {
            throw InputError(file: file, line: nil, message: "no mpc.version, and mpc.gen has \(gen.columns) columns: "
                + "MATPOWER reads such a case as version 1, which is not supported; expected mpc.version = '2';")
        }
        guard bus.rows > 0 else {
            throw error(bus.line, "mpc.bus has no rows; expected at least one bus")
        }
        try require(bus, columns: MatpowerColumns.Bus.names)
        try require(gen, columns: MatpowerColumns.Gen.names)
        try require(branch, columns: MatpowerColumns.Branch.names)
        return MatpowerCase(
            file: file, name: found.functionName ?? Self.stem(file), version: found.version?.text ?? "2",
            baseMVA: baseMVA.value, baseMVALine: baseMVA.line, bus: bus, gen: gen, branch: branch,
            gencost: found.matrices["gencost"], dcline: found.matrices["dcline"],
            busNames: found.busNames?.names, busNamesLine: found.busNames?.line)
    }

    private func missing(_ what: String) -> InputError {
        InputError(file: file, line: nil, message: "missing \(what); a MATPOWER case must assign mpc.baseMVA, mpc.bus, "
            + "mpc.gen and mpc.branch")
    }

    /// A non-empty matrix must have at least the named columns.
    private func require(_ matrix: MatpowerMatrix, columns names: [String]) throws(InputError) {
        guard matrix.rows > 0, matrix.columns < names.count else { return }
        throw error(matrix.line, "mpc.\(matrix.name) has \(matrix.columns) columns; expected at least \(names.count): "
            + names.joined(separator: " "))
    }

    /// `case9` for `/path/to/case9.m`.
    private static func stem(_ path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".m") ? String(base.dropLast(2)) : base
    }
}

/// The bytes the parser dispatches on (computed, so that they fold to constants in the scanning loops).
private extension UInt8 {
    static var tab: UInt8 { UInt8(ascii: "\t") }
    static var newline: UInt8 { UInt8(ascii: "\n") }
    static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
    static var space: UInt8 { UInt8(ascii: " ") }
    static var doubleQuote: UInt8 { UInt8(ascii: "\"") }
    static var percent: UInt8 { UInt8(ascii: "%") }
    static var quote: UInt8 { UInt8(ascii: "'") }
    static var openParenthesis: UInt8 { UInt8(ascii: "(") }
    static var closeParenthesis: UInt8 { UInt8(ascii: ")") }
    static var comma: UInt8 { UInt8(ascii: ",") }
    static var dot: UInt8 { UInt8(ascii: ".") }
    static var semicolon: UInt8 { UInt8(ascii: ";") }
    static var equals: UInt8 { UInt8(ascii: "=") }
    static var openBracket: UInt8 { UInt8(ascii: "[") }
    static var closeBracket: UInt8 { UInt8(ascii: "]") }
    static var openBrace: UInt8 { UInt8(ascii: "{") }
    static var closeBrace: UInt8 { UInt8(ascii: "}") }
}
