import Dispatch
import Foundation
import KraftCore
import KraftScenario

/// A scenario run hour by hour over a period: each week (168 hours) is dispatched as one
/// problem, so hydro can shift energy within it, and each dispatched hour is checked with AC
/// load flow warm-started from the hour before. Weeks run in parallel; each week starts from
/// the grid file's voltages, so results are the same for any number of threads.
public enum YearRun {
    public static let windowHours = 168

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func run(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: (@Sendable (_ hoursDone: Int) -> Void)? = nil) throws(Failure) -> YearResult {
        let grid = StudyGrid.build(scenario: scenario, network: network, sidecar: sidecar)
        let borders = BorderSpec.all(grid: grid, sidecar: sidecar)
        let inputs = HourInputMaker(grid: grid, profiles: profiles)
        let reference = BusClassification(network: grid.network).ref
        let order = WindowProblem.branchOrder(grid)
        let settings = scenario.dispatch
        let hours = profiles.hours
        let windows = stride(from: 0, to: hours, by: windowHours).map { $0..<min($0 + windowHours, hours) }
        let workers = max(1, min(threads, windows.count))

        let results = WindowResults(count: windows.count)
        let done = HourCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var check: HourCheck?
            for w in stride(from: worker, to: windows.count, by: workers) {
                let span = windows[w]
                let hourInputs = span.map(inputs.inputs(hour:))
                var inflow = [String: Double]()
                for (zone, series) in profiles.inflowMW { inflow[zone] = span.reduce(0) { $0 + series[$1] } }
                let problem = WindowProblem.make(grid: grid, hours: hourInputs, inflowMWh: inflow, referenceBuses: reference,
                                                 branchOrder: order,
                                                 settings: (settings.unservedCostEURPerMWh, settings.mode == .lp))
                let solution: DispatchSolution
                do {
                    solution = settings.mode == .lp ? try DispatchLP.solve(problem) : MeritOrderDispatch.solve(problem)
                } catch {
                    results.set(w, .failure("the dispatch of hours \(span.lowerBound)–\(span.upperBound - 1) failed: \(error)"))
                    continue
                }
                if check == nil { check = HourCheck(grid: grid, borders: borders, interfaceNames: problem.interfaces.map(\.name)) }
                var start: (vm: [Double], va: [Double])?
                var records = [HourRecord]()
                records.reserveCapacity(span.count)
                for (i, h) in span.enumerated() {
                    let (record, voltages) = check!.check(hour: h, index: i, inputs: hourInputs[i], problem: problem,
                                                          solution: solution, start: start)
                    records.append(record)
                    start = voltages ?? start
                }
                results.set(w, .success(records))
                progress?(done.add(span.count))
            }
        }
        var records = [HourRecord]()
        records.reserveCapacity(hours)
        for (w, outcome) in results.all().enumerated() {
            switch outcome {
            case .success(let r): records += r
            case .failure(let message): throw Failure(description: message)
            case nil: throw Failure(description: "window \(w) was not computed")
            }
        }
        var notes = [profiles.isSynthetic ? "weather: \(profiles.source) — not a real weather year" : "weather: \(profiles.source)"]
        notes += grid.notes
        notes.append("dispatch: \(settings.mode == .lp ? "DC optimal power flow (COIN-OR CLP) per 168-hour window, hydro within a weekly energy budget from the zone's inflow" : "merit order without grid limits")")
        notes.append("AC check: Newton–Raphson with reactive limits, slack shared by running hydro, thermal and CHP units in proportion to capacity")
        return YearResult(scenario: scenario, grid: grid, borders: borders, start: profiles.start, records: records,
                          syntheticWeather: profiles.isSynthetic, weatherSource: profiles.source,
                          kineticThresholdGWs: settings.kineticThresholdGWs, notes: notes)
    }
}

/// Per-window outcomes written by the workers, each slot once.
private final class WindowResults: @unchecked Sendable {
    enum Outcome { case success([HourRecord]), failure(String) }
    private var slots: [Outcome?]
    private let lock = NSLock()
    init(count: Int) { slots = .init(repeating: nil, count: count) }
    func set(_ i: Int, _ o: Outcome) { lock.lock(); slots[i] = o; lock.unlock() }
    func all() -> [Outcome?] { lock.lock(); defer { lock.unlock() }; return slots }
}

/// Hours finished so far, for progress reports.
private final class HourCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func add(_ n: Int) -> Int { lock.lock(); defer { lock.unlock() }; count += n; return count }
}
