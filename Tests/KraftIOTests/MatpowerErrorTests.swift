import Foundation
import Testing
@testable import KraftIO

/// Bad input never crashes the reader: each kind of mistake gives an `InputError` with the file,
/// the line of the offending row or token, and a message saying what is wrong and what was expected.
@Suite struct MatpowerErrorTests {
    @Test func theTinyCaseItselfIsValid() throws {
        let network = try parse(tinyCase).network()
        #expect(network.buses.count == 3)
    }

    // MARK: Files

    @Test func missingFile() {
        let path = TestPaths.fixture("no-such-case.m")
        #expect(throws: InputError(file: path, line: nil, message: "cannot open file: No such file or directory")) {
            try MatpowerReader.read(path: path)
        }
    }

    @Test func directoryInsteadOfFile() {
        let path = TestPaths.fixtureCases.path
        #expect(throws: InputError(file: path, line: nil, message: "cannot read file: it is a directory; expected a text file")) {
            try MatpowerReader.readNetwork(path: path)
        }
    }

    @Test func errorDescriptionIsFileLineMessage() {
        #expect(InputError(file: "a.m", line: 7, message: "bad").description == "a.m:7: bad")
        #expect(InputError(file: "a.m", line: nil, message: "bad").description == "a.m: bad")
    }

    // MARK: Missing parts and versions

    @Test(arguments: [
        ("mpc.baseMVA = 100;", "missing mpc.baseMVA"),
        ("mpc.bus = [", "missing mpc.bus"),
        ("mpc.gen = [", "missing mpc.gen"),
        ("mpc.branch = [", "missing mpc.branch"),
    ])
    func missingRequiredField(assignment: String, message: String) {
        // Renaming the field makes it an unknown one, which the parser skips.
        let text = tiny(replacing: assignment, with: assignment.replacingOccurrences(of: "mpc.", with: "mpc.old_"))
        expectError(text, line: nil, message, "a MATPOWER case must assign mpc.baseMVA, mpc.bus, mpc.gen and mpc.branch")
    }

    @Test func versionOneIsNotSupported() {
        expectError(tiny(replacing: "mpc.version = '2';", with: "mpc.version = '1';"), line: 2,
                    "version 1 is not supported", "version 2")
    }

    @Test func unknownVersion() {
        expectError(tiny(replacing: "mpc.version = '2';", with: "mpc.version = '3';"), line: 2,
                    "unknown MATPOWER case format version '3'", "expected mpc.version = '2';")
    }

    @Test func versionOneFunctionHeader() {
        let text = """
            function [baseMVA, bus, gen, branch] = case1
            baseMVA = 100;
            bus = [1 3 0 0 0 0 1 1 0 345 1 1.1 0.9];
            """
        expectError(text, line: 1, "MATPOWER version 1 case", "not supported")
    }

    @Test func missingVersionWithShortGenMatrixIsVersionOne() {
        expectError(tiny(replacing: "mpc.version = '2';\n", with: ""), line: nil,
                    "no mpc.version, and mpc.gen has 10 columns", "expected mpc.version = '2';")
    }

    @Test func fieldAssignedTwice() {
        let text = tinyCase + "mpc.baseMVA = 50;\n"
        expectError(text, line: 17, "mpc.baseMVA is assigned twice, at line 3 and at line 17")
    }

    @Test func indexedAssignmentToARequiredFieldIsRejected() {
        let text = tinyCase + "mpc.bus(:, 3) = 0;\n"
        expectError(text, line: 17, "mpc.bus is changed by code here")
    }

    // MARK: Shape

    @Test func busMatrixWithTooFewColumns() {
        let text = tinyCase.replacingOccurrences(of: "\t1.1\t0.9;", with: "\t1.1;")
        expectError(text, line: 4, "mpc.bus has 12 columns; expected at least 13", "BUS_I", "VMIN")
    }

    @Test func genMatrixWithTooFewColumns() {
        let text = tinyCase.replacingOccurrences(of: "\t1\t250\t10;", with: "\t1\t250;")
            .replacingOccurrences(of: "\t1\t300\t10;", with: "\t1\t300;")
        expectError(text, line: 9, "mpc.gen has 9 columns; expected at least 10", "GEN_BUS", "PMIN")
    }

    @Test func branchMatrixWithTooFewColumns() {
        let text = tinyCase.replacingOccurrences(of: "\t0\t0\t1;", with: "\t0\t0;")
        expectError(text, line: 13, "mpc.branch has 10 columns; expected at least 11", "F_BUS", "BR_STATUS")
    }

    @Test func rowsOfUnequalLength() {
        let text = tiny(replacing: "\t2\t3\t0.017\t0.092\t0.158\t250\t250\t250\t0\t0\t1;",
                        with: "\t2\t3\t0.017\t0.092\t0.158\t250\t250\t250\t0\t0\t1\t7;")
        expectError(text, line: 15, "row 2 of mpc.branch has 12 values but the rows above have 11")
    }

    @Test func emptyBusMatrix() {
        let text = tinyCase.replacingOccurrences(of: #"mpc\.bus = \[[^\]]*\];"#, with: "mpc.bus = [];",
                                                 options: .regularExpression)
        expectError(text, line: 4, "mpc.bus has no rows")
    }

    // MARK: Tokens

    @Test(arguments: ["abc", "1.2.3", "1e", "--1", "12abc", "'x'", "0x10"])
    func nonNumericToken(token: String) {
        let text = tiny(replacing: "\t2\t163\t6.54", with: "\t2\t163\t\(token)")
        expectError(text, line: 11, "mpc.gen row 2, column 3: '\(token)' is not a number", "expected a number")
    }

    @Test func nonNumericBaseMVA() {
        expectError(tiny(replacing: "mpc.baseMVA = 100;", with: "mpc.baseMVA = hundred;"), line: 3,
                    "mpc.baseMVA must be a number, found 'hundred'")
    }

    @Test func unterminatedMatrixAtEndOfFile() {
        let text = String(tinyCase.dropLast("];\n".count))
        expectError(text, line: 13, "the mpc.branch matrix that starts here is never closed", "expected '];'")
    }

    @Test func matrixNotClosedBeforeTheNextField() {
        let text = tiny(replacing: "];\nmpc.branch", with: "mpc.branch")
        expectError(text, line: 9, "the mpc.gen matrix that starts here is not closed before 'mpc.branch' at line 12")
    }

    @Test func unterminatedCellArray() {
        expectError(tinyCase + "mpc.bus_name = {\n'A';\n'B';\n", line: 17, "mpc.bus_name cell array that starts here is never closed")
    }

    @Test func unterminatedString() {
        expectError(tinyCase + "mpc.bus_name = { 'A'; 'B; };\n", line: 17, "unterminated string")
    }

    @Test func nonStringBusName() {
        expectError(tinyCase + "mpc.bus_name = { 'A'; 2; 'C' };\n", line: 17, "mpc.bus_name entry 2: '2' is not a quoted string")
    }

    @Test func unclosedBracketInASkippedField() {
        expectError(tinyCase + "mpc.gentype = {\n'W2';\n", line: 17, "mpc.gentype that starts here is not finished")
    }

    @Test func transposedMatrix() {
        expectError(tiny(replacing: "0.158\t250\t250\t250\t0\t0\t1;\n];", with: "0.158\t250\t250\t250\t0\t0\t1;\n]';"),
                    line: 16, "mpc.branch is transposed")
    }

    // MARK: Values

    @Test func branchOnMissingBus() {
        expectError(tiny(replacing: "\t2\t3\t0.017", with: "\t2\t99\t0.017"), line: 15,
                    "mpc.branch row 2: T_BUS is bus 99, which is not in mpc.bus")
    }

    @Test func generatorOnMissingBus() {
        expectError(tiny(replacing: "\t2\t163", with: "\t42\t163"), line: 11,
                    "mpc.gen row 2: GEN_BUS is bus 42, which is not in mpc.bus")
    }

    @Test func duplicateBusNumber() {
        expectError(tiny(replacing: "\t3\t1\t90", with: "\t2\t1\t90"), line: 7,
                    "bus 2 is defined twice, at line 6 and at line 7")
    }

    @Test(arguments: ["0", "-2", "1.5", "NaN"])
    func busNumberThatIsNotAPositiveInteger(number: String) {
        expectError(tiny(replacing: "\t3\t1\t90", with: "\t\(number)\t1\t90"), line: 7,
                    "mpc.bus row 3: BUS_I is \(number)", "positive whole number")
    }

    @Test func noReferenceBus() {
        expectError(tiny(replacing: "\t1\t3\t0", with: "\t1\t2\t0"), line: 4, "no reference bus", "BUS_TYPE 3")
    }

    @Test(arguments: ["0", "5", "2.5", "-1", "Inf"])
    func invalidBusType(type: String) {
        expectError(tiny(replacing: "\t3\t1\t90", with: "\t3\t\(type)\t90"), line: 7,
                    "bus 3 has BUS_TYPE \(type); expected 1 (PQ), 2 (PV), 3 (REF) or 4 (isolated)")
    }

    /// Each value that must be finite, replaced by NaN, Inf or -Inf in turn.
    @Test(arguments: [
        // (original row fragment, broken fragment, line, column name)
        ("\t3\t1\t90\t30", "\t3\t1\tNaN\t30", 7, "PD"),
        ("\t90\t30\t0", "\t90\tInf\t0", 7, "QD"),
        ("\t30\t0\t19", "\t30\t-Inf\t19", 7, "GS"),
        ("\t0\t19\t1", "\t0\tNaN\t1", 7, "BS"),
        ("\t19\t1\t1\t0", "\t19\t1\tInf\t0", 7, "VM"),
        ("\t19\t1\t1\t0\t345", "\t19\t1\t1\tnan\t345", 7, "VA"),
        ("\t1\t2\t0.01", "\t1\t2\tInf", 14, "BR_R"),
        ("\t0.01\t0.085", "\t0.01\tinf", 14, "BR_X"),
        ("\t0.085\t0.176", "\t0.085\tNaN", 14, "BR_B"),
        ("\t0.176\t250\t250\t250\t0\t0", "\t0.176\t250\t250\t250\tInf\t0", 14, "TAP"),
        ("\t0.176\t250\t250\t250\t0\t0", "\t0.176\t250\t250\t250\t0\t-Inf", 14, "SHIFT"),
        ("\t1\t72.3", "\t1\tInf", 10, "PG"),
        ("\t1.04\t100", "\tNaN\t100", 10, "VG"),
    ])
    func nonFiniteValue(original: String, broken: String, line: Int, column: String) {
        expectError(tiny(replacing: original, with: broken), line: line, "\(column) is", "expected a finite number")
    }

    @Test func nanInALimitIsRejected() {
        expectError(tiny(replacing: "\t300\t-300\t1.04", with: "\tNaN\t-300\t1.04"), line: 10, "QMAX is NaN")
    }

    @Test func infiniteLimitsAndRatingsAreAccepted() throws {
        let text = tiny(replacing: "\t300\t-300\t1.04\t100\t1\t250", with: "\tInf\t-Inf\t1.04\t100\t1\tInf")
            .replacingOccurrences(of: "\t0.176\t250\t250\t250", with: "\t0.176\tInf\t-Inf\t0")
        let network = try parse(text).network()
        #expect(network.generators.qmax[0] == .infinity)
        #expect(network.generators.qmin[0] == -.infinity)
        #expect(network.generators.pmax[0] == .infinity)
        #expect(network.branches.rateA[0] == 0)
        #expect(network.branches.rateB[0] == 0)
        #expect(network.branches.rateC[0] == 0)
    }

    @Test(arguments: ["0", "-100", "Inf", "NaN"])
    func nonPositiveBaseMVA(value: String) {
        expectError(tiny(replacing: "mpc.baseMVA = 100;", with: "mpc.baseMVA = \(value);"), line: 3,
                    "mpc.baseMVA is \(value);",
                    "expected a positive number of MVA")
    }

    @Test func zeroImpedanceBranch() {
        expectError(tiny(replacing: "\t2\t3\t0.017\t0.092", with: "\t2\t3\t0\t0"), line: 15,
                    "branch 2 (bus 2 to bus 3) has zero impedance", "BR_R = BR_X = 0")
    }

    @Test func busNameCountMismatch() {
        expectError(tinyCase + "mpc.bus_name = { 'A'; 'B' };\n", line: 17, "mpc.bus_name has 2 names but mpc.bus has 3 rows")
    }

    @Test func nonIntegerArea() {
        expectError(tiny(replacing: "\t19\t1\t1", with: "\t19\t1.5\t1"), line: 7, "BUS_AREA is 1.5; expected a whole number")
    }
}
