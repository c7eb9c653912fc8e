import Foundation

/// One slot per job of a `DispatchQueue.concurrentPerform`, each written once by its job and read
/// after all have finished: the results come back in job order whatever order the jobs ran in.
public final class LockedSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    public init(count: Int) { slots = .init(repeating: nil, count: count) }

    public func set(_ i: Int, _ value: Value) { lock.withLock { slots[i] = value } }

    /// Every slot's value.
    /// - Precondition: every slot was set.
    public func values() -> [Value] { lock.withLock { slots.map { $0! } } }
}
