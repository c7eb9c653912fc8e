/// A TOML syntax or definition error at a place in the text: `line 12, column 8: expected '='
/// after key "capacity_mw"`. Lines and columns are 1-based; a column counts characters (Unicode
/// scalars), not bytes.
public struct TOMLError: Error, CustomStringConvertible, Equatable, Sendable {
    public var line: Int
    public var column: Int
    /// What is wrong, saying what was expected where that helps.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
