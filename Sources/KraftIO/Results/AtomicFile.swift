import Foundation

/// Writes whole files so that a reader never sees a half-written one: the text goes to a
/// temporary name beside the target and is renamed over it only when complete.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(InputError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(file: path, line: nil, message: "cannot write: \(error.localizedDescription)")
        }
    }
}
