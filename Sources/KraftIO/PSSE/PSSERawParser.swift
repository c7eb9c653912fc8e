/// Reads the text of a PSS/E RAW file, revision 33, into a `PSSERawCase`.
///
/// The file is a case identification record, two title lines, then the data groups in their
/// fixed order (`PSSEDataGroup`), each ended by a record `0`, and a record `Q` after the last
/// group (or at any group boundary: the groups after it are then empty). The parser reads the
/// groups Kraft models record by record, applying PSS/E's defaults to fields the file leaves
/// out; it steps over the other groups line by line and records where they were, so that the
/// case can say what was skipped. Multi-line records (transformers: four lines, or five for
/// three windings; two-terminal DC lines: three) are read as one.
///
/// This stage checks the shape of the data: numbers, field counts, the revision, the group
/// structure. Whether the values make a network (buses exist, codes are valid, ...) is checked
/// by `PSSERawCase.network()`.
struct PSSERawParser {
    private let text: UnsafeBufferPointer<UInt8>
    private let file: String
    private var pos = 0
    /// The 1-based number of the line `pos` is on.
    private var line = 1
    private var result: PSSERawCase

    init(text: UnsafeBufferPointer<UInt8>, file: String) {
        self.text = text
        self.file = file
        result = PSSERawCase(file: file, name: Self.stem(file))
    }

    mutating func parse() throws(InputError) -> PSSERawCase {
        try identification()
        var endedByQ = false
        var lastGroup: PSSEDataGroup?
        for group in PSSEDataGroup.allCases {
            switch try readGroup(group) {
            case .ended:
                lastGroup = group
            case .endOfData:
                endedByQ = true
            case .endOfFile(let startLine):
                throw InputError(file: file, line: startLine, message: "the \(group.name) data group that starts here "
                    + "is not ended: the file ends at line \(max(line - 1, 1)); expected a record '0' ending the group "
                    + "(then the next group, or Q)")
            case .noGroup:
                let after = lastGroup.map { "after the \($0.name) data group " } ?? "after the title lines "
                throw InputError(file: file, line: max(line - 1, 1), message: "the file ends \(after)without a 'Q' "
                    + "record; expected the \(group.name) data group (or Q to end the data)")
            }
            if endedByQ { break }
        }
        if !endedByQ { noteTrailingLines() }
        return result
    }

    // MARK: Lines

    /// The next line as a byte range without its line break, and its number; `nil` at the end.
    private mutating func nextLine() -> (range: Range<Int>, line: Int)? {
        guard pos < text.count else { return nil }
        let start = pos
        while pos < text.count, text[pos] != RawByte.newline { pos += 1 }
        var end = pos
        if end > start, text[end - 1] == RawByte.carriageReturn { end -= 1 }
        let number = line
        if pos < text.count {
            pos += 1
            line += 1
        }
        return (start..<end, number)
    }

    private func record(_ range: Range<Int>, line: Int, what: String, names: [String]) throws(InputError) -> PSSERawRecord {
        try PSSERawRecord(text: text, range: range, file: file, line: line, what: what, names: names)
    }

    // MARK: Case identification

    private static let identificationNames = ["IC", "SBASE", "REV", "XFRRAT", "NXFRAT", "BASFRQ"]

