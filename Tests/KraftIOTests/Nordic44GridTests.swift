import Foundation
import KraftCore
import KraftIO
import Testing

/// The Nordic44 grid that ships (`Scenarios/grids/nordic44.m`, derived from the BSD-3 OpenIPSL
/// files) is the network of the PSS/E RAW file `N44_BC.raw` (GPL-3.0, read from ../shared only),
/// element by element. Dispatch, limits and ratings differ by construction (the OpenIPSL files
/// have their own dispatch and no limits), so they are not compared; see Scenarios/grids/README.md.
@Suite("Shipped Nordic44 grid equals the RAW network")
struct Nordic44GridTests {
    static let raw = TestPaths.root.deletingLastPathComponent().appendingPathComponent("shared/data/nordic/nordic44/N44_BC.raw").path
    static let shipped = TestPaths.root.appendingPathComponent("Scenarios/grids/nordic44.m").path

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    @Test("buses, loads, shunts, branches and generator placement agree",
          .enabled(if: FileManager.default.fileExists(atPath: raw), "../shared/data/nordic/nordic44/N44_BC.raw is absent"))
    func equal() throws {
        let a = try MatpowerReader.readNetwork(path: Self.shipped)
        let b = try PSSERawReader.readNetwork(path: Self.raw)
        #expect(Set(a.buses.id) == Set(b.buses.id))
        #expect(a.buses.count == 44)
        // Loads and shunts in MW/MVAr; the OpenIPSL source stores them in single precision
        // (881.282958 for the RAW file's 881.283), hence a relative 1e-7 rather than exact.
        let demandA = a.busDemand(), demandB = b.busDemand(), shuntA = a.busShunt(), shuntB = b.busShunt()
        func mw(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-7 * max(1, abs(x)) }
        for (i, id) in a.buses.id.enumerated() {
            let j = try #require(b.busIndex[id])
            #expect(a.buses.type[i] == b.buses.type[j], "bus \(id) type")
            #expect(a.buses.baseKV[i] == b.buses.baseKV[j], "bus \(id) base kV")
            #expect(mw(demandA.p[i] * a.baseMVA, demandB.p[j] * b.baseMVA), "bus \(id) P load")
            #expect(mw(demandA.q[i] * a.baseMVA, demandB.q[j] * b.baseMVA), "bus \(id) Q load")
            #expect(mw(shuntA.b[i] * a.baseMVA, shuntB.b[j] * b.baseMVA), "bus \(id) shunt")
        }
        // Branches: by end pair, in order of appearance; impedances re-based (z/S and b·S are invariant).
        func ends(_ n: Network) -> [String: [Int]] {
            var map = [String: [Int]]()
            for l in 0..<n.branches.count {
                map["\(n.buses.id[n.branches.from[l]])-\(n.buses.id[n.branches.to[l]])", default: []].append(l)
            }
            return map
        }
        let endsA = ends(a), endsB = ends(b)
        #expect(a.branches.count == b.branches.count)
        #expect(Set(endsA.keys) == Set(endsB.keys))
        for (pair, la) in endsA {
            let lb = try #require(endsB[pair])
            #expect(la.count == lb.count, "circuits \(pair)")
            for (x, y) in zip(la, lb) {
                #expect(Self.close(a.branches.r[x] / a.baseMVA, b.branches.r[y] / b.baseMVA), "branch \(pair) r")
                #expect(Self.close(a.branches.x[x] / a.baseMVA, b.branches.x[y] / b.baseMVA), "branch \(pair) x")
                #expect(Self.close(a.branches.b[x] * a.baseMVA, b.branches.b[y] * b.baseMVA), "branch \(pair) b")
                #expect(Self.close(a.branches.ratio[x], b.branches.ratio[y]), "branch \(pair) ratio")
                #expect(Self.close(a.branches.shift[x], b.branches.shift[y]), "branch \(pair) shift")
                #expect(a.branches.status[x] == b.branches.status[y])
            }
        }
        // Generators: the same number at each bus, set-points within 1e-4 p.u.
        func perBus(_ n: Network) -> [Int: [Double]] {
            var map = [Int: [Double]]()
            for g in 0..<n.generators.count { map[n.buses.id[n.generators.bus[g]], default: []].append(n.generators.vg[g]) }
            return map
        }
        let genA = perBus(a), genB = perBus(b)
        #expect(Set(genA.keys) == Set(genB.keys))
        for (bus, vg) in genA {
            #expect(vg.count == genB[bus]?.count, "generators at bus \(bus)")
            #expect(zip(vg, genB[bus] ?? []).allSatisfy { abs($0 - $1) <= 1e-4 }, "Vg at bus \(bus)")
        }
    }
}
