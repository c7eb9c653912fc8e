/// The layout of one PSS/E RAW revision (29 to 35): which data groups the file holds in which
/// order, and the names of the fields of each record line Kraft reads. One shared parser reads
/// every revision through this description, asking for fields by name (`PSSEColumns`), so that a
/// revision differs from another only here.
///
/// Sources: MATPOWER's `psse_parse.m` (revisions 29 to 33, the field templates psse2mpc reads),
/// PSS/E's own `@!` column-name lines in files written by PSS/E 34.8 (revision 34) and the
/// revision 35 files of powsybl's test set, which PSS/E 35's documentation describes. The
/// changes that matter to a bus-branch model:
///
/// | revision | change |
/// | --- | --- |
/// | 29 | no `REV` field (the revision is read from the `PSS/E-29` comment); bus `GL`, `BL`; switched shunt `I, MODSW, VSWHI, VSWLO, SWREM, RMIDNT, BINIT` |
/// | 30 | switched shunt gains `RMPCT` before `RMIDNT` |
/// | 31 | fixed shunt group after loads, bus without `GL`/`BL`; switched shunts move after FACTS; load `SCALE`, branch `MET` |
/// | 32 | switched shunt `ADJM`, `STAT`; GNE group; winding `CNXA` |
/// | 33 | bus `NVHI, NVLO, EVHI, EVLO`; induction machine group; generator `WMOD, WPF`; transformer `VECGRP` |
/// | 34 | optional system-wide data block; branch `NAME` and twelve ratings `RATE1..RATE12`; system switching devices; windings with twelve ratings and `NOD` at the end; generator and switched shunt `NREG` at the end; substation data |
/// | 35 | the system-wide block always; generator `NREG` after `IREG`; winding `NODE` after `CONT`; switched shunt `ID` and block statuses `S1..S8` |
struct PSSERawLayout: Sendable {
    let revision: Int

    /// The revisions Kraft reads.
    static let revisions = 29...35

    init?(revision: Int) {
        guard Self.revisions.contains(revision) else { return nil }
        self.revision = revision
    }

    /// Whether a system-wide data block may follow the title lines (34), or is part of the
    /// revision (35; a file without it is still read, see `PSSERawParser`).
    var systemWide: SystemWide {
        switch revision {
        case 35...: .required
        case 34: .optional
        default: .none
        }
    }

    enum SystemWide { case none, optional, required }

    /// The data groups after the title lines (and the system-wide block), in file order.
    var groups: [PSSEDataGroup] {
        if revision <= 30 {
            return [.bus, .load, .generator, .branch, .transformer, .area, .twoTerminalDC, .vscDC, .switchedShunt,
                    .impedanceCorrection, .multiTerminalDC, .multiSection, .zone, .interAreaTransfer, .owner, .facts]
        }
        var groups: [PSSEDataGroup] = [.bus, .load, .fixedShunt, .generator, .branch]
        if revision >= 34 { groups.append(.switchingDevice) }
        groups += [.transformer, .area, .twoTerminalDC, .vscDC, .impedanceCorrection, .multiTerminalDC, .multiSection,
                   .zone, .interAreaTransfer, .owner, .facts, .switchedShunt]
        if revision >= 32 { groups.append(.gne) }
        if revision >= 33 { groups.append(.inductionMachine) }
        if revision >= 34 { groups.append(.substation) }
        return groups
    }

    // MARK: Record lines

    /// A line of a record Kraft reads; transformers have up to five, two-terminal DC lines three.
    enum Line: Hashable, Sendable {
        case identification
        case bus, load, fixedShunt, generator, branch, switchingDevice, area, zone, switchedShunt
        /// Line 1 to 5 of a transformer record (3 to 5: windings 1 to 3).
        case transformer(Int)
        /// Line 1 to 3 of a two-terminal DC line record (2: rectifier, 3: inverter).
        case twoTerminalDC(Int)
    }

