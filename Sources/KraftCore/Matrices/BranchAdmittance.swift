/// The two-port admittances of one branch in MATPOWER's unified pi model (`makeYbus`):
///
///     Ys  = 1 / (r + jx),   t = ratio · e^{j·shift}
///     Yff = (Ys + jb/2) / |t|²,   Yft = −Ys / conj(t),   Ytf = −Ys / t,   Ytt = Ys + jb/2
///
/// An out-of-service branch has all four zero.
struct BranchAdmittance: Sendable {
    var ff: Complex
    var ft: Complex
    var tf: Complex
    var tt: Complex

    /// Branch `l` of `branches` as if in service.
    init(_ branches: BranchTable, _ l: Int) {
        self.init(r: branches.r[l], x: branches.x[l], b: branches.b[l], ratio: branches.ratio[l], shift: branches.shift[l],
                  inService: true)
    }

    init(r: Double, x: Double, b: Double, ratio: Double, shift: Double, inService: Bool) {
        guard inService else {
            ff = Complex(0); ft = Complex(0); tf = Complex(0); tt = Complex(0)
            return
        }
        let ys = Complex(1) / Complex(r, x)
        // cos(±0) = 1 and sin(±0) = ±0 exactly: most branches have no phase shift, and a cold
        // solve then calls no sine or cosine here.
        let t = shift == 0 ? Complex(ratio, ratio * shift) : Complex.polar(ratio, shift)
        tt = ys + Complex(0, b / 2)
        ff = Complex(tt.re / (ratio * ratio), tt.im / (ratio * ratio))
        ft = -ys / t.conjugate
        tf = -ys / t
    }
}