    /// `IC, SBASE, REV, XFRRAT, NXFRAT, BASFRQ` and two title lines.
    private mutating func identification() throws(InputError) {
        guard let first = nextLine() else {
            throw InputError(file: file, line: nil, message: "the file is empty; expected a PSS/E RAW file starting with "
                + "the case identification record IC, SBASE, REV, XFRRAT, NXFRAT, BASFRQ")
        }
        let r = try record(first.range, line: first.line, what: "case identification record", names: Self.identificationNames)
        let ic = try r.integer(0, default: 0)
        let sbase = try r.number(1, default: 100)
        guard sbase > 0 else {
            throw r.failure("SBASE (field 2) is \(format(sbase)); expected the system base in MVA, a positive number such as 100")
        }
        let revision: Int
        if let written = try r.optionalNumber(2) {
            guard written.rounded() == written, abs(written) < 1e15 else {
                throw r.failure("REV (field 3) is \(format(written)); expected the PSS/E revision number 33")
            }
            revision = Int(written)
        } else if let fromComment = revisionInComment(first.range) {
            revision = fromComment
        } else {
            throw r.failure("no REV (field 3) and no 'PSS/E-33' in the comment; Kraft reads PSS/E RAW revision 33 and "
                + "expected REV = 33")
        }
        guard revision == 33 else {
            throw r.failure("PSS/E RAW revision \(revision) is not supported; Kraft reads revision 33 "
                + "(expected REV = 33 in field 3). Save the case from PSS/E as revision 33 (rawd_2 with version 33)")
        }
        result.ic = ic
        result.baseMVA = sbase
        result.revision = revision
        result.frequency = try r.number(5, default: 60)
        for k in 0..<2 {
            guard let title = nextLine() else {
                throw InputError(file: file, line: first.line + k, message: "the file ends after \(k == 0 ? "the case identification record" : "the first title line"); "
                    + "expected two title lines and then the bus data")
            }
            result.titles.append(PSSERawText.decode(text, title.range.lowerBound, title.range.upperBound).trimmingBlanks())
        }
    }

    /// The revision in a comment such as `/ PSS(R)E-33.5` or `/ PSS/E-33`, as psse2mpc looks for it.
    private func revisionInComment(_ range: Range<Int>) -> Int? {
        let lineText = PSSERawText.decode(text, range.lowerBound, range.upperBound)
        for marker in ["PSS/E-", "PSS(R)E-", "PSS(tm)E-", "PSS®E-"] {
            if let found = lineText.range(of: marker) {
                let digits = lineText[found.upperBound...].prefix { $0.isASCII && $0.isNumber }
                if let value = Int(digits) { return value }
            }
        }
        return nil
    }

    // MARK: Groups

    private enum GroupEnd {
        case ended
        case endOfData
        case endOfFile(startLine: Int)
        /// The file ended (without `Q`) before the group's first line.
        case noGroup
    }

    /// Reads (or skips) one group, up to and including its `0` record.
    private mutating func readGroup(_ group: PSSEDataGroup) throws(InputError) -> GroupEnd {
        var startLine: Int?
        var skippedLines = 0
        while let current = nextLine() {
            let first = try record(current.range, line: current.line, what: "\(group.name) record", names: names(group))
            if first.isBlank { continue }
            startLine = startLine ?? current.line
            if group == .bus, result.busGroupLine == nil { result.busGroupLine = current.line }
            if first.isGroupEnd || first.isEndOfData {
                if skippedLines > 0, let startLine {
                    result.skippedGroups.append(PSSESkippedGroup(name: group.name, line: startLine, lines: skippedLines))
                }
                if first.isEndOfData { return .endOfData }
                return .ended
            }
            switch group {
            case .bus: result.buses.append(try bus(first))
            case .load: result.loads.append(try load(first))
            case .fixedShunt: result.fixedShunts.append(try fixedShunt(first))
            case .generator: result.generators.append(try generator(first))
            case .branch: result.branches.append(try branch(first))
            case .transformer: result.transformers.append(try transformer(first))
            case .area: result.areas.append(try area(first))
            case .twoTerminalDC: result.twoTerminalDCLines.append(try twoTerminalDC(first))
            case .zone: result.zones.append(try zone(first))
            case .switchedShunt: result.switchedShunts.append(try switchedShunt(first))
            default:
                skippedLines += 1
            }
        }
        if let startLine { return .endOfFile(startLine: startLine) }
        return .noGroup
    }

    /// After the last group: the `Q` record, or the end of the file; anything else is noted, not read.
    private mutating func noteTrailingLines() {
        while let current = nextLine() {
            guard let r = try? record(current.range, line: current.line, what: "", names: []) else {
                result.trailingLine = current.line
                return
            }
            if r.isBlank { continue }
            if !r.isEndOfData { result.trailingLine = current.line }
            return
        }
    }

