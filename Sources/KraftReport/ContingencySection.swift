import KraftCore
import KraftIO
import KraftScenario
import KraftSim

/// The optional N-1 section of a scenario's result folder (docs/result-folder.md), from
/// `HourContingency` studies at the run's peak-load and lowest-inertia hours:
///
/// - `contingency.csv`: one row per studied hour and contingency, worst first within each
///   hour: the columns the result-folder reader requires (`hour,time,outage,converged,
///   max_loading_pct,worst_branch,overloads,lowest_vm_pu`), then `reason` and the columns of
///   `kraft contingency --format csv`'s contingency table;
/// - `contingency.json`: `{"hours": [{"time", "hour", "reason", "instead_of", "n1"}], "not_studied":
///   [{"time", "hour", "reason", "why"}]}`, `n1` being the hour's whole N-1 report as `kraft
///   contingency --format json` writes it, without `timings_ms`; `instead_of` the failed hour a
///   study stands in for (`{"time", "hour", "cause"}`) or null.
public enum ContingencySection {
    /// A critical hour that could not be studied (its AC check failed), with why.
    public struct Unstudied: Sendable {
        public var hour: Int
        public var time: Moment
        public var reason: String
        public var why: String
        public init(hour: Int, time: Moment, reason: String, why: String) {
            self.hour = hour
            self.time = time
            self.reason = reason
            self.why = why
        }
    }

    public static func files(_ studies: [HourContingency.Study], unstudied: [Unstudied] = [], scenarioName: String) -> [(name: String, text: String)] {
        [("contingency.csv", csv(studies, scenarioName: scenarioName)),
         ("contingency.json", json(studies, unstudied: unstudied, scenarioName: scenarioName))]
    }

    public static func csv(_ studies: [HourContingency.Study], scenarioName: String) -> String {
        var out = "hour,time,outage,converged,max_loading_pct,worst_branch,overloads,lowest_vm_pu,reason,"
            + ContingencyCSVWriter.contingencyHeader + "\n"
        for s in studies {
            let n1 = study(s, scenarioName), report = s.report
            for (rank, row) in ContingencyCSVWriter.contingencyRows(n1).enumerated() {
                let i = report.ranking[rank], ac = report.results[i].ac
                let converged = ac?.converged == true
                var fields = ["\(s.hour)", s.time.description, ContingencyCSVWriter.quoted(report.contingencies[i].name),
                              ac.map { $0.converged ? "1" : "0" } ?? ""]
                fields.append(converged ? fixed(100 * ac!.maxLoading, 1) : "")
                fields.append(converged ? ac!.worstBranch.map { n1.branchLabel($0) } ?? "" : "")
                fields.append(ac.map { String($0.overloads.count) } ?? "")
                fields.append(converged ? ac!.lowestVm.map { fixed($0, 4) } ?? "" : "")
                fields.append(ContingencyCSVWriter.quoted(s.reason))  // "peak load, nearest converged hour by load"
                out += fields.joined(separator: ",") + "," + row + "\n"
            }
        }
        return out
    }

    public static func json(_ studies: [HourContingency.Study], unstudied: [Unstudied] = [], scenarioName: String) -> String {
        var j = JSONText()
        j.raw("{"); j.key("hours"); j.raw("[")
        for (k, s) in studies.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("time"); j.string(s.time.description)
            j.raw(","); j.key("hour"); j.number(s.hour)
            j.raw(","); j.key("reason"); j.string(s.reason)
            j.raw(","); j.key("instead_of")
            if let i = s.insteadOf {
                j.raw("{"); j.key("time"); j.string(i.time.description); j.raw(","); j.key("hour"); j.number(i.hour)
                j.raw(","); j.key("cause"); j.string(i.cause); j.raw("}")
            } else {
                j.raw("null")
            }
            // Without timings_ms: wall-clock times would make the file differ between runs.
            j.raw(","); j.key("n1"); j.raw(ContingencyJSONWriter.write(study(s, scenarioName), timings: false))
            j.raw("}")
        }
        j.raw("],"); j.key("not_studied"); j.raw("[")
        for (k, u) in unstudied.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("time"); j.string(u.time.description); j.raw(","); j.key("hour"); j.number(u.hour)
            j.raw(","); j.key("reason"); j.string(u.reason); j.raw(","); j.key("why"); j.string(u.why); j.raw("}")
        }
        j.raw("]}\n")
        return j.text
    }

    private static func study(_ s: HourContingency.Study, _ scenarioName: String) -> ContingencyStudy {
        ContingencyStudy(caseName: "\(scenarioName) \(s.time)", network: s.network, report: s.report, parseMilliseconds: 0)
    }
}
