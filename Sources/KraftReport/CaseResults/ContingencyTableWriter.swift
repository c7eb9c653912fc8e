import KraftCore
import KraftIO

/// `kraft contingency` default output: the settings and the base case, a summary of the run,
/// then the contingencies worst first (the first `rowLimit` unless `all`).
public enum ContingencyTableWriter {
    public static func write(_ study: ContingencyStudy, all: Bool, rowLimit: Int = 20) -> String {
        let report = study.report, net = study.network, base = study.baseMVA, o = report.options
        var out = "\(study.caseName): \(net.buses.count) buses, \(net.branches.count) branches, \(net.generators.count) generators\n"
        out += "N-1: \(report.results.count) contingencies, AC \(o.ac.rawValue), rate \(o.rating.rawValue.uppercased()), "
        out += "overload above \(fixed(100 * o.overloadThreshold, 0)) %, "
        if o.ac == .screened { out += "AC where DC estimate ≥ \(fixed(100 * o.screeningThreshold, 0)) %, " }
        out += "generator pickup \(study.pickupLabel), "
        if o.enforceQLimits { out += "reactive limits enforced, " }
        if o.slack != .single { out += "slack shared by \(study.slackLabel), " }
        out += "\(o.threads) thread\(o.threads == 1 ? "" : "s")\n"
        let b = report.base
        if b.converged {
            out += "base case: converged in \(b.iterations) iteration\(b.iterations == 1 ? "" : "s"); "
            out += "\(report.baseOverloads.count) overloaded branch\(report.baseOverloads.count == 1 ? "" : "es"), "
            out += "\(report.baseVoltageViolations.count) voltage violation\(report.baseVoltageViolations.count == 1 ? "" : "s")\n"
        } else {
            out += "base case DID NOT CONVERGE: \(b.failure?.reason ?? "unknown cause"); no contingency was run\n"
        }
        for note in study.inputNotes + b.notes { out += "note: \(note)\n" }
        guard b.converged else { return out }
        if !report.baseOverloads.isEmpty || !report.baseVoltageViolations.isEmpty {
            out += "base-case violations count against an outage only where it worsens them (loading +\(fixed(100 * o.loadingWorsening, 0)) % of the rating, voltage \(fixed(o.voltageWorsening, 3)) p.u. further)\n"
        }
        out += "contingencies: \(report.acVerified) AC-verified, \(report.acFailures) not converged, "
        out += "\(report.islanding) islanding, \(report.withViolations) with violations\n"
        let t = report.timings
        out += "time (ms): parse \(fixed(study.parseMilliseconds, 1)), base \(fixed(t.base, 1)), setup \(fixed(t.setup, 1)), "
        out += "contingencies \(fixed(t.contingencies, 1)), total \(fixed(study.parseMilliseconds + t.total, 1))\n"

        var table = TextTable(headers: ["rank", "contingency", "status", "DC max %", "AC max %", "worst branch",
                                        "overloads", "V viol", "worst V (bus)", "lost MW"],
                              alignments: [.right, .left, .left, .right, .right, .left, .right, .right, .left, .right])
        let shown = all ? report.ranking.count : min(report.ranking.count, rowLimit)
        for (rank, i) in report.ranking.prefix(shown).enumerated() {
            let r = report.results[i]
            let ac = r.ac
            let worstV = ac?.voltageViolations.first(where: \.worsened).map { "\(fixed($0.vm, 4)) (\(net.buses.id[$0.bus]))" } ?? "-"
            let worstBranch = (ac?.converged == true ? ac?.worstBranch : r.dc?.worstBranch).map { study.branchLabel($0) } ?? "-"
            table.append([String(rank + 1), report.contingencies[i].name, study.status(r),
                          r.dc.map { fixed(100 * $0.maxLoading, 1) } ?? "-",
                          ac.map { $0.converged ? fixed(100 * $0.maxLoading, 1) : "-" } ?? "-",
                          worstBranch,
                          ac.map { String($0.overloads.filter(\.worsened).count) } ?? "-",
                          ac.map { String($0.voltageViolations.filter(\.worsened).count) } ?? "-",
                          worstV,
                          r.islanding.map { fixed($0.lostLoad * base, 1) } ?? "-"])
        }
        out += "\nContingencies, worst first\n" + table.render()
        if shown < report.ranking.count { out += "... \(report.ranking.count - shown) more (use --all)\n" }
        return out
    }
}
