import KraftCore
import KraftIO

/// `kraft pf --format csv`: three tables — buses, generators, branches — each introduced by a
/// `# name` line and a header row with units, separated by a blank line.
public enum PowerFlowCSVWriter {
    public static func write(_ report: PowerFlowReport) -> String {
        let r = report.result, net = report.network, base = report.baseMVA
        let degrees = 180 / Double.pi
        var out = ""
        out.reserveCapacity(80 * (net.buses.count + net.generators.count + net.branches.count))
        func num(_ x: Double) -> String { x.isFinite ? String(x) : "" }
        out += "# buses\nid,type,vm_pu,va_deg\n"
        for i in 0..<net.buses.count {
            out += "\(net.buses.id[i]),\(r.busType[i].label),\(num(r.vm[i])),\(num(r.va[i] * degrees))\n"
        }
        out += "\n# generators\nbus,status,pg_mw,qg_mvar\n"
        for g in 0..<net.generators.count {
            out += "\(net.buses.id[net.generators.bus[g]]),\(net.generators.status[g] ? 1 : 0),\(num(r.pg[g] * base)),\(num(r.qg[g] * base))\n"
        }
        out += "\n# branches\nfrom,to,status,pf_mw,qf_mvar,pt_mw,qt_mvar\n"
        let br = net.branches
        for l in 0..<br.count {
            out += "\(net.buses.id[br.from[l]]),\(net.buses.id[br.to[l]]),\(br.status[l] ? 1 : 0),"
            out += "\(num(r.pf[l] * base)),\(num(r.qf[l] * base)),\(num(r.pt[l] * base)),\(num(r.qt[l] * base))\n"
        }
        return out
    }
}
