import KraftIO

/// One thing wrong with a scenario file, located by file and TOML key path:
/// `FILE: key.path: what is wrong (expected ...)`.
public struct ScenarioProblem: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// Dotted key path with array indices, e.g. `datacentre[2].capacity_mw`; empty for the file.
    public var keyPath: String
    public var message: String

    public init(file: String, keyPath: String, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.message = message
    }

    /// A problem with the file as a whole, from a reader's error: `FILE: line N: message`.
    public init(_ error: InputError) {
        self.init(file: error.file, keyPath: "", message: error.line.map { "line \($0): \(error.message)" } ?? error.message)
    }

    public var description: String {
        keyPath.isEmpty ? "\(file): \(message)" : "\(file): \(keyPath): \(message)"
    }
}

/// Every problem found in a set of scenario files; thrown when there is at least one.
public struct ScenarioProblems: Error, CustomStringConvertible, Sendable {
    public var problems: [ScenarioProblem]

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
