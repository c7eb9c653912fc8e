/// The records of a PSS/E RAW file (revisions 29 to 35) that Kraft reads, with the values as written
/// (PSS/E units: MW, MVAr, kV, degrees, per unit on the bases the record's codes name) and
/// PSS/E's defaults filled in for fields the file leaves out. Each record keeps the 1-based line
/// it starts on, so that a later check can point at it.

/// A bus record: `I, 'NAME', BASKV, IDE, AREA, ZONE, OWNER, VM, VA, NVHI, NVLO, EVHI, EVLO`
/// (revisions 33 to 35; 31 and 32 end at `VA`; 29 and 30: `I, 'NAME', BASKV, IDE, GL, BL, AREA,
/// ZONE, VM, VA, OWNER`, the bus's own shunt in `GL`, `BL` before fixed shunts had a group).
public struct PSSEBus: Sendable, Equatable {
    public var number: Int
    public var name: String
    public var baseKV: Double
    /// Bus type code: 1 load (PQ), 2 generator (PV), 3 swing, 4 isolated.
    public var type: Int
    public var area: Int
    public var zone: Int
    public var owner: Int
    public var vm: Double
    /// Voltage angle, degrees.
    public var va: Double
    /// Normal voltage limits, p.u.
    public var nvhi: Double
    public var nvlo: Double
    public var line: Int
    /// The bus shunt of revisions 29 and 30, MW and MVAr at 1 p.u. voltage (0 in later ones).
    public var gl: Double = 0, bl: Double = 0
}

/// A load record: `I, ID, STATUS, AREA, ZONE, PL, QL, IP, IQ, YP, YQ, OWNER, SCALE, INTRPT`.
/// `PL + jQL` is constant power (MVA), `IP + jIQ` constant current (MVA at 1 p.u. voltage) and
/// `YP + jYQ` constant admittance (MVA at 1 p.u. voltage; a positive `YQ` is capacitive).
public struct PSSELoad: Sendable, Equatable {
    public var bus: Int
    public var id: String
    public var status: Int
    public var pl: Double, ql: Double
    public var ip: Double, iq: Double
    public var yp: Double, yq: Double
    public var line: Int
}

/// A fixed shunt record: `I, ID, STATUS, GL, BL` (MW and MVAr at 1 p.u. voltage).
public struct PSSEFixedShunt: Sendable, Equatable {
    public var bus: Int
    public var id: String
    public var status: Int
    public var gl: Double, bl: Double
    public var line: Int
}

/// A generator record: `I, ID, PG, QG, QT, QB, VS, IREG, MBASE, ZR, ZX, RT, XT, GTAP, STAT,
/// RMPCT, PT, PB, O1, F1, ..., WMOD, WPF` (the fields a power flow uses are kept).
public struct PSSEGenerator: Sendable, Equatable {
    public var bus: Int
    public var id: String
    public var pg: Double, qg: Double
    /// Reactive limits QT (max) and QB (min), MVAr.
    public var qt: Double, qb: Double
    /// Voltage set-point, p.u.
    public var vs: Double
    /// The bus whose voltage the unit regulates; 0 means its own bus.
    public var ireg: Int
    public var mbase: Double
    public var status: Int
    /// Active limits PT (max) and PB (min), MW.
    public var pt: Double, pb: Double
    public var line: Int
}

/// A non-transformer branch record: `I, J, CKT, R, X, B, RATEA, RATEB, RATEC, GI, BI, GJ, BJ,
/// ST, MET, LEN, O1, F1, ...`. Impedances in p.u. on the system base; `GI + jBI` and `GJ + jBJ`
/// are line shunts at the I and J ends, p.u.
public struct PSSEBranch: Sendable, Equatable {
    public var from: Int
    /// The J bus as written: negative marks the metered end, the bus is its absolute value.
    public var to: Int
    public var circuit: String
    public var r: Double, x: Double, b: Double
    public var rateA: Double, rateB: Double, rateC: Double
    public var gi: Double, bi: Double, gj: Double, bj: Double
    public var status: Int
    public var line: Int
}

/// A system switching device record (revisions 34 and 35): `I, J, CKT, X, RATE1, ..., RATE12,
/// STAT, NSTAT, MET, STYPE, 'NAME'` — a breaker or switch between two buses, with its reactance
/// in p.u. on the system base (PSS/E's default 0.0001).
public struct PSSESwitchingDevice: Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var circuit: String
    public var x: Double
    public var rateA: Double, rateB: Double, rateC: Double
    /// 1 closed, 0 open.
    public var status: Int
    /// 1 generic, 2 circuit breaker, 3 disconnect switch.
    public var type: Int
    public var name: String
    public var line: Int
}

