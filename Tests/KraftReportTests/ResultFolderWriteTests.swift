import Foundation
import KraftIO
@testable import KraftReport
import Testing

/// Writing result folders against leftovers of killed runs and a run racing for the same folder,
/// and writing a set of files that must land together (issue #15).
@Suite("Result folder writing")
struct ResultFolderWriteTests {
    static func parent() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-rfw-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The id of a process that has exited.
    static func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    static func folder(_ path: String, manifest: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try manifest.write(toFile: path + "/manifest.json", atomically: false, encoding: .utf8)
    }

    static func manifest(_ path: String) -> String? { try? String(contentsOfFile: path + "/manifest.json", encoding: .utf8) }

    @Test("the next run removes staging folders of killed runs into the same folder, and only those")
    func staleStaging() throws {
        let parent = try Self.parent(), fm = FileManager.default
        let dead = try Self.deadPID()
        let killed = "\(parent)/.out.partial-\(dead)-\(UUID().uuidString)"
        let legacy = "\(parent)/.out.partial-\(UUID().uuidString)"
        let live = "\(parent)/.out.partial-\(getpid())-\(UUID().uuidString)"
        let other = "\(parent)/.other.partial-\(dead)-\(UUID().uuidString)"
        let notOurs = "\(parent)/.out.partial-keep-me"
        for p in [killed, legacy, live, other, notOurs] { try Self.folder(p, manifest: "half") }
        try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: legacy)
        try ResultFolder.write([("manifest.json", "new")], to: parent + "/out")
        #expect(Self.manifest(parent + "/out") == "new")
        #expect(!fm.fileExists(atPath: killed) && !fm.fileExists(atPath: legacy))
        #expect(fm.fileExists(atPath: live) && fm.fileExists(atPath: other) && fm.fileExists(atPath: notOurs))
    }

    @Test("a kill between --overwrite's two renames: the next run puts the old folder back when the folder is missing, removes it otherwise")
    func interruptedOverwrite() throws {
        let parent = try Self.parent(), fm = FileManager.default
        let dead = try Self.deadPID()
        let aside = "\(parent)/.out.old-\(dead)-\(UUID().uuidString)"
        try Self.folder(aside, manifest: "old")
        // Without --overwrite the folder returns, and so is refused like any existing folder.
        #expect(throws: InputError.self) { try ResultFolder.write([("manifest.json", "new")], to: parent + "/out") }
        #expect(Self.manifest(parent + "/out") == "old" && !fm.fileExists(atPath: aside))
        // Killed after the second rename: the folder is whole, the aside one is removed.
        try Self.folder(aside, manifest: "older")
        try ResultFolder.write([("manifest.json", "new")], to: parent + "/out", replacing: true)
        #expect(Self.manifest(parent + "/out") == "new")
        #expect(try fm.contentsOfDirectory(atPath: parent) == ["out"])
    }

    @Test("the final move never replaces: of two runs finishing into one new folder the second is refused and the first kept")
    func finalMoveTwice() throws {
        let parent = try Self.parent(), fm = FileManager.default
        let first = parent + "/.out.partial-a", second = parent + "/.out.partial-b"
        try Self.folder(first, manifest: "first")
        try Self.folder(second, manifest: "second")
        try ResultFolder.moveIntoPlace(first, target: parent + "/out")
        #expect {
            try ResultFolder.moveIntoPlace(second, target: parent + "/out")
        } throws: { ($0 as? InputError)?.message.hasPrefix("already exists: another run wrote it") == true }
        #expect(Self.manifest(parent + "/out") == "first" && !fm.fileExists(atPath: second))
        // Also onto an empty folder, which rename(2) alone would replace.
        try fm.createDirectory(atPath: parent + "/empty", withIntermediateDirectories: false)
        try Self.folder(second, manifest: "second")
        #expect(throws: InputError.self) { try ResultFolder.moveIntoPlace(second, target: parent + "/empty") }
        #expect(try fm.contentsOfDirectory(atPath: parent + "/empty").isEmpty)
        // Racing: exactly one of two concurrent moves wins, every time.
        for i in 0..<50 {
            let a = "\(parent)/.r\(i).partial-a", b = "\(parent)/.r\(i).partial-b"
            try Self.folder(a, manifest: "a")
            try Self.folder(b, manifest: "b")
            let wins = LockedCounter()
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if (try? ResultFolder.moveIntoPlace(k == 0 ? a : b, target: "\(parent)/r\(i)")) != nil { wins.add() }
            }
            #expect(wins.value == 1)
        }
    }

    @Test("a set of files lands together: when one cannot be written (a full disk), none is replaced and no temporary file stays")
    func fileSet() throws {
        let parent = try Self.parent(), fm = FileManager.default
        let files = ["a", "b", "c"].map { (path: "\(parent)/\($0).txt", text: "new \($0)") }
        for f in files { try "old".write(toFile: f.path, atomically: false, encoding: .utf8) }
        var calls = 0
        #expect(throws: InputError.self) {
            try AtomicFile.writeSet(files) { text, path in
                calls += 1
                if calls == 3 { throw CocoaError(.fileWriteOutOfSpace) }
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            }
        }
        for f in files { #expect(try String(contentsOfFile: f.path, encoding: .utf8) == "old") }
        #expect(try fm.contentsOfDirectory(atPath: parent).sorted() == ["a.txt", "b.txt", "c.txt"])
        try AtomicFile.writeSet(files)
        for f in files { #expect(try String(contentsOfFile: f.path, encoding: .utf8) == f.text) }
        #expect(try fm.contentsOfDirectory(atPath: parent).count == 3)
    }

    @Test("the manifest is made last from the files the staging folder holds, in the order written")
    func manifestFromWritten() throws {
        let parent = try Self.parent()
        try ResultFolderWriter.write([("b.csv", "x\n"), ("a.json", "{}\n")], kind: "year", kraftVersion: "test", to: parent + "/out", replacing: false)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: parent + "/out/manifest.json"))) as! [String: Any]
        #expect(manifest["files"] as? [String] == ["manifest.json", "b.csv", "a.json"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: parent + "/out")) == ["manifest.json", "b.csv", "a.json"])
        // Two files of one name are one file in the folder: listed once.
        try ResultFolderWriter.write([("b.csv", "1\n"), ("b.csv", "2\n")], kind: "year", kraftVersion: "test", to: parent + "/twice", replacing: false)
        let twice = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: parent + "/twice/manifest.json"))) as! [String: Any]
        #expect(twice["files"] as? [String] == ["manifest.json", "b.csv"])
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
