import KraftCore

/// Writes a network as a MATPOWER case file, format version 2, in engineering units.
///
/// Loads and shunts are summed per bus into `PD`/`QD` and `GS`/`BS` (out-of-service ones are
/// dropped: MATPOWER has no status for them), a branch with ratio 1 and no phase shift is
/// written as a line (ratio 0), angle limits as ±360°, and generator columns beyond `PMIN` as
/// zeros. Numbers are written in their shortest round-trip form, so reading the file back gives
/// the same per-unit values up to one rounding of the base conversion.
public enum MatpowerWriter {
    public static func write(_ network: Network, functionName: String? = nil) -> String {
        let base = network.baseMVA, degrees = 180 / Double.pi
        let name = functionName ?? sanitized(network.name)
        var out = "function mpc = \(name)\n"
        out += "%\(name.uppercased())  Written by kraft convert from \(network.name.isEmpty ? "a network" : network.name).\n\n"
        out += "%% MATPOWER Case Format : Version 2\nmpc.version = '2';\n\n"
        out += "%%-----  Power Flow Data  -----%%\n%% system MVA base\nmpc.baseMVA = \(number(base));\n\n"

        let demand = network.busDemand(), shunt = network.busShunt()
        let b = network.buses
        out += "%% bus data\n%\tbus_i\ttype\tPd\tQd\tGs\tBs\tarea\tVm\tVa\tbaseKV\tzone\tVmax\tVmin\nmpc.bus = [\n"
        for i in 0..<b.count {
            let row: [String] = [String(b.id[i]), String(b.type[i].rawValue), number(demand.p[i] * base), number(demand.q[i] * base),
                                 number(shunt.g[i] * base), number(shunt.b[i] * base), String(b.area[i]), number(b.vm[i]),
                                 number(b.va[i] * degrees), number(b.baseKV[i]), String(b.zone[i]), number(b.vmax[i]), number(b.vmin[i])]
            out += "\t" + row.joined(separator: "\t") + ";\n"
        }
        out += "];\n\n"

        let g = network.generators
        out += "%% generator data\n%\tbus\tPg\tQg\tQmax\tQmin\tVg\tmBase\tstatus\tPmax\tPmin\tPc1\tPc2\tQc1min\tQc1max\tQc2min\tQc2max\tramp_agc\tramp_10\tramp_30\tramp_q\tapf\nmpc.gen = [\n"
        for k in 0..<g.count {
            let row: [String] = [String(b.id[g.bus[k]]), number(g.pg[k] * base), number(g.qg[k] * base), number(g.qmax[k] * base),
                                 number(g.qmin[k] * base), number(g.vg[k]), number(g.mBase[k]), g.status[k] ? "1" : "0",
                                 number(g.pmax[k] * base), number(g.pmin[k] * base)] + Array(repeating: "0", count: 11)
            out += "\t" + row.joined(separator: "\t") + ";\n"
        }
        out += "];\n\n"

        let br = network.branches
        out += "%% branch data\n%\tfbus\ttbus\tr\tx\tb\trateA\trateB\trateC\tratio\tangle\tstatus\tangmin\tangmax\nmpc.branch = [\n"
        for l in 0..<br.count {
            let isLine = br.ratio[l] == 1 && br.shift[l] == 0
            let row: [String] = [String(b.id[br.from[l]]), String(b.id[br.to[l]]), number(br.r[l]), number(br.x[l]), number(br.b[l]),
                                 number(br.rateA[l] * base), number(br.rateB[l] * base), number(br.rateC[l] * base),
                                 isLine ? "0" : number(br.ratio[l]), number(br.shift[l] * degrees), br.status[l] ? "1" : "0",
                                 "-360", "360"]
            out += "\t" + row.joined(separator: "\t") + ";\n"
        }
        out += "];\n"

        if !b.name.isEmpty {
            out += "\n%% bus names\nmpc.bus_name = {\n"
            for n in b.name { out += "\t'" + n.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "';\n" }
            out += "};\n"
        }
        return out
    }

    /// MATPOWER's notation: shortest round-trip decimal, `Inf`/`-Inf`.
    static func number(_ x: Double) -> String {
        if x == .infinity { return "Inf" }
        if x == -.infinity { return "-Inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }

    /// A valid MATLAB function name from a case name.
    public static func sanitized(_ name: String) -> String {
        var s = String(name.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "_" })
        if s.isEmpty || !(s.first!.isLetter) { s = "case_" + s }
        return s
    }
}
