/// TOML text must be UTF-8 (TOML 1.0, "Spec"). A file's bytes are checked before parsing, so an
/// invalid byte is an error at its line and column instead of a silent U+FFFD in a value.
extension TOMLParser {
    public static func text(utf8 bytes: [UInt8]) throws(TOMLError) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                if scalar.count == 1 && scalar.first == UInt8(ascii: "\n") { line += 1; lineStart = offset + 1 }
                offset += scalar.count
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
                throw TOMLError(line: line, column: column,
                                message: "byte 0x\(String(bytes[offset], radix: 16, uppercase: true).leftPadded(2)) is not valid UTF-8 (a TOML file must be UTF-8 text)")
            }
        }
    }
}
