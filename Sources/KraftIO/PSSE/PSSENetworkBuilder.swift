import KraftCore

extension PSSERawCase {
    /// The case as a per-unit `Network`, after checking that its values make one, converted as
    /// MATPOWER's `psse2mpc` converts a RAW file, so that MATPOWER's results on its conversion
    /// are Kraft's too:
    ///
    /// - Buses sorted by number (psse2mpc sorts them), then one star-point bus per three-winding
    ///   transformer (numbered from `starBusBase + 1`, PQ, or isolated when the transformer is out
    ///   of service, at `VMSTAR`/`ANSTAR`, base 1 kV, area and zone of the winding 1 bus). Bus
    ///   type is `IDE`; `NVHI`/`NVLO` are the voltage limits.
    /// - Loads: one per record, status `STATUS`, at constant power `PL + IP·VM + YP·VM²` and
    ///   `QL + IQ·VM − YQ·VM²` with `VM` the bus voltage stored in the file.
    /// - Shunts: the bus shunt `GL`, `BL` of revisions 29 and 30, fixed shunts (`GL`, `BL`),
    ///   switched shunts at `BINIT` (status `STAT`; always in service before revision 32), the line
    ///   shunts `GI + jBI` / `GJ + jBJ` of each branch at its ends (status of the branch), and
    ///   transformer magnetizing admittance at the winding 1 bus (see `PSSETransformerModel`).
    /// - Branches: non-transformer branches (J's sign, the metered end, dropped), then system
    ///   switching devices (revisions 34 and 35: a branch of reactance `X`, in service when
    ///   closed), then two-winding transformers, then three legs per three-winding transformer,
    ///   each in file order (`PSSETransformerModel` gives the conversion).
    /// - Generators in file order: `PG`, `QG`, `QT`/`QB` as Q limits, `VS` as the set-point at
    ///   the unit's own bus (a remote `IREG` is noted, not modelled), `MBASE`, `STAT`, `PT`/`PB`.
    /// - Two-terminal DC lines: a fixed load of the line's power at the rectifier bus and the
    ///   opposite at the inverter bus (see `notes`).
    ///
    /// Rejected, with the record's line: a bus number outside 1–999997 or repeated, a bus type
    /// other than 1–4, no swing bus (type 3), an element on a bus not in the bus data, a status
    /// other than 0 or 1 (0–4 for a three-winding transformer), a branch or transformer with zero
    /// impedance, transformer codes or bases that cannot be converted, a DC line mode other
    /// than 0–2.
    public func network() throws(InputError) -> Network {
        var b = PSSENetworkBuilder(raw: self)
        return try b.build()
    }
}

/// The state of one conversion; see `PSSERawCase.network()`.
struct PSSENetworkBuilder {
    let raw: PSSERawCase
    var buses = BusTable()
    var loads = LoadTable()
    var shunts = ShuntTable()
    var branches = BranchTable()
    var generators = GeneratorTable()
    /// Bus number → internal index, and the record of each bus by internal index.
    var index: [Int: Int] = [:]
    var records: [PSSEBus] = []

    init(raw: PSSERawCase) {
        self.raw = raw
    }

    var base: Double { raw.baseMVA }

    mutating func build() throws(InputError) -> Network {
        try readBuses()
        for b in raw.buses where b.gl != 0 || b.bl != 0 {
            shunts.append(bus: index[b.number]!, g: b.gl / base, b: b.bl / base, status: true)
        }
        for l in raw.loads { try addLoad(l) }
        for s in raw.fixedShunts {
            let at = try bus(s.bus, "I", line: s.line, what: "fixed shunt")
            try status(s.status, "STATUS", line: s.line, what: "fixed shunt")
            shunts.append(bus: at, g: s.gl / base, b: s.bl / base, status: s.status == 1)
        }
        for s in raw.switchedShunts {
            let at = try bus(s.bus, "I", line: s.line, what: "switched shunt")
            try status(s.status, "STAT", line: s.line, what: "switched shunt")
            shunts.append(bus: at, g: 0, b: s.binit / base, status: s.status == 1)
        }
        for dc in raw.twoTerminalDCLines { try addDCLine(dc) }
        for br in raw.branches { try addBranch(br) }
        for d in raw.switchingDevices { try addSwitchingDevice(d) }
        for t in raw.transformers where !t.isThreeWinding { try addTransformer(t, star: nil) }
        var star = 0
        for t in raw.transformers where t.isThreeWinding {
            try addTransformer(t, star: star)
            star += 1
        }
        for g in raw.generators { try addGenerator(g) }
        return Network(name: raw.name, baseMVA: base, buses: buses, loads: loads, shunts: shunts,
                       branches: branches, generators: generators)
    }

