/// The conversion of PSS/E transformer data to MATPOWER's branch model (series impedance in
/// p.u. on the system base, off-nominal ratio and phase shift at the from end), following
/// MATPOWER's `psse_convert_xfmr` (psse2mpc) code for code, with one difference: a nominal
/// winding voltage `NOMV` of 0 means the base voltage of the winding's bus, as PSS/E defines
/// it (psse2mpc uses the 0 as written, which gives a zero impedance or an undefined ratio).
///
/// - `CZ` 1: `R`, `X` are p.u. on the system base, used as they are.
/// - `CZ` 2: p.u. on the winding base (`SBASE`, `NOMV`): multiplied by `Zb / Zbs`, with
///   `Zb = NOMV² / SBASE` and `Zbs = BASKV² / system base` of the first bus of the pair.
/// - `CZ` 3: `R` is the load loss in W, `X` the impedance magnitude in p.u. on the winding base:
///   `R = 10⁻⁶ · loss / SBASE`, `X = √(X² − R²)`, then as `CZ` 2.
/// - `CW` 1: `WINDV` is the ratio in p.u. of the bus base voltage; 2: the winding voltage in kV
///   (divided by the bus base voltage); 3: p.u. of `NOMV` (multiplied by `NOMV / BASKV`).
///   A two-winding ratio is `WINDV1 / WINDV2` in those terms; psse2mpc does not scale the
///   impedance by `WINDV2²` as PSS/E's own model does, and neither does Kraft. A ratio that
///   comes out as 0 (a `WINDV1` of 0, as MATPOWER's `save2psse` writes for a phase shifter with
///   `TAP` 0) is the nominal ratio 1, as MATPOWER reads a `TAP` of 0.
/// - Three windings: the pairwise impedances `Z12`, `Z23`, `Z31` (each converted on its own pair's
///   base and the voltage base of the pair's first bus) become a star, `Z1 = (Z12 + Z31 − Z23) / 2`
///   and so on; each winding is a branch from its bus to the star-point bus with the winding's
///   ratio and shift at its bus.
/// - Magnetizing admittance (which psse2mpc leaves out): `CM` 1, `MAG1 + jMAG2` in p.u. on the
///   system base; `CM` 2, `G = 10⁻⁶ · MAG1 / SBASE1-2` and `B = −√(MAG2² − G²)` on the winding 1
///   base (`SBASE1-2`, `NOMV1`), converted to the system base. Kraft places it as a shunt at the
///   winding 1 bus.
enum PSSETransformerModel {
    struct Leg {
        var r: Double, x: Double
        var ratio: Double
        /// Degrees.
        var shift: Double
        var rateA: Double, rateB: Double, rateC: Double
        var inService: Bool
    }

    /// Thrown as `InputError` by the builder with the record's line.
    struct Failure: Error {
        var message: String
    }

    /// The nominal voltage of a winding in kV: `NOMV`, or the bus base voltage when it is 0.
    static func nominal(_ w: PSSEWinding, busKV: Double) -> Double {
        w.nomv == 0 ? busKV : w.nomv
    }

    /// The ratio `WINDV` as written, or PSS/E's default: the bus base voltage for `CW` 2, else 1.
    static func windv(_ w: PSSEWinding, cw: Int, busKV: Double) -> Double {
        w.windv ?? (cw == 2 ? busKV : 1)
    }

    /// One pair's series impedance on the system base (see the type's description).
    static func impedance(r: Double, x: Double, cz: Int, sbase: Double, nomv: Double, busKV: Double,
                          systemBase: Double, pair: String) throws(Failure) -> (r: Double, x: Double) {
        if cz == 1 { return (r, x) }
        guard sbase > 0 else {
            throw Failure(message: "SBASE\(pair) is \(PSSERawCase.format(sbase)); expected the winding base in MVA, a positive number (CZ = \(cz))")
        }
        var (rw, xw) = (r, x)
        if cz == 3 {
            rw = 1e-6 * r / sbase
            let square = x * x - rw * rw
            guard square >= 0 else {
                throw Failure(message: "X\(pair) = \(PSSERawCase.format(x)) p.u. is smaller than the resistance the load loss "
                    + "R\(pair) = \(PSSERawCase.format(r)) W gives (\(rw) p.u.); expected the impedance magnitude (CZ = 3)")
            }
            xw = square.squareRoot()
        }
        let factor: Double
        if nomv == 0 {
            factor = systemBase / sbase
        } else {
            guard busKV > 0 else {
                throw Failure(message: "the bus of winding \(pair.prefix(1)) has BASKV 0; expected a positive base voltage "
                    + "to convert the impedance from the winding base (CZ = \(cz))")
            }
            factor = (nomv * nomv / sbase) / (busKV * busKV / systemBase)
        }
        return (rw * factor, xw * factor)
    }

