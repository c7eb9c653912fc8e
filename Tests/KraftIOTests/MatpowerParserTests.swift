import Testing
@testable import KraftIO

/// The parts of MATLAB syntax that case files use, each in the forms MATPOWER and other tools write.
@Suite struct MatpowerParserTests {
    /// A case with one bus and no generators or branches, plus `extra` statements.
    private func oneBus(_ busRows: String = "1 3 0 0 0 0 1 1 0 345 1 1.1 0.9", extra: String = "") -> String {
        """
        function mpc = one
        mpc.version = '2';
        mpc.baseMVA = 100;
        mpc.bus = [\(busRows)];
        mpc.gen = [];
        mpc.branch = [];
        \(extra)
        """
    }

    @Test func commentsEverywhere() throws {
        let text = """
            % header comment with 'quotes' and [brackets
            function mpc = commented % trailing comment
            mpc.version = '2'; % version
            mpc.baseMVA = 100;	% base
            mpc.bus = [ % opening
            \t1\t3\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9; % end of row
            % a comment line between rows
            \t2\t1\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9 % row without semicolon
            ]; % closing
            mpc.gen = [];
            mpc.branch = [1 2 0 0.1 0 0 0 0 0 0 1];
            """
        let matpower = try parse(text)
        #expect(matpower.name == "commented")
        #expect(matpower.bus.rows == 2)
        #expect(matpower.bus.lines == [6, 8])
        #expect(matpower.bus[1, 0] == 2)
    }

    @Test func blockCommentsHideWholeStatementsAndNest() throws {
        let extra = """
            %{
            mpc.bus = [9 3 0 0 0 0 1 1 0 345 1 1.1 0.9];
              %{
              nested
              %}
            mpc.baseMVA = 1;
            %}
            mpc.gencost = [1 2 %{ not a block: a line comment
            ];
            """
        let matpower = try parse(oneBus(extra: extra))
        #expect(matpower.bus[0, 0] == 1 && matpower.baseMVA == 100)
        #expect(matpower.gencost?.lines == [14])
    }

    @Test func continuationsRowSeparatorsAndValueSeparators() throws {
        let text = oneBus("""
            1, 3, 0, 0, 0, 0, 1, 1, 0, 345, 1, 1.1, 0.9; 2 1 0 0 0 0 1 ...  continued
               1 0 345 1 1.1 0.9
            3\t1\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9;;
            """)
        let matpower = try parse(text)
        #expect(matpower.bus.rows == 3)
        #expect(matpower.bus.columns == 13)
        #expect(matpower.bus.values[13..<26] == [2, 1, 0, 0, 0, 0, 1, 1, 0, 345, 1, 1.1, 0.9])
        #expect(matpower.bus.lines == [4, 4, 6])
    }

    @Test func windowsLineEndings() throws {
        let text = oneBus().replacingOccurrences(of: "\n", with: "\r\n")
        let matpower = try parse(text)
        #expect(matpower.bus.rows == 1)
        #expect(matpower.baseMVALine == 3)
    }

    @Test func numberForms() throws {
        let text = oneBus("1 3 -0.5 1e-3 1.5E+02 .5 5. -Inf 1 0 345 1 Inf inf")
            .replacingOccurrences(of: "mpc.bus = [", with: "mpc.bus = [1 3 0 0 0 0 1 1 0 345 1 1.1 0.9 0;\n")
        let bus = try parse(text).bus
        #expect(bus.columns == 14)
        #expect(Array(bus.values[16..<28]) == [-0.5, 0.001, 150, 0.5, 5, -.infinity, 1, 0, 345, 1, .infinity, .infinity])
    }

    @Test func cellArraysOfNamesWithEscapesAndBothQuotes() throws {
        let text = oneBus("1 3 0 0 0 0 1 1 0 345 1 1.1 0.9; 2 1 0 0 0 0 1 1 0 345 1 1.1 0.9; 3 1 0 0 0 0 1 1 0 345 1 1.1 0.9",
                          extra: "mpc.bus_name = {\n\t'O''DONNELL 1 0'; % comment\n\t\"Älvkarleby\", 'C' ...\n};")
        let matpower = try parse(text)
        #expect(matpower.busNames == ["O'DONNELL 1 0", "Älvkarleby", "C"])
        #expect(matpower.busNamesLine == 7)
        #expect(try matpower.network().buses.name == ["O'DONNELL 1 0", "Älvkarleby", "C"])
    }

    @Test func latin1NamesAreDecoded() throws {
        var bytes = Array(oneBus(extra: "mpc.bus_name = { 'X' };").utf8)
        let x = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
        bytes[x] = 0xC4  // 'Ä' in Latin-1, not valid UTF-8 on its own
        #expect(try MatpowerReader.parse(bytes, file: "latin1.m").busNames == ["Ä"])
    }

    @Test func unknownFieldsOfEveryShapeAreSkipped() throws {
        let extra = """
            mpc.gentype = {
            \t'W2'; % a comment with a quote '
            \t'PV';
            };
            mpc.genfuel = { 'wind', 'solar' };
            mpc.areas = [1 5; 2 7];
            mpc.reserves.zones = [1 1 ; 0 1];
            mpc.reserves.req = [250; 100]';
            mpc.if.map = [ 1 -2; 2 3 ];
            mpc.note = 'it''s; fine ] {';
            mpc.bus_extra(3).x = {1, [2 3], 'a'};
            define_constants;
            x = [1 2 3]'; y = x';
            """
        let matpower = try parse(oneBus(extra: extra))
        #expect(matpower.bus.rows == 1)
        #expect(matpower.busNames == nil)
    }

    @Test func optionalMatricesAreKeptWithAllColumns() throws {
        let extra = """
            mpc.gencost = [2 0 0 3 0.11 5 150];
            mpc.dcline = [1 2 1 10 10 0 0 1.01 1 -1 1 -1 1 -1 1 0 0];
            """
        let matpower = try parse(oneBus(extra: extra))
        #expect(matpower.gencost?.columns == 7)
        #expect(matpower.dcline?.columns == 17)
        #expect(matpower.dcline?[0, 7] == 1.01)
        #expect(matpower.gen.rows == 0 && matpower.branch.rows == 0)
    }

    @Test func theOutputVariableNameComesFromTheFunctionLine() throws {
        let text = oneBus().replacingOccurrences(of: "mpc", with: "s")
        let matpower = try parse(text)
        #expect(matpower.name == "one")
        #expect(matpower.bus.rows == 1)
    }

    @Test func withoutAFunctionLineTheNameIsTheFileName() throws {
        let text = oneBus().replacingOccurrences(of: "function mpc = one\n", with: "")
        #expect(try MatpowerReader.parse(text, file: "/data/grids/nordic.m").name == "nordic")
    }

    @Test func numericVersionAndMissingVersionWithFullGenMatrix() throws {
        #expect(try parse(oneBus().replacingOccurrences(of: "'2'", with: "2")).version == "2")
        let fullGen = oneBus().replacingOccurrences(of: "mpc.version = '2';\n", with: "")
            .replacingOccurrences(of: "mpc.gen = [];", with: "mpc.gen = [1 0 0 0 0 1 100 1 0 0 0 0 0 0 0 0 0 0 0 0 0];")
        #expect(try parse(fullGen).version == "2")
    }
}
