import KraftCore

/// Writes a network as a PSS/E RAW file of revision 33, 34 or 35, in the record layouts the
/// reader reads (`PSSERawLayout`), so that reading the file back gives the same network.
///
/// What goes where:
/// - Buses as bus records (`OWNER` 1, `EVHI`/`EVLO` equal to `NVHI`/`NVLO`); names cut to PSS/E's
///   12 characters. Revision 35 gets its (empty) system-wide data block.
/// - Each load and shunt as its own load or fixed shunt record, with its status; identifiers
///   `1`, `2`, ... per bus.
/// - Generators with `IREG` 0, `ZX` 1, `GTAP` 1, `RMPCT` 100; an infinite Q or P limit is
///   written as PSS/E's "no limit" 9999 (or −9999): RAW has no infinity.
/// - A branch with ratio 1 and no phase shift as a non-transformer branch; any other as a
///   two-winding transformer with `CW = CZ = CM = 1` (ratio and impedance in p.u. of the bus
///   and system bases, as the network holds them): `WINDV1` the ratio, `WINDV2` 1, `ANG1` the
///   shift. A transformer has no charging in PSS/E: a branch's charging `B` with a ratio or
///   shift is written as two fixed shunts, `B/2 / ratio²` at the from bus and `B/2` at the to
///   bus, which give the same admittance matrix (the branch's own flows then leave the
///   charging out). Circuit identifiers count `1`, `2`, ... per pair of buses.
/// - Every other group empty. Numbers in their shortest round-trip form.
///
/// `notes` says what the file holds differently from the network (written charging shunts,
/// clipped limits, cut names).
public enum PSSERawWriter {
    public struct Output: Sendable {
        public var text: String
        public var notes: [String]
    }

    /// The revisions the writer writes.
    public static let revisions: Set<Int> = [33, 34, 35]

    public static func write(_ network: Network, revision: Int = 33) -> Output {
        precondition(revisions.contains(revision), "revision \(revision) is not written")
        var w = Writer(network: network, layout: PSSERawLayout(revision: revision)!)
        w.run()
        return Output(text: w.out, notes: w.notes)
    }

    private struct Writer {
        let network: Network
        let layout: PSSERawLayout
        var out = ""
        var notes: [String] = []
        var base: Double { network.baseMVA }

        init(network: Network, layout: PSSERawLayout) {
            self.network = network
            self.layout = layout
        }

        mutating func run() {
            let rev = layout.revision
            out += "0, \(number(base)), \(rev), 0, 1, 60 / PSS(R)E-\(rev) RAW written by kraft convert\n"
            out += (network.name.isEmpty ? "KRAFT NETWORK" : network.name) + "\n"
            out += "\(network.buses.count) buses, \(network.branches.count) branches\n"
            if layout.systemWide == .required { out += "0 / END OF SYSTEM-WIDE DATA, BEGIN BUS DATA\n" }
            let groups = layout.groups
            for (k, group) in groups.enumerated() {
                switch group {
                case .bus: buses()
                case .load: loads()
                case .fixedShunt: fixedShunts()
                case .generator: generators()
                case .branch: lines()
                case .transformer: transformers()
                default: break
                }
                let next = k + 1 < groups.count ? ", BEGIN \(groups[k + 1].name.uppercased()) DATA" : ""
                out += "0 / END OF \(group.name.uppercased()) DATA\(next)\n"
            }
            out += "Q\n"
            if !chargedTransformers.isEmpty {
                notes.append("\(chargedTransformers.count) branch(es) with a ratio or phase shift and line charging B (first: "
                    + "\(chargedTransformers[0])) written as transformers plus two fixed shunts (B/2 / ratio² at the from bus, "
                    + "B/2 at the to bus): the same admittance matrix, but the branch flows then leave the charging out")
            }
            if clippedLimits > 0 {
                notes.append("\(clippedLimits) infinite generator limit(s) written as PSS/E's 9999 (or -9999) MW/MVAr")
            }
            if cutNames > 0 {
                notes.append("\(cutNames) bus name(s) longer than PSS/E's 12 characters cut to 12")
            }
        }

        // MARK: Records

        /// One record line: `values` by field key, written in the layout's order up to the last
        /// field given (fields in between that are not given are left empty: their default).
        mutating func record(_ line: PSSERawLayout.Line, _ values: [String: String]) {
            let keys = layout.names(line).map(PSSEColumns.key)
            guard let last = keys.lastIndex(where: { values[$0] != nil }) else { return }
            out += keys[...last].map { values[$0] ?? "" }.joined(separator: ", ") + "\n"
        }

        var cutNames = 0
        var clippedLimits = 0
        var chargedTransformers: [String] = []
        /// Identifiers given so far: per bus (loads, shunts, generators) and per pair of buses.
        var counters: [String: Int] = [:]

        mutating func nextID(_ kind: String, _ a: Int, _ b: Int? = nil) -> String {
            let key = b.map { "\(kind) \(min(a, $0)) \(max(a, $0))" } ?? "\(kind) \(a)"
            let n = (counters[key] ?? 0) + 1
            counters[key] = n
            return quoted(String(n))
        }

        func id(_ i: Int) -> String { String(network.buses.id[i]) }

