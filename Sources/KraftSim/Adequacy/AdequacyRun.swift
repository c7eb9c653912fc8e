import Dispatch
import Foundation
import KraftCore
import KraftScenario

/// Runs the samples of a study in parallel. Each sample draws its weather and its outages from
/// its own seeds (the study's seed and the sample's number), and each result goes to the
/// sample's own slot, so the results are the same for any number of threads.
public enum AdequacyRun {
    public static func run(model: AdequacyModel, samples: Range<Int>, seed: Int, threads: Int,
                           weather: @Sendable (Int) -> AdequacyWeatherYear,
                           progress: (@Sendable (Int) -> Void)? = nil) -> [AdequacySampleResult] {
        let slots = LockedSlots<AdequacySampleResult>(count: samples.count)
        let workers = max(1, min(threads, samples.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = slots.next() {
                let i = samples.lowerBound + k
                let result = AdequacySample.run(model: model, weather: weather(i), sample: i, seed: seed)
                slots.set(k, result)
                progress?(1)
            }
        }
        return slots.values()
    }
}
