import KraftCore
import KraftIO

/// `kraft contingency --format json`: settings, the base case, a summary, timings, and every
/// contingency worst first (`rank` 1 is the worst), in MW, MVA, percent of the rating and p.u.
public enum ContingencyJSONWriter {
    /// `timings` off leaves out `timings_ms` (wall-clock times differ from run to run; the result
    /// folder's `contingency.json` must not).
    public static func write(_ study: ContingencyStudy, timings: Bool = true) -> String {
        let report = study.report, net = study.network, base = study.baseMVA, o = report.options
        var j = JSONText(capacity: 4096 + 400 * report.results.count)
        j.raw("{")
        j.key("case"); j.string(study.caseName); j.raw(",")
        j.key("settings"); j.raw("{")
        j.key("ac"); j.string(o.ac.rawValue); j.raw(",")
        j.key("rate"); j.string(o.rating.rawValue); j.raw(",")
        j.key("threads"); j.number(o.threads); j.raw(",")
        j.key("generator_pickup"); j.string(study.pickupLabel); j.raw(",")
        j.key("enforce_q_limits"); j.bool(o.enforceQLimits); j.raw(",")
        j.key("slack"); j.string(study.slackLabel); j.raw(",")
        j.key("screening_threshold_pct"); j.number(100 * o.screeningThreshold); j.raw(",")
        j.key("overload_threshold_pct"); j.number(100 * o.overloadThreshold); j.raw(",")
        j.key("loading_worsening_pct"); j.number(100 * o.loadingWorsening); j.raw(",")
        j.key("voltage_worsening_pu"); j.number(o.voltageWorsening); j.raw(",")
        j.key("tolerance_pu"); j.number(o.tolerance); j.raw(",")
        j.key("max_iterations"); j.number(o.maxIterations); j.raw(",")
        j.key("dc_factorization"); j.string(report.dcFactorization); j.raw("},")
        j.key("base"); j.raw("{")
        j.key("converged"); j.bool(report.base.converged); j.raw(",")
        if let failure = report.base.failure { j.key("failure"); j.string(failure.reason); j.raw(",") }
        j.key("iterations"); j.number(report.base.iterations); j.raw(",")
        j.key("overloads"); overloads(&j, report.baseOverloads, study); j.raw(",")
        j.key("voltage_violations"); violations(&j, report.baseVoltageViolations, net); j.raw("},")
        j.key("summary"); j.raw("{")
        j.key("contingencies"); j.number(report.results.count); j.raw(",")
        j.key("ac_verified"); j.number(report.acVerified); j.raw(",")
        j.key("ac_not_converged"); j.number(report.acFailures); j.raw(",")
        j.key("with_violations"); j.number(report.withViolations); j.raw(",")
        j.key("islanding"); j.number(report.islanding)
        if let count = report.acFactorizations { j.raw(","); j.key("ac_factorizations"); j.number(count) }
        j.raw("},")
        if timings {
            j.key("timings_ms"); j.raw("{")
            j.key("parse"); j.number(study.parseMilliseconds); j.raw(",")
            j.key("base"); j.number(report.timings.base); j.raw(",")
            j.key("setup"); j.number(report.timings.setup); j.raw(",")
            j.key("contingencies"); j.number(report.timings.contingencies); j.raw(",")
            j.key("total"); j.number(study.parseMilliseconds + report.timings.total); j.raw("},")
        }
        j.key("notes"); j.raw("[")
        for (k, note) in (study.inputNotes + report.base.notes).enumerated() { if k > 0 { j.raw(",") }; j.string(note) }
        j.raw("],")
        j.key("contingencies"); j.raw("[")
        for (rank, i) in report.ranking.enumerated() {
            let r = report.results[i], c = report.contingencies[i]
            if rank > 0 { j.raw(",") }
            j.raw("{"); j.key("rank"); j.number(rank + 1); j.raw(",")
            j.key("index"); j.number(i + 1); j.raw(",")
            j.key("name"); j.string(c.name); j.raw(",")
            j.key("status"); j.string(study.status(r)); j.raw(",")
            j.key("outages"); j.raw("[")
            for (k, outage) in c.outages.enumerated() {
                if k > 0 { j.raw(",") }
                switch outage {
                case .branch(let l):
                    j.raw("{\"branch\":"); j.number(l + 1)
                    j.raw(",\"from\":"); j.number(net.buses.id[net.branches.from[l]])
                    j.raw(",\"to\":"); j.number(net.buses.id[net.branches.to[l]]); j.raw("}")
                case .generator(let g):
                    j.raw("{\"generator\":"); j.number(g + 1)
                    j.raw(",\"bus\":"); j.number(net.buses.id[net.generators.bus[g]]); j.raw("}")
                }
            }
            j.raw("],")
            if !r.alreadyOut.isEmpty {
                j.key("already_out"); j.raw("[")
                for (k, outage) in r.alreadyOut.enumerated() { if k > 0 { j.raw(",") }; j.string(study.outageLabel(outage)) }
                j.raw("],")
            }
            j.key("islanding")
            if let isl = r.islanding {
                j.raw("{"); j.key("islands"); j.number(isl.islands); j.raw(",")
                j.key("dead_buses"); j.raw("[")
                for (k, b) in isl.deadBuses.enumerated() { if k > 0 { j.raw(",") }; j.number(net.buses.id[b]) }
                j.raw("],"); j.key("new_references"); j.raw("[")
                for (k, b) in isl.newReferences.enumerated() { if k > 0 { j.raw(",") }; j.number(net.buses.id[b]) }
                j.raw("],"); j.key("lost_load_mw"); j.number(isl.lostLoad * base); j.raw(",")
                j.key("lost_generation_mw"); j.number(isl.lostGeneration * base); j.raw("}")
            } else { j.raw("null") }
            j.raw(","); j.key("dc")
            if let dc = r.dc {
                j.raw("{"); j.key("max_loading_pct"); j.number(100 * dc.maxLoading); j.raw(",")
                j.key("worst_branch"); branchRef(&j, dc.worstBranch); j.raw(",")
                j.key("overloads"); j.number(dc.overloads); j.raw(",")
                j.key("worsened_overloads"); j.number(dc.worsenedOverloads); j.raw(",")
                j.key("flagged"); j.number(dc.flagged); j.raw("}")
            } else { j.raw("null") }
            j.raw(","); j.key("ac")
            if let ac = r.ac {
                j.raw("{"); j.key("converged"); j.bool(ac.converged); j.raw(",")
                if let failure = ac.failure {
                    j.key("failure"); j.failure(failure, network: net); j.raw(",")
                }
                j.key("iterations"); j.number(ac.iterations); j.raw(",")
                j.key("max_mismatch_mva"); j.number(ac.maxMismatch * base); j.raw(",")
                j.key("linear_solver"); j.string(ac.linearSolver); j.raw(",")
                j.key("fallbacks"); j.raw("[")
                for (k, a) in ac.attempts.enumerated() { if k > 0 { j.raw(",") }; j.string(a) }
                j.raw("],")
                j.key("reactive_limited"); j.raw("[")
                for (k, g) in ac.reactiveLimited.enumerated() { if k > 0 { j.raw(",") }; j.number(g + 1) }
                j.raw("],")
                j.key("max_loading_pct"); j.number(100 * ac.maxLoading); j.raw(",")
                j.key("worst_branch"); branchRef(&j, ac.worstBranch); j.raw(",")
                j.key("overloads"); overloads(&j, ac.overloads, study); j.raw(",")
                j.key("voltage_violations"); violations(&j, ac.voltageViolations, net); j.raw("}")
            } else { j.raw("null") }
            j.raw("}")
        }
        j.raw("]}\n")
        return j.text

        func branchRef(_ j: inout JSONText, _ l: Int?) {
            if let l { j.string(study.branchLabel(l)) } else { j.raw("null") }
        }
    }

