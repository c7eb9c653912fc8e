/// What every worker of an N-1 run shares, read-only: the base case solved, its bus roles and
/// injections, each branch's admittances and rating, the bridges, and the DC model.
final class ContingencyContext: @unchecked Sendable {
    let network: Network
    let options: ContingencyOptions
    let ybus: AdmittanceMatrix
    /// Per branch, its two-port admittances as if in service.
    let admittance: [BranchAdmittance]
    let bridges: [Bool]
    let classification: BusClassification
    /// Base-case bus roles.
    let roles: NewtonRaphsonKernel.Roles
    /// Base-case solution, the warm start (de-energised buses at 0).
    let warmVm: [Double], warmVa: [Double]
    /// Specified injections (generators in service at their set-points, minus demand), p.u.
    let pSpec: [Double], qSpec: [Double]
    let demandP: [Double]
    /// Base-case active flow at the from end and the larger reactive flow of the two ends, p.u.
    let baseP: [Double], baseQ: [Double]
    /// Ratings in use, p.u. (0: unrated).
    let rating: [Double]
    /// Base-case loading per branch (fraction of the rating, 0 unrated) and voltage magnitudes.
    private(set) var baseLoading: [Double]
    let baseVm: [Double]
    let dcSystem: DCSystem
    /// Nil when the DC matrix is singular (a branch of zero reactance): no DC screening then,
    /// every contingency goes to AC.
    let dcFactorization: DCFactorization?

    init(network: Network, options: ContingencyOptions, base: PowerFlowResult) {
        self.network = network
        self.options = options
        ybus = AdmittanceMatrix(network: network)
        let br = network.branches
        admittance = (0..<br.count).map { BranchAdmittance(br, $0) }
        bridges = BranchBridges.find(network: network)
        classification = BusClassification(network: network)
        roles = NewtonRaphsonKernel.Roles(classification, count: network.buses.count)
        warmVm = base.vm
        warmVa = base.va
        let demand = network.busDemand()
        demandP = demand.p
        var p = demand.p.map { -$0 }, q = demand.q.map { -$0 }
        let gens = network.generators
        for g in 0..<gens.count where gens.status[g] {
            p[gens.bus[g]] += gens.pg[g]
            q[gens.bus[g]] += gens.qg[g]
        }
        pSpec = p; qSpec = q
        baseP = base.pf
        baseQ = (0..<br.count).map { max(abs(base.qf[$0]), abs(base.qt[$0])) }
        rating = switch options.rating {
        case .a: br.rateA
        case .b: br.rateB
        case .c: br.rateC
        }
        baseVm = base.vm
        baseLoading = [Double](repeating: 0, count: br.count)
        dcSystem = DCSystem(network: network, ybus: ybus)
        dcFactorization = try? dcSystem.factor(options: options.sensitivity)
        for l in 0..<br.count where rating[l] > 0 {
            let sf = base.pf[l] * base.pf[l] + base.qf[l] * base.qf[l], st = base.pt[l] * base.pt[l] + base.qt[l] * base.qt[l]
            baseLoading[l] = max(sf, st).squareRoot() / rating[l]
        }
    }

    /// The outage causes or worsens an overload of branch `l` at `loading`.
    func worsens(branch l: Int, loading: Double) -> Bool {
        baseLoading[l] <= options.overloadThreshold || loading - baseLoading[l] > options.loadingWorsening
    }

    /// Branch flows, loadings and voltage violations of a solved state. Branches out of service,
    /// in `outaged`, or touching a de-energised bus carry nothing.
    func evaluateLoadings(vm: [Double], va: [Double], dead: Set<Int>, outaged: [Int])
        -> (flows: BranchFlows, overloads: [BranchLoading], violations: [VoltageViolation], maxLoading: Double, worst: Int?,
            lowestVm: Double?) {
        let br = network.branches, m = br.count, n = network.buses.count
        var live = [Bool](repeating: true, count: n)
        for i in dead { live[i] = false }
        var carries = br.status
        for l in outaged { carries[l] = false }
        var vr = [Double](repeating: 0, count: n), vi = vr
        for i in 0..<n { vr[i] = vm[i] * _cos(va[i]); vi[i] = vm[i] * _sin(va[i]) }
        var flows = BranchFlows(pf: [Double](repeating: 0, count: m), qf: [Double](repeating: 0, count: m),
                                pt: [Double](repeating: 0, count: m), qt: [Double](repeating: 0, count: m))
        var overloads = [BranchLoading]()
        var maxLoading = 0.0, worst: Int?
        for l in 0..<m where carries[l] && live[br.from[l]] && live[br.to[l]] {
            let f = br.from[l], t = br.to[l], y = admittance[l]
            let vf = Complex(vr[f], vi[f]), vt = Complex(vr[t], vi[t])
            let sf = vf * (y.ff * vf + y.ft * vt).conjugate
            let st = vt * (y.tf * vf + y.tt * vt).conjugate
            flows.pf[l] = sf.re; flows.qf[l] = sf.im; flows.pt[l] = st.re; flows.qt[l] = st.im
            let rate = rating[l]
            guard rate > 0 else { continue }
            let s = max(sf.magnitudeSquared, st.magnitudeSquared).squareRoot()
            let loading = s / rate
            if loading > maxLoading { maxLoading = loading; worst = l }
            if loading > options.overloadThreshold {
                overloads.append(BranchLoading(branch: l, loading: loading, flow: s, rating: rate, baseLoading: baseLoading[l],
                                               worsened: worsens(branch: l, loading: loading)))
            }
        }
        overloads.sort { $0.loading != $1.loading ? $0.loading > $1.loading : $0.branch < $1.branch }
        var violations = [VoltageViolation]()
        var lowestVm: Double?
        let buses = network.buses
        for i in 0..<n where live[i] && buses.type[i] != .isolated {
            lowestVm = min(lowestVm ?? vm[i], vm[i])
            let base = baseVm[i], worse = options.voltageWorsening
            if vm[i] < buses.vmin[i] - 1e-9 {
                let worsened = base >= buses.vmin[i] - 1e-9 || base - vm[i] > worse
                violations.append(VoltageViolation(bus: i, vm: vm[i], kind: .low, limit: buses.vmin[i], baseVm: base, worsened: worsened))
            } else if vm[i] > buses.vmax[i] + 1e-9 {
                let worsened = base <= buses.vmax[i] + 1e-9 || vm[i] - base > worse
                violations.append(VoltageViolation(bus: i, vm: vm[i], kind: .high, limit: buses.vmax[i], baseVm: base, worsened: worsened))
            }
        }
        violations.sort { $0.excess != $1.excess ? $0.excess > $1.excess : $0.bus < $1.bus }
        return (flows, overloads, violations, maxLoading, worst, lowestVm)
    }
}
