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

        public init(reason: String, hour: Int, time: Moment, network: Network, report: ContingencyReport) {
            self.reason = reason
            self.hour = hour
            self.time = time
            self.network = network
            self.report = report
        }
    }

    /// The hours of a finished run to study: the one of highest load and the one of lowest
    /// kinetic energy (the first of each in time; one entry when they are the same hour).
    public static func criticalHours(_ result: YearResult) -> [(reason: String, hour: Int)] {
        let records = result.records
        guard let peak = records.indices.max(by: { records[$0].loadMW < records[$1].loadMW || (records[$0].loadMW == records[$1].loadMW && $0 > $1) }),
              let lowest = records.indices.min(by: { records[$0].kineticGWs < records[$1].kineticGWs || (records[$0].kineticGWs == records[$1].kineticGWs && $0 < $1) })
        else { return [] }
        let (p, l) = (records[peak].hour, records[lowest].hour)
        return p == l ? [("peak load and lowest inertia", p)] : [("peak load", p), ("lowest inertia", l)]
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
              network: critical.network, report: analyse(network: critical.network, slackWeights: critical.slackWeights, options: options))
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
