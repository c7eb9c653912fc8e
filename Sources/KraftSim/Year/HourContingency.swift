import KraftCore
import KraftScenario

/// N-1 security of a scenario at chosen hours of its run: the hour's grid as dispatched (its
/// week's dispatch), every in-service branch out in turn, each outage solved by AC load flow
/// with reactive limits and the slack shared as in the run's AC check (by the capacity of the
/// running dispatchable units; a single slack when none shares it).
public enum HourContingency {
    /// N-1 at one hour.
    public struct Study: Sendable {
        /// Why this hour: "peak load", "lowest inertia", both, or "requested".
        public var reason: String
        /// Hour of the run's profiles (0 = their first hour) and its time.
        public var hour: Int
        public var time: Moment
        /// The hour's grid as dispatched, whose branches went out.
        public var network: Network
        public var report: ContingencyReport
        /// The hour this one stands in for (its AC check failed), with the cause; hour of the
        /// run's profiles like `hour` until the result files renumber it.
        public var insteadOf: (hour: Int, time: Moment, cause: String)?

        public init(reason: String, hour: Int, time: Moment, network: Network, report: ContingencyReport,
                    insteadOf: (hour: Int, time: Moment, cause: String)? = nil) {
            self.reason = reason
            self.hour = hour
            self.time = time
            self.network = network
            self.report = report
            self.insteadOf = insteadOf
        }
    }

    /// The hours of a finished run to study, and those that could not be: the one of highest load
    /// and the one of lowest kinetic energy (the first of each in time; one entry when they are the
    /// same hour). An hour whose AC check failed has no grid state to take branches out of: it is
    /// listed as not studied with the cause, and the converged hour nearest to it by the same
    /// measure (load, kinetic energy; the first in time of equals) is studied instead.
    public static func criticalHours(_ result: YearResult) -> (studied: [CriticalPick], unstudied: [YearResult.UnstudiedHour]) {
        let records = result.records
        guard let peak = records.indices.max(by: { records[$0].loadMW < records[$1].loadMW || (records[$0].loadMW == records[$1].loadMW && $0 > $1) }),
              let lowest = records.indices.min(by: { records[$0].kineticGWs < records[$1].kineticGWs || (records[$0].kineticGWs == records[$1].kineticGWs && $0 < $1) })
        else { return ([], []) }
        var unstudied = [YearResult.UnstudiedHour]()
        /// The hour to study for `reason`: `i` itself, or the converged hour nearest to it by `measure`.
        func pick(_ i: Int, _ reason: String, _ what: String, _ measure: (HourRecord) -> Double) -> CriticalPick? {
            if records[i].converged { return CriticalPick(reason: reason, hour: records[i].hour, insteadOf: nil) }
            let cause = records[i].cause ?? "did not converge"
            let target = measure(records[i])
            let nearest = records.indices.filter { records[$0].converged }
                .min { (abs(measure(records[$0]) - target), $0) < (abs(measure(records[$1]) - target), $1) }
            unstudied.append(YearResult.UnstudiedHour(hour: records[i].hour, reason: reason,
                                                      why: "its AC check failed: \(cause)" + (nearest == nil ? "; no hour of the run converged" : "")))
            guard let nearest else { return nil }
            return CriticalPick(reason: "\(reason), nearest converged hour by \(what)", hour: records[nearest].hour,
                                insteadOf: (records[i].hour, cause))
        }
        if peak == lowest {
            return (pick(peak, "peak load and lowest inertia", "load", \.loadMW).map { [$0] } ?? [], unstudied)
        }
        let picks = [pick(peak, "peak load", "load", \.loadMW), pick(lowest, "lowest inertia", "kinetic energy", \.kineticGWs)].compactMap { $0 }
        // Two substitutes may land on one hour: it is studied once, for both reasons.
        if picks.count == 2 && picks[0].hour == picks[1].hour {
            return ([CriticalPick(reason: picks[0].reason + "; " + picks[1].reason, hour: picks[0].hour, insteadOf: picks[0].insteadOf ?? picks[1].insteadOf)], unstudied)
        }
        return (picks, unstudied)
    }

    /// An hour chosen for N-1: why, which hour, and the failed hour it stands in for, if any.
    public struct CriticalPick: Sendable {
        public var reason: String
        public var hour: Int
        public var insteadOf: (hour: Int, cause: String)?
    }

    /// Hour `hour` of a run starting on `start`.
    public static func moment(hour: Int, start: CalendarDate) -> Moment {
        Moment(date: start.adding(days: hour / 24), hour: hour % 24)
    }

    /// N-1 over every in-service branch of a dispatched grid, with reactive limits, the slack
    /// shared by `slackWeights` (one per generator; all zero: the reference bus) and the rest of
    /// `options` as given.
    public static func analyse(network: Network, slackWeights: [Double],
                               options: ContingencyOptions = ContingencyOptions()) -> ContingencyReport {
        var o = options
        o.enforceQLimits = true
        o.slack = slackWeights.contains { $0 > 0 } ? .distributed(weights: slackWeights) : .single
        do {
            return try ContingencyAnalysis(network: network, options: o).run(Contingency.branchOutages(of: network))
        } catch {
            preconditionFailure("the branch outages of a network name its own branches: \(error)")
        }
    }

    /// N-1 at a critical hour of a finished run, on the grid the run dispatched.
    public static func study(_ critical: YearResult.CriticalHour, start: CalendarDate,
                             options: ContingencyOptions = ContingencyOptions()) -> Study {
        Study(reason: critical.reason, hour: critical.hour, time: moment(hour: critical.hour, start: start),
              network: critical.network, report: analyse(network: critical.network, slackWeights: critical.slackWeights, options: options),
              insteadOf: critical.insteadOf.map { ($0.hour, moment(hour: $0.hour, start: start), $0.cause) })
    }

    /// N-1 at `hour` of `profiles` (as `YearRun.profiles` makes them): dispatches the hour's
    /// week and analyses the hour's grid.
    public static func study(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles,
                             hour: Int, reason: String,
                             options: ContingencyOptions = ContingencyOptions()) throws(YearRun.Failure) -> Study {
        let dispatched = try YearRun.dispatchedHour(scenario: scenario, network: network, sidecar: sidecar,
                                                    profiles: profiles, hour: hour)
        let critical = YearResult.CriticalHour(reason: reason, hour: hour, network: dispatched.network,
                                               slackWeights: dispatched.slackWeights)
        return study(critical, start: profiles.start, options: options)
    }
}
