/// One thread's share of an N-1 run: its own Newton kernel (one symbolic analysis for all its
/// contingencies) and DC factorization, and the evaluation of one contingency at a time.
final class ContingencyWorker {
    let context: ContingencyContext
    private let kernel: NewtonRaphsonKernel
    private let dc: DCFactorization?
    /// The base case's factors for the first Newton step of a single-branch outage that keeps
    /// every bus's role (nil when the base Jacobian is singular).
    private let outageStep: OutageStep?
    /// The power-flow solver of the contingencies under Q limits or distributed slack.
    private lazy var fullSolver: PowerFlowSolver = {
        let solver = PowerFlowSolver(network: context.network, options: context.options.powerFlow)
        solver.freshFactorization = true
        return solver
    }()

    init(context: ContingencyContext) {
        self.context = context
        // The bus-block layout whatever the size: bus roles change by mask from outage to outage.
        kernel = NewtonRaphsonKernel(ybus: context.ybus, buses: context.classification, linearSolver: .block)
        kernel.freshFactorization = true
        dc = try? context.dcFactorization?.copy()
        outageStep = kernel.outageStep(at: NewtonRaphsonKernel.State(vm: context.warmVm, va: context.warmVa),
                                       pSpec: context.pSpec, qSpec: context.qSpec, roles: context.roles)
    }

    func evaluate(_ contingency: Contingency, index: Int) -> ContingencyResult {
        let network = context.network, br = network.branches, gens = network.generators
        var result = ContingencyResult(index: index)
        var branchesOut = [Int](), gensOut = [Int]()
        for outage in contingency.outages {
            switch outage {
            case .branch(let l):
                if br.status[l] && !branchesOut.contains(l) { branchesOut.append(l) } else { result.alreadyOut.append(outage) }
            case .generator(let g):
                if gens.status[g] && !gensOut.contains(g) { gensOut.append(g) } else { result.alreadyOut.append(outage) }
            }
        }

        // Bus roles after the outage: the base case's, unless the outage may island part of
        // the grid or leaves a bus without a generator in service.
        var generatorOn = gens.status
        for g in gensOut { generatorOn[g] = false }
        let losesLastGenerator = gensOut.contains { g in !(0..<gens.count).contains { generatorOn[$0] && gens.bus[$0] == gens.bus[g] } }
        let mayIsland = branchesOut.count > 1 || branchesOut.contains { context.bridges[$0] }
        var buses = context.classification
        var roles = context.roles
        if mayIsland || losesLastGenerator {
            var outaged = network
            for l in branchesOut { outaged.branches.status[l] = false }
            buses = BusClassification(network: outaged, generatorOn: generatorOn)
            roles = NewtonRaphsonKernel.Roles(buses, count: buses.island.count)
            let base = context.classification
            if buses.islandCount != base.islandCount || buses.dead != base.dead {
                let newlyDead = buses.dead.filter { !base.dead.contains($0) }
                let deadSet = Set(newlyDead)
                result.islanding = IslandingEffect(
                    islands: buses.islandCount, deadBuses: newlyDead,
                    newReferences: buses.ref.filter { !base.ref.contains($0) },
                    lostLoad: newlyDead.reduce(0) { $0 + context.demandP[$1] },
                    lostGeneration: (0..<gens.count).filter { generatorOn[$0] && deadSet.contains(gens.bus[$0]) }.reduce(0) { $0 + gens.pg[$1] })
            }
        }

        // Injections: the lost generators' output taken up by the pickup rule.
        var pSpec = context.pSpec, qSpec = context.qSpec
        var busChange = [(bus: Int, p: Double)]()
        var pickedUp = [(generator: Int, p: Double)]()
        for g in gensOut {
            pSpec[gens.bus[g]] -= gens.pg[g]
            qSpec[gens.bus[g]] -= gens.qg[g]
            busChange.append((gens.bus[g], -gens.pg[g]))
            let island = buses.island[gens.bus[g]]
            guard island >= 0 else { continue }
            let weight: (Int) -> Double = switch context.options.generatorPickup {
            case .reference: { _ in 0 }
            case .pmax: { gens.pmax[$0].isFinite ? max(gens.pmax[$0], 0) : 0 }
            case .weights(let w): { $0 < w.count ? max(w[$0], 0) : 0 }
            }
            let takers = (0..<gens.count).filter { generatorOn[$0] && buses.island[gens.bus[$0]] == island && weight($0) > 0 }
            let total = takers.reduce(0.0) { $0 + weight($1) }
            guard total > 0 else { continue }
            for j in takers {
                let share = gens.pg[g] * weight(j) / total
                pSpec[gens.bus[j]] += share
                busChange.append((gens.bus[j], share))
                pickedUp.append((j, share))
            }
        }

        var angleChange: [Double]?
        if result.islanding == nil {
            (result.dc, angleChange) = dcEstimate(branchesOut: branchesOut, busChange: busChange) ?? (nil, nil)
        }

        let verify = switch context.options.ac {
        case .all: true
        case .none: false
        case .screened: result.dc.map { $0.flagged > 0 } ?? true
        }
        if verify && context.options.needsPowerFlowSolver {
            result.ac = powerFlowSolve(branchesOut: branchesOut, generatorOn: generatorOn, pickedUp: pickedUp)
        } else if verify {
            // A single branch out with every bus keeping its role: Newton from the base case, its
            // first step on the base case's factors (`OutageStep`); otherwise from the base case
            // moved by the DC angle change, every step factored.
            let fromBase = branchesOut.count == 1 && gensOut.isEmpty && !mayIsland && !losesLastGenerator
            result.ac = acSolve(branchesOut: branchesOut, buses: buses, generatorOn: generatorOn, pSpec: pSpec, qSpec: qSpec,
                                roles: roles, angleChange: fromBase && outageStep != nil ? nil : angleChange,
                                firstStep: fromBase ? outageStep : nil)
        }
        return result
    }

