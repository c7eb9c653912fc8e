import KraftCore
import KraftIO
import KraftSim

/// The optional N-1 section of a scenario's result folder (docs/result-folder.md), from
/// `HourContingency` studies at the run's peak-load and lowest-inertia hours:
///
/// - `contingency.csv`: one row per studied hour and contingency, worst first within each
///   hour, with the columns of `kraft contingency --format csv`'s contingency table after
///   `time`, `hour` and `reason`;
/// - `contingency.json`: `{"hours": [{"time", "hour", "reason", "n1"}]}`, `n1` being the hour's
///   whole N-1 report as `kraft contingency --format json` writes it.
public enum ContingencySection {
    public static func files(_ studies: [HourContingency.Study], scenarioName: String) -> [(name: String, text: String)] {
        [("contingency.csv", csv(studies, scenarioName: scenarioName)), ("contingency.json", json(studies, scenarioName: scenarioName))]
    }

    public static func csv(_ studies: [HourContingency.Study], scenarioName: String) -> String {
        var out = "time,hour,reason," + ContingencyCSVWriter.contingencyHeader + "\n"
        for s in studies {
            for row in ContingencyCSVWriter.contingencyRows(study(s, scenarioName)) {
                out += "\(s.time),\(s.hour),\(s.reason),\(row)\n"
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
            j.raw(","); j.key("n1"); j.raw(ContingencyJSONWriter.write(study(s, scenarioName)))
            j.raw("}")
        }
        j.raw("]}\n")
        return j.text
    }

    private static func study(_ s: HourContingency.Study, _ scenarioName: String) -> ContingencyStudy {
        ContingencyStudy(caseName: "\(scenarioName) \(s.time)", network: s.network, report: s.report, parseMilliseconds: 0)
    }
}
