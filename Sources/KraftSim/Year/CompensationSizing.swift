import Foundation
import KraftCore
import KraftScenario

/// `kraft run --size-compensation PLACE`: the smallest reactive capability at one bus or site that
/// makes every hour of the period converge with every voltage inside its limits.
///
/// The device is a static compensator with a symmetric range ±Q (it absorbs as much as it
/// produces; no active power, no inertia). Having no active power, it does not change the DC
/// dispatch: the period is dispatched once with the device in the grid, and each candidate Q is
/// a whole-period AC check of those dispatches with the device's range set to ±Q. Q is found by
/// bisection between a range that fails and one that passes (doubling from `startMvar` until one
/// passes), to `toleranceMvar`; the answer is the smallest range checked that passes. Bisection
/// takes "passes" to be monotone in Q (more range never hurts); the tests check it against a
/// brute-force search over a grid of ranges.
public enum CompensationSizing {
    /// One whole-period AC check with the device at ±`mvar`.
    public struct Check: Sendable, Equatable {
        public var mvar: Double
        public var failedHours: Int
        public var violationHours: Int
        /// Lowest and highest voltage over the converged hours, p.u.
        public var lowestVm: Double?
        public var highestVm: Double?
        /// Largest reactive output of the device over the converged hours, Mvar (+ producing).
        public var largestOutputMvar: Double
        public var passes: Bool { failedHours == 0 && violationHours == 0 }
    }

    public struct Answer: Sendable {
        /// The place as given and the bus it resolves to (bus number).
        public var place: Compensation.Location
        public var bus: Int
        /// The smallest passing range found, Mvar (nil: none up to `maxMvar` passes).
        public var mvar: Double?
        /// Every check made, in order; the first is ±0 (the run without the device).
        public var checks: [Check]
        public var without: Check { checks[0] }
        public var with: Check? { mvar.flatMap { m in checks.first { $0.mvar == m } } }
    }

    /// The element `--size-compensation` adds: a STATCOM at `place` with range ±`mvar`.
    public static func device(at place: Compensation.Location, mvar: Double, origin: Origin) -> Compensation {
        Compensation(name: "sized", kind: .statcom, location: place, minMvar: -mvar, maxMvar: mvar, origin: origin)
    }

    /// The dispatched period with a device at `place`, ready to be checked with any range.
    public final class Period: @unchecked Sendable {
        let setup: YearRun.Setup
        let windows: [Range<Int>]
        let wanted: Range<Int>
        let dispatched: [YearRun.DispatchedWindow]
        /// The device's generator index.
        public let generator: Int
        let threads: Int

        public init(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles, only: Range<Int>,
                    place: Compensation.Location, threads: Int) throws(YearRun.Failure) {
            var s = scenario
            s.compensation.append(CompensationSizing.device(at: place, mvar: 0, origin: Origin(file: "--size-compensation", keyPath: "")))
            let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
            // The device is the last compensation element; the kept condensers come after those.
            let supports = setup.grid.units.indices.filter { setup.grid.units[$0].support != nil }
            let wanted = only.clamped(to: 0..<profiles.hours)
            guard !wanted.isEmpty else { throw YearRun.Failure(description: "no hours to run (the period has \(profiles.hours))") }
            let windows = setup.windows(covering: wanted)
            // Dispatched once, checked with the device at ±0 on the way (that check is thrown away:
            // `check(0)` repeats it on the same dispatches).
            dispatched = try YearRun.checkWindows(setup: setup, grid: setup.grid, windows: windows, wanted: wanted, threads: threads,
                                                  dispatched: nil, keep: true).windows
            self.setup = setup
            self.generator = supports[s.compensation.count - 1]
            self.wanted = wanted
            self.windows = windows
            self.threads = threads
        }

        /// The bus number of the device.
        public var bus: Int { setup.grid.network.buses.id[setup.grid.network.generators.bus[generator]] }

        /// The period's hours AC-checked with the device at ±`mvar`.
        public func records(mvar: Double) throws(YearRun.Failure) -> [HourRecord] {
            var grid = setup.grid
            let mva = grid.network.baseMVA
            grid.network.generators.qmax[generator] = mvar / mva
            grid.network.generators.qmin[generator] = -mvar / mva
            return try YearRun.checkWindows(setup: setup, grid: grid, windows: windows, wanted: wanted, threads: threads,
                                            dispatched: dispatched).records.flatMap { $0 }
        }

        public func check(mvar: Double) throws(YearRun.Failure) -> Check {
            let records = try records(mvar: mvar)
            let converged = records.filter(\.converged)
            let g = generator
            let output = converged.map { $0.reactiveMvar.isEmpty ? 0 : $0.reactiveMvar[g] }
            return Check(mvar: mvar, failedHours: records.count - converged.count,
                         violationHours: converged.filter { !$0.voltageViolations.isEmpty }.count,
                         lowestVm: converged.compactMap(\.lowestVm?.vm).min(), highestVm: converged.compactMap(\.highestVm?.vm).max(),
                         largestOutputMvar: output.max(by: { abs($0) < abs($1) }) ?? 0)
        }
    }

    /// The smallest passing ±Q at the period's device, by bisection.
    public static func size(_ period: Period, place: Compensation.Location, startMvar: Double = 250, maxMvar: Double = 20_000,
                            toleranceMvar: Double = 10, progress: ((Check) -> Void)? = nil) throws(YearRun.Failure) -> Answer {
        var checks = [Check]()
        func check(_ q: Double) throws(YearRun.Failure) -> Check {
            let c = try period.check(mvar: q)
            checks.append(c)
            progress?(c)
            return c
        }
        let bus = period.bus
        if try check(0).passes { return Answer(place: place, bus: bus, mvar: 0, checks: checks) }
        var lo = 0.0, hi = startMvar
        while !(try check(hi).passes) {
            lo = hi
            guard hi < maxMvar else { return Answer(place: place, bus: bus, mvar: nil, checks: checks) }
            hi = min(2 * hi, maxMvar)
        }
        while hi - lo > toleranceMvar {
            let mid = ((lo + hi) / 2).rounded()
            if try check(mid).passes { hi = mid } else { lo = mid }
        }
        return Answer(place: place, bus: bus, mvar: hi, checks: checks)
    }
}
