import Foundation
import KraftCore
import Testing
@testable import KraftIO

/// Transformer conversion, checked against values worked out by hand: every combination of the
/// winding (CW), impedance (CZ) and magnetizing (CM) codes on one two-winding transformer, the
/// nominal-voltage and default-ratio rules, and a three-winding transformer's star point.
///
/// The two-winding transformer runs from bus 2 (base 400 kV) to bus 3 (base 130 kV) on a
/// 100 MVA system base, with NOMV1 = 420 kV, NOMV2 = 135 kV, SBASE1-2 = 200 MVA, ANG1 = 30°.
@Suite struct PSSETransformerTests {
    /// Per CW: WINDV1, WINDV2 as written, and the expected ratio in p.u. of the bus base voltages.
    static let windingCases: [Int: (windv1: String, windv2: String, ratio: Double)] = [
        // Ratio in p.u. of bus base voltage: 1.05 / 0.98 = 15/14.
        1: ("1.05", "0.98", 15.0 / 14.0),
        // Winding voltages in kV: (441 / 400) / (130 / 130) = 1.1025.
        2: ("441.0", "130.0", 1.1025),
        // Ratios in p.u. of NOMV: (1.0 · 420 / 400) / (1.0 · 135 / 130) = 1.05 · 130 / 135 = 91/90.
        3: ("1.0", "1.0", 91.0 / 90.0),
    ]

    /// Per CZ: R1-2, X1-2 as written, and the expected r, x in p.u. on the system base.
    /// For CZ 2 and 3 psse2mpc converts from the winding base (SBASE1-2 = 200 MVA, NOMV1 = 420 kV)
    /// to the system base at bus 2's 400 kV: factor (420² / 200) / (400² / 100) = 0.55125.
    static let impedanceCases: [Int: (r: String, x: String, expectedR: Double, expectedX: Double)] = [
        1: ("0.002", "0.1", 0.002, 0.1),
        2: ("0.002", "0.1", 0.002 * 0.55125, 0.1 * 0.55125),
        // Load loss 40 kW on 200 MVA: R = 40000·10⁻⁶ / 200 = 0.0002; X = √(0.1² − 0.0002²) = √0.00999996.
        3: ("40000.0", "0.1", 0.0002 * 0.55125, 0.00999996.squareRoot() * 0.55125),
    ]

    /// Per CM: MAG1, MAG2 as written, and the expected shunt g, b at bus 2 in p.u. on the system base.
    static let magnetizingCases: [Int: (mag1: String, mag2: String, g: Double, b: Double)] = [
        // Already p.u. on the system base.
        1: ("0.001", "-0.005", 0.001, -0.005),
        // No-load loss 100 kW, exciting current 0.005 p.u. on 200 MVA and NOMV1 = 420 kV:
        // G = 0.1 MW / 200 MVA = 0.0005, B = −√(0.005² − 0.0005²) = −√2.475e-5 on the winding base;
        // to the system base: × (200 / 100) · (400 / 420)². (The loss at 400 kV is 0.1 · (400/420)² MW.)
        2: ("100000.0", "0.005", 0.0005 * 2 * (400.0 / 420) * (400.0 / 420),
            -(2.475e-5).squareRoot() * 2 * (400.0 / 420) * (400.0 / 420)),
    ]

    static let combinations: [(Int, Int, Int)] = [1, 2, 3].flatMap { cw in [1, 2, 3].flatMap { cz in [1, 2].map { (cw, cz, $0) } } }

    static func transformer(cw: Int, cz: Int, cm: Int, nomv1: String = "420.0", nomv2: String = "135.0") -> [String] {
        let w = windingCases[cw]!, z = impedanceCases[cz]!, m = magnetizingCases[cm]!
        return [
            "2, 3, 0, 'T1', \(cw), \(cz), \(cm), \(m.mag1), \(m.mag2), 2, 'CODES', 1",
            "\(z.r), \(z.x), 200.0",
            "\(w.windv1), \(nomv1), 30.0, 250.0, 300.0, 350.0, 1, 3, 1.1, 0.9, 1.1, 0.9, 33, 0",
            "\(w.windv2), \(nomv2)",
        ]
    }

