import ArgumentParser
import Foundation
import KraftIO

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Reads a case, or prints the reader's `FILE:LINE: message` and exits with status 2.
func loadCase(_ path: String) throws -> CaseFile {
    do {
        return try CaseFile.load(path: path)
    } catch {
        printError(error.description)
        throw ExitStatus.badInput
    }
}

/// Writes a command's output to `path` atomically, or to standard output when there is none;
/// a file that cannot be written is bad input (exit 2).
func emit(_ text: String, to path: String?) throws {
    guard let path else { return print(text, terminator: "") }
    do { try AtomicFile.write(text, to: path) } catch {
        printError(error.description)
        throw ExitStatus.badInput
    }
}
