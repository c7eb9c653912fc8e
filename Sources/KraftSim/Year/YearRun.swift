import Dispatch
import Foundation
import KraftCore
import KraftIO
import KraftScenario

/// A scenario run hour by hour over a period: each week (168 hours) is dispatched as one
/// problem, so hydro can shift energy within it, and each dispatched hour is checked with AC
/// load flow warm-started from the hour before. Weeks run in parallel; each week starts from
/// the grid file's voltages with its own AC checker, so results are the same for any number
/// of threads and any order in which the workers take the weeks.
public enum YearRun {
    public static let windowHours = 168

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What every window of a run shares, prepared once.
    struct Setup: Sendable {
        let grid: StudyGrid
        let borders: [BorderSpec]
        let inputs: HourInputMaker
        let reference: [Int]
        let order: [Int]
        let settings: DispatchSettings
        /// Windows dispatched with this setup so far (by any worker).
        let dispatches = DispatchTally()

        init(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles) {
            grid = StudyGrid.build(scenario: scenario, network: network, sidecar: sidecar)
            borders = BorderSpec.all(grid: grid, sidecar: sidecar)
            inputs = HourInputMaker(grid: grid, profiles: profiles)
            reference = BusClassification(network: grid.network).ref
            order = WindowProblem.branchOrder(grid)
            settings = scenario.dispatch
        }

        /// The window's hour inputs and its dispatch problem.
        func problem(_ span: Range<Int>) -> ([HourInputs], DispatchProblem) {
            let hourInputs = span.map(inputs.inputs(hour:))
            var inflow = [String: Double]()
            for zone in inputs.profiles.inflowMW.keys { inflow[zone] = inputs.hydroBudgetMWh(zone: zone, hours: span) }
            return (hourInputs, WindowProblem.make(grid: grid, hours: hourInputs, inflowMWh: inflow, referenceBuses: reference,
                                                   branchOrder: order, settings: settings))
        }

        /// The window's hour inputs, its dispatch problem and the dispatch.
        func dispatch(_ span: Range<Int>) throws(Failure) -> ([HourInputs], DispatchProblem, DispatchSolution) {
            let (hourInputs, problem) = problem(span)
            dispatches.add()
            do {
                let solution = settings.mode == .lp ? try DispatchLP.solve(problem) : try MeritOrderDispatch.solve(problem)
                return (hourInputs, problem, solution)
            } catch {
                throw Failure(description: "the dispatch of hours \(span.lowerBound)–\(span.upperBound - 1) failed: \(error)")
            }
        }

        /// The windows that hold the hours of `wanted`, whole.
        func windows(covering wanted: Range<Int>) -> [Range<Int>] {
            stride(from: wanted.lowerBound / windowHours * windowHours, to: wanted.upperBound, by: windowHours).map(window(of:))
        }

        func window(of hour: Int) -> Range<Int> {
            let start = hour / windowHours * windowHours
            return start..<min(start + windowHours, inputs.profiles.hours)
        }
    }