    @Test("CW, CZ and CM combinations", arguments: combinations)
    func codes(cw: Int, cz: Int, cm: Int) throws {
        let text = RawFile().with(.transformer, Self.transformer(cw: cw, cz: cz, cm: cm)).text
        let n = try parseRaw(text).network()
        let w = Self.windingCases[cw]!, z = Self.impedanceCases[cz]!, m = Self.magnetizingCases[cm]!
        let t = 1  // the line is branch 0
        #expect(n.branches.from[t] == 1 && n.branches.to[t] == 2 && n.branches.status[t])
        #expect(nearlyEqual(n.branches.ratio[t], w.ratio), "ratio \(n.branches.ratio[t]), expected \(w.ratio)")
        #expect(nearlyEqual(n.branches.r[t], z.expectedR), "r \(n.branches.r[t]), expected \(z.expectedR)")
        #expect(nearlyEqual(n.branches.x[t], z.expectedX), "x \(n.branches.x[t]), expected \(z.expectedX)")
        #expect(n.branches.b[t] == 0)
        #expect(nearlyEqual(n.branches.shift[t], .pi / 6))
        #expect(n.branches.rateA[t] == 2.5 && n.branches.rateB[t] == 3 && n.branches.rateC[t] == 3.5)
        #expect(n.shunts.bus == [1] && n.shunts.status == [true])
        #expect(nearlyEqual(n.shunts.g[0], m.g), "g \(n.shunts.g[0]), expected \(m.g)")
        #expect(nearlyEqual(n.shunts.b[0], m.b), "b \(n.shunts.b[0]), expected \(m.b)")
    }

    @Test func zeroNOMVMeansTheBusBaseVoltage() throws {
        // CW 3 with NOMV 0: the ratio is WINDV1 / WINDV2 = 1.05 / 0.98; CZ 2 with NOMV1 0: the
        // impedance only changes MVA base, × 100 / 200; CM 2: G = 0.0005 × 200 / 100 = 0.001 p.u.,
        // which is the 0.1 MW no-load loss on 100 MVA.
        let records = [
            "2, 3, 0, 'T1', 3, 2, 2, 100000.0, 0.005, 2, 'NOMV0', 1",
            "0.002, 0.1, 200.0",
            "1.05, 0.0, 0.0",
            "0.98, 0.0",
        ]
        let raw = try parseRaw(RawFile().with(.transformer, records).text)
        let n = try raw.network()
        #expect(nearlyEqual(n.branches.ratio[1], 1.05 / 0.98))
        #expect(nearlyEqual(n.branches.r[1], 0.001) && nearlyEqual(n.branches.x[1], 0.05))
        #expect(nearlyEqual(n.shunts.g[0], 0.001) && nearlyEqual(n.shunts.b[0], -(2.475e-5).squareRoot() * 2))
        #expect(raw.notes.count == 1 && raw.notes[0].contains("magnetizing admittance"))
    }

    @Test func defaultWindingVoltagesAreTheBusBaseForCW2() throws {
        // CW 2 with WINDV1 and WINDV2 left out: 400 kV and 130 kV, the bus base voltages: ratio 1.
        let records = ["2, 3, 0, 'T1', 2", "0.0, 0.05", "", ""]
        let n = try parseRaw(RawFile().with(.transformer, records).text).network()
        #expect(n.branches.ratio[1] == 1 && n.branches.x[1] == 0.05 && n.shunts.count == 0)
    }

    @Test func outOfServiceTransformer() throws {
        let records = ["2, 3, 0, 'T1', 1, 1, 1, 0.001, -0.002, 2, 'OFF', 0", "0.0, 0.05", "1.0", "1.0"]
        let n = try parseRaw(RawFile().with(.transformer, records).text).network()
        #expect(n.branches.status == [true, false])
        #expect(n.shunts.status == [false])
    }

    /// Buses 1 (400 kV), 2 (400 kV), 3 (130 kV); CW 1, CZ 1; pairwise impedances
    /// Z12 = 0.01 + j0.1, Z23 = 0.02 + j0.2, Z31 = 0.03 + j0.15. The star legs are
    /// Z1 = (Z12 + Z31 − Z23)/2 = 0.01 + j0.025, Z2 = (Z12 + Z23 − Z31)/2 = 0 + j0.075,
    /// Z3 = (Z31 + Z23 − Z12)/2 = 0.02 + j0.125.
    static let threeWinding = [
        "1, 2, 3, 'T3', 1, 1, 1, 0.0, 0.0, 2, 'THREE WINDING', 3",
        "0.01, 0.1, 100.0, 0.02, 0.2, 100.0, 0.03, 0.15, 100.0, 0.98, -5.0",
        "1.02, 0.0, 0.0, 100.0, 110.0, 120.0, 0",
        "0.99, 0.0, -30.0, 200.0, 210.0, 220.0, 0",
        "1.00, 0.0, 0.0, 300.0, 310.0, 320.0, 0",
    ]

