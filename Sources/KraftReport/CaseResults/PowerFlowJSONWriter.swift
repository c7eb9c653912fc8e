import KraftCore
import KraftIO

/// `kraft pf --format json`: the summary, per-phase timings, and bus, generator and branch
/// results in file order, in MW, MVAr, p.u. and degrees.
public enum PowerFlowJSONWriter {
    public static func write(_ report: PowerFlowReport) -> String {
        let r = report.result, net = report.network, base = report.baseMVA
        let degrees = 180 / Double.pi
        var j = JSONText(capacity: 64 + 120 * (net.buses.count + net.generators.count + net.branches.count))
        j.raw("{")
        j.key("case"); j.string(report.caseName); j.raw(",")
        j.key("method"); j.string(r.method.rawValue); j.raw(",")
        j.key("init"); j.string(report.options.initialPoint.rawValue); j.raw(",")
        j.key("linear_solver"); j.string(r.linearSolver); j.raw(",")
        j.key("converged"); j.bool(r.converged); j.raw(",")
        if let failure = r.failure {
            j.key("failure"); j.failure(failure, network: net); j.raw(",")
        }
        j.key("iterations"); j.number(r.iterations); j.raw(",")
        j.key("max_mismatch_mva"); j.number(r.maxMismatch * base); j.raw(",")
        j.key("losses_mw"); j.number(r.losses * base); j.raw(",")
        j.key("timings_ms"); j.raw("{")
        j.key("parse"); j.number(report.parseMilliseconds); j.raw(",")
        j.key("ybus"); j.number(r.timings.ybus); j.raw(",")
        j.key("analyze"); j.number(r.timings.analyze); j.raw(",")
        j.key("factor"); j.number(r.timings.factor); j.raw(",")
        j.key("iterate"); j.number(r.timings.iterate); j.raw(",")
        j.key("solve"); j.number(r.timings.solve); j.raw(",")
        j.key("total"); j.number(report.totalMilliseconds); j.raw("},")
        j.key("islands"); j.number(r.islandCount); j.raw(",")
        j.key("dead_buses"); j.raw("[")
        for (k, i) in r.deadBuses.enumerated() { if k > 0 { j.raw(",") }; j.number(net.buses.id[i]) }
        j.raw("],")
        j.key("q_limit_switches"); j.raw("[")
        for (k, s) in r.qLimitSwitches.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("generator"); j.number(s.generator + 1); j.raw(",")
            j.key("bus"); j.number(net.buses.id[s.bus]); j.raw(",")
            j.key("limit"); j.string(s.limit.rawValue); j.raw(",")
            j.key("qg_mvar"); j.number(s.value * base); j.raw(",")
            j.key("round"); j.number(s.round); j.raw("}")
        }
        j.raw("],")
        j.key("notes"); j.raw("[")
        for (k, note) in report.allNotes.enumerated() { if k > 0 { j.raw(",") }; j.string(note) }
        j.raw("],")
        j.key("buses"); j.raw("[")
        for i in 0..<net.buses.count {
            if i > 0 { j.raw(",") }
            j.raw("{\"id\":"); j.number(net.buses.id[i])
            j.raw(",\"type\":"); j.string(r.busType[i].label)
            j.raw(",\"vm_pu\":"); j.number(r.vm[i])
            j.raw(",\"va_deg\":"); j.number(r.va[i] * degrees); j.raw("}")
        }
        j.raw("],")
        j.key("generators"); j.raw("[")
        let gens = net.generators
        for g in 0..<gens.count {
            if g > 0 { j.raw(",") }
            j.raw("{\"bus\":"); j.number(net.buses.id[gens.bus[g]])
            j.raw(",\"status\":"); j.number(gens.status[g] ? 1 : 0)
            j.raw(",\"pg_mw\":"); j.number(r.pg[g] * base)
            j.raw(",\"qg_mvar\":"); j.number(r.qg[g] * base); j.raw("}")
        }
        j.raw("],")
        j.key("branches"); j.raw("[")
        let br = net.branches
        for l in 0..<br.count {
            if l > 0 { j.raw(",") }
            j.raw("{\"from\":"); j.number(net.buses.id[br.from[l]])
            j.raw(",\"to\":"); j.number(net.buses.id[br.to[l]])
            j.raw(",\"status\":"); j.number(br.status[l] ? 1 : 0)
            j.raw(",\"pf_mw\":"); j.number(r.pf[l] * base)
            j.raw(",\"qf_mvar\":"); j.number(r.qf[l] * base)
            j.raw(",\"pt_mw\":"); j.number(r.pt[l] * base)
            j.raw(",\"qt_mvar\":"); j.number(r.qt[l] * base); j.raw("}")
        }
        j.raw("]}\n")
        return j.text
    }
}