    /// Runs every hour of `profiles`, or only the hours in `only` (a snapshot is one hour): their
    /// weeks are still dispatched whole, so hydro sees the same budget as in the full run.
    public static func run(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles,
                           only: Range<Int>? = nil, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: (@Sendable (_ hoursFinished: Int) -> Void)? = nil) throws(Failure) -> YearResult {
        let setup = Setup(scenario: scenario, network: network, sidecar: sidecar, profiles: profiles)
        let wanted = only.map { $0.clamped(to: 0..<profiles.hours) } ?? 0..<profiles.hours
        guard !wanted.isEmpty else { throw Failure(description: "no hours to run (the period has \(profiles.hours))") }
        let hours = wanted.count
        let windows = setup.windows(covering: wanted)

        let (outcomes, solutions, _) = try checkWindows(setup: setup, grid: setup.grid, windows: windows, wanted: wanted, threads: threads,
                                                        dispatched: nil, progress: progress)
        var records = [HourRecord]()
        records.reserveCapacity(hours)
        for r in outcomes { records += r }
        let settings = setup.settings
        var notes = [profiles.isSynthetic ? "weather: \(profiles.source) — not a real weather year" : "weather: \(profiles.source)"]
        notes += setup.grid.notes
        notes.append("dispatch: \(settings.mode == .lp ? "DC optimal power flow (COIN-OR CLP) per 168-hour window with zonal cut limits, hydro within a weekly energy budget: the year's inflow released in proportion to the zone's load (ASSUMPTION: seasonal storage follows demand)" : "merit order without grid limits")")
        if settings.pricing == .zonal {
            notes.append("prices: zonal, from each window cleared on the zonal cuts, links and neighbours before branch limits (the market); the dispatch that respects the limits is the redispatch, and its cost is the run's")
        }
        if settings.branchLimitShare < 1 {
            notes.append("dispatch: rated branches held to \(settings.branchLimitShare) of their rating (room for the losses and reactive flow the DC dispatch does not see)")
        }
        notes.append("AC check: Newton–Raphson with reactive limits, slack shared by hydro, thermal and CHP units in proportion to capacity; the grid's machines are aggregates that stay connected while in service, and their kinetic energy counts the share of plants their output commits (ASSUMPTION); a named unit (a reactor) is one machine and spins whole whenever it runs")
        let surplusHours = records.filter { $0.surplusMW > 0 }
        if !surplusHours.isEmpty {
            let mwh = surplusHours.reduce(0) { $0 + $1.surplusMW }
            notes.append("dispatch: in \(surplusHours.count) hour\(surplusHours.count == 1 ? "" : "s") (first \(Moment(absoluteHour: profiles.start.dayNumber * 24 + surplusHours[0].hour))) "
                         + "minimum outputs and fixed imports exceeded what load, exports and links could take: \((mwh * 10).rounded() / 10) MWh of surplus "
                         + "was disposed of (units backed off below their minimum, fixed imports cut) at \(Int(DispatchProblem.defaultSurplusCost)) EUR/MWh (surplus_energy_mwh)")
        }
        var seen = [String: Int]()
        var order = [String]()
        for r in records { for n in r.acNotes { if seen[n] == nil { order.append(n) }; seen[n, default: 0] += 1 } }
        notes += order.map { seen[$0]! == records.count ? "load flow, every hour: \($0)" : "load flow, \(seen[$0]!) of \(records.count) hours: \($0)" }
        var result = YearResult(scenario: scenario, grid: setup.grid, borders: setup.borders, start: profiles.start, records: records,
                                syntheticWeather: profiles.isSynthetic, weatherSource: profiles.source,
                                kineticThresholdGWs: settings.kineticThresholdGWs, notes: notes)
        result.reservoirs = reservoirs(setup: setup, windows: windows, wanted: wanted, records: records)
        result.dispatchedWindows = setup.dispatches.count
        // The hours N-1 studies look at, as dispatched: kept now so no week is dispatched twice.
        if let first = windows.first {
            let check = HourCheck(grid: setup.grid, borders: setup.borders, interfaceNames: setup.grid.interfaces.map(\.name))
            let picks = HourContingency.criticalHours(result)
            result.criticalHours = picks.studied.map { c in
                let w = (c.hour - first.lowerBound) / windowHours, i = c.hour - windows[w].lowerBound
                let hourNet = check.dispatchedNetwork(index: i, inputs: setup.inputs.inputs(hour: c.hour), solution: solutions[w])
                return YearResult.CriticalHour(reason: c.reason, hour: c.hour, network: hourNet.network, slackWeights: hourNet.weights,
                                               insteadOf: c.insteadOf)
            }
            result.unstudiedHours = picks.unstudied
        }
        return result
    }