/// One winding of a transformer record (record 3, 4 or 5): `WINDV, NOMV, ANG, RATA, RATB, RATC,
/// COD, CONT, RMA, RMI, VMA, VMI, NTP, TAB, CR, CX, CNXA` (a two-winding transformer's second
/// winding has only `WINDV2, NOMV2`).
public struct PSSEWinding: Sendable, Equatable {
    /// Off-nominal ratio or winding voltage as `CW` says; `nil` when the file leaves it out
    /// (PSS/E's default is then 1, or the bus base voltage when `CW` is 2).
    public var windv: Double?
    /// Nominal winding voltage, kV; 0 means the base voltage of the winding's bus.
    public var nomv: Double
    /// Phase shift, degrees.
    public var angle: Double
    public var rateA: Double, rateB: Double, rateC: Double
    /// Automatic control mode (0 none, ±1 voltage, ±2 reactive power, ±3 active power, ...).
    public var cod: Int
    /// Impedance correction table number, 0 for none.
    public var table: Int
}

/// A transformer record, two-winding (`K = 0`, four lines) or three-winding (five lines).
///
/// Record 1: `I, J, K, CKT, CW, CZ, CM, MAG1, MAG2, NMETR, 'NAME', STAT, O1, F1, ..., 'VECGRP'`.
/// Record 2: `R1-2, X1-2, SBASE1-2` (and for three windings `R2-3, X2-3, SBASE2-3, R3-1, X3-1,
/// SBASE3-1, VMSTAR, ANSTAR`). Records 3 to 5: one `PSSEWinding` each.
public struct PSSETransformer: Sendable, Equatable {
    public var i: Int, j: Int, k: Int
    public var circuit: String
    /// Winding data code: 1 ratio in p.u. of bus base voltage, 2 winding voltage in kV,
    /// 3 ratio in p.u. of the nominal winding voltage `NOMV`.
    public var cw: Int
    /// Impedance code: 1 p.u. on system base, 2 p.u. on the winding base (`SBASE`, `NOMV`),
    /// 3 load loss in W and impedance magnitude in p.u. on the winding base.
    public var cz: Int
    /// Magnetizing admittance code: 1 p.u. on system base, 2 no-load loss in W and exciting
    /// current in p.u. on the winding 1 base.
    public var cm: Int
    public var mag1: Double, mag2: Double
    public var name: String
    /// 1 in service, 0 out; for three windings also 2, 3, 4: only winding 2, 3, 1 out.
    public var status: Int
    /// Pairwise impedances 1-2, 2-3, 3-1 (only the first for two windings) and their bases, MVA.
    public var r: [Double], x: [Double], sbase: [Double]
    /// Star-point voltage of a three-winding transformer (p.u., degrees).
    public var vmstar: Double, anstar: Double
    /// Two or three windings.
    public var windings: [PSSEWinding]
    public var line: Int

    public var isThreeWinding: Bool { k != 0 }
    /// The buses of the windings, in winding order.
    public var buses: [Int] { isThreeWinding ? [i, j, k] : [i, j] }
}

/// An area interchange record: `I, ISW, PDES, PTOL, 'ARNAME'`.
public struct PSSEArea: Sendable, Equatable {
    public var number: Int
    public var swingBus: Int
    public var pdes: Double, ptol: Double
    public var name: String
    public var line: Int
}

/// A zone record: `I, 'ZONAME'`.
public struct PSSEZone: Sendable, Equatable {
    public var number: Int
    public var name: String
    public var line: Int
}

/// A two-terminal DC line (three lines): `'NAME', MDC, RDC, SETVL, VSCHD, ...`, then the
/// rectifier `IPR, NBR, ANMXR, ANMNR, ...` and the inverter `IPI, NBI, ANMXI, ANMNI, ...`.
public struct PSSETwoTerminalDCLine: Sendable, Equatable {
    public var name: String
    /// Control mode: 0 blocked, 1 power, 2 current.
    public var mode: Int
    public var rdc: Double
    /// Power demand (MW, mode 1) or current demand (A, mode 2).
    public var setvl: Double
    /// Scheduled compounded DC voltage, kV.
    public var vschd: Double
    public var rectifierBus: Int
    public var inverterBus: Int
    public var line: Int

    /// The power the line carries in MW, as MATPOWER's `psse_convert_hvdc`: `|SETVL|` in power
    /// mode, `|SETVL| · VSCHD / 1000` in current mode, 0 when blocked.
    public var powerMW: Double {
        switch mode {
        case 1: abs(setvl)
        case 2: abs(setvl) * vschd / 1000
        default: 0
        }
    }
}

/// A switched shunt record: `I, MODSW, ADJM, STAT, VSWHI, VSWLO, SWREM, RMPCT, 'RMIDNT', BINIT,
/// N1, B1, ..., N8, B8`; `BINIT` is the present susceptance in MVAr at 1 p.u. voltage.
public struct PSSESwitchedShunt: Sendable, Equatable {
    public var bus: Int
    public var mode: Int
    public var status: Int
    public var remoteBus: Int
    public var binit: Double
    public var line: Int
}

/// A data group that Kraft does not model and skipped, with where it was.
public struct PSSESkippedGroup: Sendable, Equatable {
    /// The group's name as PSS/E's documentation gives it, such as "owner".
    public var name: String
    /// Line of the group's first record, and how many lines it had.
    public var line: Int
    public var lines: Int
    /// What the group held, where the note should say: the numbers of the impedance correction
    /// tables.
    public var items: [String] = []
}
