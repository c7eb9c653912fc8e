/// Complex power flowing into each branch at both ends, `S_f = V_f conj(Yff V_f + Yft V_t)` and
/// `S_t = V_t conj(Ytf V_f + Ytt V_t)`, p.u.; zero for branches out of service.
public struct BranchFlows: Sendable {
    public var pf: [Double], qf: [Double], pt: [Double], qt: [Double]

    public init(pf: [Double], qf: [Double], pt: [Double], qt: [Double]) {
        self.pf = pf; self.qf = qf; self.pt = pt; self.qt = qt
    }

    public init(network: Network, vm: [Double], va: [Double]) {
        let v = RectangularVoltages(vm: vm, va: va)
        self.init(network: network, vr: v.vr, vi: v.vi)
    }

    /// The flows at bus voltages `vr + j vi`: each bus's voltage once (a branch end would
    /// otherwise take a cosine and a sine again), as two arrays of Double (an array of `Complex`
    /// costs a first-use metadata instantiation).
    init(network: Network, vr: [Double], vi: [Double]) {
        let br = network.branches
        let m = br.count
        pf = [Double](repeating: 0, count: m); qf = pf; pt = pf; qt = pf
        let from = br.from, to = br.to, r = br.r, x = br.x, b = br.b, ratio = br.ratio, shift = br.shift
        for l in 0..<m where br.status[l] {
            let y = BranchAdmittance(r: r[l], x: x[l], b: b[l], ratio: ratio[l], shift: shift[l], inService: true)
            let vf = Complex(vr[from[l]], vi[from[l]]), vt = Complex(vr[to[l]], vi[to[l]])
            let sf = vf * (y.ff * vf + y.ft * vt).conjugate
            let st = vt * (y.tf * vf + y.tt * vt).conjugate
            pf[l] = sf.re; qf[l] = sf.im
            pt[l] = st.re; qt[l] = st.im
        }
    }
}
