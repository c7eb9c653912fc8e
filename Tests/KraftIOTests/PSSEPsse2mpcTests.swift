import Foundation
import KraftCore
import Testing
@testable import KraftIO

/// A small RAW file written for this test, converted by Kraft and by MATPOWER 8.1's own
/// `psse2mpc` (under Octave, once, by hand: `mpc = psse2mpc('x.raw', 0)`): loads with
/// constant-current and constant-admittance parts, a fixed shunt, line shunts, a switched shunt,
/// two-winding transformers with CW 3 / CZ 3 and CW 2 / CZ 2 (NOMV given), and a three-winding
/// transformer with CW 3 / CZ 2 and winding 3 out of service. The expected values are
/// psse2mpc's `bus` and `branch` columns as Octave printed them (16 digits).
@Suite struct PSSEPsse2mpcTests {
    static let text = """
        0,   100.00, 33, 0, 1, 50.00     / PSS(R)E-33.5    TEST CASE
        CROSS CHECK
        SECOND
             1,'ONE', 400.0000,3,   1,   1,   1,1.02000,   0.0000,1.10000,0.90000,1.10000,0.90000
             2,'TWO', 400.0000,1,   1,   1,   1,1.00000,  -2.0000,1.10000,0.90000,1.10000,0.90000
             3,'THREE', 130.0000,2,   2,   1,   1,1.01000,  -3.0000,1.05000,0.95000,1.10000,0.90000
             5,'FIVE', 20.0000,1,   2,   1,   1,0.99000,  -6.0000,1.05000,0.95000,1.10000,0.90000
        0 / END OF BUS DATA, BEGIN LOAD DATA
             3,'1',1,2,1, 10.0, 5.0, 20.0, 6.0, 30.0, 7.0,1,1,0
             5,'1',1,2,1, 30.0, 5.0, 0,0,0,0,1,1,0
        0 / END OF LOAD DATA, BEGIN FIXED SHUNT DATA
             2,'1',1, 5.0, -40.0
        0 / END OF FIXED SHUNT DATA, BEGIN GENERATOR DATA
             1,'1 ',     0.000,     0.000,   999.000,  -999.000,1.02000,     0,   100.000, 0.00000E+0, 1.00000E+0, 0.00000E+0, 0.00000E+0,1.00000,1,  100.0,   200.000,     0.000,   1,1.0000
             3,'1 ',    40.000,    10.000,    50.000,   -50.000,1.01000,     0,   100.000, 0.00000E+0, 1.00000E+0, 0.00000E+0, 0.00000E+0,1.00000,1,  100.0,    80.000,     0.000,   1,1.0000
        0 / END OF GENERATOR DATA, BEGIN BRANCH DATA
             1,     2,'1 ', 1.00000E-2, 1.00000E-1,   0.02000,  500.00,  600.00,  700.00,  0.001,  0.002,  0.003,  0.004,1,1,   0.00,   1,1.0000
        0 / END OF BRANCH DATA, BEGIN TRANSFORMER DATA
        2, 3, 0, 'T1', 3, 3, 1, 0, 0, 2, 'CODES', 1
        40000.0, 0.1, 200.0
        1.0, 420.0, 30.0, 250.0, 300.0, 350.0, 1, 3, 1.1, 0.9, 1.1, 0.9, 33, 0, 0, 0, 0
        1.0, 135.0
        2, 3, 0, 'T2', 2, 2, 1, 0, 0, 2, 'CODES', 1
        0.002, 0.1, 200.0
        441.0, 420.0, -10.0, 250.0, 300.0, 350.0, 1, 3, 1.1, 0.9, 1.1, 0.9, 33, 0, 0, 0, 0
        130.0, 135.0
        2, 3, 5, 'T3', 3, 2, 1, 0.0, 0.0, 2, 'THREE WINDING', 3
        0.01, 0.1, 200.0, 0.02, 0.2, 50.0, 0.03, 0.15, 100.0, 0.98, -5.0
        1.02, 410.0, 0.0, 100.0, 110.0, 120.0, 0, 0, 1.1, 0.9, 1.1, 0.9, 33, 0, 0, 0, 0
        0.99, 125.0, -30.0, 200.0, 210.0, 220.0, 0, 0, 1.1, 0.9, 1.1, 0.9, 33, 0, 0, 0, 0
        1.00, 21.0, 0.0, 300.0, 310.0, 320.0, 0, 0, 1.1, 0.9, 1.1, 0.9, 33, 0, 0, 0, 0
        0 / END OF TRANSFORMER DATA, BEGIN AREA DATA
        0 / END OF AREA DATA, BEGIN TWO-TERMINAL DC DATA
        0 / END OF TWO-TERMINAL DC DATA, BEGIN VSC DC LINE DATA
        0 / END OF VSC DC LINE DATA, BEGIN IMPEDANCE CORRECTION DATA
        0 / END OF IMPEDANCE CORRECTION DATA, BEGIN MULTI-TERMINAL DC DATA
        0 / END OF MULTI-TERMINAL DC DATA, BEGIN MULTI-SECTION LINE DATA
        0 / END OF MULTI-SECTION LINE DATA, BEGIN ZONE DATA
        0 / END OF ZONE DATA, BEGIN INTER-AREA TRANSFER DATA
        0 / END OF INTER-AREA TRANSFER DATA, BEGIN OWNER DATA
        0 / END OF OWNER DATA, BEGIN FACTS DEVICE DATA
        0 / END OF FACTS DEVICE DATA, BEGIN SWITCHED SHUNT DATA
             3,1,0,1,1.05,0.95,0,100.0,'',25.0,2,15.0,1,-10.0
        0 / END OF SWITCHED SHUNT DATA, BEGIN GNE DATA
        0 / END OF GNE DATA, BEGIN INDUCTION MACHINE DATA
        0 / END OF INDUCTION MACHINE DATA
        Q

        """