        mutating func buses() {
            let b = network.buses
            for i in 0..<b.count {
                var name = b.name.isEmpty ? "" : b.name[i]
                if name.count > 12 {
                    name = String(name.prefix(12))
                    cutNames += 1
                }
                record(.bus, ["I": id(i), "NAME": quoted(name), "BASKV": number(b.baseKV[i]), "IDE": String(b.type[i].rawValue),
                              "AREA": String(b.area[i]), "ZONE": String(b.zone[i]), "OWNER": "1", "VM": number(b.vm[i]),
                              "VA": number(b.va[i] * 180 / .pi), "NVHI": number(b.vmax[i]), "NVLO": number(b.vmin[i]),
                              "EVHI": number(b.vmax[i]), "EVLO": number(b.vmin[i])])
            }
        }

        mutating func loads() {
            let l = network.loads
            for k in 0..<l.count {
                let bus = l.bus[k]
                record(.load, ["I": id(bus), "ID": nextID("load", bus), "STAT": l.status[k] ? "1" : "0",
                               "AREA": String(network.buses.area[bus]), "ZONE": String(network.buses.zone[bus]),
                               "PL": number(l.p[k] * base), "QL": number(l.q[k] * base), "IP": "0", "IQ": "0", "YP": "0",
                               "YQ": "0", "OWNER": "1", "SCALE": "1"])
            }
        }

        mutating func fixedShunts() {
            let s = network.shunts
            for k in 0..<s.count {
                record(.fixedShunt, ["I": id(s.bus[k]), "ID": nextID("shunt", s.bus[k]), "STAT": s.status[k] ? "1" : "0",
                                     "GL": number(s.g[k] * base), "BL": number(s.b[k] * base)])
            }
            // Charging of branches written as transformers (see the type's description).
            let br = network.branches
            for l in 0..<br.count where !isLine(l) && br.b[l] != 0 {
                let half = br.b[l] / 2 * base
                chargedTransformers.append("\(id(br.from[l]))–\(id(br.to[l]))")
                for (bus, b) in [(br.from[l], half / (br.ratio[l] * br.ratio[l])), (br.to[l], half)] {
                    record(.fixedShunt, ["I": id(bus), "ID": nextID("shunt", bus), "STAT": br.status[l] ? "1" : "0",
                                         "GL": "0", "BL": number(b)])
                }
            }
        }

        mutating func generators() {
            let g = network.generators
            for k in 0..<g.count {
                let bus = g.bus[k]
                record(.generator, ["I": id(bus), "ID": nextID("gen", bus), "PG": number(g.pg[k] * base),
                                    "QG": number(g.qg[k] * base), "QT": limit(g.qmax[k] * base), "QB": limit(g.qmin[k] * base),
                                    "VS": number(g.vg[k]), "IREG": "0", "NREG": "0", "MBASE": number(g.mBase[k]), "ZR": "0",
                                    "ZX": "1", "RT": "0", "XT": "0", "GTAP": "1", "STAT": g.status[k] ? "1" : "0",
                                    "RMPCT": "100", "PT": limit(g.pmax[k] * base), "PB": limit(g.pmin[k] * base)])
            }
        }

        func isLine(_ l: Int) -> Bool {
            network.branches.ratio[l] == 1 && network.branches.shift[l] == 0
        }

        mutating func lines() {
            let br = network.branches
            for l in 0..<br.count where isLine(l) {
                record(.branch, ["I": id(br.from[l]), "J": id(br.to[l]), "CKT": nextID("branch", br.from[l], br.to[l]),
                                 "R": number(br.r[l]), "X": number(br.x[l]), "B": number(br.b[l]), "NAME": quoted(""),
                                 "RATEA": number(br.rateA[l] * base), "RATEB": number(br.rateB[l] * base),
                                 "RATEC": number(br.rateC[l] * base), "GI": "0", "BI": "0", "GJ": "0", "BJ": "0",
                                 "STAT": br.status[l] ? "1" : "0"])
            }
        }

        mutating func transformers() {
            let br = network.branches
            for l in 0..<br.count where !isLine(l) {
                record(.transformer(1), ["I": id(br.from[l]), "J": id(br.to[l]), "K": "0",
                                         "CKT": nextID("branch", br.from[l], br.to[l]), "CW": "1", "CZ": "1", "CM": "1",
                                         "MAG1": "0", "MAG2": "0", "NMETR": "2", "NAME": quoted(""),
                                         "STAT": br.status[l] ? "1" : "0"])
                record(.transformer(2), ["R1-2": number(br.r[l]), "X1-2": number(br.x[l]), "SBASE1-2": number(base)])
                record(.transformer(3), ["WINDV1": number(br.ratio[l]), "NOMV1": "0", "ANG1": number(br.shift[l] * 180 / .pi),
                                         "RATA1": number(br.rateA[l] * base), "RATB1": number(br.rateB[l] * base),
                                         "RATC1": number(br.rateC[l] * base), "COD1": "0", "CONT1": "0"])
                record(.transformer(4), ["WINDV2": "1", "NOMV2": "0"])
            }
        }

        // MARK: Values

        mutating func limit(_ x: Double) -> String {
            guard x.isFinite else {
                clippedLimits += 1
                return x > 0 ? "9999" : "-9999"
            }
            return number(x)
        }

        func number(_ x: Double) -> String {
            if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
            return String(x)
        }

        func quoted(_ s: String) -> String {
            "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
    }
}
