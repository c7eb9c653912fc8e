import Dispatch
import Foundation
import KraftScenario

/// Runs the samples of a study in parallel. Each sample draws its weather and its outages from
/// its own seeds (the study's seed and the sample's number), and each result goes to the
/// sample's own slot, so the results are the same for any number of threads.
public enum AdequacyRun {
    public static func run(model: AdequacyModel, samples: Range<Int>, seed: Int, threads: Int,
                           weather: @Sendable (Int) -> AdequacyWeatherYear,
                           progress: (@Sendable (Int) -> Void)? = nil) -> [AdequacySampleResult] {
        let slots = LockedResults(count: samples.count)
        let workers = max(1, min(threads, samples.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = slots.next() {
                let i = samples.lowerBound + k
                let result = AdequacySample.run(model: model, weather: weather(i), sample: i, seed: seed)
                slots.set(k, result)
                progress?(1)
            }
        }
        return slots.all()
    }
}

/// Per-sample slots written once each, and the queue of samples to take.
private final class LockedResults: @unchecked Sendable {
    private var slots: [AdequacySampleResult?]
    private var taken = 0
    private let lock = NSLock()
    init(count: Int) { slots = .init(repeating: nil, count: count) }
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard taken < slots.count else { return nil }
        taken += 1
        return taken - 1
    }
    func set(_ i: Int, _ r: AdequacySampleResult) { lock.lock(); slots[i] = r; lock.unlock() }
    func all() -> [AdequacySampleResult] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
