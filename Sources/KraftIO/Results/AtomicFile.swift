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

    /// Writes several files as one set: every file goes to a hidden temporary name beside its
    /// target first, and only when all are written (a full disk fails here) and every target can
    /// be replaced (absent or a regular file) are they renamed into place, which needs no space.
    /// On a failure the temporary files are removed and no target is touched, so a reader never
    /// finds new files beside old ones. `writer` writes one temporary file (a seam for tests).
    public static func writeSet(_ files: [(path: String, text: String)],
                                writer: (String, String) throws -> Void = { text, path in
                                    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                                }) throws(InputError) {
        let fm = FileManager.default
        var written = [(temporary: String, target: String)]()
        func removeTemporaries() { for w in written { try? fm.removeItem(atPath: w.temporary) } }
        for file in files {
            let url = URL(fileURLWithPath: file.path)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)").path
            do {
                try writer(file.text, temporary)
                written.append((temporary, file.path))
            } catch {
                try? fm.removeItem(atPath: temporary)
                removeTemporaries()
                throw InputError(file: file.path, line: nil, message: "cannot write: \(error.localizedDescription) (no file of the set was replaced)")
            }
        }
        for file in files {
            if let type = (try? fm.attributesOfItem(atPath: file.path))?[.type] as? FileAttributeType, type != .typeRegular {
                removeTemporaries()
                throw InputError(file: file.path, line: nil, message: "exists and is not a regular file (expected a file Kraft may replace; no file of the set was replaced)")
            }
        }
        for (k, w) in written.enumerated() where rename(w.temporary, w.target) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in written[k...] { try? fm.removeItem(atPath: rest.temporary) }
            throw InputError(file: w.target, line: nil, message: "cannot rename into place: \(reason)")
        }
    }

    /// Writes several files as one set that readers see change at once, even if the process is
    /// killed half way: the files go into a new folder `folder/.SET/ID/`, then the link
    /// `folder/.SET/current` is switched to it by one rename; each file's own name in `folder` is a
    /// link through `current` (made the first time; a regular file an older version wrote is
    /// replaced by its link then). A target that exists and is neither refuses the set before
    /// anything is written; a failure while writing removes the new folder and changes nothing.
    /// Earlier sets' folders are removed after the switch.
    public static func writeLinkedSet(_ files: [(name: String, text: String)], in folder: String, set: String,
                                      writer: (String, String) throws -> Void = { text, path in
                                          try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                                      }) throws(InputError) {
        let fm = FileManager.default
        let setFolder = folder + "/." + set, id = UUID().uuidString
        func link(of path: String) -> String? { try? fm.destinationOfSymbolicLink(atPath: path) }
        for file in files {
            let path = folder + "/" + file.name
            guard link(of: path) == nil, let type = (try? fm.attributesOfItem(atPath: path))?[.type] as? FileAttributeType else { continue }
            if type != .typeRegular {
                throw InputError(file: path, line: nil, message: "exists and is not a regular file (expected a file Kraft may replace; no file of the set was replaced)")
            }
        }
        let newSet = setFolder + "/" + id
        do {
            try fm.createDirectory(atPath: newSet, withIntermediateDirectories: true)
            for file in files { try writer(file.text, newSet + "/" + file.name) }
        } catch {
            try? fm.removeItem(atPath: newSet)
            throw InputError(file: folder + "/" + (files.first?.name ?? ""), line: nil,
                             message: "cannot write: \(error.localizedDescription) (no file of the set was replaced)")
        }
        // The switch: one rename of a link.
        let current = setFolder + "/current", next = setFolder + "/.current-" + id
        do { try fm.createSymbolicLink(atPath: next, withDestinationPath: id) } catch {
            try? fm.removeItem(atPath: newSet)
            throw InputError(file: current, line: nil, message: "cannot link: \(error.localizedDescription) (no file of the set was replaced)")
        }
        guard rename(next, current) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: next); try? fm.removeItem(atPath: newSet)
            throw InputError(file: current, line: nil, message: "cannot switch to the new set: \(reason) (no file of the set was replaced)")
        }
        for file in files {
            let path = folder + "/" + file.name, target = "." + set + "/current/" + file.name
            guard link(of: path) != target else { continue }
            let temporary = folder + "/." + file.name + ".link-" + id
            do { try fm.createSymbolicLink(atPath: temporary, withDestinationPath: target) } catch {
                throw InputError(file: path, line: nil, message: "cannot link: \(error.localizedDescription)")
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(atPath: temporary)
                throw InputError(file: path, line: nil, message: "cannot link into place: \(reason)")
            }
        }
        for old in (try? fm.contentsOfDirectory(atPath: setFolder)) ?? [] where old != id && old != "current" {
            try? fm.removeItem(atPath: setFolder + "/" + old)
        }
    }
}