    /// The PSS/E names of the fields of `line`, in order.
    func names(_ line: Line) -> [String] {
        let owners = (1...4).flatMap { ["O\($0)", "F\($0)"] }
        let twelveRatings = (1...12).map { "RATE\($0)" }
        switch line {
        case .identification:
            return ["IC", "SBASE", "REV", "XFRRAT", "NXFRAT", "BASFRQ"]
        case .bus:
            if revision <= 30 { return ["I", "NAME", "BASKV", "IDE", "GL", "BL", "AREA", "ZONE", "VM", "VA", "OWNER"] }
            let base = ["I", "NAME", "BASKV", "IDE", "AREA", "ZONE", "OWNER", "VM", "VA"]
            return revision <= 32 ? base : base + ["NVHI", "NVLO", "EVHI", "EVLO"]
        case .load:
            var names = ["I", "ID", "STATUS", "AREA", "ZONE", "PL", "QL", "IP", "IQ", "YP", "YQ", "OWNER"]
            if revision >= 31 { names.append("SCALE") }
            if revision >= 33 { names.append("INTRPT") }
            if revision >= 34 { names += ["DGENP", "DGENQ", "DGENF"] }
            if revision >= 35 { names.append("LOADTYPE") }
            return names
        case .fixedShunt:
            return ["I", "ID", "STATUS", "GL", "BL"]
        case .generator:
            let head = ["I", "ID", "PG", "QG", "QT", "QB", "VS", "IREG"]
            let machine = ["MBASE", "ZR", "ZX", "RT", "XT", "GTAP", "STAT", "RMPCT", "PT", "PB"]
            if revision >= 35 { return head + ["NREG"] + machine + ["BASLOD"] + owners + ["WMOD", "WPF"] }
            var names = head + machine + owners
            if revision >= 33 { names += ["WMOD", "WPF"] }
            if revision == 34 { names.append("NREG") }
            return names
        case .branch:
            let ratings = revision >= 34 ? ["NAME"] + twelveRatings : ["RATEA", "RATEB", "RATEC"]
            let status = revision >= 31 ? ["ST", "MET"] : ["ST"]
            return ["I", "J", "CKT", "R", "X", "B"] + ratings + ["GI", "BI", "GJ", "BJ"] + status + ["LEN"] + owners
        case .switchingDevice:
            return ["I", "J", "CKT", "X"] + twelveRatings + ["STAT", "NSTAT", "MET", "STYPE", "NAME"]
        case .transformer(1):
            var names = ["I", "J", "K", "CKT", "CW", "CZ", "CM", "MAG1", "MAG2", "NMETR", "NAME", "STAT"] + owners
            if revision >= 33 { names.append("VECGRP") }
            if revision >= 34 { names.append("ZCOD") }
            return names
        case .transformer(2):
            return ["R1-2", "X1-2", "SBASE1-2", "R2-3", "X2-3", "SBASE2-3", "R3-1", "X3-1", "SBASE3-1", "VMSTAR", "ANSTAR"]
        case .transformer(let n):
            let w = String(n - 2)
            let control = ["RMA", "RMI", "VMA", "VMI", "NTP", "TAB", "CR", "CX"]
            var names: [String]
            switch revision {
            case 35...: names = ["WINDV", "NOMV", "ANG"] + twelveRatings.map { $0 + "-" } + ["COD", "CONT", "NODE"] + control + ["CNXA"]
            case 34: names = ["WINDV", "NOMV", "ANG"] + twelveRatings.map { $0 + "-" } + ["COD", "CONT"] + control + ["CNXA", "NOD"]
            default: names = ["WINDV", "NOMV", "ANG", "RATA", "RATB", "RATC", "COD", "CONT"] + control + (revision >= 32 ? ["CNXA"] : [])
            }
            // RATE1-1 for winding 1's first rating; WINDV1, RATA1, ... otherwise.
            return names.map { $0.hasSuffix("-") ? "RATE" + w + "-" + $0.dropFirst(4).dropLast() : $0 + w }
        case .area:
            return ["I", "ISW", "PDES", "PTOL", "ARNAME"]
        case .zone:
            return ["I", "ZONAME"]
        case .twoTerminalDC(1):
            return [revision <= 30 ? "I" : "NAME", "MDC", "RDC", "SETVL", "VSCHD", "VCMOD", "RCOMP", "DELTI", "METER", "DCVMIN",
                    "CCCITMX", "CCCACC"]
        case .twoTerminalDC(let n):
            let end = n == 2 ? "R" : "I"
            return ["IP", "NB", "ANMX", "ANMN", "RC", "XC", "EBAS", "TR", "TAP", "TMX", "TMN", "STP", "IC", "IF", "IT", "ID",
                    "XCAP"].map { $0 + end } + (revision >= 34 ? ["ND" + end] : [])
        case .switchedShunt:
            let blocks = (1...8).flatMap { ["N\($0)", "B\($0)"] }
            switch revision {
            case ...29: return ["I", "MODSW", "VSWHI", "VSWLO", "SWREM", "RMIDNT", "BINIT"] + blocks
            case 30, 31: return ["I", "MODSW", "VSWHI", "VSWLO", "SWREM", "RMPCT", "RMIDNT", "BINIT"] + blocks
            case 32, 33: return ["I", "MODSW", "ADJM", "STAT", "VSWHI", "VSWLO", "SWREM", "RMPCT", "RMIDNT", "BINIT"] + blocks
            case 34: return ["I", "MODSW", "ADJM", "STAT", "VSWHI", "VSWLO", "SWREG", "RMPCT", "RMIDNT", "BINIT"] + blocks + ["NREG"]
            default:
                return ["I", "ID", "MODSW", "ADJM", "STAT", "VSWHI", "VSWLO", "SWREG", "NREG", "RMPCT", "RMIDNT", "BINIT"]
                    + (1...8).flatMap { ["S\($0)", "N\($0)", "B\($0)"] }
            }
        }
    }

