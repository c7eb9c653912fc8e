import KraftCore

extension MatpowerCase {
    /// The case as a per-unit `Network`, after checking that its values make one.
    ///
    /// Conversion: powers and ratings are divided by `baseMVA` (an infinite limit stays infinite,
    /// an infinite or zero rating means unlimited and becomes 0), angles become radians, a tap
    /// ratio of 0 (a line) becomes 1, voltages and machine bases are kept. Each bus with a nonzero
    /// `PD` or `QD` gets one load and each bus with a nonzero `GS` or `BS` one shunt, both in
    /// service. A branch or generator is in service when its status is positive.
    ///
    /// Rejected, with the line of the row: a bus number that is not a positive integer or is
    /// repeated, a bus type other than 1–4, no reference bus (type 3), a branch or generator on
    /// a bus that does not exist, NaN or infinity where a finite value is needed, a branch with
    /// `r = x = 0` (MATPOWER divides by the impedance), a non-positive `baseMVA`, and a
    /// `bus_name` list whose length is not the number of buses.
    public func network() throws(InputError) -> Network {
        guard baseMVA.isFinite, baseMVA > 0 else {
            throw InputError(file: file, line: baseMVALine, message: "mpc.baseMVA is \(matlab(baseMVA)); expected a positive number of MVA such as 100")
        }
        var buses = BusTable()
        var loads = LoadTable()
        var shunts = ShuntTable()
        var index = [Int: Int](minimumCapacity: bus.rows)
        try readBuses(into: &buses, loads: &loads, shunts: &shunts, index: &index)
        return Network(name: name, baseMVA: baseMVA, buses: buses, loads: loads, shunts: shunts,
                       branches: try branches(index: index), generators: try generators(index: index))
    }

    private func readBuses(into buses: inout BusTable, loads: inout LoadTable, shunts: inout ShuntTable,
                           index: inout [Int: Int]) throws(InputError) {
        typealias C = MatpowerColumns.Bus
        let check = RowCheck(matrix: bus, file: file, names: C.names)
        let finite = [C.pd, C.qd, C.gs, C.bs, C.vm, C.va, C.baseKV], limits = [C.vmax, C.vmin]
        var hasReference = false
        for row in 0..<bus.rows {
            let id = try check.busNumber(row, C.id)
            if let first = index[id] {
                throw check.failure(row, "bus \(id) is defined twice, at line \(bus.lines[first]) and at line \(bus.lines[row]); "
                    + "expected unique bus numbers")
            }
            let code = bus[row, C.type]
            guard let type = BusType(rawValue: Int(exactly: code) ?? 0) else {
                throw check.failure(row, "bus \(id) has BUS_TYPE \(matlab(code)); expected 1 (PQ), 2 (PV), 3 (REF) or 4 (isolated)")
            }
            for column in finite { try check.finite(row, column) }
            for column in limits { try check.notNaN(row, column) }
            index[id] = buses.count
            hasReference = hasReference || type == .ref
            buses.append(id: id, type: type, vm: bus[row, C.vm], va: bus[row, C.va] * .pi / 180,
                         baseKV: bus[row, C.baseKV], area: try check.integer(row, C.area),
                         zone: try check.integer(row, C.zone), vmax: bus[row, C.vmax], vmin: bus[row, C.vmin])
            let (pd, qd, gs, bs) = (bus[row, C.pd], bus[row, C.qd], bus[row, C.gs], bus[row, C.bs])
            if pd != 0 || qd != 0 { loads.append(bus: row, p: pd / baseMVA, q: qd / baseMVA) }
            if gs != 0 || bs != 0 { shunts.append(bus: row, g: gs / baseMVA, b: bs / baseMVA) }
        }
        guard hasReference else {
            throw InputError(file: file, line: bus.line, message: "no reference bus: no row of mpc.bus has BUS_TYPE 3; "
                + "expected at least one reference (slack) bus")
        }
        if let busNames {
            guard busNames.count == bus.rows else {
                throw InputError(file: file, line: busNamesLine, message: "mpc.bus_name has \(busNames.count) names but "
                    + "mpc.bus has \(bus.rows) rows; expected one name per bus")
            }
            buses.name = busNames
        }
    }