    @Test func sameNetworkAsPsse2mpc() throws {
        let n = try PSSERawReader.parse(Self.text, file: "x.raw").network()
        let base = n.baseMVA
        #expect(n.buses.id == [1, 2, 3, 5, 11])
        #expect(n.buses.type.map(\.rawValue) == [3, 1, 2, 1, 1])
        #expect(n.buses.vm == [1.02, 1, 1.01, 0.99, 0.98] && n.buses.baseKV == [400, 400, 130, 20, 1])
        // mpc.bus PD, QD, GS, BS (MW, MVAr).
        let demand = n.busDemand(), shunt = n.busShunt()
        let pd = [0, 0, 60.803, 30, 0], qd = [0, 0, 3.919300000000001, 5, 0]
        let gs = [0.1, 5.3, 0, 0, 0], bs = [0.2, -39.6, 25, 0, 0]
        for i in 0..<5 {
            #expect(nearlyEqual(demand.p[i] * base, pd[i]) && nearlyEqual(demand.q[i] * base, qd[i]), "bus \(n.buses.id[i]) demand")
            #expect(nearlyEqual(shunt.g[i] * base, gs[i]) && nearlyEqual(shunt.b[i] * base, bs[i]), "bus \(n.buses.id[i]) shunt")
        }
        // mpc.branch F_BUS, T_BUS, BR_R, BR_X, BR_B, RATE_A, TAP (0: a line), SHIFT, BR_STATUS.
        let expected: [(Int, Int, Double, Double, Double, Double, Double, Double, Bool)] = [
            (1, 2, 1.000000000000000e-02, 1.000000000000000e-01, 0.02, 500, 0, 0, true),
            (2, 3, 1.102500000000000e-04, 5.512488974988975e-02, 0, 250, 1.011111111111111e+00, 30, true),
            (2, 3, 1.102500000000000e-03, 5.512500000000000e-02, 0, 250, 1.102500000000000e+00, -10, true),
            (2, 11, 6.729382396449685e-04, -7.595811760355030e-02, 0, 100, 1.045500000000000e+00, 0, true),
            (3, 11, 4.580186760355029e-03, 1.284893676035503e-01, 0, 200, 9.519230769230769e-01, -30, true),
            (5, 11, 3.240206176035503e-02, 2.413331176035503e-01, 0, 300, 1.050000000000000e+00, 0, false),
        ]
        #expect(n.branches.count == expected.count)
        for (l, e) in expected.enumerated() {
            #expect(n.buses.id[n.branches.from[l]] == e.0 && n.buses.id[n.branches.to[l]] == e.1, "branch \(l + 1) ends")
            #expect(nearlyEqual(n.branches.r[l], e.2, 1e-14) && nearlyEqual(n.branches.x[l], e.3, 1e-14), "branch \(l + 1) impedance")
            #expect(n.branches.b[l] == e.4 && nearlyEqual(n.branches.rateA[l] * base, e.5), "branch \(l + 1) charging, rating")
            #expect(nearlyEqual(n.branches.ratio[l], e.6 == 0 ? 1 : e.6, 1e-14), "branch \(l + 1) ratio")
            #expect(nearlyEqual(n.branches.shift[l] * 180 / .pi, e.7), "branch \(l + 1) shift")
            #expect(n.branches.status[l] == e.8, "branch \(l + 1) status")
        }
    }
}
