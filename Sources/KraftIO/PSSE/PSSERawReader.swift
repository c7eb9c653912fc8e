import KraftCore

/// Entry points for PSS/E RAW files, revisions 29 to 35: read a file, or parse text already in
/// memory, into the raw `PSSERawCase`, whose `network()` gives the per-unit `Network` and whose
/// `notes` say what the conversion skipped or approximated.
///
/// Every failure is an `InputError` naming the file and, where there is one, the line.
public enum PSSERawReader {
    /// The case in the file at `path`, read into memory in one go and parsed.
    public static func read(path: String) throws(InputError) -> PSSERawCase {
        try parse(FileBytes.contents(ofFile: path), file: path)
    }

    /// The case in `bytes`, the contents of a RAW file; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> PSSERawCase {
        try bytes.withUnsafeBufferPointer { text throws(InputError) in
            var parser = PSSERawParser(text: text, file: file)
            return try parser.parse()
        }
    }

    /// The case in `text`, the contents of a RAW file; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(InputError) -> PSSERawCase {
        try parse(Array(text.utf8), file: file)
    }

    /// The network in the RAW file at `path`, checked and in per unit (see `PSSERawCase.network()`).
    public static func readNetwork(path: String) throws(InputError) -> Network {
        try read(path: path).network()
    }
}
