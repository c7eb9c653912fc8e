import Foundation
import KraftIO

/// Writes a run's result folder all at once: files go to a hidden temporary folder beside the
/// target, which is renamed into place only when every file is written, so an interrupted run
/// never leaves a folder that looks whole.
public enum ResultFolder {
    /// With `replacing`, an existing folder is swapped out only after the new one is complete.
    public static func write(_ files: [(name: String, text: String)], to path: String, replacing: Bool = false) throws(InputError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        guard replacing || !fm.fileExists(atPath: target.path) else {
            throw InputError(file: path, line: nil, message: "already exists (expected a new folder; remove it or choose another --output)")
        }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try Data(file.text.utf8).write(to: staging.appendingPathComponent(file.name))
            }
            if fm.fileExists(atPath: target.path) {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString)")
                try fm.moveItem(at: target, to: old)
                try fm.moveItem(at: staging, to: target)
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: target)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw InputError(file: path, line: nil, message: "cannot write the result folder: \(error.localizedDescription)")
        }
    }
}
