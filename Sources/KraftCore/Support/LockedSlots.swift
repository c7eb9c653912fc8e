import Foundation

/// One slot per job of a `DispatchQueue.concurrentPerform`, each written once by its job and read
/// after all have finished: the results come back in job order whatever order the jobs ran in.
/// Workers fewer than jobs take the jobs from the queue `next()`.
public final class LockedSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private var taken = 0
    private let lock = NSLock()

    public init(count: Int) { slots = .init(repeating: nil, count: count) }

    /// The next job no worker has taken, or nil when all are taken.
    public func next() -> Int? {
        lock.withLock {
            guard taken < slots.count else { return nil }
            taken += 1
            return taken - 1
        }
    }

    public func set(_ i: Int, _ value: Value) { lock.withLock { slots[i] = value } }

    /// Every slot's value.
    /// - Precondition: every slot was set.
    public func values() -> [Value] { lock.withLock { slots.map { $0! } } }
}