    /// The branch (two windings) or the three legs to the star point (three windings).
    /// `busKV` holds the base voltage of each winding's bus, in winding order.
    static func legs(_ t: PSSETransformer, busKV: [Double], systemBase: Double) throws(Failure) -> [Leg] {
        guard (1...3).contains(t.cw) else { throw Failure(message: "CW is \(t.cw); expected 1, 2 or 3") }
        guard (1...3).contains(t.cz) else { throw Failure(message: "CZ is \(t.cz); expected 1, 2 or 3") }
        guard (1...2).contains(t.cm) else { throw Failure(message: "CM is \(t.cm); expected 1 or 2") }
        if t.cw != 1 {
            for (w, kv) in busKV.enumerated() where kv <= 0 {
                throw Failure(message: "the bus of winding \(w + 1) has BASKV \(PSSERawCase.format(kv)); expected a positive "
                    + "base voltage to convert the winding ratio (CW = \(t.cw))")
            }
        }
        let nomv = t.windings.indices.map { nominal(t.windings[$0], busKV: busKV[$0]) }
        let written = t.windings.indices.map { Self.windv(t.windings[$0], cw: t.cw, busKV: busKV[$0]) }
        /// `WINDV` in p.u. of the bus base voltage.
        func ratio(_ w: Int) -> Double {
            switch t.cw {
            case 2: written[w] / busKV[w]
            case 3: written[w] / busKV[w] * nomv[w]
            default: written[w]
            }
        }
        let pairs = t.isThreeWinding ? ["1-2", "2-3", "3-1"] : ["1-2"]
        var z: [(r: Double, x: Double)] = []
        for (p, pair) in pairs.enumerated() {
            // Pair p is converted on the base of its first winding (1, 2, 3 for 1-2, 2-3, 3-1).
            z.append(try impedance(r: t.r[p], x: t.x[p], cz: t.cz, sbase: t.sbase[p], nomv: t.windings[p].nomv,
                                   busKV: busKV[p], systemBase: systemBase, pair: pair))
        }

        if !t.isThreeWinding {
            guard ratio(1) != 0 else {
                throw Failure(message: "WINDV2 is 0; expected the winding 2 ratio or voltage, a nonzero number")
            }
            let w1 = t.windings[0]
            guard z[0].r != 0 || z[0].x != 0 else {
                throw Failure(message: "zero impedance (R1-2 = X1-2 = 0); expected a nonzero R1-2 or X1-2 "
                    + "(the power flow divides by the impedance)")
            }
            return [Leg(r: z[0].r, x: z[0].x, ratio: nominalIfZero(ratio(0) / ratio(1)), shift: w1.angle, rateA: w1.rateA,
                        rateB: w1.rateB, rateC: w1.rateC, inService: t.status == 1)]
        }

        let (z12, z23, z31) = (z[0], z[1], z[2])
        let star = [
            ((z12.r + z31.r - z23.r) / 2, (z12.x + z31.x - z23.x) / 2),
            ((z12.r + z23.r - z31.r) / 2, (z12.x + z23.x - z31.x) / 2),
            ((z31.r + z23.r - z12.r) / 2, (z31.x + z23.x - z12.x) / 2),
        ]
        // STAT: 0 all out, 1 all in, 2 winding 2 out, 3 winding 3 out, 4 winding 1 out.
        let outOfService: [Set<Int>] = [[0, 4], [0, 2], [0, 3]]
        var legs: [Leg] = []
        for w in 0..<3 {
            let winding = t.windings[w]
            guard star[w].0 != 0 || star[w].1 != 0 else {
                throw Failure(message: "the star-equivalent impedance of winding \(w + 1) is zero (from R/X 1-2, 2-3, 3-1); "
                    + "expected a nonzero impedance (the power flow divides by it)")
            }
            legs.append(Leg(r: star[w].0, x: star[w].1, ratio: nominalIfZero(ratio(w)), shift: winding.angle, rateA: winding.rateA,
                            rateB: winding.rateB, rateC: winding.rateC, inService: !outOfService[w].contains(t.status)))
        }
        return legs
    }

    /// MATPOWER's reading of a branch `TAP`: 0 means the nominal ratio 1.
    static func nominalIfZero(_ ratio: Double) -> Double {
        ratio == 0 ? 1 : ratio
    }

    /// The magnetizing admittance in p.u. on the system base at the winding 1 bus.
    static func magnetizing(_ t: PSSETransformer, busKV: Double, systemBase: Double) throws(Failure) -> (g: Double, b: Double) {
        if t.cm == 1 { return (t.mag1, t.mag2) }
        let sbase = t.sbase[0]
        guard sbase > 0 else {
            throw Failure(message: "SBASE1-2 is \(PSSERawCase.format(sbase)); expected a positive base in MVA for the "
                + "magnetizing data (CM = 2)")
        }
        let g = 1e-6 * t.mag1 / sbase
        let square = t.mag2 * t.mag2 - g * g
        guard square >= 0 else {
            throw Failure(message: "MAG2 = \(PSSERawCase.format(t.mag2)) p.u. is smaller than the conductance the no-load loss "
                + "MAG1 = \(PSSERawCase.format(t.mag1)) W gives (\(g) p.u.); expected the exciting current (CM = 2)")
        }
        let b = -square.squareRoot()
        let nomv = nominal(t.windings[0], busKV: busKV)
        guard busKV > 0 || t.windings[0].nomv == 0 else {
            throw Failure(message: "the bus of winding 1 has BASKV 0; expected a positive base voltage to convert the "
                + "magnetizing admittance (CM = 2)")
        }
        let factor = t.windings[0].nomv == 0 ? sbase / systemBase : (sbase / systemBase) * (busKV * busKV) / (nomv * nomv)
        return (g * factor, b * factor)
    }
}