    private func names(_ group: PSSEDataGroup) -> [String] {
        switch group {
        case .bus: Self.busNames
        case .load: Self.loadNames
        case .fixedShunt: Self.fixedShuntNames
        case .generator: Self.generatorNames
        case .branch: Self.branchNames
        case .transformer: Self.transformerNames1
        case .area: Self.areaNames
        case .twoTerminalDC: Self.dcNames1
        case .zone: Self.zoneNames
        case .switchedShunt: Self.switchedShuntNames
        default: []
        }
    }

    // MARK: Records

    private static let busNames = ["I", "NAME", "BASKV", "IDE", "AREA", "ZONE", "OWNER", "VM", "VA", "NVHI", "NVLO",
                                   "EVHI", "EVLO"]

    private func bus(_ r: PSSERawRecord) throws(InputError) -> PSSEBus {
        PSSEBus(number: try r.integer(0), name: r.string(1), baseKV: try r.number(2, default: 0),
                type: try r.integer(3, default: 1), area: try r.integer(4, default: 1), zone: try r.integer(5, default: 1),
                owner: try r.integer(6, default: 1), vm: try r.number(7, default: 1), va: try r.number(8, default: 0),
                nvhi: try r.number(9, default: 1.1), nvlo: try r.number(10, default: 0.9), line: r.line)
    }

    private static let loadNames = ["I", "ID", "STATUS", "AREA", "ZONE", "PL", "QL", "IP", "IQ", "YP", "YQ", "OWNER",
                                    "SCALE", "INTRPT"]

    private func load(_ r: PSSERawRecord) throws(InputError) -> PSSELoad {
        PSSELoad(bus: try r.integer(0), id: r.string(1, default: "1"), status: try r.integer(2, default: 1),
                 pl: try r.number(5, default: 0), ql: try r.number(6, default: 0), ip: try r.number(7, default: 0),
                 iq: try r.number(8, default: 0), yp: try r.number(9, default: 0), yq: try r.number(10, default: 0),
                 line: r.line)
    }

    private static let fixedShuntNames = ["I", "ID", "STATUS", "GL", "BL"]

    private func fixedShunt(_ r: PSSERawRecord) throws(InputError) -> PSSEFixedShunt {
        PSSEFixedShunt(bus: try r.integer(0), id: r.string(1, default: "1"), status: try r.integer(2, default: 1),
                       gl: try r.number(3, default: 0), bl: try r.number(4, default: 0), line: r.line)
    }

    private static let generatorNames = ["I", "ID", "PG", "QG", "QT", "QB", "VS", "IREG", "MBASE", "ZR", "ZX", "RT", "XT",
                                         "GTAP", "STAT", "RMPCT", "PT", "PB", "O1", "F1", "O2", "F2", "O3", "F3", "O4",
                                         "F4", "WMOD", "WPF"]

    private func generator(_ r: PSSERawRecord) throws(InputError) -> PSSEGenerator {
        PSSEGenerator(bus: try r.integer(0), id: r.string(1, default: "1"), pg: try r.number(2, default: 0),
                      qg: try r.number(3, default: 0), qt: try r.number(4, default: 9999), qb: try r.number(5, default: -9999),
                      vs: try r.number(6, default: 1), ireg: try r.integer(7, default: 0),
                      mbase: try r.number(8, default: result.baseMVA), status: try r.integer(14, default: 1),
                      pt: try r.number(16, default: 9999), pb: try r.number(17, default: -9999), line: r.line)
    }

    private static let branchNames = ["I", "J", "CKT", "R", "X", "B", "RATEA", "RATEB", "RATEC", "GI", "BI", "GJ", "BJ",
                                      "ST", "MET", "LEN", "O1", "F1", "O2", "F2", "O3", "F3", "O4", "F4"]

