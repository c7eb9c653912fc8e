/// Reads the text of a PSS/E RAW file, revisions 29 to 35, into a `PSSERawCase`.
///
/// The file is a case identification record, two title lines, in revisions 34 and 35 a block of
/// system-wide data, then the data groups in the revision's fixed order
/// (`PSSERawLayout.groups`), each ended by a record `0`, and a record `Q` after the last group
/// (or at any group boundary: the groups after it are then empty). The parser reads the groups
/// Kraft models record by record, by field name through the revision's layout (or the file's
/// own `@!` column-name lines, which then decide where each field is), applying PSS/E's
/// defaults to fields the file leaves out; it steps over the other groups line by line and
/// records where they were, so that the case can say what was skipped. Multi-line records
/// (transformers: four lines, or five for three windings; two-terminal DC lines: three) are
/// read as one; so is a substation record with its node, switching-device and terminal blocks.
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
    /// Known once the identification record is read.
    private var layout = PSSERawLayout(revision: 33)! {
        didSet { layoutColumns = Self.allColumns(layout) }
    }
    /// The layout's columns of every record line, made once (a record line is read through them).
    private var layoutColumns = Self.allColumns(PSSERawLayout(revision: 33)!)
    /// The `@!` column names read at the start of the current group, one per record line.
    private var headers: [PSSEColumns] = []
    /// Bus numbers by name, for buses given by their extended name (known after the bus group).
    private var busesByName: [String: [PSSEBus]] = [:]

    init(text: UnsafeBufferPointer<UInt8>, file: String) {
        self.text = text
        self.file = file
        result = PSSERawCase(file: file, name: Self.stem(file))
    }

    mutating func parse() throws(InputError) -> PSSERawCase {
        try identification()
        var groups = layout.groups
        if layout.systemWide != .none, try hasSystemWideBlock() { groups.insert(.systemWide, at: 0) }
        var endedByQ = false
        var lastGroup: PSSEDataGroup?
        for group in groups {
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

    /// The next line that is not an `@!` column-name line.
    private mutating func nextDataLine() -> (range: Range<Int>, line: Int)? {
        while let next = nextLine() {
            if !Self.startsWithColumnNames(text, next.range) { return next }
        }
        return nil
    }

    private static func startsWithColumnNames(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var p = range.lowerBound
        while p < range.upperBound, text[p] == RawByte.space || text[p] == RawByte.tab { p += 1 }
        return p + 1 < range.upperBound && text[p] == RawByte.at && text[p + 1] == RawByte.exclamation
    }

    private func record(_ range: Range<Int>, line: Int, what: String, columns: PSSEColumns) throws(InputError) -> PSSERawRecord {
        try PSSERawRecord(text: text, range: range, file: file, line: line, what: what, columns: columns)
    }

    /// The columns of record line `kind`: the `@!` names given for it at the start of the group
    /// (the `n`-th `@!` line names the `n`-th line of a multi-line record), else the revision's.
    private func columns(_ kind: PSSERawLayout.Line, recordLine n: Int = 1) -> PSSEColumns {
        n <= headers.count ? headers[n - 1] : layoutColumns[kind] ?? layout.columns(kind)
    }

    private static func allColumns(_ layout: PSSERawLayout) -> [PSSERawLayout.Line: PSSEColumns] {
        let lines: [PSSERawLayout.Line] = [.bus, .load, .fixedShunt, .generator, .branch, .switchingDevice, .area, .zone,
                                           .switchedShunt] + (1...5).map { .transformer($0) } + (1...3).map { .twoTerminalDC($0) }
        return Dictionary(uniqueKeysWithValues: lines.map { ($0, layout.columns($0)) })
    }

    /// The names an `@!` line gives, without the `@!` itself.
    private func columnNames(_ range: Range<Int>, line: Int) -> PSSEColumns? {
        guard let fields = try? PSSERawRecord.split(text, range, file: file, line: line) else { return nil }
        var names: [String] = []
        for field in fields {
            var name = PSSERawText.decode(text, field.start, field.end).trimmingBlanks()
            if names.isEmpty, name.hasPrefix("@!") { name.removeFirst(2) }
            if !name.isEmpty { names.append(name) }
        }
        return PSSEColumns(names: names, fromHeaderLine: line)
    }

    // MARK: Case identification

    /// `IC, SBASE, REV, XFRRAT, NXFRAT, BASFRQ` and two title lines (`@!` lines before either
    /// are column names, not data).
    private mutating func identification() throws(InputError) {
        guard let first = nextDataLine() else {
            throw InputError(file: file, line: nil, message: "the file is empty; expected a PSS/E RAW file starting with "
                + "the case identification record IC, SBASE, REV, XFRRAT, NXFRAT, BASFRQ")
        }
        let r = try record(first.range, line: first.line, what: "case identification record",
                           columns: layout.columns(.identification))
        let supported = "Kraft reads revisions \(PSSERawLayout.revisions.lowerBound) to \(PSSERawLayout.revisions.upperBound)"
        let ic = try r.integer(0, default: 0)
        let sbase = try r.number(1, default: 100)
        guard sbase > 0 else {
            throw r.failure("SBASE (field 2) is \(format(sbase)); expected the system base in MVA, a positive number such as 100")
        }
        let revision: Int
        if let written = try r.optionalNumber(2) {
            guard written.rounded() == written, abs(written) < 1e15 else {
                throw r.failure("REV (field 3) is \(format(written)); expected the PSS/E revision number, 29 to 35")
            }
            revision = Int(written)
        } else if let fromComment = revisionInComment(first.range) {
            revision = fromComment
        } else {
            throw r.failure("no REV (field 3) and no 'PSS/E-NN' revision in the comment; \(supported) and expected REV "
                + "to say which")
        }
        guard let layout = PSSERawLayout(revision: revision) else {
            throw r.failure("PSS/E RAW revision \(revision) is not supported; \(supported) (expected REV = 29 to 35 in "
                + "field 3). Save the case from PSS/E in one of those (rawd_2 with a version from 29 to 35)")
        }
        self.layout = layout
        result.ic = ic
        result.baseMVA = sbase
        result.revision = revision
        result.frequency = try r.number(5, default: 60)
        for k in 0..<2 {
            guard let title = nextDataLine() else {
                throw InputError(file: file, line: first.line + k, message: "the file ends after \(k == 0 ? "the case identification record" : "the first title line"); "
                    + "expected two title lines and then the \(layout.systemWide == .required ? "system-wide" : "bus") data")
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
                if digits.count <= 9, let value = Int(digits) { return value }
            }
        }
        return nil
    }

    /// Whether the system-wide data block follows the title lines: when the next record starts
    /// with a word (`GENERAL`, `RATING`, ...), or is a `0` ending an empty block — in revision 35
    /// any `0` there (the block is part of every revision 35 file), in 34 a `0` whose comment names
    /// the system-wide data (PSS/E 34.8 writes the block, earlier 34 releases do not). A bus
    /// record there means the file has no block.
    private mutating func hasSystemWideBlock() throws(InputError) -> Bool {
        let (savedPos, savedLine) = (pos, line)
        defer { (pos, line) = (savedPos, savedLine) }
        while let next = nextDataLine() {
            let r = try record(next.range, line: next.line, what: "system-wide record", columns: PSSEColumns(names: [], fromHeaderLine: nil))
            if r.isBlank { continue }
            if r.isEndOfData { return false }
            if r.isGroupEnd {
                return layout.systemWide == .required
                    || PSSERawText.decode(text, next.range.lowerBound, next.range.upperBound).uppercased().contains("SYSTEM-WIDE")
            }
            guard let first = r.fields.first, !first.quoted, first.end > first.start else { return false }
            let byte = text[first.start]
            return (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        }
        return false
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
        headers = []
        var recordsSeen = false
        /// A substation record is followed by three blocks (nodes, switching devices, terminals),
        /// each ended by its own `0`; this counts the blocks still open.
        var substationBlocks = 0
        let what = "\(group.name) record"
        var groupColumns = columns(Self.recordLine(group) ?? .bus)
        /// Impedance correction tables: their numbers, and whether the next line starts one (a
        /// table is one line up to revision 33; from 34 it runs over lines until a point 0, 0, 0).
        var tables: [String] = []
        var tableStarts = true
        while let current = nextLine() {
            if Self.startsWithColumnNames(text, current.range) {
                // Column names at the start of the group name the fields of the records after them.
                if !recordsSeen, let names = columnNames(current.range, line: current.line) {
                    headers.append(names)
                    groupColumns = columns(Self.recordLine(group) ?? .bus)
                }
                continue
            }
            let first = try record(current.range, line: current.line, what: what, columns: groupColumns)
            if first.isBlank { continue }
            startLine = startLine ?? current.line
            if group == .bus, result.busGroupLine == nil { result.busGroupLine = current.line }
            if group == .substation, substationBlocks > 0, first.isGroupEnd {
                substationBlocks -= 1
                skippedLines += 1
                continue
            }
            if first.isGroupEnd || first.isEndOfData {
                if skippedLines > 0, let startLine {
                    result.skippedGroups.append(PSSESkippedGroup(name: group.name, line: startLine, lines: skippedLines,
                                                                 items: tables))
                }
                if first.isEndOfData { return .endOfData }
                return .ended
            }
            recordsSeen = true
            switch group {
            case .bus:
                let b = try bus(first)
                result.buses.append(b)
                busesByName[b.name, default: []].append(b)
            case .load: result.loads.append(try load(first))
            case .fixedShunt: result.fixedShunts.append(try fixedShunt(first))
            case .generator: result.generators.append(try generator(first))
            case .branch: result.branches.append(try branch(first))
            case .switchingDevice: result.switchingDevices.append(try switchingDevice(first))
            case .transformer: result.transformers.append(try transformer(first))
            case .area: result.areas.append(try area(first))
            case .twoTerminalDC: result.twoTerminalDCLines.append(try twoTerminalDC(first))
            case .zone: result.zones.append(try zone(first))
            case .switchedShunt: result.switchedShunts.append(try switchedShunt(first))
            case .substation:
                if substationBlocks == 0 { substationBlocks = 3 }  // a substation record opens its three blocks
                skippedLines += 1
            case .impedanceCorrection:
                if tableStarts { tables.append(first.string(0)) }
                tableStarts = layout.revision <= 33 || first.endsWithZeroPoint
                skippedLines += 1
            default:
                skippedLines += 1
            }
        }
        if let startLine { return .endOfFile(startLine: startLine) }
        return .noGroup
    }

    /// The record line a group's records start with, for the groups Kraft reads.
    private static func recordLine(_ group: PSSEDataGroup) -> PSSERawLayout.Line? {
        switch group {
        case .bus: .bus
        case .load: .load
        case .fixedShunt: .fixedShunt
        case .generator: .generator
        case .branch: .branch
        case .switchingDevice: .switchingDevice
        case .transformer: .transformer(1)
        case .area: .area
        case .twoTerminalDC: .twoTerminalDC(1)
        case .zone: .zone
        case .switchedShunt: .switchedShunt
        default: nil
        }
    }

    /// After the last group: the `Q` record, or the end of the file; anything else is noted, not read.
    private mutating func noteTrailingLines() {
        while let current = nextDataLine() {
            guard let r = try? record(current.range, line: current.line, what: "", columns: PSSEColumns(names: [], fromHeaderLine: nil)) else {
                result.trailingLine = current.line
                return
            }
            if r.isBlank { continue }
            if !r.isEndOfData { result.trailingLine = current.line }
            return
        }
    }

    // MARK: Bus fields

    /// A field that names a bus: its number, or (PSS/E's extended bus names) the bus's name in
    /// quotes, optionally followed by its base voltage, `'NAME        230.00'`; the name must
    /// single out one bus of the bus data.
    private func busNumber(_ r: PSSERawRecord, _ key: String, default fallback: Int? = nil) throws(InputError) -> Int {
        guard let text = r.quotedText(key) else { return try r.integer(key, default: fallback) }
        let trimmed = text.trimmingBlanks()
        var candidates = busesByName[trimmed] ?? []
        if candidates.isEmpty, let blank = trimmed.lastIndex(where: { $0 == " " || $0 == "\t" }),
           let kv = Double(trimmed[trimmed.index(after: blank)...]) {
            let name = String(trimmed[..<blank]).trimmingBlanks()
            candidates = (busesByName[name] ?? []).filter { $0.baseKV == kv }
        }
        guard candidates.count == 1 else {
            let what = candidates.isEmpty ? "which names no bus of the bus data"
                : "which names \(candidates.count) buses (\(candidates.map { String($0.number) }.joined(separator: ", ")))"
            throw r.failure("\(r.label(key)) is the bus name '\(trimmed)', \(what); expected a bus number or the quoted name "
                + "of one bus, followed by its base voltage when names repeat ('NAME 230.0')")
        }
        return candidates[0].number
    }

    // MARK: Records

    private func bus(_ r: PSSERawRecord) throws(InputError) -> PSSEBus {
        PSSEBus(number: try r.integer("I"), name: r.string("NAME"), baseKV: try r.number("BASKV", default: 0),
                type: try r.integer("IDE", default: 1), area: try r.integer("AREA", default: 1),
                zone: try r.integer("ZONE", default: 1), owner: try r.integer("OWNER", default: 1),
                vm: try r.number("VM", default: 1), va: try r.number("VA", default: 0),
                nvhi: try r.number("NVHI", default: 1.1), nvlo: try r.number("NVLO", default: 0.9), line: r.line,
                gl: try r.number("GL", default: 0), bl: try r.number("BL", default: 0))
    }

    private func load(_ r: PSSERawRecord) throws(InputError) -> PSSELoad {
        PSSELoad(bus: try busNumber(r, "I"), id: r.string("ID", default: "1"), status: try r.integer("STAT", default: 1),
                 pl: try r.number("PL", default: 0), ql: try r.number("QL", default: 0), ip: try r.number("IP", default: 0),
                 iq: try r.number("IQ", default: 0), yp: try r.number("YP", default: 0), yq: try r.number("YQ", default: 0),
                 line: r.line)
    }

    private func fixedShunt(_ r: PSSERawRecord) throws(InputError) -> PSSEFixedShunt {
        PSSEFixedShunt(bus: try busNumber(r, "I"), id: r.string("ID", default: "1"), status: try r.integer("STAT", default: 1),
                       gl: try r.number("GL", default: 0), bl: try r.number("BL", default: 0), line: r.line)
    }

    private func generator(_ r: PSSERawRecord) throws(InputError) -> PSSEGenerator {
        PSSEGenerator(bus: try busNumber(r, "I"), id: r.string("ID", default: "1"), pg: try r.number("PG", default: 0),
                      qg: try r.number("QG", default: 0), qt: try r.number("QT", default: 9999),
                      qb: try r.number("QB", default: -9999), vs: try r.number("VS", default: 1),
                      ireg: try busNumber(r, "IREG", default: 0), mbase: try r.number("MBASE", default: result.baseMVA),
                      status: try r.integer("STAT", default: 1), pt: try r.number("PT", default: 9999),
                      pb: try r.number("PB", default: -9999), line: r.line)
    }

    private func branch(_ r: PSSERawRecord) throws(InputError) -> PSSEBranch {
        PSSEBranch(from: try busNumber(r, "I"), to: try busNumber(r, "J"), circuit: r.string("CKT", default: "1"),
                   r: try r.number("R", default: 0), x: try r.number("X"), b: try r.number("B", default: 0),
                   rateA: try r.number("RATEA", default: 0), rateB: try r.number("RATEB", default: 0),
                   rateC: try r.number("RATEC", default: 0), gi: try r.number("GI", default: 0),
                   bi: try r.number("BI", default: 0), gj: try r.number("GJ", default: 0), bj: try r.number("BJ", default: 0),
                   status: try r.integer("STAT", default: 1), line: r.line)
    }

    private func switchingDevice(_ r: PSSERawRecord) throws(InputError) -> PSSESwitchingDevice {
        PSSESwitchingDevice(from: try busNumber(r, "I"), to: try busNumber(r, "J"), circuit: r.string("CKT", default: "1"),
                            x: try r.number("X", default: 0.0001), rateA: try r.number("RATEA", default: 0),
                            rateB: try r.number("RATEB", default: 0), rateC: try r.number("RATEC", default: 0),
                            status: try r.integer("STAT", default: 1), type: try r.integer("STYPE", default: 1),
                            name: r.string("NAME"), line: r.line)
    }

    /// A transformer: record 1 is `first`; the next three (two windings) or four lines follow.
    private mutating func transformer(_ first: PSSERawRecord) throws(InputError) -> PSSETransformer {
        let k = try busNumber(first, "K", default: 0)
        let three = k != 0
        let kind = three ? "three-winding transformer" : "two-winding transformer"
        var lines: [PSSERawRecord] = []
        for n in 2...(three ? 5 : 4) {
            guard let next = nextDataLine() else {
                throw InputError(file: file, line: first.line, message: "the \(kind) record that starts here is cut short: "
                    + "the file ends before its line \(n); expected \(three ? 5 : 4) lines (a two-winding transformer has "
                    + "K = 0 and 4 lines, a three-winding one 5)")
            }
            let r = try record(next.range, line: next.line, what: "\(kind) record, line \(n) (of the record at line \(first.line))",
                               columns: columns(.transformer(n), recordLine: n))
            if r.isEndOfData || r.isGroupEnd {
                throw r.failure("found '\(r.isEndOfData ? "Q" : "0")' where line \(n) of the record was expected; "
                    + "expected \(three ? 5 : 4) lines for a \(kind) (K = \(k))")
            }
            lines.append(r)
        }
        let sbase = result.baseMVA
        let z = lines[0]
        var rs = [try z.number("R1-2", default: 0)], xs = [try z.number("X1-2")], bases = [try z.number("SBASE1-2", default: sbase)]
        if three {
            rs += [try z.number("R2-3", default: 0), try z.number("R3-1", default: 0)]
            xs += [try z.number("X2-3"), try z.number("X3-1")]
            bases += [try z.number("SBASE2-3", default: sbase), try z.number("SBASE3-1", default: sbase)]
        }
        var windings: [PSSEWinding] = []
        for (w, r) in lines.dropFirst().enumerated() {
            let n = String(w + 1)
            var winding = PSSEWinding(windv: try r.optionalNumber("WINDV" + n), nomv: try r.number("NOMV" + n, default: 0),
                                      angle: 0, rateA: 0, rateB: 0, rateC: 0, cod: 0, table: 0)
            if three || w == 0 {  // a two-winding transformer's line 4 has only WINDV2, NOMV2
                winding.angle = try r.number("ANG" + n, default: 0)
                winding.rateA = try r.number("RATA" + n, default: 0)
                winding.rateB = try r.number("RATB" + n, default: 0)
                winding.rateC = try r.number("RATC" + n, default: 0)
                winding.cod = try r.integer("COD" + n, default: 0)
                winding.table = try r.integer("TAB" + n, default: 0)
            }
            windings.append(winding)
        }
        var vmstar = 1.0, anstar = 0.0
        if three {
            vmstar = try z.number("VMSTAR", default: 1)
            anstar = try z.number("ANSTAR", default: 0)
        }
        return PSSETransformer(
            i: try busNumber(first, "I"), j: try busNumber(first, "J"), k: k, circuit: first.string("CKT", default: "1"),
            cw: try first.integer("CW", default: 1), cz: try first.integer("CZ", default: 1), cm: try first.integer("CM", default: 1),
            mag1: try first.number("MAG1", default: 0), mag2: try first.number("MAG2", default: 0), name: first.string("NAME"),
            status: try first.integer("STAT", default: 1), r: rs, x: xs, sbase: bases,
            vmstar: vmstar, anstar: anstar,
            windings: windings, line: first.line)
    }

    private func area(_ r: PSSERawRecord) throws(InputError) -> PSSEArea {
        PSSEArea(number: try r.integer("I"), swingBus: try busNumber(r, "ISW", default: 0), pdes: try r.number("PDES", default: 0),
                 ptol: try r.number("PTOL", default: 10), name: r.string("ARNAME"), line: r.line)
    }

    private func zone(_ r: PSSERawRecord) throws(InputError) -> PSSEZone {
        PSSEZone(number: try r.integer("I"), name: r.string("ZONAME"), line: r.line)
    }

    /// A two-terminal DC line: `first` and the rectifier and inverter lines after it.
    private mutating func twoTerminalDC(_ first: PSSERawRecord) throws(InputError) -> PSSETwoTerminalDCLine {
        var ends: [PSSERawRecord] = []
        for n in 2...3 {
            guard let next = nextDataLine() else {
                throw InputError(file: file, line: first.line, message: "the two-terminal DC line record that starts here is "
                    + "cut short: the file ends before its line \(n); expected 3 lines (line, rectifier, inverter)")
            }
            let r = try record(next.range, line: next.line, what: "two-terminal DC line record, line \(n) (of the record "
                + "at line \(first.line))", columns: columns(.twoTerminalDC(n), recordLine: n))
            if r.isEndOfData || r.isGroupEnd {
                throw r.failure("found '\(r.isEndOfData ? "Q" : "0")' where line \(n) of the record was expected; "
                    + "expected 3 lines (line, rectifier, inverter)")
            }
            ends.append(r)
        }
        // Field 1 is the line's name (31 and later) or number (29, 30).
        return PSSETwoTerminalDCLine(
            name: first.string(0), mode: try first.integer("MDC", default: 0), rdc: try first.number("RDC"),
            setvl: try first.number("SETVL"), vschd: try first.number("VSCHD"), rectifierBus: try busNumber(ends[0], "IPR"),
            inverterBus: try busNumber(ends[1], "IPI"), line: first.line)
    }

    private func switchedShunt(_ r: PSSERawRecord) throws(InputError) -> PSSESwitchedShunt {
        // Before revision 32 a switched shunt has no STAT: it is in service.
        PSSESwitchedShunt(bus: try busNumber(r, "I"), mode: try r.integer("MODSW", default: 1), status: try r.integer("STAT", default: 1),
                          remoteBus: try busNumber(r, "SWREG", default: 0), binit: try r.number("BINIT", default: 0), line: r.line)
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
