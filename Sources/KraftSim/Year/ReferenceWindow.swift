import Foundation

/// The first window of a run's profiles (hours 0–167), dispatched once on first use and shared by
/// the workers: its solution serves that window, and its optimal LP basis starts the branch-limit
/// round of every other window (`DispatchBasis`).
///
/// Why always the profiles' first window, and not the window a worker solved last: a window's
/// dispatch must depend on its own inputs alone, so that results are the same for any number of
/// threads, any order of the workers, and a run of one week or one hour (an N-1 study re-dispatches
/// its hour's week) gives what the year gave. The cost is one extra window for a run that does not
/// hold the first week.
final class ReferenceWindow: @unchecked Sendable {
    struct Dispatched {
        let inputs: [HourInputs]
        let problem: DispatchProblem
        let solution: DispatchSolution
        let basis: DispatchBasis
    }

    private let lock = NSLock()
    private var outcome: Result<Dispatched, YearRun.Failure>?

    /// The reference dispatch, made by `make` on the first call while later callers wait.
    func value(_ make: () throws(YearRun.Failure) -> Dispatched) throws(YearRun.Failure) -> Dispatched {
        lock.lock()
        defer { lock.unlock() }
        if outcome == nil {
            do { outcome = .success(try make()) } catch { outcome = .failure(error) }
        }
        return try outcome!.get()
    }
}