    private func branch(_ r: PSSERawRecord) throws(InputError) -> PSSEBranch {
        PSSEBranch(from: try r.integer(0), to: try r.integer(1), circuit: r.string(2, default: "1"),
                   r: try r.number(3, default: 0), x: try r.number(4), b: try r.number(5, default: 0),
                   rateA: try r.number(6, default: 0), rateB: try r.number(7, default: 0), rateC: try r.number(8, default: 0),
                   gi: try r.number(9, default: 0), bi: try r.number(10, default: 0), gj: try r.number(11, default: 0),
                   bj: try r.number(12, default: 0), status: try r.integer(13, default: 1), line: r.line)
    }

    private static let transformerNames1 = ["I", "J", "K", "CKT", "CW", "CZ", "CM", "MAG1", "MAG2", "NMETR", "NAME",
                                            "STAT", "O1", "F1", "O2", "F2", "O3", "F3", "O4", "F4", "VECGRP"]
    private static let transformerNames2 = ["R1-2", "X1-2", "SBASE1-2", "R2-3", "X2-3", "SBASE2-3", "R3-1", "X3-1",
                                            "SBASE3-1", "VMSTAR", "ANSTAR"]
    private static func windingNames(_ w: Int) -> [String] {
        ["WINDV", "NOMV", "ANG", "RATA", "RATB", "RATC", "COD", "CONT", "RMA", "RMI", "VMA", "VMI", "NTP", "TAB", "CR",
         "CX", "CNXA"].map { $0 + String(w) }
    }

    /// A transformer: record 1 is `first`; the next three (two windings) or four lines follow.
    private mutating func transformer(_ first: PSSERawRecord) throws(InputError) -> PSSETransformer {
        let k = try first.integer(2, default: 0)
        let three = k != 0
        let kind = three ? "three-winding transformer" : "two-winding transformer"
        var lines: [PSSERawRecord] = []
        for n in 2...(three ? 5 : 4) {
            guard let next = nextLine() else {
                throw InputError(file: file, line: first.line, message: "the \(kind) record that starts here is cut short: "
                    + "the file ends before its line \(n); expected \(three ? 5 : 4) lines (a two-winding transformer has "
                    + "K = 0 and 4 lines, a three-winding one 5)")
            }
            let names = n == 2 ? Self.transformerNames2 : Self.windingNames(n - 2)
            let r = try record(next.range, line: next.line, what: "\(kind) record, line \(n) (of the record at line \(first.line))",
                               names: names)
            if r.isEndOfData || r.isGroupEnd {
                throw r.failure("found '\(r.isEndOfData ? "Q" : "0")' where line \(n) of the record was expected; "
                    + "expected \(three ? 5 : 4) lines for a \(kind) (K = \(k))")
            }
            lines.append(r)
        }
        let sbase = result.baseMVA
        let z = lines[0]
        var rs = [try z.number(0, default: 0)], xs = [try z.number(1)], bases = [try z.number(2, default: sbase)]
        if three {
            rs += [try z.number(3, default: 0), try z.number(6, default: 0)]
            xs += [try z.number(4), try z.number(7)]
            bases += [try z.number(5, default: sbase), try z.number(8, default: sbase)]
        }
        var windings: [PSSEWinding] = []
        for (w, r) in lines.dropFirst().enumerated() {
            var winding = PSSEWinding(windv: try r.optionalNumber(0), nomv: try r.number(1, default: 0), angle: 0,
                                      rateA: 0, rateB: 0, rateC: 0, cod: 0, table: 0)
            if three || w == 0 {  // a two-winding transformer's line 4 has only WINDV2, NOMV2
                winding.angle = try r.number(2, default: 0)
                winding.rateA = try r.number(3, default: 0)
                winding.rateB = try r.number(4, default: 0)
                winding.rateC = try r.number(5, default: 0)
                winding.cod = try r.integer(6, default: 0)
                winding.table = try r.integer(13, default: 0)
            }
            windings.append(winding)
        }
        var vmstar = 1.0, anstar = 0.0
        if three {
            vmstar = try z.number(9, default: 1)
            anstar = try z.number(10, default: 0)
        }
        return PSSETransformer(
            i: try first.integer(0), j: try first.integer(1), k: k, circuit: first.string(3, default: "1"),
            cw: try first.integer(4, default: 1), cz: try first.integer(5, default: 1), cm: try first.integer(6, default: 1),
            mag1: try first.number(7, default: 0), mag2: try first.number(8, default: 0), name: first.string(10),
            status: try first.integer(11, default: 1), r: rs, x: xs, sbase: bases,
            vmstar: vmstar, anstar: anstar,
            windings: windings, line: first.line)
    }

