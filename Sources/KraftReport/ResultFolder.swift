import Foundation
import KraftIO

/// Writes a run's result folder all at once: files go to a hidden temporary folder beside the
/// target, which is renamed into place only when every file is written, so an interrupted run
/// never leaves a folder that looks whole.
public enum ResultFolder {
    /// `format` and `version` of `manifest.json` (docs/result-folder.md): readers refuse other formats and newer versions.
    public static let format = "kraft-result"
    public static let version = 1
    /// The Kraft version written into every manifest.
    public static let kraftVersion = "0.1.0-dev"

    /// Writes `files` and a `manifest.json` naming them and the run's `kind` ("snapshot", "year").
    public static func write(_ files: [(name: String, text: String)], kind: String, to path: String) throws(InputError) {
        var j = JSONText(capacity: 512)
        j.raw("{"); j.key("format"); j.string(format); j.raw(","); j.key("version"); j.number(version); j.raw(",")
        j.key("kind"); j.string(kind); j.raw(","); j.key("kraft_version"); j.string(kraftVersion); j.raw(",")
        j.key("files"); j.raw("[")
        for (k, f) in files.enumerated() { if k > 0 { j.raw(",") }; j.string(f.name) }
        j.raw("]}\n")
        // The manifest goes last, so even a reader of the staging folder sees it only when all is written.
        try write(files + [("manifest.json", j.text)], to: path)
    }

    public static func write(_ files: [(name: String, text: String)], to path: String) throws(InputError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        guard !fm.fileExists(atPath: target.path) else {
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
            try fm.moveItem(at: staging, to: target)
        } catch {
            try? fm.removeItem(at: staging)
            throw InputError(file: path, line: nil, message: "cannot write the result folder: \(error.localizedDescription)")
        }
    }
}