    /// Base-case active flows moved by the generators' injection changes (one solve) and then by
    /// the branch outages (one solve per branch and a small dense system for several); also the
    /// DC angle change, which corrects the AC warm start.
    private func dcEstimate(branchesOut: [Int], busChange: [(bus: Int, p: Double)]) -> (DCEstimate, [Double])? {
        guard let dc else { return nil }
        let system = context.dcSystem, n = system.busCount, m = system.branchB.count
        let b = system.branchB, from = system.from, to = system.to
        var flow = context.baseP
        var angle = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n * max(1, branchesOut.count))
        do {
            if !busChange.isEmpty {
                for (bus, p) in busChange { y[bus] += p }
                try y.withUnsafeMutableBufferPointer { (v) throws(SensitivityError) in try dc.solve(v.baseAddress!, count: 1) }
                for l in 0..<m where b[l] != 0 { flow[l] += b[l] * (y[from[l]] - y[to[l]]) }
                for i in 0..<n { angle[i] = y[i] }
            }
            let k = branchesOut.count
            if k > 0 {
                for p in 0..<y.count { y[p] = 0 }
                for (j, l) in branchesOut.enumerated() { y[j * n + from[l]] += 1; y[j * n + to[l]] -= 1 }
                try y.withUnsafeMutableBufferPointer { (v) throws(SensitivityError) in try dc.solve(v.baseAddress!, count: k) }
                // (I − H_KK) z = f_K, then f += H_:K z.
                var matrix = [Double](repeating: 0, count: k * k), z = [Double](repeating: 0, count: k)
                for (r, l) in branchesOut.enumerated() {
                    z[r] = flow[l]
                    for j in 0..<k { matrix[r * k + j] = (r == j ? 1 : 0) - b[l] * (y[j * n + from[l]] - y[j * n + to[l]]) }
                }
                guard solveSmall(&matrix, &z, k) else { return nil }
                for l in 0..<m where b[l] != 0 {
                    var change = 0.0
                    for j in 0..<k { change += b[l] * (y[j * n + from[l]] - y[j * n + to[l]]) * z[j] }
                    flow[l] += change
                }
                for j in 0..<k { for i in 0..<n { angle[i] += y[j * n + i] * z[j] } }
                for l in branchesOut { flow[l] = 0 }
            }
        } catch {
            return nil
        }
        var estimate = DCEstimate(maxLoading: 0, worstBranch: nil, overloads: 0, worsenedOverloads: 0, flagged: 0)
        let options = context.options, baseLoading = context.baseLoading
        let rating = context.rating, q = context.baseQ
        for l in 0..<m where rating[l] > 0 && b[l] != 0 && !branchesOut.contains(l) {
            let loading = (flow[l] * flow[l] + q[l] * q[l]).squareRoot() / rating[l]
            if loading > estimate.maxLoading { estimate.maxLoading = loading; estimate.worstBranch = l }
            if loading > options.overloadThreshold {
                estimate.overloads += 1
                if context.worsens(branch: l, loading: loading) { estimate.worsenedOverloads += 1 }
            }
            if loading >= options.screeningThreshold
                && (baseLoading[l] < options.screeningThreshold || loading - baseLoading[l] > options.loadingWorsening) {
                estimate.flagged += 1
            }
        }
        return (estimate, angle)
    }

    /// Gaussian elimination with partial pivoting on a small row-major system; false if singular.
    private func solveSmall(_ a: inout [Double], _ x: inout [Double], _ k: Int) -> Bool {
        for c in 0..<k {
            var pivot = c
            for r in c + 1..<max(k, c + 1) where abs(a[r * k + c]) > abs(a[pivot * k + c]) { pivot = r }
            guard abs(a[pivot * k + c]) > 1e-12 else { return false }
            if pivot != c {
                for j in 0..<k { a.swapAt(c * k + j, pivot * k + j) }
                x.swapAt(c, pivot)
            }
            for r in c + 1..<max(k, c + 1) {
                let f = a[r * k + c] / a[c * k + c]
                for j in c..<k { a[r * k + j] -= f * a[c * k + j] }
                x[r] -= f * x[c]
            }
        }
        for c in stride(from: k - 1, through: 0, by: -1) {
            var s = x[c]
            for j in c + 1..<max(k, c + 1) { s -= a[c * k + j] * x[j] }
            x[c] = s / a[c * k + c]
        }
        return true
    }

    /// The AC solve under Q limits or distributed slack: the power-flow solver on the outaged
    /// network, as MATPOWER's `runpf` re-solving the outaged case, warm-started from the base case.
    private func powerFlowSolve(branchesOut: [Int], generatorOn: [Bool], pickedUp: [(generator: Int, p: Double)]) -> ACOutcome {
        var network = context.network
        network.generators.status = generatorOn
        for (g, p) in pickedUp { network.generators.pg[g] += p }
        network.buses.vm = context.warmVm
        network.buses.va = context.warmVa
        fullSolver.move(to: network)
        fullSolver.takeOut(branches: branchesOut)
        let r = fullSolver.solve()
        let retry = "retrying with "
        var ac = ACOutcome(converged: r.converged, failure: r.failure, iterations: r.iterations, maxMismatch: r.maxMismatch,
                           linearSolver: r.linearSolver,
                           attempts: r.notes.compactMap { note in note.firstRange(of: retry).map { String(note[$0.upperBound...]) } })
        ac.reactiveLimited = r.qLimitSwitches.map(\.generator)
        guard r.converged else { return ac }
        record(vm: r.vm, va: r.va, dead: r.deadBuses, branchesOut: branchesOut, in: &ac)
        return ac
    }

    private func acSolve(branchesOut: [Int], buses: BusClassification, generatorOn: [Bool], pSpec: [Double], qSpec: [Double],
                         roles: NewtonRaphsonKernel.Roles, angleChange: [Double]?, firstStep: OutageStep? = nil) -> ACOutcome {
        let ybus = context.ybus, options = context.options
        for l in branchesOut { kernel.remove(branch: l, context.admittance[l]) }
        defer { for l in branchesOut { kernel.restore(branch: l, from: ybus) } }
        var vm = context.warmVm, va = context.warmVa
        // The base case moved by the DC angle change of the outage: often one iteration fewer.
        if let angleChange { for i in 0..<va.count where roles.angleFree[i] { va[i] += angleChange[i] } }
        for i in buses.dead { vm[i] = 0; va[i] = 0 }
        let start = NewtonRaphsonKernel.State(vm: vm, va: va)
        var state = start
        var first: ((UnsafeMutableBufferPointer<Double>) -> Bool)?
        if let firstStep, let l = branchesOut.first,
           firstStep.prepare(from: context.network.branches.from[l], to: context.network.branches.to[l], context.admittance[l]) {
            first = { firstStep.solve($0) }
        }
        var outcome = kernel.solve(state: &state, pSpec: pSpec, qSpec: qSpec, roles: roles, tolerance: options.tolerance,
                                   maxIterations: options.maxIterations, firstStep: first, chord: options.chord)
        var factorizations = outcome.factorizations, chordSteps = outcome.chordSteps
        var attempts = [String]()
        if !outcome.converged && options.fallback {
            let caseStart = InitialVoltages.make(.case, network: context.network, buses: buses, generatorOn: generatorOn,
                                                 dcAngles: { [network = context.network] in network.buses.va })
            let retries = [("case start", NewtonRaphsonKernel.State(vm: caseStart.vm, va: caseStart.va), false), ("damped steps", start, true)]
            for (label, v0, damped) in retries where !outcome.converged {
                attempts.append(label)
                state = v0
                outcome = kernel.solve(state: &state, pSpec: pSpec, qSpec: qSpec, roles: roles, tolerance: options.tolerance,
                                       maxIterations: damped ? 4 * options.maxIterations : options.maxIterations,
                                       damped: damped)
                factorizations += outcome.factorizations
                chordSteps += outcome.chordSteps
            }
        }
        var ac = ACOutcome(converged: outcome.converged, failure: outcome.failure, iterations: outcome.iterations,
                           maxMismatch: outcome.maxMismatch, factorizations: factorizations, chordSteps: chordSteps,
                           linearSolver: outcome.linearSolver, attempts: attempts)
        guard outcome.converged else { return ac }
        vm = state.vm; va = state.va
        for i in buses.dead { vm[i] = 0; va[i] = 0 }
        for i in 0..<va.count where va[i] > .pi || va[i] <= -.pi {
            va[i] -= 2 * .pi * ((va[i] + .pi) / (2 * .pi)).rounded(.down)
            if va[i] <= -.pi { va[i] += 2 * .pi }
        }
        record(vm: vm, va: va, dead: buses.dead, branchesOut: branchesOut, in: &ac)
        return ac
    }

    /// The overloads and voltage violations of a converged outage state, and the state itself
    /// when solutions are kept.
    private func record(vm: [Double], va: [Double], dead: [Int], branchesOut: [Int], in ac: inout ACOutcome) {
        let loadings = context.evaluateLoadings(vm: vm, va: va, dead: Set(dead), outaged: branchesOut)
        ac.overloads = loadings.overloads
        ac.voltageViolations = loadings.violations
        ac.maxLoading = loadings.maxLoading
        ac.worstBranch = loadings.worst
        ac.lowestVm = loadings.lowestVm
        if context.options.keepSolutions {
            ac.vm = vm
            ac.va = va
            ac.flows = loadings.flows
        }
    }
}
