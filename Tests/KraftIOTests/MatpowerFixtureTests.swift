import Foundation
import KraftCore
import Testing
@testable import KraftIO

/// The MATPOWER cases that ship in Tests/Fixtures/cases read with the right contents.
@Suite struct MatpowerFixtureTests {
    /// Rows of bus, branch and gen per case, from the table in ../shared/cases/README.md (counted
    /// there independently of this reader); every element of these cases is in service.
    @Test(arguments: [
        ("case9", 9, 9, 3), ("case14", 14, 20, 5), ("case30", 30, 41, 6),
        ("case57", 57, 80, 7), ("case118", 118, 186, 54), ("case300", 300, 411, 69),
    ])
    func counts(name: String, buses: Int, branches: Int, generators: Int) throws {
        let network = try MatpowerReader.readNetwork(path: TestPaths.fixture(name + ".m"))
        #expect(network.name == name)
        #expect(network.baseMVA == 100)
        #expect(network.buses.count == buses)
        #expect(network.branches.count == branches)
        #expect(network.generators.count == generators)
        #expect(network.buses.type.filter { $0 == .ref }.count == 1)
        #expect(network.branches.status.allSatisfy { $0 })
        #expect(network.generators.status.allSatisfy { $0 })
    }

    /// Loads and shunts, one per bus with nonzero PD/QD or GS/BS (counted with awk on the files).
    @Test(arguments: [
        ("case9", 3, 0), ("case14", 11, 1), ("case30", 20, 2),
        ("case57", 42, 3), ("case118", 99, 14), ("case300", 201, 29),
    ])
    func loadsAndShunts(name: String, loads: Int, shunts: Int) throws {
        let network = try MatpowerReader.readNetwork(path: TestPaths.fixture(name + ".m"))
        #expect(network.loads.count == loads)
        #expect(network.shunts.count == shunts)
    }

    /// case118.m line 30: `1 2 51 27 0 0 1 0.955 10.67 138 1 1.06 0.94`; line 153 the first generator,
    /// line 212 the first branch.
    @Test func case118FirstRowsMatchTheFile() throws {
        let matpower = try MatpowerReader.read(path: TestPaths.fixture("case118.m"))
        #expect(matpower.bus.line == 29)
        #expect(matpower.bus.lines.first == 30)
        #expect(Array(matpower.bus.values[0..<13]) == [1, 2, 51, 27, 0, 0, 1, 0.955, 10.67, 138, 1, 1.06, 0.94])
        #expect(matpower.gen.columns == 21 && matpower.gen.lines.first == 153)
        #expect(Array(matpower.gen.values[0..<10]) == [1, 0, 0, 15, -5, 0.955, 100, 1, 100, 0])
        #expect(matpower.branch.columns == 13 && matpower.branch.lines.first == 212)
        #expect(Array(matpower.branch.values[0..<13]) == [1, 2, 0.0303, 0.0999, 0.0254, 0, 0, 0, 0, 0, 1, -360, 360])
        #expect(matpower.gencost?.rows == 54)
        #expect(matpower.busNames?.count == 118)
        #expect(matpower.busNames?.first == "Riversde  V2")

        let network = try matpower.network()
        #expect(network.buses.id[0] == 1 && network.buses.type[0] == .pv)
        #expect(network.buses.vm[0] == 0.955)
        #expect(abs(network.buses.va[0] - 10.67 * .pi / 180) < 1e-15)
        #expect(network.buses.baseKV[0] == 138)
        #expect(network.buses.vmax[0] == 1.06 && network.buses.vmin[0] == 0.94)
        #expect(network.loads.bus[0] == 0 && network.loads.p[0] == 0.51 && network.loads.q[0] == 0.27)
        #expect(network.busIndex[118] == 117)
    }

    /// case9 by hand: base 100 MVA, so powers are divided by 100.
    @Test func case9PerUnitConversion() throws {
        let network = try MatpowerReader.readNetwork(path: TestPaths.fixture("case9.m"))
        // Branch 2: `4 5 0.017 0.092 0.158 250 250 250 0 0 1`: impedances already in p.u.
        let branches = network.branches
        #expect(branches.from[1] == 3 && branches.to[1] == 4)
        #expect(branches.r[1] == 0.017 && branches.x[1] == 0.092 && branches.b[1] == 0.158)
        #expect(branches.rateA[1] == 2.5 && branches.rateB[1] == 2.5 && branches.rateC[1] == 2.5)
        #expect(branches.ratio[1] == 1 && branches.shift[1] == 0)
        // Generator 1: `1 72.3 27.03 300 -300 1.04 100 1 250 10`.
        let generators = network.generators
        #expect(generators.bus[0] == 0)
        // 72.3 and 27.03 are not exact in binary: the quotient is within one rounding of the decimal.
        #expect(abs(generators.pg[0] - 0.723) < 1e-16 && abs(generators.qg[0] - 0.2703) < 1e-16)
        #expect(generators.qmax[0] == 3 && generators.qmin[0] == -3)
        #expect(generators.vg[0] == 1.04 && generators.mBase[0] == 100)
        #expect(generators.pmax[0] == 2.5 && generators.pmin[0] == 0.1)
        // Loads on buses 5, 7, 9: 90+30j, 100+35j, 125+50j MVA.
        #expect(network.loads.bus == [4, 6, 8])
        #expect(network.loads.p == [0.9, 1, 1.25] && network.loads.q == [0.3, 0.35, 0.5])
        #expect(network.shunts.count == 0)
        #expect(network.buses.name.isEmpty)
    }

    /// case14 bus 9: `9 1 29.5 16.6 0 19 1 1.056 -14.94 0 1 1.06 0.94`, the one shunt of the case.
    @Test func shuntAndAnglesInCase14() throws {
        let network = try MatpowerReader.readNetwork(path: TestPaths.fixture("case14.m"))
        #expect(network.shunts.bus == [8])
        #expect(network.shunts.g == [0] && network.shunts.b == [0.19])
        #expect(abs(network.buses.va[8] - (-14.94 * .pi / 180)) < 1e-15)
        // Transformer 4-7: `4 7 0 0.20912 0 0 0 0 0.978 0 1 -360 360`, no rating.
        let t = try #require((0..<network.branches.count).first { network.branches.from[$0] == 3 && network.branches.to[$0] == 6 })
        #expect(network.branches.ratio[t] == 0.978)
        #expect(network.branches.rateA[t] == 0)
    }

    /// `grep -l bus_name`: case14, case57 and case118 have names, case9, case30 and case300 none.
    @Test(arguments: [("case14", "Bus 1     HV"), ("case57", "Kanawha   V1"), ("case118", "Riversde  V2")])
    func busNames(name: String, first: String) throws {
        let network = try MatpowerReader.readNetwork(path: TestPaths.fixture(name + ".m"))
        #expect(network.buses.name.count == network.buses.count)
        #expect(network.buses.name.first == first)
    }

    @Test(arguments: ["case9", "case30", "case300"])
    func casesWithoutBusNames(name: String) throws {
        #expect(try MatpowerReader.read(path: TestPaths.fixture(name + ".m")).busNames == nil)
    }

    /// case300 has one branch with negative reactance (README); it is data, not an error.
    @Test func negativeReactanceIsAccepted() throws {
        let network = try MatpowerReader.readNetwork(path: TestPaths.fixture("case300.m"))
        #expect(network.branches.x.filter { $0 < 0 }.count == 1)
    }
}
