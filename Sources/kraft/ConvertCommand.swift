import ArgumentParser
import KraftIO

/// `kraft convert`: a case in any supported format written as a MATPOWER case file.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write a case (MATPOWER .m) as a MATPOWER case file, format version 2.",
        discussion: "Exit status: 0 written, 2 bad input or the output cannot be written."
    )

    @Argument(help: "The case file to read.")
    var input: String

    @Argument(help: "The MATPOWER file to write (.m); written atomically.")
    var output: String

    func validate() throws {
        guard output.lowercased().hasSuffix(".m") else {
            throw ValidationError("the output must be a MATPOWER .m file, got '\(output)'")
        }
    }

    func run() throws {
        let file = try loadCase(input)
        for note in file.notes { printError("note: \(note)") }
        let base = (output.split(separator: "/").last.map(String.init) ?? output).dropLast(2)
        do {
            try AtomicFile.write(MatpowerWriter.write(file.network, functionName: MatpowerWriter.sanitized(String(base))), to: output)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
    }
}
