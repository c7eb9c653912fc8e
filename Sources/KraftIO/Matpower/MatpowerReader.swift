import KraftCore

/// Entry points for MATPOWER case files (format version 2): read a file, or parse text already
/// in memory, into the raw `MatpowerCase`, or straight into a per-unit `Network`.
///
/// Every failure is an `InputError` naming the file and, where there is one, the line.
public enum MatpowerReader {
    /// The case in the file at `path`, read into memory in one go and parsed.
    public static func read(path: String) throws(InputError) -> MatpowerCase {
        try parse(FileBytes.contents(ofFile: path), file: path)
    }

    /// The case in `bytes`, the contents of a case file; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> MatpowerCase {
        try bytes.withUnsafeBufferPointer { text throws(InputError) in
            var parser = MatpowerParser(text: text, file: file)
            return try parser.parse()
        }
    }

    /// The case in `text`, the contents of a case file; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(InputError) -> MatpowerCase {
        try parse(Array(text.utf8), file: file)
    }

    /// The network in the case file at `path`, checked and in per unit (see `MatpowerCase.network()`).
    public static func readNetwork(path: String) throws(InputError) -> Network {
        try read(path: path).network()
    }
}
