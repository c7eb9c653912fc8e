import Testing
@testable import KraftIO

/// A finite number far beyond any power system is refused where it is read, with its line, and
/// never reaches the solvers (before, a load of 1e300 MW came back from LAPACK as "mismatch is not
/// a number", exit 1).
@Suite struct InputLimitTests {
    @Test func matpowerLoadBeyondTheLimit() {
        let text = tiny(replacing: "\t3\t1\t90\t30\t0\t19", with: "\t3\t1\t1e300\t30\t0\t19")
        expectError(text, line: line(of: "1e300", in: text), "mpc.bus row 3: PD is 1e+300", "magnitude at most 1e9")
    }

    @Test func matpowerAtTheLimitIsRead() throws {
        let network = try parse(tiny(replacing: "\t3\t1\t90\t30\t0\t19", with: "\t3\t1\t1e9\t30\t0\t19")).network()
        #expect(network.loads.p.max()! * network.baseMVA == 1e9)
    }

    @Test func rawLoadBeyondTheLimit() {
        let file = RawFile().with(.load, ["     2,'1 ',1,   1,   1,    5e300,    20.000,     0.000,     0.000,     0.000,     0.000,   1,1,0"])
        expectRawError(file.text, line: line(of: "5e300", in: file.text), "5e300", "magnitude at most 1e9")
    }
}
