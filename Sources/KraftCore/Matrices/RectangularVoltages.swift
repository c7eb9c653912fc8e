/// Bus voltages in rectangular form, `V = |V| cos θ + j |V| sin θ`, with the polar values they
/// were computed from.
///
/// A solve's final injections and its branch flows take the same voltages: the flows reuse these
/// wherever a bus's magnitude and angle are bit for bit those they were computed from, and take a
/// cosine and a sine only where the angle was moved in between (wrapped to (−π, π], shifted back
/// to the original reference, a dead bus zeroed) — a cosine and a sine per bus fewer, the same
/// numbers. A class, so that an optional of it is a pointer (an optional struct of arrays has its
/// type metadata built by the runtime at first use).
final class RectangularVoltages {
    let vm: [Double], va: [Double]
    let vr: [Double], vi: [Double]

    init(vm: [Double], va: [Double]) {
        var vr = [Double](repeating: 0, count: vm.count), vi = vr
        for k in 0..<vm.count {
            vr[k] = vm[k] * _cos(va[k])
            vi[k] = vm[k] * _sin(va[k])
        }
        self.vm = vm; self.va = va
        self.vr = vr; self.vi = vi
    }

    /// The voltages at `vm`, `va`: these where both are bit for bit the ones they were computed
    /// from, computed afresh elsewhere.
    func at(vm: [Double], va: [Double]) -> (vr: [Double], vi: [Double]) {
        var vr = self.vr, vi = self.vi
        for k in 0..<vm.count where vm[k].bitPattern != self.vm[k].bitPattern || va[k].bitPattern != self.va[k].bitPattern {
            vr[k] = vm[k] * _cos(va[k])
            vi[k] = vm[k] * _sin(va[k])
        }
        return (vr, vi)
    }
}
