import KraftCore
import KraftIO
import KraftSim

/// The optional N-1 section of a scenario's result folder (docs/result-folder.md), from
/// `HourContingency` studies at the run's peak-load and lowest-inertia hours:
///
/// - `contingency.csv`: one row per studied hour and contingency, worst first within each
///   hour: the columns the result-folder reader requires (`hour,time,outage,converged,
///   max_loading_pct,worst_branch,overloads,lowest_vm_pu`), then `reason` and the columns of
///   `kraft contingency --format csv`'s contingency table;
/// - `contingency.json`: `{"hours": [{"time", "hour", "reason", "n1"}]}`, `n1` being the hour's
///   whole N-1 report as `kraft contingency --format json` writes it, without `timings_ms`.
public enum ContingencySection {
    public static func files(_ studies: [HourContingency.Study], scenarioName: String) -> [(name: String, text: String)] {
        [("contingency.csv", csv(studies, scenarioName: scenarioName)), ("contingency.json", json(studies, scenarioName: scenarioName))]
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
                fields.append(s.reason)
                out += fields.joined(separator: ",") + "," + row + "\n"
            }
        }
        return out
    }

    public static func json(_ studies: [HourContingency.Study], scenarioName: String) -> String {
        var j = JSONText()
        j.raw("{"); j.key("hours"); j.raw("[")
        for (k, s) in studies.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("time"); j.string(s.time.description)
            j.raw(","); j.key("hour"); j.number(s.hour)
            j.raw(","); j.key("reason"); j.string(s.reason)
            // Without timings_ms: wall-clock times would make the file differ between runs.
            j.raw(","); j.key("n1"); j.raw(ContingencyJSONWriter.write(study(s, scenarioName), timings: false))
            j.raw("}")
        }
        j.raw("]}\n")
        return j.text
    }

    private static func study(_ s: HourContingency.Study, _ scenarioName: String) -> ContingencyStudy {
        ContingencyStudy(caseName: "\(scenarioName) \(s.time)", network: s.network, report: s.report, parseMilliseconds: 0)
    }
}
