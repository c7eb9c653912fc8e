import Foundation
import Testing

/// The helper that runs `kraft` for these tests.
@Suite struct KraftProcessTests {
    @Test("a child that writes more to standard error than a pipe holds, then to standard output, is read to the end")
    func fullStandardError() throws {
        // 1.5 MB to stderr (a pipe holds 64 KB on Linux, 16–64 KB on macOS), then one line to
        // stdout: a helper that read stdout to its end before stderr would wait for ever.
        let script = "head -c 1500000 /dev/zero | tr '\\000' e >&2; echo done"
        let finished = DispatchSemaphore(value: 0)
        let box = Box()
        Thread.detachNewThread {
            box.result = Result { try KraftProcess.run(["-c", script], executable: URL(fileURLWithPath: "/bin/sh")) }
            finished.signal()
        }
        // A deadlock fails the test instead of stopping the suite (the child ends with the test process).
        guard finished.wait(timeout: .now() + 120) == .success else {
            Issue.record("the helper did not return within 120 s: it waits on one pipe while the child fills the other")
            return
        }
        let run = try #require(try box.result?.get())
        #expect(run.status == 0)
        #expect(run.stdout == "done\n")
        #expect(run.stderr.utf8.count == 1_500_000 && run.stderr.utf8.allSatisfy { $0 == UInt8(ascii: "e") })
    }

    @Test("the built kraft is found and runs")
    func executable() throws {
        let run = try KraftProcess.run(["--help"])
        #expect(run.status == 0 && run.stdout.contains("kraft"))
    }
}

private final class Box: @unchecked Sendable {
    /// Set by the running thread before it signals, read after the wait.
    var result: Result<KraftProcess, any Error>?
}
