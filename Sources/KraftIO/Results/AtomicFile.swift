import Foundation

/// Writes whole files so that a reader never sees a half-written one: the text goes to a
/// temporary name beside the target and is renamed over it only when complete. A target that
/// exists and is not a regular file (`/dev/null`, a pipe, a terminal) is written to directly:
/// renaming over it would replace the device with a file.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(InputError) {
        do {
            let url = URL(fileURLWithPath: path)
            let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            if let type, type != .typeRegular {
                let handle = try FileHandle(forWritingTo: url)
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(text.utf8))
            } else {
                try Data(text.utf8).write(to: url, options: .atomic)
            }
        } catch {
            throw InputError(file: path, line: nil, message: "cannot write: \(error.localizedDescription)")
        }
    }
}
