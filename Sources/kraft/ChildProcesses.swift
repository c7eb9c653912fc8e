import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The child processes of `kraft sweep run`, stopped with it: on SIGINT or SIGTERM (or SIGHUP) the
/// signal is passed on to every running child, no new child is started, and the parent exits
/// (128 + the signal) only once every child has ended; a child still running 10 s later is sent
/// SIGKILL. The handler only writes the signal's number to a pipe (async-signal-safe); a thread
/// reading the pipe does the rest.
final class ChildProcesses: Sendable {
    static let shared = ChildProcesses()

    private struct State {
        var running = Set<pid_t>()
        var stopping: Int32?
    }
    private let state = Mutex(State())

    /// The signal that stopped the run, if one did.
    var stopSignal: Int32? { state.withLock { $0.stopping } }

    /// Installs the handlers (once, before any child is started).
    func install() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        signalPipeWrite = fds[1]
        let readEnd = fds[0]
        let thread = Thread { [self] in
            var number: Int32 = 0
            while read(readEnd, &number, MemoryLayout<Int32>.size) == MemoryLayout<Int32>.size {
                stop(signal: number)
            }
        }
        thread.start()
        for s in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var n = number
                _ = write(signalPipeWrite, &n, MemoryLayout<Int32>.size)
            }
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(s, &action, nil)
        }
    }

    /// Starts `process` as a tracked child; false (and it is not started) when the run is stopping.
    func run(_ process: Process) throws -> Bool {
        // Under the lock, so a stop either sees this child or this child sees the stop.
        try state.withLock { s in
            guard s.stopping == nil else { return false }
            try process.run()
            s.running.insert(process.processIdentifier)
            return true
        }
    }

    /// Forgets a child that has ended (after `waitUntilExit`).
    func ended(_ process: Process) {
        _ = state.withLock { $0.running.remove(process.processIdentifier) }
    }

    private func stop(signal number: Int32) {
        let children = state.withLock { s -> [pid_t] in
            if s.stopping == nil { s.stopping = number }
            return Array(s.running)
        }
        for pid in children { kill(pid, number) }
        // Escalate for children that do not end.
        Thread.detachNewThread { [self] in
            Thread.sleep(forTimeInterval: 10)
            for pid in state.withLock({ Array($0.running) }) { kill(pid, SIGKILL) }
        }
    }
}

/// The write end of the signal pipe, read by the handler (a C function: no captures).
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1