    private func branches(index: [Int: Int]) throws(InputError) -> BranchTable {
        typealias C = MatpowerColumns.Branch
        let check = RowCheck(matrix: branch, file: file, names: C.names)
        let finite = [C.r, C.x, C.b, C.ratio, C.shift], others = [C.rateA, C.rateB, C.rateC, C.status]
        var table = BranchTable()
        for row in 0..<branch.rows {
            let from = try check.bus(row, C.from, in: index)
            let to = try check.bus(row, C.to, in: index)
            for column in finite { try check.finite(row, column) }
            for column in others { try check.notNaN(row, column) }
            let (r, x) = (branch[row, C.r], branch[row, C.x])
            guard r != 0 || x != 0 else {
                throw check.failure(row, "branch \(row + 1) (bus \(Int(branch[row, C.from])) to bus \(Int(branch[row, C.to]))) "
                    + "has zero impedance (BR_R = BR_X = 0); expected a nonzero r or x (MATPOWER divides by r + jx)")
            }
            let ratio = branch[row, C.ratio]
            table.append(from: from, to: to, r: r, x: x, b: branch[row, C.b],
                         rateA: rating(branch[row, C.rateA]), rateB: rating(branch[row, C.rateB]),
                         rateC: rating(branch[row, C.rateC]), ratio: ratio == 0 ? 1 : ratio,
                         shift: branch[row, C.shift] * .pi / 180, status: branch[row, C.status] > 0)
        }
        return table
    }

    private func generators(index: [Int: Int]) throws(InputError) -> GeneratorTable {
        typealias C = MatpowerColumns.Gen
        let check = RowCheck(matrix: gen, file: file, names: C.names)
        let finite = [C.pg, C.qg, C.vg, C.mBase], others = [C.qmax, C.qmin, C.pmax, C.pmin, C.status]
        var table = GeneratorTable()
        for row in 0..<gen.rows {
            let at = try check.bus(row, C.bus, in: index)
            for column in finite { try check.finite(row, column) }
            for column in others { try check.notNaN(row, column) }
            table.append(bus: at, pg: gen[row, C.pg] / baseMVA, qg: gen[row, C.qg] / baseMVA,
                         qmax: gen[row, C.qmax] / baseMVA, qmin: gen[row, C.qmin] / baseMVA,
                         vg: gen[row, C.vg], mBase: gen[row, C.mBase], status: gen[row, C.status] > 0,
                         pmax: gen[row, C.pmax] / baseMVA, pmin: gen[row, C.pmin] / baseMVA)
        }
        return table
    }

    /// A rating in p.u.; MATPOWER's 0 and an infinite rating both mean unlimited, stored as 0.
    private func rating(_ mva: Double) -> Double {
        mva.isInfinite ? 0 : mva / baseMVA
    }
}

/// Checks of single values in one matrix, each failing with the row's line and the column's
/// MATPOWER name.
private struct RowCheck {
    let matrix: MatpowerMatrix
    let file: String
    let names: [String]

    func failure(_ row: Int, _ message: String) -> InputError {
        InputError(file: file, line: matrix.lines[row], message: "mpc.\(matrix.name) row \(row + 1): \(message)")
    }

    /// A finite number within `InputLimits.magnitude`: larger ones overflow the solvers' arithmetic.
    func finite(_ row: Int, _ column: Int) throws(InputError) {
        let value = matrix[row, column]
        guard value.isFinite else {
            throw failure(row, "\(names[column]) is \(matlab(value)); expected a finite number")
        }
        guard abs(value) <= InputLimits.magnitude else {
            throw failure(row, "\(names[column]) is \(matlab(value)); expected a number of magnitude at most 1e9 (\(InputLimits.why))")
        }
    }

    func notNaN(_ row: Int, _ column: Int) throws(InputError) {
        guard !matrix[row, column].isNaN else {
            throw failure(row, "\(names[column]) is NaN; expected a number")
        }
    }

    /// An integer-valued entry, such as an area or zone number.
    func integer(_ row: Int, _ column: Int) throws(InputError) -> Int {
        let value = matrix[row, column]
        guard let integer = exactInteger(value) else {
            throw failure(row, "\(names[column]) is \(matlab(value)); expected a whole number")
        }
        return integer
    }

    /// A bus number of `mpc.bus`: a positive integer.
    func busNumber(_ row: Int, _ column: Int) throws(InputError) -> Int {
        let value = matrix[row, column]
        guard let number = exactInteger(value), number > 0 else {
            throw failure(row, "\(names[column]) is \(matlab(value)); expected a bus number (a positive whole number)")
        }
        return number
    }

    /// The internal index of the bus a branch or generator refers to.
    func bus(_ row: Int, _ column: Int, in index: [Int: Int]) throws(InputError) -> Int {
        let number = try busNumber(row, column)
        guard let position = index[number] else {
            throw failure(row, "\(names[column]) is bus \(number), which is not in mpc.bus; expected the number of a bus")
        }
        return position
    }

}

/// `value` as an `Int` when it is a whole number within the doubles' exact integer range.
private func exactInteger(_ value: Double) -> Int? {
    guard value.isFinite, value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
    return Int(value)
}

/// A value as a MATLAB user writes it, for messages: `Inf`, `-Inf`, `NaN`, `3` or `1.5`.
private func matlab(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
    if let integer = exactInteger(value) { return String(integer) }
    return String(value)
}
