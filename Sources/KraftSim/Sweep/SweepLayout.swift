import Foundation
import KraftIO
import KraftScenario

/// Where a sweep keeps its files under its output folder, and what state each member is in:
///
/// - `sweep.json` — the plan (`SweepPlan`): members, their ids, overrides and run options;
/// - `members/ID.toml` — the member's resolved scenario, the file `kraft run` reads;
/// - `members/ID/` — its result folder, complete when `manifest.json` is in it (written atomically);
/// - `members/ID.failed` — why it failed (exit status and the errors `kraft run` printed).
public struct SweepLayout: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public var planFile: String { folder + "/sweep.json" }
    public var membersFolder: String { folder + "/members" }
    public func scenarioFile(_ id: String) -> String { "\(membersFolder)/\(id).toml" }
    public func resultFolder(_ id: String) -> String { "\(membersFolder)/\(id)" }
    public func failureFile(_ id: String) -> String { "\(membersFolder)/\(id).failed" }

    /// A member is complete when its result folder has a manifest: folders are renamed into place
    /// only when whole, so this is never true of a half-written one.
    public func isComplete(_ id: String) -> Bool {
        FileManager.default.fileExists(atPath: resultFolder(id) + "/manifest.json")
    }

    /// Removes what a killed run of the member left: hidden staging folders and a result folder
    /// without a manifest. Returns the names removed, for the log.
    @discardableResult
    public func clearStale(_ id: String) -> [String] {
        let fm = FileManager.default
        var removed = [String]()
        let staging = ".\(id).partial-"
        for name in (try? fm.contentsOfDirectory(atPath: membersFolder)) ?? [] where name.hasPrefix(staging) {
            if (try? fm.removeItem(atPath: "\(membersFolder)/\(name)")) != nil { removed.append(name) }
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: resultFolder(id), isDirectory: &isDirectory), !isComplete(id) {
            if (try? fm.removeItem(atPath: resultFolder(id))) != nil { removed.append(id) }
        }
        return removed
    }

    /// Records a member's failure durably (atomically, replacing an older record).
    public func recordFailure(_ id: String, message: String) throws(InputError) {
        try AtomicFile.write(message.hasSuffix("\n") ? message : message + "\n", to: failureFile(id))
    }

    /// Forgets an older failure once the member has completed.
    public func clearFailure(_ id: String) {
        try? FileManager.default.removeItem(atPath: failureFile(id))
    }
}
