import Foundation
import KraftCore
import Testing
@testable import KraftIO

/// Revisions 29 to 35 of the RAW reader, and the writer: public files of one network in two
/// revisions read to the same network element by element, PSS/E's own `@!` column names agree
/// with the revision's layout, each revision's changed records read from their own positions,
/// and written files read back to the network written. (Solutions against MATPOWER:
/// `KraftCoreTests/PSSERevisionAgreementTests`.)
@Suite struct PSSERevisionTests {
    static func fixture(_ name: String) -> String {
        TestPaths.root.appendingPathComponent("Tests/Fixtures/psse/\(name).raw").path
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: fixture(name), encoding: .utf8)
    }

    // MARK: The same network in two revisions

    @Test("revision 35 and revision 33 files of one network give the same network",
          arguments: [("IEEE_14_bus_rev35", "IEEE_14_bus"), ("IEEE_24_bus_rev35", "IEEE_24_bus")])
    func revision35EqualsRevision33(rev35: String, rev33: String) throws {
        let a = try PSSERawReader.read(path: Self.fixture(rev35)), b = try PSSERawReader.read(path: Self.fixture(rev33))
        #expect(a.revision == 35 && b.revision == 33)
        #expect(a.generators.count == b.generators.count && a.branches.count == b.branches.count)
        expectSameNetwork(try a.network(), try b.network())
        // The records as read, field by field (PSS/E units), not only the per-unit network.
        #expect(a.buses.map(\.number) == b.buses.map(\.number) && a.buses.map(\.vm) == b.buses.map(\.vm))
        #expect(a.generators.map(\.mbase) == b.generators.map(\.mbase) && a.generators.map(\.pt) == b.generators.map(\.pt))
        #expect(a.generators.map(\.status) == b.generators.map(\.status))
        #expect(a.transformers.map { $0.windings[0].windv } == b.transformers.map { $0.windings[0].windv })
        #expect(a.transformers.map { $0.windings[0].table } == b.transformers.map { $0.windings[0].table })
    }

    @Test("PSS/E 34.8's @! column names read as the revision 34 layout does")
    func columnNamesAgreeWithLayout() throws {
        let text = try Self.text("39bus")
        let named = try PSSERawReader.parse(text, file: "39bus.raw")
        #expect(named.revision == 34)
        // The file has CRLF line ends (one Character in Swift).
        let stripped = text.components(separatedBy: "\r\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("@!") }
            .joined(separator: "\r\n")
        #expect(stripped.count < text.count - 1000, "the file's @! lines were removed")
        let unnamed = try PSSERawReader.parse(stripped, file: "39bus.raw")
        expectSameNetwork(try named.network(), try unnamed.network())
        #expect(named.generators.map(\.mbase) == unnamed.generators.map(\.mbase))
        #expect(named.generators.map(\.pt) == unnamed.generators.map(\.pt) && named.generators.map(\.status) == unnamed.generators.map(\.status))
        #expect(named.switchedShunts.map(\.binit) == unnamed.switchedShunts.map(\.binit))
        // Values read from the file's text: generator at bus 30 (MBASE 1000, PT 9999.9, IREG 30), the
        // system-wide block skipped, the first transformer's ratio.
        let g30 = try #require(named.generators.first { $0.bus == 30 })
        #expect(g30.mbase == 1000 && g30.pt == 9999.9 && g30.pg == 250 && g30.ireg == 30)
        #expect(named.skippedGroups.first?.name == "system-wide" && named.skippedGroups.first?.line == 5)
        #expect(named.buses.count == 39 && named.branches.count == 34 && named.transformers.count == 12)
    }

    // MARK: Each revision's own record layout

    /// A three-bus file in `revision`'s layout: `bus`, `generator` and `switched` are whole records.
    static func small(revision: Int, bus: [String], generator: String, switched: String?, branch: String) -> String {
        let layout = PSSERawLayout(revision: revision)!
        var lines = ["0, 100.0, \(revision), 0, 1, 60 / test", "TITLE", "SECOND"]
        if layout.systemWide == .required { lines.append("0 / END OF SYSTEM-WIDE DATA") }
        for group in layout.groups {
            switch group {
            case .bus: lines += bus
            case .generator: lines.append(generator)
            case .branch: lines.append(branch)
            case .switchedShunt: if let switched { lines.append(switched) }
            default: break
            }
            lines.append("0 / END OF \(group.name.uppercased()) DATA")
        }
        return (lines + ["Q"]).joined(separator: "\n") + "\n"
    }

    @Test("revisions 29 and 30: the bus shunt GL, BL and the switched shunt's BINIT at their positions")
    func revisions29and30() throws {
        let buses = ["1, 'ONE', 230, 3, 5.0, -20.0, 1, 1, 1.02, 0, 1", "2, 'TWO', 230, 1, 0, 0, 1, 1, 1.0, -1, 1"]
        let gen = "1, '1', 50, 0, 100, -100, 1.02, 0, 100, 0, 1, 0, 0, 1, 1, 100, 200, 0"
        let branch = "1, 2, '1', 0.01, 0.1, 0.02, 100, 100, 100, 0, 0, 0, 0, 1, 0"
        // 29: I, MODSW, VSWHI, VSWLO, SWREM, RMIDNT, BINIT; 30 adds RMPCT before RMIDNT.
        for (revision, switched) in [(29, "2, 1, 1.05, 0.95, 0, '', 30.0, 1, 30.0"), (30, "2, 1, 1.05, 0.95, 0, 100, '', 30.0, 1, 30.0")] {
            let raw = try parseRaw(Self.small(revision: revision, bus: buses, generator: gen, switched: switched, branch: branch))
            #expect(raw.buses[0].gl == 5 && raw.buses[0].bl == -20 && raw.buses[0].area == 1 && raw.buses[0].vm == 1.02)
            #expect(raw.switchedShunts.map(\.binit) == [30] && raw.switchedShunts[0].status == 1)
            let n = try raw.network()
            let shunt = n.busShunt()
            #expect(shunt.g == [0.05, 0] && shunt.b == [-0.2, 0.3], "revision \(revision)")
        }
    }

    @Test("revision 32 (powsybl's example): switched shunt STAT and BINIT, fixed shunt, no bus limits")
    func revision32() throws {
        let raw = try PSSERawReader.read(path: Self.fixture("ExampleVersion32"))
        #expect(raw.revision == 32 && raw.buses.count == 8 && raw.buses[0].nvhi == 1.1)
        #expect(raw.fixedShunts.map(\.bl) == [19] && raw.switchedShunts.map(\.bus) == [7])
        #expect(raw.switchedShunts[0].status == 1 && raw.switchedShunts[0].binit == 0 && raw.switchedShunts[0].mode == 1)
        // The generator line is tab-indented; MBASE 6.2 and PT 200.6 at their revision 32 positions.
        #expect(raw.generators.map(\.mbase) == [6.2] && raw.generators.map(\.pt) == [200.6])
    }

    @Test("revision 35: generator NREG after IREG, switched shunt ID and S1 blocks, winding NODE after CONT")
    func revision35Layout() throws {
        let buses = ["1, 'ONE', 230, 3, 1, 1, 1, 1.02, 0", "2, 'TWO', 230, 1, 1, 1, 1, 1.0, -1"]
        let gen = "1, '1', 50, 0, 100, -100, 1.02, 0, 0, 120, 0, 1, 0, 0, 1, 1, 100, 200, -10, 0"
        let branch = "1, 2, '1', 0.01, 0.1, 0.02, 'LINE', 100, 110, 120, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1"
        let switched = "2, '1', 1, 0, 1, 1.05, 0.95, 0, 0, 100, '', 30.0, 1, 1, 30.0"
        let raw = try parseRaw(Self.small(revision: 35, bus: buses, generator: gen, switched: switched, branch: branch))
        #expect(raw.generators[0].mbase == 120 && raw.generators[0].status == 1 && raw.generators[0].pt == 200 && raw.generators[0].pb == -10)
        #expect(raw.branches[0].rateA == 100 && raw.branches[0].rateC == 120 && raw.branches[0].status == 1)
        #expect(raw.switchedShunts[0].binit == 30 && raw.switchedShunts[0].status == 1)
    }

    // MARK: Groups new in 34 and 35

    /// IEEE 14, revision 35, with one more record inserted before `marker`.
    static func rev35(inserting record: String, before marker: String) throws -> String {
        try text("IEEE_14_bus_rev35").replacingOccurrences(of: marker, with: record + "\n" + marker)
    }

    @Test("a system switching device is a branch of its reactance, in service when closed")
    func switchingDevice() throws {
        let text = try Self.rev35(inserting: "    4,    7,'1 ', 0.0002, 0,0,0,0,0,0,0,0,0,0,0,0, 0, 1, 1, 2,'BRK 4-7'",
                                  before: "0 / END OF SYSTEM SWITCHING DEVICE DATA")
        let raw = try parseRaw(text)
        #expect(raw.switchingDevices.count == 1 && raw.switchingDevices[0].status == 0 && raw.switchingDevices[0].name == "BRK 4-7")
        let n = try raw.network()
        let base = try PSSERawReader.read(path: Self.fixture("IEEE_14_bus_rev35")).network()
        #expect(n.branches.count == base.branches.count + 1)
        let k = 17  // after the 17 lines, before the transformers
        #expect(n.buses.id[n.branches.from[k]] == 4 && n.buses.id[n.branches.to[k]] == 7)
        #expect(n.branches.x[k] == 0.0002 && n.branches.r[k] == 0 && n.branches.status[k] == false)
        #expect(raw.notes.contains { $0.contains("1 system switching device modelled as branches") })
        expectRawError(text.replacingOccurrences(of: "0.0002, 0,0,0", with: "0.0, 0,0,0"), line: 58, "system switching device", "X = 0")
    }

    @Test("substation data (node, switching device and terminal blocks, each ended by 0) is skipped whole")
    func substationSkipped() throws {
        let block = ["1, 'SUB 1', 0, 0, 1", "1, 'N1', 1, 1, 1.0, 0", "0 / END OF SUBSTATION NODE DATA",
                     "1, 2, '1', 'BRK', 2, 1, 1, 0.0001, 0, 0, 0", "0 / END OF SUBSTATION SWITCHING DEVICE DATA",
                     "1, 1, 'L', '1'", "0 / END OF SUBSTATION TERMINAL DATA"].joined(separator: "\n")
        let text = try Self.rev35(inserting: block, before: "0 /END OF SUBSTATION DATA")
        let raw = try parseRaw(text)
        #expect(raw.skippedGroups.last?.name == "substation")
        #expect(raw.skippedGroups.last?.lines == 7, "\(raw.skippedGroups)")
        #expect(raw.trailingLine == nil)
        #expect(try raw.network().buses.count == 14)
    }

    @Test("buses given by their quoted extended names, with or without the base voltage")
    func extendedBusNames() throws {
        let text = RawFile().with(.branch, ["'ONE         ', 'TWO 400.0', '1', 0.01, 0.1, 0.02"])
            .with(.load, ["'TWO         400.00','1',1,1,1, 50.0, 20.0"]).text
        let raw = try parseRaw(text)
        #expect(raw.branches[0].from == 1 && raw.branches[0].to == 2 && raw.loads[0].bus == 2)
        #expect(try raw.network().loads.bus == [1])
    }

    @Test("the system-wide block: read when there, in 35 also when empty; a file without it starts with its buses")
    func systemWideBlock() throws {
        let with = try Self.text("IEEE_14_bus_rev35")
        let without = with.replacingOccurrences(of: "0 / END OF SYSTEM-WIDE DATA, BEGIN BUS DATA\n", with: "")
        #expect(without.count < with.count)
        expectSameNetwork(try parseRaw(with).network(), try parseRaw(without).network())
        // Revision 34: a block of words is read as one; a bare 0 would end an empty bus group.
        let rev34 = with.replacingOccurrences(of: " 35, 0, 0, 60.00", with: " 34, 0, 0, 60.00")
            .replacingOccurrences(of: "0 / END OF SYSTEM-WIDE DATA", with: "GENERAL, THRSHZ=0.0001\nRATING, 1, \"RATE1 \", \"SET 1\"\n0 / END OF SYSTEM-WIDE DATA")
        #expect(rev34 != with)
        let raw = try parseRaw(rev34)
        #expect(raw.revision == 34 && raw.skippedGroups.first == PSSESkippedGroup(name: "system-wide", line: 4, lines: 2))
        // Cut inside the block: the block is named.
        let cut = rev34.components(separatedBy: "0 / END OF SYSTEM-WIDE DATA")[0]
        expectRawError(cut, line: 4, "the system-wide data group that starts here is not ended")
    }

    @Test("impedance correction tables are named when skipped, and the transformers that refer to them")
    func impedanceCorrectionTablesNamed() throws {
        let raw = try PSSERawReader.read(path: Self.fixture("t_psse_case3"))
        #expect(raw.notes.contains("PSS/E transformer impedance correction data skipped (2 lines from line 220, tables 1, 2): "
            + "transformer impedances are used as given, without correction tables (as MATPOWER's psse2mpc)"), "\(raw.notes)")
        #expect(raw.notes.contains { $0.hasPrefix("3 transformers refer to impedance correction tables 1, 2 (TAB ≠ 0; first: 152–3021 'T4' at line 127)") })
        // Revision 35: a table runs over lines until the point 0, 0, 0.
        let tables = ["1, -30, 1.1, 0, -24, 1.09, 0, 0, 1, 0", "  30, 1.1, 0, 0.0, 0.0, 0.0", "7, -10, 1.05, 0, 10, 1.05, 0, 0.0, 0.0, 0.0"]
        let text = try Self.rev35(inserting: tables.joined(separator: "\n"), before: "0 / END OF IMPEDANCE CORRECTION DATA")
        let skipped = try #require(try parseRaw(text).skippedGroups.first { $0.name == "transformer impedance correction" })
        #expect(skipped.items == ["1", "7"] && skipped.lines == 3)
    }

    // MARK: Errors name the revision's own fields

    @Test("revisions outside 29–35 are refused with the range", arguments: ["0, 100.0, 28", "0, 100.0, 36", "0, 100.0 / PSS/E-26"])
    func unsupportedRevision(identification: String) {
        var file = RawFile()
        file.identification = identification
        expectRawError(file.text, line: 1, "case identification record", "is not supported", "revisions 29 to 35")
    }

    @Test("each revision names a bad field by its own name and position", arguments: Array(29...35))
    func badFieldPerRevision(revision: Int) throws {
        // VM is field 9 in revisions 29 and 30 (after GL, BL, AREA, ZONE), field 8 from 31 on.
        let bus = revision <= 30 ? "1, 'ONE', 230, 3, 0, 0, 1, 1, x.5, 0, 1" : "1, 'ONE', 230, 3, 1, 1, 1, x.5, 0"
        let text = Self.small(revision: revision, bus: [bus], generator: "1, '1', 50", switched: nil, branch: "1, 1, '1', 0, 0.1")
        let line = revision >= 35 ? 5 : 4
        expectRawError(text, line: line, "bus record: VM (field \(revision <= 30 ? 9 : 8)) is 'x.5'; expected a number")
    }

    @Test("a bad revision 35 generator field is named with its revision 35 position")
    func revision35FieldNames() throws {
        let text = try Self.text("IEEE_14_bus_rev35").replacingOccurrences(of: "-40.000,1.04500,    0,    0,    60.000",
                                                                           with: "-40.000,1.04500,    0,    0,    abc")
        expectRawError(text, line: 35, "generator record: MBASE (field 10) is 'abc'; expected a number")
    }

    @Test("an @! line that lacks a field without default is named")
    func columnNamesWithoutANeededField() throws {
        let text = try Self.text("39bus").replacingOccurrences(of: "@!   I,'ID',      PG,", with: "@!   IX,'ID',      PG,")
        expectRawError(text, line: 90, "generator record", "the @! column names at line 89 have no I column")
    }

    // MARK: The winding ratio 0 of MATPOWER's save2psse

    @Test("a winding ratio of 0 is the nominal ratio 1, as MATPOWER reads a TAP of 0 (was 'mismatch is not a number')")
    func zeroWindingRatio() throws {
        let raw = try PSSERawReader.read(path: Self.fixture("t_case9_save2psse"))
        let zero = try #require(raw.transformers.first { $0.windings[0].windv == 0 })
        let n = try raw.network()
        #expect(n.branches.ratio.allSatisfy { $0.isFinite && $0 > 0 })
        let k = raw.branches.count + raw.transformers.firstIndex(of: zero)!
        #expect(n.branches.ratio[k] == 1 && n.branches.shift[k] != 0)
        #expect(raw.notes.contains { $0.contains("winding ratio WINDV of 0") })
    }

    // MARK: Writing

    @Test("a written file reads back to the network written", arguments: ["case9", "case14", "case30", "case57", "case118", "case300"])
    func writtenReadsBack(name: String) throws {
        let original = try MatpowerReader.readNetwork(path: TestPaths.fixture(name + ".m"))
        for revision in [33, 34, 35] {
            let written = PSSERawWriter.write(original, revision: revision)
            let raw = try PSSERawReader.parse(written.text, file: "\(name).raw")
            #expect(raw.revision == revision && raw.notes.isEmpty, "\(raw.notes)")
            let back = try raw.network()
            expectSameNetwork(back, original, branchesReordered: true)
        }
    }
}

