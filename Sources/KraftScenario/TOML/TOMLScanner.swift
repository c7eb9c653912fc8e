/// The bytes of a TOML document with a read position: character classes, whitespace, comments
/// and newlines, and errors located by line and column. The text is a Swift `String`, so its
/// UTF-8 is valid; only ASCII bytes have meaning to TOML's syntax outside strings and comments.
///
/// The bytes are borrowed (`String.withUTF8`, see `TOMLParser.parse`): a scanner lives only
/// inside that call. Reading through a buffer pointer rather than an array keeps a debug build
/// fast (no reference counting per byte read).
struct TOMLScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// Byte offset at which each line starts: line n (1-based) starts at `lineStarts[n - 1]`.
    private let lineStarts: [Int]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var starts = [0]
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    var atEnd: Bool { pos >= bytes.count }

    /// The byte at the read position plus `offset`, or nil past the end.
    func peek(_ offset: Int = 0) -> UInt8? {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : nil
    }

    /// Whether the text at the read position begins with `ascii`.
    func looksAt(_ ascii: StaticString) -> Bool {
        let n = ascii.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        return (0..<n).allSatisfy { bytes[pos + $0] == ascii.utf8Start[$0] }
    }

    // MARK: Character classes

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }
    /// `A-Z a-z 0-9 _ -`: the characters of a bare key (TOML 1.0 allows no others).
    static func isBareKey(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }
    /// Control characters other than tab, which TOML allows neither in strings nor in comments.
    static func isControl(_ b: UInt8) -> Bool { (b < 0x20 && b != 0x09) || b == 0x7F }

    /// A newline at the read position: LF or CR LF (a lone CR is not a newline in TOML).
    var atNewline: Bool {
        peek() == UInt8(ascii: "\n") || (peek() == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n"))
    }

    /// Consumes one newline if there is one.
    mutating func skipNewline() -> Bool {
        if peek() == UInt8(ascii: "\n") { pos += 1; return true }
        if peek() == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") { pos += 2; return true }
        return false
    }

    // MARK: Whitespace and comments

    /// Spaces and tabs.
    mutating func skipWhitespace() {
        while let b = peek(), b == 0x20 || b == 0x09 { pos += 1 }
    }

    /// A comment, if one starts here, up to (not including) its newline.
    mutating func skipComment() throws(TOMLError) {
        guard peek() == UInt8(ascii: "#") else { return }
        pos += 1
        while let b = peek(), b != UInt8(ascii: "\n") {
            if b == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") { return }
            if Self.isControl(b) { throw error("\(found()) is not allowed in a comment") }
            pos += 1
        }
    }

    /// Whitespace, comments and newlines: what may come between statements and between the
    /// values of an array.
    mutating func skipTrivia() throws(TOMLError) {
        while true {
            skipWhitespace()
            try skipComment()
            if !skipNewline() { return }
        }
    }

    /// The end of a statement: whitespace, an optional comment, then a newline or the end of the
    /// text. `after` says what the statement was, for the error.
    mutating func endStatement(after: @autoclosure () -> String) throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        if atEnd || skipNewline() { return }
        throw error("expected a newline or the end of the file after \(after()), found \(found())")
    }

    // MARK: Errors

    /// 1-based line of a byte offset.
    func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count  // the answer is the count of line starts <= offset
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// An error at `offset` (default: the read position).
    func error(_ message: String, at offset: Int? = nil) -> TOMLError {
        let offset = min(offset ?? pos, bytes.count)
        let line = line(of: offset)
        var column = 1
        for b in bytes[lineStarts[line - 1]..<offset] where b & 0xC0 != 0x80 { column += 1 }
        return TOMLError(line: line, column: column, message: message)
    }

    /// What is at `offset` (default: the read position), for "expected ..., found ..." messages.
    func found(at offset: Int? = nil) -> String {
        let i = offset ?? pos
        guard i < bytes.count else { return "the end of the file" }
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "\n"): return "a newline"
        case UInt8(ascii: "\r"): return i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") ? "a newline" : "a carriage return"
        case UInt8(ascii: "\t"): return "a tab"
        case UInt8(ascii: "'"): return "\"'\""
        case _ where Self.isControl(b): return "the control character U+00\(String(b, radix: 16, uppercase: true).leftPadded(2))"
        default:
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            return "'\(String(decoding: bytes[i..<min(i + length, bytes.count)], as: UTF8.self))'"
        }
    }
}

extension String {
    /// Left-padded with zeros to `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
