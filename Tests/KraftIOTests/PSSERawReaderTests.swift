import Foundation
import KraftCore
import Testing
@testable import KraftIO

/// The PSS/E RAW reader on small files written for the tests: the record syntax, PSS/E's
/// defaults, and the conversion to a per-unit network as MATPOWER's psse2mpc does it.
@Suite struct PSSERawReaderTests {
    // MARK: The base file

    @Test func baseFileReadsAndConverts() throws {
        let raw = try parseRaw(RawFile().text)
        #expect(raw.revision == 33 && raw.ic == 0 && raw.baseMVA == 100 && raw.frequency == 50)
        #expect(raw.titles == ["KRAFT TEST CASE, WITH A COMMA / AND A SLASH", "SECOND TITLE LINE"])
        #expect(raw.buses.map(\.number) == [1, 2, 3])
        #expect(raw.buses[0].name == "ONE")
        #expect(raw.notes.isEmpty, "\(raw.notes)")

        let n = try raw.network()
        #expect(n.name == "test" && n.baseMVA == 100)
        #expect(n.buses.id == [1, 2, 3])
        #expect(n.buses.type == [.ref, .pq, .pv])
        #expect(n.buses.vm == [1.02, 1.0, 1.01])
        #expect(nearlyEqual(n.buses.va[2], -3 * .pi / 180))
        #expect(n.buses.baseKV == [400, 400, 130])
        #expect(n.buses.area == [1, 1, 2])
        #expect(n.buses.vmax[2] == 1.05 && n.buses.vmin[2] == 0.95)
        #expect(n.buses.name == ["ONE", "TWO", "THREE"])
        // Load 50 + j20 MW at bus 2, p.u. on 100 MVA.
        #expect(n.loads.bus == [1] && n.loads.p == [0.5] && n.loads.q == [0.2] && n.loads.status == [true])
        // Generators: PG, QG, QT/QB, VS, MBASE, STAT, PT/PB.
        #expect(n.generators.bus == [0, 2])
        #expect(n.generators.pg == [0, 0.4] && n.generators.qg == [0, 0.1])
        #expect(n.generators.qmax[1] == 0.5 && n.generators.qmin[1] == -0.5)
        #expect(n.generators.vg == [1.02, 1.01] && n.generators.mBase == [100, 100])
        #expect(n.generators.pmax[1] == 0.8 && n.generators.pmin[1] == 0 && n.generators.status == [true, true])
        // The line, then the transformer (ratio 1, X 0.05, RATA1 300 MVA).
        #expect(n.branches.from == [0, 1] && n.branches.to == [1, 2])
        #expect(n.branches.r[0] == 0.01 && n.branches.x[0] == 0.1 && n.branches.b[0] == 0.02)
        #expect(n.branches.rateA[0] == 5 && n.branches.rateB[0] == 6 && n.branches.rateC[0] == 7)
        #expect(n.branches.ratio == [1, 1] && n.branches.shift == [0, 0])
        #expect(n.branches.x[1] == 0.05 && n.branches.rateA[1] == 3)
        #expect(n.shunts.count == 0)
    }