    private static let areaNames = ["I", "ISW", "PDES", "PTOL", "ARNAME"]

    private func area(_ r: PSSERawRecord) throws(InputError) -> PSSEArea {
        PSSEArea(number: try r.integer(0), swingBus: try r.integer(1, default: 0), pdes: try r.number(2, default: 0),
                 ptol: try r.number(3, default: 10), name: r.string(4), line: r.line)
    }

    private static let zoneNames = ["I", "ZONAME"]

    private func zone(_ r: PSSERawRecord) throws(InputError) -> PSSEZone {
        PSSEZone(number: try r.integer(0), name: r.string(1), line: r.line)
    }

    private static let dcNames1 = ["NAME", "MDC", "RDC", "SETVL", "VSCHD", "VCMOD", "RCOMP", "DELTI", "METER", "DCVMIN",
                                   "CCCITMX", "CCCACC"]
    private static func converterNames(_ end: String) -> [String] {
        ["IP", "NB", "ANMX", "ANMN", "RC", "XC", "EBAS", "TR", "TAP", "TMX", "TMN", "STP", "IC", "IF", "IT", "ID",
         "XCAP"].map { $0 + end }
    }

    /// A two-terminal DC line: `first` and the rectifier and inverter lines after it.
    private mutating func twoTerminalDC(_ first: PSSERawRecord) throws(InputError) -> PSSETwoTerminalDCLine {
        var ends: [PSSERawRecord] = []
        for (n, end) in [(2, "R"), (3, "I")] {
            guard let next = nextLine() else {
                throw InputError(file: file, line: first.line, message: "the two-terminal DC line record that starts here is "
                    + "cut short: the file ends before its line \(n); expected 3 lines (line, rectifier, inverter)")
            }
            let r = try record(next.range, line: next.line, what: "two-terminal DC line record, line \(n) (of the record "
                + "at line \(first.line))", names: Self.converterNames(end))
            if r.isEndOfData || r.isGroupEnd {
                throw r.failure("found '\(r.isEndOfData ? "Q" : "0")' where line \(n) of the record was expected; "
                    + "expected 3 lines (line, rectifier, inverter)")
            }
            ends.append(r)
        }
        return PSSETwoTerminalDCLine(
            name: first.string(0), mode: try first.integer(1, default: 0), rdc: try first.number(2),
            setvl: try first.number(3), vschd: try first.number(4), rectifierBus: try ends[0].integer(0),
            inverterBus: try ends[1].integer(0), line: first.line)
    }

    private static let switchedShuntNames = ["I", "MODSW", "ADJM", "STAT", "VSWHI", "VSWLO", "SWREM", "RMPCT", "RMIDNT",
                                             "BINIT", "N1", "B1", "N2", "B2", "N3", "B3", "N4", "B4", "N5", "B5", "N6",
                                             "B6", "N7", "B7", "N8", "B8"]

    private func switchedShunt(_ r: PSSERawRecord) throws(InputError) -> PSSESwitchedShunt {
        PSSESwitchedShunt(bus: try r.integer(0), mode: try r.integer(1, default: 1), status: try r.integer(3, default: 1),
                          remoteBus: try r.integer(6, default: 0), binit: try r.number(9, default: 0), line: r.line)
    }

    // MARK: Helpers

    private func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `N44_BC` for `/path/to/N44_BC.raw`.
    static func stem(_ path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = base.lastIndex(of: "."), base[dot...].lowercased() == ".raw" { return String(base[..<dot]) }
        return base
    }
}