    @Test func threeWindingStarBus() throws {
        let raw = try parseRaw(RawFile().with(.transformer, Self.threeWinding).text)
        #expect(raw.transformers[0].isThreeWinding && raw.transformers[0].windings.count == 3)
        let n = try raw.network()
        // The star bus follows the file's buses: the largest bus number is 3, so it is 10 + 1.
        #expect(n.buses.id == [1, 2, 3, 11])
        #expect(n.buses.type[3] == .pq && n.buses.vm[3] == 0.98 && nearlyEqual(n.buses.va[3], -5 * .pi / 180))
        #expect(n.buses.baseKV[3] == 1 && n.buses.area[3] == 1 && n.buses.zone[3] == 1)
        #expect(n.buses.name[3] == "STR_PT_XF_1")
        // Three legs after the line: winding bus → star bus, ratio and shift at the winding bus.
        #expect(n.branches.from == [0, 0, 1, 2] && n.branches.to == [1, 3, 3, 3])
        #expect(nearlyEqual(n.branches.r[1], 0.01) && nearlyEqual(n.branches.x[1], 0.025))
        #expect(nearlyEqual(n.branches.r[2], 0) && nearlyEqual(n.branches.x[2], 0.075))
        #expect(nearlyEqual(n.branches.r[3], 0.02) && nearlyEqual(n.branches.x[3], 0.125))
        #expect(n.branches.ratio[1...] == [1.02, 0.99, 1.0])
        #expect(n.branches.shift[2] == -30 * .pi / 180 && n.branches.shift[1] == 0)
        #expect(n.branches.rateA[1...] == [1, 2, 3] && n.branches.rateC[1...] == [1.2, 2.2, 3.2])
        // STAT 3: winding 3 out of service.
        #expect(n.branches.status == [true, true, true, false])
        #expect(raw.notes.contains { $0.contains("1 three-winding transformer modelled as three branches") && $0.contains("bus 11 added") })
    }

    @Test func threeWindingCodesConvertEachPairOnItsOwnBase() throws {
        // CW 2 (kV): ratios 420/400, 400/400, 130/130. CZ 2 with NOMV 0: each pair × 100 / its SBASE.
        var records = Self.threeWinding
        records[0] = "1, 2, 3, 'T3', 2, 2, 1, 0.0, 0.0, 2, 'THREE WINDING', 0"
        records[1] = "0.01, 0.1, 200.0, 0.02, 0.2, 50.0, 0.03, 0.15, 100.0"
        records[2] = "420.0"
        records[3] = "400.0"
        records[4] = ""  // WINDV3 defaults to the bus base voltage for CW 2
        let n = try parseRaw(RawFile().with(.transformer, records).text).network()
        // Z12 = 0.005 + j0.05, Z23 = 0.04 + j0.4, Z31 = 0.03 + j0.15.
        #expect(nearlyEqual(n.branches.x[1], (0.05 + 0.15 - 0.4) / 2) && nearlyEqual(n.branches.r[1], (0.005 + 0.03 - 0.04) / 2))
        #expect(nearlyEqual(n.branches.x[2], (0.05 + 0.4 - 0.15) / 2) && nearlyEqual(n.branches.x[3], (0.15 + 0.4 - 0.05) / 2))
        #expect(nearlyEqual(n.branches.ratio[1], 1.05) && n.branches.ratio[2] == 1 && n.branches.ratio[3] == 1)
        // STAT 0: all out, and the star bus is isolated; VMSTAR and ANSTAR default to 1 and 0.
        #expect(n.branches.status == [true, false, false, false])
        #expect(n.buses.type[3] == .isolated && n.buses.vm[3] == 1 && n.buses.va[3] == 0)
    }

    @Test func starBusesAreNumberedAfterTheLargestBus() throws {
        let buses = RawFile().groups[.bus]! + ["  9999,'BIG', 20.0, 1"]
        let second = Self.threeWinding.enumerated().map { $0.offset == 0 ? "1, 3, 9999, 'T4', 1, 1, 1, 0.0, 0.0, 2, 'SECOND', 1" : $0.element }
        let raw = try parseRaw(RawFile().with(.bus, buses).with(.transformer, Self.threeWinding + second).text)
        let n = try raw.network()
        #expect(n.buses.id == [1, 2, 3, 9999, 10001, 10002])
        #expect(n.branches.to[4...] == [5, 5, 5])
        #expect(raw.notes.contains { $0.contains("buses 10001–10002 added") })
    }
}
