import Foundation
import KraftCore
import Testing

/// Small systems whose solutions are worked out by hand.
@Suite("Hand-derived solutions")
struct HandDerivedTests {
    /// Two buses joined by a lossless line of reactance X; bus 1 is the reference at 1∠0, bus 2
    /// draws P with Q = 0. Receiving-end balance gives |V2| = cos θ and P = sin 2θ / (2X), so for
    /// P = 0.5, X = 0.5: θ = −15°, |V2| = cos 15°.
    static func twoBus(p: Double = 0.5, x: Double = 0.5) -> Network {
        var buses = BusTable()
        buses.append(id: 1, type: .ref, vm: 1, va: 0, baseKV: 400)
        buses.append(id: 2, type: .pq, vm: 1, va: 0, baseKV: 400)
        var loads = LoadTable()
        loads.append(bus: 1, p: p, q: 0)
        var branches = BranchTable()
        branches.append(from: 0, to: 1, r: 0, x: x, b: 0)
        var gens = GeneratorTable()
        gens.append(bus: 0, pg: 0, vg: 1)
        return Network(name: "two-bus", baseMVA: 100, buses: buses, loads: loads, branches: branches, generators: gens)
    }

    @Test("two-bus lossless line, every method and back-end", arguments: [PowerFlowMethod.nr, .fdxb, .fdbx], LinearSolverChoice.allCases)
    func twoBusAC(method: PowerFlowMethod, solver: LinearSolverChoice) {
        var o = PowerFlowOptions()
        o.method = method
        o.linearSolver = solver
        o.initialPoint = .flat
        o.tolerance = 1e-12  // fast-decoupled converges linearly: a tight tolerance for a tight check
        let r = PowerFlowSolver(network: Self.twoBus(), options: o).solve()
        #expect(r.converged)
        let theta = 15.0 * Double.pi / 180
        #expect(abs(r.vm[1] - cos(theta)) < 1e-9)
        #expect(abs(r.va[1] + theta) < 1e-9)
        #expect(abs(r.pg[0] - 0.5) < 1e-9, "a lossless line: the reference supplies exactly the load")
        #expect(abs(r.pf[0] - 0.5) < 1e-9 && abs(r.pt[0] + 0.5) < 1e-9)
        // Reactive power the line absorbs: I²X with |I| = |V1 − V2| / X.
        let current = hypot(1 - cos(theta) * cos(theta), cos(theta) * sin(theta)) / 0.5
        #expect(abs(r.qg[0] - current * current * 0.5) < 1e-9)
    }

    @Test("two-bus DC flow: θ2 = −P·X")
    func twoBusDC() {
        var o = PowerFlowOptions()
        o.method = .dc
        let r = PowerFlowSolver(network: Self.twoBus(), options: o).solve()
        #expect(abs(r.va[1] + 0.25) < 1e-12)
        #expect(abs(r.pf[0] - 0.5) < 1e-12)
        #expect(abs(r.pg[0] - 0.5) < 1e-12)
    }

    /// One branch with r, x, b, tap 0.95 and a 10° shift; its four admittances written out by hand.
    @Test("admittance matrix of a transformer with tap and phase shift")
    func transformerAdmittance() {
        var buses = BusTable()
        buses.append(id: 10, type: .ref, vm: 1, va: 0, baseKV: 400)
        buses.append(id: 20, type: .pq, vm: 1, va: 0, baseKV: 220)
        var branches = BranchTable()
        branches.append(from: 0, to: 1, r: 0.01, x: 0.1, b: 0.02, ratio: 0.95, shift: 10 * .pi / 180)
        var shunts = ShuntTable()
        shunts.append(bus: 1, g: 0.05, b: -0.1)
        let net = Network(name: "t", baseMVA: 100, buses: buses, shunts: shunts, branches: branches, generators: GeneratorTable())
        let y = AdmittanceMatrix(network: net)
        // ys = 1/(0.01 + 0.1j) = (0.01 − 0.1j)/0.0101
        let ysr = 0.01 / 0.0101, ysi = -0.1 / 0.0101
        let t2 = 0.95 * 0.95, c = cos(10 * Double.pi / 180), s = sin(10 * Double.pi / 180)
        func entry(_ i: Int, _ k: Int) -> (Double, Double) {
            let p = y.pattern.position(row: i, column: k)!
            return (y.g[p], y.b[p])
        }
        let ff = entry(0, 0), tt = entry(1, 1), ft = entry(0, 1), tf = entry(1, 0)
        #expect(abs(ff.0 - ysr / t2) < 1e-12 && abs(ff.1 - (ysi + 0.01) / t2) < 1e-12)
        #expect(abs(tt.0 - (ysr + 0.05)) < 1e-12 && abs(tt.1 - (ysi + 0.01 - 0.1)) < 1e-12)
        // Yft = −ys / (0.95 e^{−j10°}) = −ys e^{j10°} / 0.95;  Ytf = −ys e^{−j10°} / 0.95.
        #expect(abs(ft.0 - -(ysr * c - ysi * s) / 0.95) < 1e-12 && abs(ft.1 - -(ysr * s + ysi * c) / 0.95) < 1e-12)
        #expect(abs(tf.0 - -(ysr * c + ysi * s) / 0.95) < 1e-12 && abs(tf.1 - -(ysi * c - ysr * s) / 0.95) < 1e-12)
    }
}