    static func overloads(_ j: inout JSONText, _ list: [BranchLoading], _ study: ContingencyStudy) {
        let net = study.network, base = study.baseMVA
        j.raw("[")
        for (k, o) in list.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{\"branch\":"); j.number(o.branch + 1)
            j.raw(",\"from\":"); j.number(net.buses.id[net.branches.from[o.branch]])
            j.raw(",\"to\":"); j.number(net.buses.id[net.branches.to[o.branch]])
            j.raw(",\"loading_pct\":"); j.number(100 * o.loading)
            j.raw(",\"flow_mva\":"); j.number(o.flow * base)
            j.raw(",\"rating_mva\":"); j.number(o.rating * base)
            j.raw(",\"base_loading_pct\":"); j.number(100 * o.baseLoading)
            j.raw(",\"worsened\":"); j.bool(o.worsened); j.raw("}")
        }
        j.raw("]")
    }

    static func violations(_ j: inout JSONText, _ list: [VoltageViolation], _ net: Network) {
        j.raw("[")
        for (k, v) in list.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{\"bus\":"); j.number(net.buses.id[v.bus])
            j.raw(",\"kind\":"); j.string(v.kind.rawValue)
            j.raw(",\"vm_pu\":"); j.number(v.vm)
            j.raw(",\"limit_pu\":"); j.number(v.limit)
            j.raw(",\"base_vm_pu\":"); j.number(v.baseVm)
            j.raw(",\"worsened\":"); j.bool(v.worsened); j.raw("}")
        }
        j.raw("]")
    }
}
