import Foundation

/// Runs the `kraft` executable built beside the test bundle and captures what it prints.
struct KraftProcess {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The built `kraft`: in the build folder of the test code, found by walking up from the test
    /// bundle (macOS: the `.xctest` bundle that `xctest` or `swiftpm-testing-helper` loads from the
    /// build folder) or the test runner itself (Linux: the `.xctest` executable); Foundation knows
    /// both paths, so no `/proc/self/exe`. Failing that, the default debug build of the package.
    static let executable: URL = {
        let starts = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map(\.bundleURL)
            + [Bundle.main.executableURL].compactMap { $0 }
        for start in starts {
            var dir = start.resolvingSymlinksInPath().deletingLastPathComponent()
            while dir.path != "/" {
                let candidate = dir.appendingPathComponent("kraft")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return root.appendingPathComponent(".build/debug/kraft")
    }()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func fixture(_ name: String) -> String {
        root.appendingPathComponent("Tests/Fixtures/cases/\(name)").path
    }

    /// Runs `executable` (the built `kraft` unless told) with `arguments`, reading its standard
    /// output and standard error at the same time: a child that fills one pipe while the other is
    /// read would otherwise wait for ever.
    static func run(_ arguments: [String], executable: URL = executable) throws -> KraftProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderr = PipeReader(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.wait()
        process.waitUntilExit()
        return KraftProcess(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                            stderr: String(decoding: errors, as: UTF8.self))
    }

    /// A file in a fresh temporary folder with `text` in it.
    static func temporaryFile(named name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

/// Reads a pipe to its end on a thread of its own; `wait` returns what it read.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the reading thread before `done` is signalled, read only after.
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