    // MARK: Buses

    private mutating func readBuses() throws(InputError) {
        var firstLine: [Int: Int] = [:]
        for b in raw.buses {
            guard (1...999_997).contains(b.number) else {
                throw failure(b.line, "bus record: I is \(b.number); expected a bus number from 1 to 999997")
            }
            if let first = firstLine[b.number] {
                throw failure(b.line, "bus \(b.number) is defined twice, at line \(first) and at line \(b.line); "
                    + "expected unique bus numbers")
            }
            firstLine[b.number] = b.line
            guard let _ = BusType(rawValue: b.type) else {
                throw failure(b.line, "bus \(b.number): IDE is \(b.type); expected 1 (load), 2 (generator), 3 (swing) "
                    + "or 4 (isolated)")
            }
        }
        guard raw.buses.contains(where: { $0.type == 3 }) else {
            throw failure(raw.busGroupLine, "no swing bus: no bus record has IDE = 3; expected at least one swing bus")
        }
        // psse2mpc sorts the buses by number; star-point buses follow.
        records = raw.buses.sorted { $0.number < $1.number }
        var names: [String] = []
        for b in records {
            index[b.number] = buses.count
            buses.append(id: b.number, type: BusType(rawValue: b.type)!, vm: b.vm, va: b.va * .pi / 180,
                         baseKV: b.baseKV, area: b.area, zone: b.zone, vmax: b.nvhi, vmin: b.nvlo)
            names.append(b.name)
        }
        let three = raw.transformers.filter(\.isThreeWinding)
        for (k, t) in three.enumerated() {
            let winding1 = try bus(t.i, "I", line: t.line, what: "three-winding transformer")
            buses.append(id: raw.starBusBase + k + 1, type: t.status == 0 ? .isolated : .pq, vm: t.vmstar,
                         va: t.anstar * .pi / 180, baseKV: 1, area: buses.area[winding1], zone: buses.zone[winding1],
                         vmax: 1.1, vmin: 0.9)
            names.append("STR_PT_XF_\(k + 1)")
        }
        buses.name = names
    }

    // MARK: Elements

    private mutating func addLoad(_ l: PSSELoad) throws(InputError) {
        let at = try bus(l.bus, "I", line: l.line, what: "load")
        try status(l.status, "STATUS", line: l.line, what: "load")
        let vm = buses.vm[at]
        let p = l.pl + l.ip * vm + l.yp * vm * vm
        let q = l.ql + l.iq * vm - l.yq * vm * vm
        loads.append(bus: at, p: p / base, q: q / base, status: l.status == 1)
    }

    private mutating func addDCLine(_ dc: PSSETwoTerminalDCLine) throws(InputError) {
        let what = "two-terminal DC line '\(dc.name)'"
        guard (0...2).contains(dc.mode) else {
            throw failure(dc.line, "\(what): MDC is \(dc.mode); expected 0 (blocked), 1 (power) or 2 (current)")
        }
        let rectifier = try bus(dc.rectifierBus, "IPR", line: dc.line + 1, what: what)
        let inverter = try bus(dc.inverterBus, "IPI", line: dc.line + 2, what: what)
        let p = dc.powerMW / base
        loads.append(bus: rectifier, p: p, q: 0, status: dc.mode != 0)
        loads.append(bus: inverter, p: -p, q: 0, status: dc.mode != 0)
    }

    private mutating func addBranch(_ br: PSSEBranch) throws(InputError) {
        let what = "branch"
        let from = try bus(br.from, "I", line: br.line, what: what)
        let to = try bus(abs(br.to), "J", line: br.line, what: what)
        try status(br.status, "ST", line: br.line, what: what)
        guard br.r != 0 || br.x != 0 else {
            throw failure(br.line, "branch from bus \(br.from) to bus \(abs(br.to)) has zero impedance (R = X = 0); "
                + "expected a nonzero R or X (the power flow divides by the impedance)")
        }
        let inService = br.status == 1
        branches.append(from: from, to: to, r: br.r, x: br.x, b: br.b, rateA: br.rateA / base, rateB: br.rateB / base,
                        rateC: br.rateC / base, ratio: 1, shift: 0, status: inService)
        if br.gi != 0 || br.bi != 0 { shunts.append(bus: from, g: br.gi, b: br.bi, status: inService) }
        if br.gj != 0 || br.bj != 0 { shunts.append(bus: to, g: br.gj, b: br.bj, status: inService) }
    }

