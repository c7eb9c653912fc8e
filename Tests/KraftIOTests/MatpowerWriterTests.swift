import Foundation
import KraftCore
@testable import KraftIO
import Testing

/// MATPOWER → MATPOWER: writing a case and reading it back gives the same network and the same
/// power-flow results.
@Suite("MATPOWER writer")
struct MatpowerWriterTests {
    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in x == y || abs(x - y) <= tolerance * max(1, abs(x)) }
    }

    @Test("round trip of every shipped case", arguments: ["case9", "case14", "case30", "case57", "case118", "case300"])
    func roundTrip(name: String) throws {
        let original = try MatpowerReader.readNetwork(path: TestPaths.fixture(name + ".m"))
        let text = MatpowerWriter.write(original)
        let copy = try MatpowerReader.parse(text, file: "copy.m").network()
        #expect(copy.buses.id == original.buses.id)
        #expect(copy.buses.type == original.buses.type)
        #expect(copy.buses.name == original.buses.name)
        #expect(Self.close(copy.busDemand().p, original.busDemand().p))
        #expect(Self.close(copy.busShunt().b, original.busShunt().b))
        #expect(Self.close(copy.buses.va, original.buses.va))
        #expect(copy.branches.from == original.branches.from && copy.branches.to == original.branches.to)
        #expect(Self.close(copy.branches.x, original.branches.x) && Self.close(copy.branches.ratio, original.branches.ratio))
        #expect(Self.close(copy.branches.shift, original.branches.shift) && Self.close(copy.branches.rateA, original.branches.rateA))
        #expect(Self.close(copy.generators.pg, original.generators.pg) && Self.close(copy.generators.qmax, original.generators.qmax))
        #expect(copy.generators.status == original.generators.status)
        let a = PowerFlowSolver(network: original).solve(), b = PowerFlowSolver(network: copy).solve()
        #expect(a.converged && b.converged)
        #expect(Self.close(a.vm, b.vm, 1e-10) && Self.close(a.va, b.va, 1e-10) && Self.close(a.qg, b.qg, 1e-10))
    }

    @Test("infinite limits, out-of-service elements and quotes in names survive")
    func specialValues() throws {
        var net = try MatpowerReader.readNetwork(path: TestPaths.fixture("case9.m"))
        net.generators.qmax[0] = .infinity
        net.generators.qmin[0] = -.infinity
        net.generators.status[2] = false
        net.branches.status[4] = false
        net.buses.name = (0..<9).map { "O'Bus \($0)" }
        let copy = try MatpowerReader.parse(MatpowerWriter.write(net), file: "copy.m").network()
        #expect(copy.generators.qmax[0] == .infinity && copy.generators.qmin[0] == -.infinity)
        #expect(copy.generators.status == [true, true, false])
        #expect(copy.branches.status[4] == false)
        #expect(copy.buses.name[3] == "O'Bus 3")
    }
}
