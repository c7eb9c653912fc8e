import KraftCore
import KraftIO

/// `kraft contingency --format csv`: two tables separated by a blank line — `# contingencies`,
/// one row per contingency worst first, and `# violations`, one row per overloaded branch or
/// voltage violation found by AC.
public enum ContingencyCSVWriter {
    public static func write(_ study: ContingencyStudy) -> String {
        let report = study.report, net = study.network, base = study.baseMVA
        var out = "# contingencies\n" + contingencyHeader + "\n"
        for row in contingencyRows(study) { out += row + "\n" }
        out += "\n# violations\n"
        out += "rank,name,kind,element,value,limit,loading_pct,base_value,worsened\n"
        for (rank, i) in report.ranking.enumerated() {
            guard let ac = report.results[i].ac else { continue }
            let name = quoted(report.contingencies[i].name)
            for o in ac.overloads {
                out += "\(rank + 1),\(name),overload,\(study.branchLabel(o.branch)),\(number(o.flow * base)),\(number(o.rating * base)),\(number(100 * o.loading)),\(number(o.baseLoading * o.rating * base)),\(o.worsened ? 1 : 0)\n"
            }
            for v in ac.voltageViolations {
                out += "\(rank + 1),\(name),\(v.kind == .low ? "low_voltage" : "high_voltage"),\(net.buses.id[v.bus]),\(number(v.vm)),\(number(v.limit)),,\(number(v.baseVm)),\(v.worsened ? 1 : 0)\n"
            }
        }
        return out
    }

    /// The columns of the contingency table (`reactive_limited`: generators held at a reactive
    /// limit, under Q-limit enforcement).
    public static let contingencyHeader = "rank,index,name,status,islanding,dead_buses,lost_load_mw,dc_max_loading_pct,ac,converged,iterations,max_loading_pct,worst_branch,overloads,worsened_overloads,voltage_violations,worsened_voltage_violations,reactive_limited"

    /// The contingency table's rows, worst first, without line ends.
    public static func contingencyRows(_ study: ContingencyStudy) -> [String] {
        let report = study.report, base = study.baseMVA
        return report.ranking.enumerated().map { rank, i in
            let r = report.results[i]
            var row = [String(rank + 1), String(i + 1), quoted(report.contingencies[i].name), study.status(r)]
            row.append(r.islanding == nil ? "0" : "1")
            row.append(String(r.islanding?.deadBuses.count ?? 0))
            row.append(number((r.islanding?.lostLoad ?? 0) * base))
            row.append(r.dc.map { number(100 * $0.maxLoading) } ?? "")
            if let ac = r.ac {
                row += ["1", ac.converged ? "1" : "0", String(ac.iterations),
                        ac.converged ? number(100 * ac.maxLoading) : "", ac.worstBranch.map { study.branchLabel($0) } ?? "",
                        String(ac.overloads.count), String(ac.overloads.filter(\.worsened).count),
                        String(ac.voltageViolations.count), String(ac.voltageViolations.filter(\.worsened).count),
                        String(ac.reactiveLimited.count)]
            } else {
                row += ["0", "", "", "", "", "", "", "", "", ""]
            }
            return row.joined(separator: ",")
        }
    }

    private static func number(_ x: Double) -> String { x.isFinite ? String(x) : "" }

    /// `s` as one CSV field (quoted when it holds a comma or a quote).
    public static func quoted(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences("\"", "\"\"") + "\"" : s
    }
}

private extension String {
    func replacingOccurrences(_ a: Character, _ b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