    /// The columns of `line` as the revision lays them out.
    func columns(_ line: Line) -> PSSEColumns {
        PSSEColumns(names: names(line), fromHeaderLine: nil)
    }
}

/// The fields of one kind of record line, by name: the revision's layout, or the names an `@!`
/// column-name line in the file gives (PSS/E 34 and 35 write one before each group, and files
/// then hold the fields in that order).
///
/// A field is looked up by its key, the name with quotes and blanks removed, upper case, and the
/// spellings that differ between revisions or writers made one (`ST`, `STATUS` → `STAT`; `IBUS` →
/// `I`; `SWREM` → `SWREG`; `RATE1` → `RATEA`, `RATE1-1` → `RATA1`, ...). A field the names do not
/// list is absent: it takes its default, or is an error when it has none.
struct PSSEColumns: Sendable {
    /// The names as written, for messages.
    let names: [String]
    /// The line of the `@!` record the names come from, or `nil` for the revision's layout.
    let headerLine: Int?
    private let index: [String: Int]

    init(names: [String], fromHeaderLine headerLine: Int?) {
        self.names = names
        self.headerLine = headerLine
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[Self.key(name)] == nil {
            index[Self.key(name)] = i
        }
        self.index = index
    }

    /// The position of the field with key `key` (see `key(_:)`), if the record has one.
    func position(_ key: String) -> Int? {
        index[key]
    }

    /// The lookup key of a field name.
    static func key(_ name: String) -> String {
        var k = String(name.uppercased().unicodeScalars.filter { $0 != " " && $0 != "'" && $0 != "\"" && $0 != "\t" })
        if let alias = aliases[k] { return alias }
        // Winding ratings: RATE1-1 … RATE1-3 (34, 35) are RATA1 … RATC1 (29 to 33).
        if k.hasPrefix("RATE"), let dash = k.firstIndex(of: "-") {
            let winding = k[k.index(k.startIndex, offsetBy: 4)..<dash], set = k[k.index(after: dash)...]
            if let letter = ["1": "A", "2": "B", "3": "C"][String(set)] { k = "RAT" + letter + winding }
        }
        return k
    }

    private static let aliases: [String: String] = [
        "ST": "STAT", "STATUS": "STAT", "IBUS": "I", "SWREM": "SWREG", "RATE1": "RATEA", "RATE2": "RATEB", "RATE3": "RATEC",
        "NOD1": "NODE1", "NOD2": "NODE2", "NOD3": "NODE3",
    ]
}
