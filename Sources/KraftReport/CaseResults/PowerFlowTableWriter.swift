import KraftCore
import KraftIO

/// `kraft pf` default output: a summary a person reads first, then bus, generator and branch
/// tables (the first `rowLimit` rows of each unless `all`).
public enum PowerFlowTableWriter {
    public static func write(_ report: PowerFlowReport, all: Bool, rowLimit: Int = 20) -> String {
        let r = report.result, net = report.network, base = report.baseMVA
        let degrees = 180 / Double.pi
        var out = ""
        let methodName = switch r.method {
        case .nr: "Newton–Raphson"
        case .fdxb: "fast-decoupled XB"
        case .fdbx: "fast-decoupled BX"
        case .dc: "DC power flow"
        }
        out += "\(report.caseName): \(net.buses.count) buses, \(net.branches.count) branches, \(net.generators.count) generators\n"
        if r.converged {
            out += "\(methodName) (\(r.linearSolver)) converged in \(r.iterations) iteration\(r.iterations == 1 ? "" : "s"), largest mismatch \(scientific(r.maxMismatch * base)) MVA\n"
        } else {
            out += "\(methodName) (\(r.linearSolver)) DID NOT CONVERGE: \(r.failure?.reason ?? "unknown cause") after \(r.iterations) iterations, largest mismatch \(scientific(r.maxMismatch * base)) MVA\n"
            if let worst = r.failure?.worstBuses, !worst.isEmpty {
                out += "  largest mismatch at bus " + worst.map { "\(net.buses.id[$0.bus]) (\(fixed($0.p * base, 3)) MW, \(fixed($0.q * base, 3)) MVAr)" }.joined(separator: ", ") + "\n"
            }
        }
        let t = report.totals
        var summary = TextTable(headers: ["", "P (MW)", "Q (MVAr)"])
        summary.append(["generation", fixed(t.pg, 2), fixed(t.qg, 2)])
        summary.append(["load", fixed(t.pd, 2), fixed(t.qd, 2)])
        let qLoss = r.qf.indices.reduce(0.0) { $0 + r.qf[$1] + r.qt[$1] }
        summary.append(["branch losses", fixed(r.losses * base, 2), r.method == .dc ? "-" : fixed(qLoss * base, 2)])
        out += "\n" + summary.render()
        if let v = report.voltageExtremes {
            out += "voltage: lowest \(fixed(v.low.vm, 4)) p.u. at bus \(net.buses.id[v.low.bus]), highest \(fixed(v.high.vm, 4)) p.u. at bus \(net.buses.id[v.high.bus])\n"
        }
        let tm = r.timings
        out += "time (ms): parse \(fixed(report.parseMilliseconds, 2)), Ybus \(fixed(tm.ybus, 2)), analyze \(fixed(tm.analyze, 2)), factor \(fixed(tm.factor, 2)), iterate \(fixed(tm.iterate, 2)), total \(fixed(report.totalMilliseconds, 2))\n"
        if !r.qLimitSwitches.isEmpty {
            out += "Q limits: " + r.qLimitSwitches.map {
                "gen \($0.generator + 1) at bus \(net.buses.id[$0.bus]) fixed at Q\($0.limit.rawValue) \(fixed($0.value * base, 2)) MVAr (round \($0.round))"
            }.joined(separator: "; ") + "\n"
        }
        for note in report.allNotes { out += "note: \(note)\n" }

        func section(_ title: String, _ count: Int, _ table: TextTable) {
            out += "\n\(title)\n" + table.render()
            if table.rows.count < count { out += "... \(count - table.rows.count) more (use --all)\n" }
        }
        let shown = { (count: Int) in all ? count : min(count, rowLimit) }
        var buses = TextTable(headers: ["bus", "type", "Vm (p.u.)", "Va (deg)"])
        for i in 0..<shown(net.buses.count) {
            buses.append([String(net.buses.id[i]), r.busType[i].label, fixed(r.vm[i], 4), fixed(r.va[i] * degrees, 3)])
        }
        section("Buses", net.buses.count, buses)
        var gens = TextTable(headers: ["gen", "bus", "status", "Pg (MW)", "Qg (MVAr)"])
        for g in 0..<shown(net.generators.count) {
            gens.append([String(g + 1), String(net.buses.id[net.generators.bus[g]]), net.generators.status[g] ? "on" : "off",
                         fixed(r.pg[g] * base, 2), fixed(r.qg[g] * base, 2)])
        }
        section("Generators", net.generators.count, gens)
        var branches = TextTable(headers: ["from", "to", "status", "Pf (MW)", "Qf (MVAr)", "Pt (MW)", "Qt (MVAr)", "loss (MW)"])
        let br = net.branches
        for l in 0..<shown(br.count) {
            branches.append([String(net.buses.id[br.from[l]]), String(net.buses.id[br.to[l]]), br.status[l] ? "on" : "off",
                             fixed(r.pf[l] * base, 2), fixed(r.qf[l] * base, 2), fixed(r.pt[l] * base, 2),
                             fixed(r.qt[l] * base, 2), fixed((r.pf[l] + r.pt[l]) * base, 3)])
        }
        section("Branches", br.count, branches)
        return out
    }

    /// `1.23e-09` style, for mismatches.
    static func scientific(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        guard x != 0 else { return "0" }
        var e = 0, m = abs(x)
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        return (x < 0 ? "-" : "") + fixed(m, 2) + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
    }
}