    /// One window as dispatched: its hour inputs, its problem and the dispatch's solution.
    struct DispatchedWindow: Sendable {
        let inputs: [HourInputs]
        let problem: DispatchProblem
        let solution: DispatchSolution
    }

    /// Every window AC-checked on `grid` (the setup's grid, or one that differs from it only in
    /// reactive ranges, which the DC dispatch does not see): each window dispatched first unless
    /// `dispatched` gives its dispatch. Workers take the next window as they finish one (winter
    /// weeks cost several times a summer week), each with a fresh AC checker, so no window depends
    /// on which came before. The records per window, and each window's dispatch.
    /// `keep`: return each window's whole dispatch (inputs and problem too, for checking it again);
    /// otherwise only its solution, so a year's hour inputs are not all held at once.
    static func checkWindows(setup: Setup, grid: StudyGrid, windows: [Range<Int>], wanted: Range<Int>, threads: Int,
                             dispatched: [DispatchedWindow]?, keep: Bool = false,
                             progress: (@Sendable (_ hoursFinished: Int) -> Void)? = nil) throws(Failure)
        -> (records: [[HourRecord]], solutions: [DispatchSolution], windows: [DispatchedWindow]) {
        let results = LockedSlots<WindowOutcome>(count: windows.count)
        let workers = max(1, min(threads, windows.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let w = results.next() {
                let span = windows[w]
                let window: DispatchedWindow
                if let dispatched { window = dispatched[w] } else {
                    do {
                        let (i, p, s) = try setup.dispatch(span)
                        window = DispatchedWindow(inputs: i, problem: p, solution: s)
                    } catch {
                        results.set(w, .failure(String(describing: error)))
                        continue
                    }
                }
                let check = HourCheck(grid: grid, borders: setup.borders, interfaceNames: window.problem.interfaces.map(\.name))
                var start: (vm: [Double], va: [Double])?
                var records = [HourRecord]()
                records.reserveCapacity(span.count)
                for (i, h) in span.enumerated() where wanted.contains(h) {
                    let (record, voltages) = check.check(hour: h, index: i, inputs: window.inputs[i], problem: window.problem,
                                                          solution: window.solution, start: start)
                    records.append(record)
                    start = voltages ?? start
                }
                results.set(w, .success(records, window.solution, keep ? window : nil))
                progress?(records.count)
            }
        }
        var out = [[HourRecord]](), solutions = [DispatchSolution](), windowsOut = [DispatchedWindow]()
        for outcome in results.values() {
            switch outcome {
            case .success(let r, let solution, let window):
                out.append(r)
                solutions.append(solution)
                if let window { windowsOut.append(window) }
            case .failure(let message): throw Failure(description: message)
            }
        }
        return (out, solutions, windowsOut)
    }

    /// Each planned zone's reservoir content week by week with the water the dispatch released
    /// (the zone's hydro output), from the plan's content at the start of the first week run.
    static func reservoirs(setup: Setup, windows: [Range<Int>], wanted: Range<Int>, records: [HourRecord]) -> [ReservoirYear] {
        guard let first = windows.first, let last = windows.last, first.lowerBound == wanted.lowerBound,
              last.upperBound == wanted.upperBound else { return [] }
        let hydro = YearRecordLayout.column(.hydro)
        return setup.inputs.reservoirPlans.keys.sorted().compactMap { zone in
            guard let plan = setup.inputs.reservoirPlans[zone], let z = setup.grid.zones.firstIndex(of: zone) else { return nil }
            let index = windows.map { $0.lowerBound / windowHours }
            // The reservoirs' release: the zone's hydro output less its run-of-river machines'.
            let river = setup.grid.units.indices.filter {
                setup.grid.units[$0].runOfRiver && setup.grid.zoneOfBus[setup.grid.network.generators.bus[$0]] == zone
            }
            let released = windows.map { w in
                records[(w.lowerBound - first.lowerBound)..<(w.upperBound - first.lowerBound)].reduce(0.0) { sum, r in
                    sum + r.zoneGenerationMW[z][hydro] - river.reduce(0) { $0 + r.generatorMW[$1] }
                }
            }
            let start = index[0] == 0 ? plan.startMWh : plan.weeks[index[0] - 1].contentMWh
            let weeks = ReservoirPlan.follow(storageMWh: plan.storageMWh, startMWh: start, inflow: index.map { plan.weeks[$0].inflowMWh },
                                             release: released, cutRelease: false)
            return ReservoirYear(zone: zone, storageTWh: plan.storageMWh / 1e6, startTWh: start / 1e6,
                                 weekEndTWh: weeks.map { $0.contentMWh / 1e6 }, inflowTWh: weeks.reduce(0) { $0 + $1.inflowMWh } / 1e6,
                                 releaseTWh: released.reduce(0, +) / 1e6,
                                 spillTWh: weeks.reduce(0) { $0 + $1.spillMWh } / 1e6)
        }
    }

    /// The profiles a run of `span` uses (`profilePeriod`) and the hours of `span` within them.
    public static func profiles(weather: Weather, covering span: Period, sidecar: GridSidecar?) throws(InputError)
        -> (profiles: HourlyProfiles, hours: Range<Int>) {
        let period = profilePeriod(weather: weather, covering: span)
        let profiles = try HourlyProfiles.make(weather: weather, period: period, zones: profileZones(sidecar: sidecar))
        let first = (span.from.dayNumber - period.from.dayNumber) * 24
        return (profiles, first..<first + span.hours)
    }

    /// The period profiles are made for: the whole calendar years `span` lies in, so that weeks and
    /// hydro budgets are those of the full year whatever part of it runs; but a CSV folder that does
    /// not cover those years is read for `span` alone (its weeks and hydro budgets are then the span's).
    public static func profilePeriod(weather: Weather, covering span: Period) -> Period {
        let years = Period(from: CalendarDate(year: span.from.year, month: 1, day: 1),
                           to: CalendarDate(year: span.to.year, month: 12, day: 31))
        guard case .csv(let folder, _, _) = weather, let covered = ProfileCSVReader.coveredHours(folder: folder) else { return years }
        let wanted = years.from.dayNumber * 24...years.to.dayNumber * 24 + 23
        return covered.lowerBound <= wanted.lowerBound && covered.upperBound >= wanted.upperBound ? years : span
    }

    /// The zones profiles are made for: those of the grid sidecar.
    public static func profileZones(sidecar: GridSidecar?) -> [String] {
        Array(Set((sidecar?.zoneOfBus ?? [:]).values)).sorted()
    }

    /// One hour of a run as dispatched (its week's dispatch), for studies of that hour such as
    /// N-1: the grid with served loads and running units at their output, and the slack weights
    /// of the units that share the AC slack (all zero: a single slack).
    public static func dispatchedHour(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles,
                                      hour: Int) throws(Failure) -> (network: Network, slackWeights: [Double], grid: StudyGrid) {
        let setup = Setup(scenario: scenario, network: network, sidecar: sidecar, profiles: profiles)
        guard (0..<profiles.hours).contains(hour) else { throw Failure(description: "hour \(hour) is outside the run (0 to \(profiles.hours - 1))") }
        let span = setup.window(of: hour)
        let (hourInputs, problem, solution) = try setup.dispatch(span)
        let check = HourCheck(grid: setup.grid, borders: setup.borders, interfaceNames: problem.interfaces.map(\.name))
        let hourNet = check.dispatchedNetwork(index: hour - span.lowerBound, inputs: hourInputs[hour - span.lowerBound], solution: solution)
        return (hourNet.network, hourNet.weights, setup.grid)
    }
}

/// A count shared by worker threads: the windows a run dispatched.
final class DispatchTally: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

/// What a worker made of one window.
private enum WindowOutcome { case success([HourRecord], DispatchSolution, YearRun.DispatchedWindow?), failure(String) }