/// Two networks agree element by element: buses (names too where both have them), per-bus
/// demand and shunt, generators, branches (as a multiset when `branchesReordered`: the writer
/// puts lines before transformers; a transformer's charging then sits in the per-bus shunts).
func expectSameNetwork(_ a: Network, _ b: Network, branchesReordered: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
    func close(_ x: [Double], _ y: [Double], _ what: String) {
        #expect(x.count == y.count && zip(x, y).allSatisfy { nearlyEqual($0, $1, 1e-12) }, "\(what) differ", sourceLocation: sourceLocation)
    }
    #expect(a.baseMVA == b.baseMVA, sourceLocation: sourceLocation)
    #expect(a.buses.id == b.buses.id && a.buses.type == b.buses.type, "bus ids, types", sourceLocation: sourceLocation)
    close(a.buses.vm, b.buses.vm, "VM"); close(a.buses.va, b.buses.va, "VA"); close(a.buses.baseKV, b.buses.baseKV, "BASKV")
    close(a.buses.vmax, b.buses.vmax, "VMAX"); close(a.buses.vmin, b.buses.vmin, "VMIN")
    #expect(a.buses.area == b.buses.area && a.buses.zone == b.buses.zone, sourceLocation: sourceLocation)
    if !a.buses.name.isEmpty, !b.buses.name.isEmpty {
        #expect(zip(a.buses.name, b.buses.name).allSatisfy { $0.prefix(12) == $1.prefix(12) }, "bus names", sourceLocation: sourceLocation)
    }
    let da = a.busDemand(), db = b.busDemand()
    close(da.p, db.p, "bus P demand"); close(da.q, db.q, "bus Q demand")
    var sa = a.busShunt(), sb = b.busShunt()
    let g = (a.generators, b.generators)
    #expect(g.0.bus == g.1.bus && g.0.status == g.1.status, "generator buses, status", sourceLocation: sourceLocation)
    close(g.0.pg, g.1.pg, "PG"); close(g.0.qg, g.1.qg, "QG"); close(g.0.vg, g.1.vg, "VG"); close(g.0.mBase, g.1.mBase, "MBASE")
    close(g.0.pmax, g.1.pmax, "PMAX"); close(g.0.pmin, g.1.pmin, "PMIN")
    close(g.0.qmax.map { $0.isFinite ? $0 : 99.99 }, g.1.qmax.map { $0.isFinite ? $0 : 99.99 }, "QMAX")
    close(g.0.qmin.map { $0.isFinite ? $0 : -99.99 }, g.1.qmin.map { $0.isFinite ? $0 : -99.99 }, "QMIN")
    func rows(_ n: Network, _ shunt: inout (g: [Double], b: [Double])) -> [[Double]] {
        let br = n.branches
        return (0..<br.count).map { l in
            var charging = br.b[l]
            if branchesReordered, br.ratio[l] != 1 || br.shift[l] != 0, charging != 0 {
                // The writer puts it in two fixed shunts: compare it there.
                if br.status[l] {
                    shunt.b[br.from[l]] += charging / 2 / (br.ratio[l] * br.ratio[l])
                    shunt.b[br.to[l]] += charging / 2
                }
                charging = 0
            }
            return [Double(n.buses.id[br.from[l]]), Double(n.buses.id[br.to[l]]), br.r[l], br.x[l], charging, br.rateA[l],
                    br.rateB[l], br.rateC[l], br.ratio[l], br.shift[l], br.status[l] ? 1 : 0]
        }
    }
    var ra = rows(a, &sa), rb = rows(b, &sb)
    if branchesReordered {
        ra.sort { $0.lexicographicallyPrecedes($1) }
        rb.sort { $0.lexicographicallyPrecedes($1) }
    }
    #expect(ra.count == rb.count, "branch count", sourceLocation: sourceLocation)
    for (x, y) in zip(ra, rb) {
        #expect(zip(x, y).allSatisfy { nearlyEqual($0, $1, 1e-12) }, "branch \(x) vs \(y)", sourceLocation: sourceLocation)
    }
    close(sa.g, sb.g, "bus shunt G"); close(sa.b, sb.b, "bus shunt B")
}