    @Test func caseFileDispatchesRawAndPassesNotes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-psse-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("small.RAW").path
        let text = RawFile().with(.owner, ["   1,'OWNER ONE'"]).text
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try CaseFile.load(path: path)
        #expect(file.name == "small")
        #expect(file.network.buses.count == 3)
        #expect(file.notes.count == 1)
        #expect(file.notes.first?.contains("owner data skipped (1 line from line") == true)
    }

    // MARK: Record syntax

    @Test func quotedStringsMayHoldCommasSlashesBlanksAndQuotes() throws {
        let text = RawFile().replacing("'TWO         '", with: "'A, B / C ''D'''")
        let raw = try parseRaw(text)
        #expect(raw.buses[1].name == "A, B / C 'D'")
        #expect(raw.buses[1].vm == 1 && raw.buses[1].va == -2)
        let doubleQuoted = try parseRaw(RawFile().replacing("'TWO         '", with: "\"X/Y, Z\""))
        #expect(doubleQuoted.buses[1].name == "X/Y, Z")
    }

    @Test func commentsAfterSlashAreIgnored() throws {
        let text = RawFile().with(.load, ["2,'1',1,1,1, 50.0, 20.0 / the rest defaults; 1, 2, 3"]).text
        let load = try parseRaw(text).loads[0]
        #expect(load.pl == 50 && load.ql == 20 && load.ip == 0 && load.yq == 0)
    }

    @Test func blankSeparatedFieldsAndEmptyFieldsTakeDefaults() throws {
        // Blanks separate fields; ",," leaves QG empty (default 0); the record stops after PT.
        let text = RawFile().with(.generator, ["1 '1' 0 0 999 -999 1.02", "3,'1', 40,, 50, -50,,, 120, ,,,,,0,,300"]).text
        let raw = try parseRaw(text)
        #expect(raw.generators[0].vs == 1.02 && raw.generators[0].status == 1 && raw.generators[0].mbase == 100)
        let g = raw.generators[1]
        #expect(g.qg == 0 && g.qt == 50 && g.qb == -50 && g.vs == 1 && g.ireg == 0 && g.mbase == 120)
        #expect(g.status == 0 && g.pt == 300 && g.pb == -9999)
    }

    @Test func psseDefaultsFillShortRecords() throws {
        let text = RawFile().with(.bus, RawFile().groups[.bus]! + ["4"]).text
        let bus = try parseRaw(text).buses[3]
        #expect(bus == PSSEBus(number: 4, name: "", baseKV: 0, type: 1, area: 1, zone: 1, owner: 1, vm: 1, va: 0,
                               nvhi: 1.1, nvlo: 0.9, line: bus.line))
    }

    @Test func blankLinesBetweenRecordsAreSkipped() throws {
        let buses = RawFile().groups[.bus]!
        let text = RawFile().with(.bus, [buses[0], "", "   / only a comment", buses[1], buses[2]]).text
        #expect(try parseRaw(text).network().buses.id == [1, 2, 3])
    }

    @Test func windowsLineBreaks() throws {
        var file = RawFile()
        file.lineBreak = "\r\n"
        let n = try parseRaw(file.text).network()
        #expect(n.buses.id == [1, 2, 3] && n.buses.name[2] == "THREE")
    }

    @Test func revisionFromTheCommentWhenREVIsAbsent() throws {
        var file = RawFile()
        file.identification = "0, 100.0 / PSS/E-33.0 written without REV"
        #expect(try parseRaw(file.text).revision == 33)
    }

    @Test func qEndsTheDataAtAnyGroupBoundary() throws {
        // Q right after the transformer group: the groups after it are empty.
        let text = RawFile().replacing("0 / END OF TRANSFORMER DATA\n", with: "0 / END OF TRANSFORMER DATA\nQ\ngarbage after Q\n")
        let n = try parseRaw(text).network()
        #expect(n.branches.count == 2)
    }

    @Test func fileWithoutQAfterTheLastGroupIsAccepted() throws {
        var file = RawFile()
        file.terminator = ""
        let raw = try parseRaw(file.text)
        #expect(raw.notes.isEmpty)
        file.terminator = "something else"
        #expect(try parseRaw(file.text).notes.contains { $0.contains("ignored") })
    }

    // MARK: Conversion as psse2mpc

    @Test func busesAreSortedByNumberAsPsse2mpcDoes() throws {
        let buses = RawFile().groups[.bus]!
        let n = try parseRaw(RawFile().with(.bus, [buses[2], buses[0], buses[1]]).text).network()
        #expect(n.buses.id == [1, 2, 3])
        #expect(n.generators.bus == [0, 2])
        #expect(n.branches.from == [0, 1] && n.branches.to == [1, 2])
    }

    @Test func constantCurrentAndAdmittanceLoadsAtTheStoredVoltage() throws {
        // Bus 3 has VM = 1.01: P = 10 + 20·1.01 + 30·1.01² = 60.803, Q = 5 + 6·1.01 − 7·1.01² = 3.9193.
        let text = RawFile().with(.load, ["3,'1',1,2,1, 10.0, 5.0, 20.0, 6.0, 30.0, 7.0", "3,'2',0,2,1, 99.0, 9.0"]).text
        let raw = try parseRaw(text)
        let n = try raw.network()
        #expect(n.loads.bus == [2, 2])
        #expect(nearlyEqual(n.loads.p[0], 0.60803) && nearlyEqual(n.loads.q[0], 0.039193))
        #expect(n.loads.status == [true, false])
        #expect(n.busDemand().p[2] == n.loads.p[0])
        #expect(raw.notes.count == 1 && raw.notes[0].contains("P = PL + IP·VM + YP·VM²"))
    }

    @Test func fixedShuntsAndLineShunts() throws {
        var file = RawFile().with(.fixedShunt, ["2,'1',1, 5.0, -40.0", "3,'1',0, 0.0, 10.0"])
        file.groups[.branch] = ["1, 2,'1', 0.01, 0.1, 0.02, 500, 600, 700, 0.001, 0.002, 0.003, 0.004, 1",
                                "1, -2,'2', 0.01, 0.1, 0.02, 500, 600, 700, 0.005, 0.006, 0, 0, 0"]
        let n = try parseRaw(file.text).network()
        // Fixed shunts in MW/MVAr at 1 p.u.; line shunts already in p.u., status of their branch.
        #expect(n.shunts.bus == [1, 2, 0, 1, 0])
        #expect(n.shunts.g == [0.05, 0, 0.001, 0.003, 0.005])
        #expect(n.shunts.b == [-0.4, 0.1, 0.002, 0.004, 0.006])
        #expect(n.shunts.status == [true, false, true, true, false])
        // A negative J marks the metered end; the bus is 2.
        #expect(n.branches.to == [1, 1, 2] && n.branches.status == [true, false, true])
    }

    @Test func switchedShuntAtItsPresentValue() throws {
        let text = RawFile().with(.switchedShunt, ["3,1,0,1,1.05,0.95,0,100.0,'',25.0,2,15.0,1,-10.0",
                                                   "2,1,0,0,1.05,0.95,0,100.0,'',-30.0"]).text
        let raw = try parseRaw(text)
        let n = try raw.network()
        #expect(n.shunts.bus == [2, 1] && n.shunts.g == [0, 0] && n.shunts.b == [0.25, -0.3])
        #expect(n.shunts.status == [true, false])
        #expect(raw.notes.contains { $0.contains("2 switched shunts held at their present susceptance BINIT") })
        #expect(raw.notes.contains { $0.contains("switched shunt at bus 2") && $0.contains("STAT = 0") })
    }

    @Test func twoTerminalDCLinesBecomeFixedInjections() throws {
        let text = RawFile().with(.twoTerminalDC, [
            "'DC ONE', 1, 5.0, 200.0, 500.0, 0.0, 0.0, 0.0, 'I', 0.0, 20, 1.0",
            "1, 2, 90.0, 5.0, 0.0, 10.0, 400.0, 1.0, 1.0, 1.5, 0.51, 0.00625, 0, 0, 0, '1', 0.0",
            "3, 2, 90.0, 18.5, 0.0, 10.0, 130.0, 1.0, 1.0, 1.5, 0.51, 0.00625, 0, 0, 0, '1', 0.0",
            "'DC TWO', 2, 5.0, -1000.0, 500.0",
            "2",
            "3",
            "'DC OFF', 0, 5.0, 100.0, 500.0",
            "1",
            "2",
        ]).text
        let raw = try parseRaw(text)
        let n = try raw.network()
        // Power mode: 200 MW; current mode: |−1000 A| · 500 kV = 500 MW; blocked: none.
        #expect(n.loads.bus == [1, 0, 2, 1, 2, 0, 1])
        #expect(n.loads.p == [0.5, 2, -2, 5, -5, 0, 0])
        #expect(n.loads.q.dropFirst().allSatisfy { $0 == 0 })
        #expect(n.loads.status == [true, true, true, true, true, false, false])
        let notes = raw.notes.filter { $0.contains("two-terminal DC line") }
        #expect(notes.count == 3)
        #expect(notes[0].contains("'DC ONE'") && notes[0].contains("200 MW drawn at rectifier bus 1")
            && notes[0].contains("200 MW injected at inverter bus 3"))
        #expect(notes[1].contains("500 MW"))
        #expect(notes[2].contains("blocked"))
    }

    @Test func remoteRegulationIsNoted() throws {
        let gens = RawFile().groups[.generator]!
        let text = RawFile().with(.generator, [gens[0], gens[1].replacingOccurrences(of: "1.01000,     0,", with: "1.01000,     2,")]).text
        let raw = try parseRaw(text)
        #expect(raw.generators[1].ireg == 2)
        #expect(raw.notes.count == 1 && raw.notes[0].contains("3 → 2"))
        #expect(try raw.network().generators.bus == [0, 2])
    }

    @Test func skippedGroupsAreNamedInNotes() throws {
        let text = RawFile()
            .with(.facts, ["'FACTS 1', 1, 0, 1, 0.0, 0.0, 1.0, 9999.0, 9999.0, 0.9, 1.1, 1.0, 9999.0, 0.05, 100.0, 1, 0.0, 0.0, 1, 1, 0.0, 0.0, 1.0, ''"])
            .with(.vscDC, ["'VSC1', 1, 0.7", "1, 1, 1, 0", "2, 1, 1, 0"])
            .with(.zone, ["1, 'ZONE ONE'"])
            .text
        let raw = try parseRaw(text)
        #expect(raw.zones == [PSSEZone(number: 1, name: "ZONE ONE", line: raw.zones[0].line)])
        #expect(raw.skippedGroups.map(\.name) == ["VSC DC line", "FACTS device"])
        #expect(raw.skippedGroups.map(\.lines) == [3, 1])
        #expect(raw.notes.count == 2)
        #expect(raw.notes[0].hasPrefix("PSS/E VSC DC line data skipped (3 lines from line \(line(of: "'VSC1'", in: text)))"))
        #expect(raw.notes[1].contains("FACTS device data skipped (1 line"))
    }

    @Test func changeCaseIsNoted() throws {
        var file = RawFile()
        file.identification = "1, 100.0, 33"
        #expect(try parseRaw(file.text).notes == ["IC = 1: the file may be a change case; it is read as a complete base case (as MATPOWER's psse2mpc)"])
    }

    @Test func areasAreRead() throws {
        let raw = try parseRaw(RawFile().with(.area, ["  1,     1,   -10.000,    10.000,'AREA ONE    '"]).text)
        #expect(raw.areas.count == 1 && raw.areas[0].name == "AREA ONE" && raw.areas[0].swingBus == 1 && raw.areas[0].pdes == -10)
    }
}
