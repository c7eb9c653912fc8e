import ArgumentParser
import KraftIO

/// `kraft convert`: a case in any supported format written as a MATPOWER case file or a PSS/E
/// RAW file, chosen by the output's extension.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write a case (MATPOWER .m or PSS/E .raw) as a MATPOWER case file (.m, format version 2) or a "
            + "PSS/E RAW file (.raw, revision 33, or 34 or 35 with --revision).",
        discussion: "Exit status: 0 written, 2 bad input or the output cannot be written, 64 a usage error."
    )

    @Argument(help: "The case file to read (.m or .raw).")
    var input: String

    @Argument(help: "The file to write, .m or .raw; written atomically.")
    var output: String

    @Option(help: "The PSS/E RAW revision to write: 33 (default), 34 or 35. Only for a .raw output.")
    var revision: Int?

    private var writesRaw: Bool { output.lowercased().hasSuffix(".raw") }

    func validate() throws {
        guard output.lowercased().hasSuffix(".m") || writesRaw else {
            throw ValidationError("the output must be a MATPOWER .m or a PSS/E .raw file, got '\(output)'")
        }
        if let revision {
            guard writesRaw else { throw ValidationError("--revision is only for a .raw output") }
            guard PSSERawWriter.revisions.contains(revision) else {
                throw ValidationError("--revision must be 33, 34 or 35, got \(revision)")
            }
        }
    }

    func run() throws {
        let file = try loadCase(input)
        for note in file.notes { printError("note: \(note)") }
        let text: String
        if writesRaw {
            let written = PSSERawWriter.write(file.network, revision: revision ?? 33)
            for note in written.notes { printError("note: \(note)") }
            text = written.text
        } else {
            let base = (output.split(separator: "/").last.map(String.init) ?? output).dropLast(2)
            text = MatpowerWriter.write(file.network, functionName: MatpowerWriter.sanitized(String(base)))
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
    }
}
