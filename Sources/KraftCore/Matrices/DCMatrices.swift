/// The DC power-flow model of MATPOWER's `makeBdc`: branch susceptance `b = 1 / (x · ratio)`,
/// `Bbus = Cftᵀ Bf`, and the constant injections phase shifters add, `Pf,inj = −b · shift` at the
/// from end and its opposite at the to end. Built on the admittance matrix's pattern.
struct DCMatrices: Sendable {
    let pattern: SparsePattern
    var bbus: [Double]
    /// Per branch susceptance (0 out of service) and phase-shift injection, p.u.
    var branchB: [Double]
    var pfInjection: [Double]
    /// Per bus injection from phase shifters, p.u.
    var busInjection: [Double]

    init(network: Network, ybus: AdmittanceMatrix) {
        let br = network.branches
        pattern = ybus.pattern
        bbus = [Double](repeating: 0, count: pattern.nonzeros)
        branchB = [Double](repeating: 0, count: br.count)
        pfInjection = branchB
        busInjection = [Double](repeating: 0, count: network.buses.count)
        for l in 0..<br.count where br.status[l] {
            let b = 1 / br.dcReactance(l)
            branchB[l] = b
            bbus[Int(ybus.branchFF[l])] += b
            bbus[Int(ybus.branchTT[l])] += b
            bbus[Int(ybus.branchFT[l])] -= b
            bbus[Int(ybus.branchTF[l])] -= b
            pfInjection[l] = -b * br.shift[l]
            busInjection[br.from[l]] += pfInjection[l]
            busInjection[br.to[l]] -= pfInjection[l]
        }
    }
}