    private mutating func addSwitchingDevice(_ d: PSSESwitchingDevice) throws(InputError) {
        let what = "system switching device"
        let from = try bus(d.from, "I", line: d.line, what: what)
        let to = try bus(abs(d.to), "J", line: d.line, what: what)
        try status(d.status, "STAT", line: d.line, what: what)
        guard d.x != 0 else {
            throw failure(d.line, "system switching device from bus \(d.from) to bus \(abs(d.to)) has X = 0; expected a "
                + "nonzero reactance (PSS/E's default is 0.0001; the power flow divides by the impedance)")
        }
        branches.append(from: from, to: to, r: 0, x: d.x, b: 0, rateA: d.rateA / base, rateB: d.rateB / base,
                        rateC: d.rateC / base, ratio: 1, shift: 0, status: d.status == 1)
    }

    /// A two-winding transformer (`star` nil) or the `star`-th three-winding one.
    private mutating func addTransformer(_ t: PSSETransformer, star: Int?) throws(InputError) {
        let kind = t.isThreeWinding ? "three-winding transformer" : "two-winding transformer"
        let names = ["I", "J", "K"]
        var at: [Int] = []
        for (w, number) in t.buses.enumerated() {
            at.append(try bus(number, names[w], line: t.line, what: kind))
        }
        let statuses = t.isThreeWinding ? 0...4 : 0...1
        guard statuses.contains(t.status) else {
            throw failure(t.line, "\(kind): STAT is \(t.status); expected "
                + (t.isThreeWinding ? "0 to 4 (0 out, 1 in, 2/3/4 only winding 2/3/1 out)" : "0 (out of service) or 1 (in service)"))
        }
        let legs: [PSSETransformerModel.Leg]
        var magnetizing = (g: 0.0, b: 0.0)
        do {
            legs = try PSSETransformerModel.legs(t, busKV: at.map { buses.baseKV[$0] }, systemBase: base)
            if t.mag1 != 0 || t.mag2 != 0 {
                magnetizing = try PSSETransformerModel.magnetizing(t, busKV: buses.baseKV[at[0]], systemBase: base)
            }
        } catch {
            throw failure(t.line, "\(kind) \(t.buses.map(String.init).joined(separator: "–")) '\(t.circuit)': \(error.message)")
        }
        for (w, leg) in legs.enumerated() {
            let to = star.map { records.count + $0 } ?? at[1]
            branches.append(from: at[w], to: to, r: leg.r, x: leg.x, b: 0, rateA: leg.rateA / base,
                            rateB: leg.rateB / base, rateC: leg.rateC / base, ratio: leg.ratio,
                            shift: leg.shift * .pi / 180, status: leg.inService)
        }
        if magnetizing.g != 0 || magnetizing.b != 0 {
            shunts.append(bus: at[0], g: magnetizing.g, b: magnetizing.b, status: legs[0].inService)
        }
    }

    private mutating func addGenerator(_ g: PSSEGenerator) throws(InputError) {
        let at = try bus(g.bus, "I", line: g.line, what: "generator")
        try status(g.status, "STAT", line: g.line, what: "generator")
        generators.append(bus: at, pg: g.pg / base, qg: g.qg / base, qmax: g.qt / base, qmin: g.qb / base, vg: g.vs,
                          mBase: g.mbase, status: g.status == 1, pmax: g.pt / base, pmin: g.pb / base)
    }

    // MARK: Checks

    /// The internal index of bus `number`, which field `field` of a `what` record names.
    private func bus(_ number: Int, _ field: String, line: Int, what: String) throws(InputError) -> Int {
        guard let at = index[number] else {
            throw failure(line, "\(what) record: \(field) is bus \(number), which is not in the bus data; "
                + "expected the number of a bus defined in the bus data group")
        }
        return at
    }

    private func status(_ value: Int, _ field: String, line: Int, what: String) throws(InputError) {
        guard value == 0 || value == 1 else {
            throw failure(line, "\(what) record: \(field) is \(value); expected 0 (out of service) or 1 (in service)")
        }
    }

    private func failure(_ line: Int?, _ message: String) -> InputError {
        InputError(file: raw.file, line: line, message: message)
    }
}
