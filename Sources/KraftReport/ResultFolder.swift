import Foundation
import KraftIO
#if canImport(Glibc)
import Glibc
#endif

/// Writes a run's result folder all at once: files go to a hidden staging folder beside the
/// target, `.NAME.partial-PID-UUID`, which is renamed into place only when every file is written,
/// so an interrupted run never leaves a folder that looks whole. The final rename never replaces
/// anything (`NoReplaceRename`): of two runs finishing into one new folder, the second is refused.
///
/// With `replacing`, the existing folder is first renamed aside to `.NAME.old-PID-UUID`, the new
/// one renamed into place, and the old one removed. What a killed run leaves is dealt with by the
/// next run into the same folder (`recover`): staging folders of a process that is gone (or, named
/// without a process id, older than this run) are removed; an aside folder whose process is gone
/// is put back when the folder is missing (the kill fell between the two renames: the last
/// complete result returns) and removed otherwise.
public enum ResultFolder {
    /// When this process started, near enough: leftovers older than this are not this run's.
    public static let processStart = Date()

    /// With `replacing`, an existing folder is swapped out only after the new one is complete.
    /// `manifest`, when given, makes one more file, written last, from the names of the files
    /// the staging folder holds once `files` are written (in the order written): a manifest lists
    /// what was written, not what a caller meant to write.
    public static func write(_ files: [(name: String, text: String)], to path: String, replacing: Bool = false,
                             manifest: ((_ written: [String]) -> (name: String, text: String))? = nil) throws(InputError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        recover(path)
        guard replacing || !fm.fileExists(atPath: target.path) else {
            throw InputError(file: path, line: nil, message: "already exists (expected a new folder; remove it or choose another --output)")
        }
        let parent = target.deletingLastPathComponent()
        let pid = getpid()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(pid)-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try Data(file.text.utf8).write(to: staging.appendingPathComponent(file.name))
            }
            if let manifest {
                let present = Set(try fm.contentsOfDirectory(atPath: staging.path))
                var written = [String]()
                for file in files where present.contains(file.name) && !written.contains(file.name) { written.append(file.name) }
                guard present == Set(written) else { throw StagingMismatch(present: present.sorted(), written: written) }
                let m = manifest(written)
                try Data(m.text.utf8).write(to: staging.appendingPathComponent(m.name))
            }
        } catch {
            try? fm.removeItem(at: staging)
            let why = (error as? StagingMismatch)?.description ?? error.localizedDescription
            throw InputError(file: path, line: nil, message: "cannot write the result folder: \(why)")
        }
        var old: URL?
        if replacing && fm.fileExists(atPath: target.path) {
            let aside = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)-\(UUID().uuidString)")
            do { try NoReplaceRename.rename(target.path, to: aside.path) } catch {
                try? fm.removeItem(at: staging)
                throw InputError(file: path, line: nil, message: "cannot move the old result folder aside: \(error.message)")
            }
            old = aside
        }
        try moveIntoPlace(staging.path, target: path)
        if let old { try? fm.removeItem(at: old) }
    }

    /// A staging folder that holds other files than those written into it.
    struct StagingMismatch: Error, CustomStringConvertible {
        var present: [String]
        var written: [String]
        var description: String { "the staging folder holds \(present.joined(separator: ", ")), not the files written (\(written.joined(separator: ", ")))" }
    }

    /// The final rename of a staging folder to its target, which must not exist: another run that
    /// finished first keeps its folder and this one is refused (its staging folder removed).
    static func moveIntoPlace(_ staging: String, target: String) throws(InputError) {
        do { try NoReplaceRename.rename(staging, to: target) } catch {
            try? FileManager.default.removeItem(atPath: staging)
            if error == .exists {
                throw InputError(file: target, line: nil, message: "already exists: another run wrote it while this one ran (its folder is kept; this run's results are not written)")
            }
            throw InputError(file: target, line: nil, message: "cannot write the result folder: \(error.message)")
        }
    }

    /// Cleans up after killed runs into `path` (see the type's comment). Returns what it did, one
    /// line each, for tests and logs.
    @discardableResult
    public static func recover(_ path: String) -> [String] {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        let parent = target.deletingLastPathComponent(), name = target.lastPathComponent
        var done = [String]()
        let entries = (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        var asides = [(url: URL, modified: Date)]()
        for entry in entries {
            let url = parent.appendingPathComponent(entry)
            let partial = entry.hasPrefix(".\(name).partial-"), aside = entry.hasPrefix(".\(name).old-")
            guard partial || aside else { continue }
            let rest = String(entry.dropFirst(partial ? ".\(name).partial-".count : ".\(name).old-".count))
            guard isStale(rest, url: url) else { continue }
            if partial {
                if (try? fm.removeItem(at: url)) != nil { done.append("removed \(entry)") }
            } else {
                let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date ?? .distantPast
                asides.append((url, modified))
            }
        }
        // Put back the newest complete aside folder when the target is missing; remove the rest.
        asides.sort { $0.modified > $1.modified }
        for a in asides {
            if !fm.fileExists(atPath: target.path), fm.fileExists(atPath: a.url.appendingPathComponent("manifest.json").path),
               (try? NoReplaceRename.rename(a.url.path, to: target.path)) != nil {
                done.append("restored \(a.url.lastPathComponent) as \(name)")
            } else if (try? fm.removeItem(at: a.url)) != nil {
                done.append("removed \(a.url.lastPathComponent)")
            }
        }
        return done
    }

    /// Whether a leftover named `PID-UUID` (or, from older versions, `UUID`) is Kraft's and its
    /// writer is gone: the process id is not running, or, without one, it is older than this run.
    private static func isStale(_ suffix: String, url: URL) -> Bool {
        let parts = suffix.split(separator: "-", maxSplits: 1)
        if parts.count == 2, let pid = Int32(parts[0]), pid > 0, UUID(uuidString: String(parts[1])) != nil {
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        guard UUID(uuidString: suffix) != nil else { return false }
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date ?? .distantFuture
        return modified < processStart
    }
}
