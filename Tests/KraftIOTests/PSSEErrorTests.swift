import Foundation
import Testing
@testable import KraftIO

/// Bad PSS/E RAW input never crashes the reader: each kind of mistake gives an `InputError` with
/// the file, the line of the offending record, and what was expected.
@Suite struct PSSEErrorTests {
    static let base = RawFile()

    // MARK: Files and structure

    @Test func missingFile() {
        let path = TestPaths.fixture("no-such-case.raw")
        #expect(throws: InputError(file: path, line: nil, message: "cannot open file: No such file or directory")) {
            try PSSERawReader.read(path: path)
        }
    }

    @Test func emptyFile() {
        expectRawError("", line: nil, "the file is empty", "IC, SBASE, REV")
    }

    @Test func missingTitleLines() {
        expectRawError("0, 100.0, 33\nONE TITLE", line: 2, "the file ends after the first title line", "two title lines")
    }

    @Test(arguments: [("0, 100.0, 28", "revision 28 is not supported"), ("0, 100.0, 36 / PSS/E-36", "revision 36 is not supported"),
                      ("0, 100.0, 23", "revision 23 is not supported")])
    func unsupportedRevision(identification: String, fragment: String) {
        var file = Self.base
        file.identification = identification
        expectRawError(file.text, line: 1, "case identification record", fragment, "expected REV = 29 to 35")
    }

    @Test func missingRevision() {
        var file = Self.base
        file.identification = "0, 100.0"
        expectRawError(file.text, line: 1, "no REV (field 3)", "Kraft reads revisions 29 to 35")
    }

    @Test func nonPositiveBase() {
        var file = Self.base
        file.identification = "0, 0.0, 33"
        expectRawError(file.text, line: 1, "SBASE (field 2) is 0", "positive number")
    }

    @Test func unterminatedGroup() {
        // The file stops inside the generator group: no '0' record after its records.
        let text = Self.base.text
        let cut = text.components(separatedBy: "0 / END OF GENERATOR DATA")[0]
        expectRawError(cut, line: line(of: "     1,'1 ',     0.000", in: text), "the generator data group that starts here is not ended",
                       "expected a record '0'")
    }

    @Test func fileEndsBetweenGroupsWithoutQ() {
        let text = Self.base.text
        let cut = text.components(separatedBy: "0 / END OF AREA INTERCHANGE DATA")[0] + "0 / END OF AREA INTERCHANGE DATA\n"
        expectRawError(cut, line: line(of: "END OF AREA INTERCHANGE", in: text), "the file ends after the area interchange data group without a 'Q'",
                       "expected the two-terminal DC line data group")
    }

    @Test func blankLinesAtTheEndDoNotHideAMissingQ() {
        let text = Self.base.text
        let cut = text.components(separatedBy: "0 / END OF ZONE DATA")[0] + "0 / END OF ZONE DATA\n\n\n"
        expectRawError(cut, line: line(of: "END OF ZONE DATA", in: text) + 2, "the file ends after the zone data group without a 'Q'")
    }

    @Test func transformerRecordCutShort() {
        let text = Self.base.with(.transformer, ["1, 2, 3, 'T3', 1, 1, 1", "0.01, 0.1, 100.0, 0.02, 0.2, 100.0, 0.03, 0.15, 100.0",
                                                 "1.0", "1.0", "0 / END OF TRANSFORMER DATA"]).text
        expectRawError(text, line: line(of: "0 / END OF TRANSFORMER DATA", in: text), "three-winding transformer record, line 5 (of the record at line \(line(of: "'T3'", in: text)))",
                       "found '0' where line 5")
    }

    @Test func unterminatedQuote() {
        let text = Self.base.replacing("'TWO         '", with: "'TWO")
        expectRawError(text, line: line(of: "'TWO", in: text), "unterminated string", "expected a closing single quote")
    }

    // MARK: Values

    @Test func badNumber() {
        let text = Self.base.replacing("1,1.00000,  -2.0000", with: "1,1.0O000,  -2.0000")
        expectRawError(text, line: line(of: "1.0O000", in: text), "bus record: VM (field 8) is '1.0O000'; expected a number")
    }

    @Test func badWholeNumber() {
        let text = Self.base.replacing("400.0000,1,", with: "400.0000,1.5,")
        expectRawError(text, line: line(of: "1.5,", in: text), "bus record: IDE (field 4) is '1.5'; expected a whole number")
    }

    @Test func quotedTextWhereANumberIsExpected() {
        let text = Self.base.with(.load, ["2,'1',1,1,1,'fifty'"]).text
        expectRawError(text, line: line(of: "'fifty'", in: text), "PL (field 6) is the quoted text 'fifty'; expected a number")
    }

    @Test func busGivenByAnUnknownName() {
        let text = Self.base.with(.branch, ["'ONE 230', 2, '1', 0.01, 0.1"]).text
        expectRawError(text, line: line(of: "'ONE 230'", in: text), "I (field 1) is the bus name 'ONE 230', which names no bus",
                       "expected a bus number or the quoted name")
        let twice = Self.base.with(.bus, Self.base.groups[.bus]! + ["4, 'ONE', 400.0, 1"]).with(.branch, ["'ONE', 2, '1', 0.01, 0.1"]).text
        expectRawError(twice, line: line(of: "'ONE', 2, '1'", in: twice), "which names 2 buses (1, 4)")
    }

    @Test func tooFewFields() {
        let text = Self.base.with(.branch, ["1, 2, '1', 0.01"]).text
        expectRawError(text, line: line(of: "1, 2, '1', 0.01", in: text), "non-transformer branch record: too few fields: 4 given",
                       "expected at least 5 (I, J, CKT, R, X)", "X has no default")
    }

    @Test func emptyFieldWithoutDefault() {
        let text = Self.base.with(.branch, ["1, 2, '1', 0.01,, 0.02"]).text
        expectRawError(text, line: line(of: "0.01,, 0.02", in: text), "X (field 5) is empty; expected a value (it has no default)")
    }

    @Test func transformerWithoutReactance() {
        let text = Self.base.with(.transformer, ["2, 3, 0, 'T1'", "0.01", "1.0", "1.0"]).text
        expectRawError(text, line: line(of: "'T1'", in: text) + 1, "two-winding transformer record, line 2", "X1-2 has no default")
    }

    // MARK: Meaning

    @Test func duplicateBus() {
        let text = Self.base.with(.bus, Self.base.groups[.bus]! + ["     2,'AGAIN', 400.0, 1"]).text
        expectRawError(text, line: line(of: "'AGAIN'", in: text), "bus 2 is defined twice, at line 5 and at line 7",
                       "expected unique bus numbers")
    }

    @Test func busNumberOutOfRange() {
        let text = Self.base.with(.bus, Self.base.groups[.bus]! + ["     0,'ZERO', 400.0, 1"]).text
        expectRawError(text, line: line(of: "'ZERO'", in: text), "I is 0; expected a bus number from 1 to 999997")
    }

    @Test func noSwingBus() {
        let text = Self.base.replacing("400.0000,3,", with: "400.0000,2,")
        expectRawError(text, line: 4, "no swing bus", "IDE = 3")
    }

    @Test func badBusType() {
        let text = Self.base.replacing("130.0000,2,", with: "130.0000,5,")
        expectRawError(text, line: line(of: "'THREE", in: text), "bus 3: IDE is 5", "4 (isolated)")
    }

    @Test(arguments: [
        (PSSEDataGroup.load, "9,'1',1,1,1, 10.0, 5.0", "load record: I is bus 9, which is not in the bus data"),
        (.fixedShunt, "9,'1',1, 0.0, 10.0", "fixed shunt record: I is bus 9"),
        (.generator, "9,'1', 10.0, 0.0, 10, -10, 1.0", "generator record: I is bus 9"),
        (.branch, "1, 9, '1', 0.01, 0.1", "branch record: J is bus 9"),
        (.switchedShunt, "9, 1, 0, 1, 1.05, 0.95, 0, 100, '', 10.0", "switched shunt record: I is bus 9"),
    ])
    func unknownBus(group: PSSEDataGroup, record: String, fragment: String) {
        let text = Self.base.with(group, [record]).text
        expectRawError(text, line: line(of: record, in: text), fragment, "expected the number of a bus defined in the bus data group")
    }

    @Test func unknownBusInTransformer() {
        let text = Self.base.with(.transformer, ["2, 7, 0, 'T1'", "0.0, 0.05", "1.0", "1.0"]).text
        expectRawError(text, line: line(of: "2, 7, 0", in: text), "two-winding transformer record: J is bus 7, which is not in the bus data")
        let three = Self.base.with(.transformer, ["1, 2, 8, 'T3'", "0.01, 0.1, 100.0, 0.02, 0.2, 100.0, 0.03, 0.15, 100.0",
                                                  "1.0", "1.0", "1.0"]).text
        expectRawError(three, line: line(of: "1, 2, 8", in: three), "three-winding transformer record: K is bus 8")
    }

    @Test func unknownBusInDCLine() {
        let text = Self.base.with(.twoTerminalDC, ["'DC', 1, 5.0, 100.0, 500.0", "1", "8"]).text
        expectRawError(text, line: line(of: "'DC'", in: text) + 2, "two-terminal DC line 'DC' record: IPI is bus 8")
    }

    @Test func badStatus() {
        let text = Self.base.replacing("0.00000,1,1,   0.00", with: "0.00000,2,1,   0.00")
        expectRawError(text, line: line(of: "0.00000,2,1", in: text), "branch record: ST is 2; expected 0 (out of service) or 1 (in service)")
    }

    @Test func zeroImpedanceBranch() {
        let text = Self.base.with(.branch, ["1, 2, '1', 0.0, 0.0, 0.02"]).text
        expectRawError(text, line: line(of: "0.0, 0.0, 0.02", in: text), "zero impedance (R = X = 0)")
    }

    @Test func zeroImpedanceTransformer() {
        let text = Self.base.with(.transformer, ["2, 3, 0, 'T1'", "0.0, 0.0", "1.0", "1.0"]).text
        expectRawError(text, line: line(of: "'T1'", in: text), "two-winding transformer 2–3 'T1': zero impedance")
    }

    @Test(arguments: [("2, 3, 0, 'T1', 4", "CW is 4; expected 1, 2 or 3"), ("2, 3, 0, 'T1', 1, 0", "CZ is 0; expected 1, 2 or 3"),
                      ("2, 3, 0, 'T1', 1, 1, 3", "CM is 3; expected 1 or 2"), ("2, 3, 0, 'T1', 1, 1, 1, 0, 0, 2, '', 5", "STAT is 5")])
    func badTransformerCode(first: String, fragment: String) {
        let text = Self.base.with(.transformer, [first, "0.0, 0.05", "1.0", "1.0"]).text
        expectRawError(text, line: line(of: "'T1'", in: text), fragment)
    }

    @Test func loadLossLargerThanImpedance() {
        // CZ 3: 5 MW of load loss on 100 MVA is 0.05 p.u. of resistance, more than |Z| = 0.01.
        let text = Self.base.with(.transformer, ["2, 3, 0, 'T1', 1, 3", "5000000.0, 0.01, 100.0", "1.0", "1.0"]).text
        expectRawError(text, line: line(of: "'T1'", in: text), "X1-2 = 0.01 p.u. is smaller than the resistance the load loss")
    }

    @Test func transformerRatioNeedsABaseVoltage() {
        let buses = Self.base.groups[.bus]!.map { $0.replacingOccurrences(of: "130.0000", with: "0.0") }
        let text = Self.base.with(.bus, buses).with(.transformer, ["2, 3, 0, 'T1', 2", "0.0, 0.05", "400.0", "130.0"]).text
        expectRawError(text, line: line(of: "'T1'", in: text), "the bus of winding 2 has BASKV 0")
    }

    @Test func badDCLineMode() {
        let text = Self.base.with(.twoTerminalDC, ["'DC', 3, 5.0, 100.0, 500.0", "1", "2"]).text
        expectRawError(text, line: line(of: "'DC'", in: text), "MDC is 3; expected 0 (blocked), 1 (power) or 2 (current)")
    }

    @Test func errorsAreFileLineMessage() {
        let text = Self.base.replacing("400.0000,3,", with: "400.0000,2,")
        do {
            _ = try parseRaw(text).network()
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("test.raw:4: no swing bus"))
        }
    }
}
