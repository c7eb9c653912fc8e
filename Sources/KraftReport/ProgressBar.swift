import Foundation

/// A progress bar on standard error for work that takes longer than a second (a year run, a
/// report of a large folder). It draws nothing when standard error is not a terminal, nothing
/// during the first second, and at most ten times a second; `finish()` clears the line. Safe
/// to call from several threads (hours solved in parallel).
///
///     let progress = ProgressBar(total: 8760, label: "hours")
///     for h in 0..<8760 { solve(h); progress.advance() }
///     progress.finish()
public final class ProgressBar: @unchecked Sendable {
    public let total: Int
    public let label: String
    private let lock = NSLock()
    private var done = 0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let enabled: Bool
    private let write: (String) -> Void

    /// `enabled` defaults to "standard error is a terminal"; `write` to writing standard error
    /// (tests pass their own).
    public init(total: Int, label: String, enabled: Bool = isatty(2) == 1,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(1, total)
        self.label = label
        self.enabled = enabled
        self.write = write
    }

    /// Marks `count` more items done and redraws when due.
    public func advance(by count: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        done = min(total, done + count)
        let now = Date()
        guard enabled, now.timeIntervalSince(start) >= 1, now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        drawn = true
        write("\r" + Self.line(done: done, total: total, label: label, elapsed: now.timeIntervalSince(start)))
    }

    /// Clears the bar (if one was drawn).
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        if drawn { write("\r" + String(repeating: " ", count: 78) + "\r") }
        drawn = false
    }

    /// `[#######.............]  35 %  3066/8760 hours  12 s left`, at most 78 characters.
    public static func line(done: Int, total: Int, label: String, elapsed: Double) -> String {
        let fraction = Double(done) / Double(max(1, total)), width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        var s = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
        s += fixed(100 * fraction, 0).leftPadded(3) + " %  \(done)/\(total) \(label)"
        if done > 0, done < total, elapsed.isFinite {
            s += "  \(fixed(elapsed / Double(done) * Double(total - done), 0)) s left"
        }
        return String(s.prefix(78))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
