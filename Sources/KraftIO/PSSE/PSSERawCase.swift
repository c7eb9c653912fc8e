/// The data of a PSS/E RAW file (revisions 29 to 35) as written: the records Kraft reads, in file
/// order, with PSS/E's defaults filled in for left-out fields, and the groups it skipped.
///
/// A `PSSERawCase` comes out of `PSSERawReader`, which guarantees its shape (a revision it reads, every
/// number a number, every record with the fields that have no default). Whether the values
/// make a network is checked by `network()`; what the conversion leaves out or approximates is
/// listed in `notes`, for the caller to show.
public struct PSSERawCase: Sendable {
    /// The path the case was read from (or the name given to `PSSERawReader.parse`), for messages.
    public var file: String
    /// The file name without its directory and `.raw` extension.
    public var name: String
    /// Change code: 0 base case, 1 change case (read like a base case, with a note).
    public var ic = 0
    /// SBASE, the system base in MVA.
    public var baseMVA = 100.0
    /// REV, 29 to 35 for a case the reader accepted (from the comment when the field is absent).
    public var revision = 33
    /// BASFRQ, the system frequency in Hz.
    public var frequency = 60.0
    /// The two title lines after the identification record.
    public var titles: [String] = []
    public var buses: [PSSEBus] = []
    public var loads: [PSSELoad] = []
    public var fixedShunts: [PSSEFixedShunt] = []
    public var generators: [PSSEGenerator] = []
    public var branches: [PSSEBranch] = []
    /// System switching devices (revisions 34 and 35).
    public var switchingDevices: [PSSESwitchingDevice] = []
    public var transformers: [PSSETransformer] = []
    public var areas: [PSSEArea] = []
    public var zones: [PSSEZone] = []
    public var twoTerminalDCLines: [PSSETwoTerminalDCLine] = []
    public var switchedShunts: [PSSESwitchedShunt] = []
    /// Non-empty groups Kraft does not read (VSC DC lines, owners, FACTS devices, ...).
    public var skippedGroups: [PSSESkippedGroup] = []
    /// The line the bus data group starts on.
    public var busGroupLine: Int?
    /// The first non-blank line after the last data group when the file has no `Q` record
    /// (ignored, and noted).
    public var trailingLine: Int?

    public init(file: String, name: String) {
        self.file = file
        self.name = name
    }

    /// The number of the first star-point bus of a three-winding transformer minus one, as
    /// MATPOWER's psse2mpc numbers them: the power of ten above the largest bus number.
    public var starBusBase: Int {
        let largest = buses.map(\.number).max() ?? 0
        var base = 1
        while base < largest + 1 { base *= 10 }
        return base
    }

