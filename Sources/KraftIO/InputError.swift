/// A problem with an input file, located as precisely as the reader can: the file, the 1-based
/// line when one applies, and a message that says what is wrong and what was expected.
///
/// Every reader in KraftIO (MATPOWER, PSS/E RAW, TOML scenarios) reports bad input with this one
/// type, so that the command-line tool prints all of them the same way an editor or compiler
/// would: `FILE:LINE: message`.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path of the file as the caller gave it.
    public var file: String
    /// The 1-based line of the offending token or row, or `nil` when the problem concerns the file
    /// as a whole (it cannot be read, or something it must contain is missing).
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: message`, or `FILE: message` when there is no line.
    public var description: String {
        if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
    }
}