    /// What the conversion to a `Network` skips, approximates or models differently from PSS/E,
    /// one sentence each, for `kraft pf` to print.
    public var notes: [String] {
        var notes: [String] = []
        if ic != 0 {
            notes.append("IC = \(ic): the file may be a change case; it is read as a complete base case (as MATPOWER's psse2mpc)")
        }
        for group in skippedGroups {
            let reason = PSSEDataGroup.allCases.first { $0.name == group.name }?.skipReason ?? "not modelled"
            var what = ""
            if group.name == PSSEDataGroup.impedanceCorrection.name, !group.items.isEmpty {
                what = ", table\(group.items.count == 1 ? "" : "s") " + group.items.prefix(10).joined(separator: ", ")
                    + (group.items.count > 10 ? ", ..." : "")
            }
            notes.append("PSS/E \(group.name) data skipped (\(group.lines) line\(group.lines == 1 ? "" : "s") from line \(group.line)\(what)): \(reason)")
        }
        if !switchingDevices.isEmpty {
            notes.append("\(count(switchingDevices.count, "system switching device")) modelled as branches of their reactance X "
                + "(no resistance or charging), open ones (STAT = 0) out of service; MATPOWER's psse2mpc does not read revision \(revision)")
        }
        let zeroRatio = transformers.filter { t in t.windings.indices.contains { w in
            (t.isThreeWinding || w == 0) && t.windings[w].windv == 0 } }
        if !zeroRatio.isEmpty {
            notes.append("\(count(zeroRatio.count, "transformer")) with a winding ratio WINDV of 0 (first at line \(zeroRatio[0].line)): "
                + "read as the nominal ratio 1, as MATPOWER's psse2mpc and runpf read a ratio of 0")
        }
        let constantCurrentOrImpedance = loads.filter { $0.ip != 0 || $0.iq != 0 || $0.yp != 0 || $0.yq != 0 }
        if !constantCurrentOrImpedance.isEmpty {
            notes.append("\(count(constantCurrentOrImpedance.count, "load")) with constant-current or constant-admittance parts "
                + "(IP, IQ, YP, YQ) converted to constant power at the bus voltage stored in the file, as MATPOWER's psse2mpc: "
                + "P = PL + IP·VM + YP·VM², Q = QL + IQ·VM − YQ·VM² (first at line \(constantCurrentOrImpedance[0].line))")
        }
        let remote = generators.filter { $0.ireg != 0 && $0.ireg != $0.bus }
        if !remote.isEmpty {
            let pairs = remote.prefix(5).map { "\($0.bus) → \($0.ireg)" }.joined(separator: ", ")
            notes.append("\(count(remote.count, "generator")) regulate\(remote.count == 1 ? "s" : "") a remote bus (IREG: \(pairs)"
                + "\(remote.count > 5 ? ", ..." : "")): each holds its set-point VS at its own bus instead, as MATPOWER's psse2mpc")
        }
        if !switchedShunts.isEmpty {
            notes.append("\(count(switchedShunts.count, "switched shunt")) held at \(switchedShunts.count == 1 ? "its" : "their") "
                + "present susceptance BINIT, without voltage control (as MATPOWER's psse2mpc)")
            for s in switchedShunts where s.status == 0 {
                notes.append("switched shunt at bus \(s.bus) (line \(s.line)) is out of service (STAT = 0) and left out; "
                    + "MATPOWER's psse2mpc adds BINIT regardless of STAT")
            }
        }
        let controlled = transformers.reduce(0) { $0 + $1.windings.filter { $0.cod != 0 }.count }
        if controlled > 0 {
            notes.append("\(count(controlled, "transformer winding")) with automatic control (COD ≠ 0) held at the stored "
                + "ratio and phase shift (as MATPOWER's psse2mpc)")
        }
        let corrected = transformers.filter { $0.windings.contains { $0.table != 0 } }
        if !corrected.isEmpty {
            let tables = Set(corrected.flatMap { $0.windings.map(\.table) }).subtracting([0]).sorted()
            let which = tables.prefix(10).map(String.init).joined(separator: ", ") + (tables.count > 10 ? ", ..." : "")
            let first = corrected[0]
            notes.append("\(count(corrected.count, "transformer")) refer\(corrected.count == 1 ? "s" : "") to impedance correction "
                + "table\(tables.count == 1 ? "" : "s") \(which) (TAB ≠ 0; first: \(first.buses.map(String.init).joined(separator: "–")) "
                + "'\(first.circuit)' at line \(first.line)): impedances used as given, without correction (as MATPOWER's psse2mpc)")
        }
        let magnetized = transformers.filter { $0.mag1 != 0 || $0.mag2 != 0 }
        if !magnetized.isEmpty {
            notes.append("\(count(magnetized.count, "transformer")) with magnetizing admittance (MAG1, MAG2): modelled as a "
                + "shunt at the winding 1 bus; MATPOWER's psse2mpc leaves it out (first at line \(magnetized[0].line))")
        }
        let three = transformers.filter(\.isThreeWinding)
        if !three.isEmpty {
            let first = starBusBase + 1, last = starBusBase + three.count
            notes.append("\(count(three.count, "three-winding transformer")) modelled as three branches to a star-point bus: "
                + "bus\(three.count == 1 ? " \(first)" : "es \(first)–\(last)") added (as MATPOWER's psse2mpc)")
        }
        for dc in twoTerminalDCLines {
            let label = "two-terminal DC line '\(dc.name)' (line \(dc.line))"
            if dc.mode == 0 {
                notes.append("\(label) is blocked (MDC = 0): no power")
            } else {
                let mw = Self.format(dc.powerMW)
                notes.append("\(label) modelled as fixed injections: \(mw) MW drawn at rectifier bus \(dc.rectifierBus), "
                    + "\(mw) MW injected at inverter bus \(dc.inverterBus), lossless and without reactive power "
                    + "(MATPOWER's psse2mpc makes it a dcline, whose ends also supply reactive power)")
            }
        }
        if let trailingLine {
            notes.append("lines after the last data group, from line \(trailingLine), ignored (no Q record before them)")
        }
        return notes
    }

    private func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
