#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast-decoupled power flow as MATPOWER's `fdpf`, in its XB and BX versions.
///
/// Alternating half-iterations solve `B′ Δθ = −ΔP/|V|` over PV and PQ buses and
/// `B″ Δ|V| = −ΔQ/|V|` over PQ buses, with constant matrices factored once (MATPOWER's `makeB`):
/// B′ ignores shunts, line charging and tap magnitudes; B″ ignores phase shifts; the XB version
/// also drops resistance in B′, the BX version in B″.
enum FastDecoupled {
    struct Outcome {
        var vm: [Double]
        var va: [Double]
        var converged: Bool
        var iterations: Int
        var failure: PowerFlowFailure?
        var timings = PhaseTimings()
        var linearSolver = ""
    }

    static func solve(network: Network, ybus: AdmittanceMatrix, buses: BusClassification, xb: Bool,
                      pSpec: [Double], qSpec: [Double], vm vm0: [Double], va va0: [Double],
                      tolerance: Double, maxIterations: Int, linearSolver: LinearSolverChoice) -> Outcome {
        var clock = Stopwatch()
        var timings = PhaseTimings()
        let n = network.buses.count
        let shunt = network.busShunt()
        var primeBranches = network.branches, doublePrimeBranches = network.branches
        for l in 0..<primeBranches.count {
            primeBranches.b[l] = 0
            primeBranches.ratio[l] = 1
            if xb { primeBranches.r[l] = 0 } else { doublePrimeBranches.r[l] = 0 }
            doublePrimeBranches.shift[l] = 0
        }
        let bPrime = AdmittanceMatrix(busCount: n, branches: primeBranches, shuntG: shunt.g,
                                      shuntB: [Double](repeating: 0, count: n))
        let bDoublePrime = AdmittanceMatrix(busCount: n, branches: doublePrimeBranches, shuntG: shunt.g, shuntB: shunt.b)
        let pvpq = (buses.pv + buses.pq).sorted(), pq = buses.pq
        let subP = PrincipalSubmatrix(of: bPrime.pattern, keep: pvpq)
        let subQ = PrincipalSubmatrix(of: bDoublePrime.pattern, keep: pq)
        timings.ybus = clock.lap()

        var vm = vm0, va = va0
        let solverP = linearSolver.make(size: pvpq.count), solverQ = linearSolver.make(size: pq.count)
        func fail(_ failure: PowerFlowFailure, _ iterations: Int) -> Outcome {
            timings.iterate += clock.lap()
            return Outcome(vm: vm, va: va, converged: false, iterations: iterations, failure: failure, timings: timings,
                           linearSolver: solverP.name)
        }
        do {
            try solverP.analyze(subP.pattern)
            try solverQ.analyze(subQ.pattern)
            timings.analyze = clock.lap()
            try subP.gather(bPrime.b, scale: -1).withUnsafeBufferPointer { v throws(LinearSolverError) in try solverP.factor(v) }
            if !pq.isEmpty {
                try subQ.gather(bDoublePrime.b, scale: -1).withUnsafeBufferPointer { v throws(LinearSolverError) in try solverQ.factor(v) }
            }
            timings.factor = clock.lap()
        } catch {
            return fail(.singularJacobian(worstBuses: []), 0)
        }

        var dp = [Double](repeating: 0, count: pvpq.count), dq = [Double](repeating: 0, count: pq.count)
        func mismatch() -> (p: Double, q: Double) {
            let s = ybus.injections(vm: vm, va: va)
            var np = 0.0, nq = 0.0
            for (r, i) in pvpq.enumerated() { dp[r] = (s.p[i] - pSpec[i]) / vm[i]; np = max(np, abs(dp[r])) }
            for (r, i) in pq.enumerated() { dq[r] = (s.q[i] - qSpec[i]) / vm[i]; nq = max(nq, abs(dq[r])) }
            if dp.contains(where: \.isNaN) || dq.contains(where: \.isNaN) { return (.nan, .nan) }
            return (np, nq)
        }
        func worst() -> [BusMismatch] {
            var w = pvpq.enumerated().map { BusMismatch(bus: $1, p: dp[$0] * vm[$1], q: 0) }
            for (r, i) in pq.enumerated() { w[pvpq.firstIndex(of: i)!].q = dq[r] * vm[i] }
            return Array(w.sorted { $0.magnitude > $1.magnitude }.prefix(5))
        }
        var norms = mismatch()
        let initial = max(norms.p, norms.q)
        func converged() -> Bool { norms.p < tolerance && norms.q < tolerance }
        var iterations = 0
        do {
            while !converged() {
                if !(norms.p.isFinite && norms.q.isFinite) { return fail(.notANumber(worstBuses: worst()), iterations) }
                if iterations >= maxIterations {
                    let f: PowerFlowFailure = max(norms.p, norms.q) > initial ? .diverging(worstBuses: worst()) : .iterationLimit(worstBuses: worst())
                    return fail(f, iterations)
                }
                iterations += 1
                try dp.withUnsafeMutableBufferPointer { b throws(LinearSolverError) in try solverP.solve(b) }
                for (r, i) in pvpq.enumerated() { va[i] -= dp[r] }
                norms = mismatch()
                if converged() || pq.isEmpty { continue }
                try dq.withUnsafeMutableBufferPointer { b throws(LinearSolverError) in try solverQ.solve(b) }
                for (r, i) in pq.enumerated() { vm[i] -= dq[r] }
                norms = mismatch()
            }
        } catch {
            return fail(.singularJacobian(worstBuses: worst()), iterations)
        }
        timings.iterate += clock.lap()
        return Outcome(vm: vm, va: va, converged: true, iterations: iterations, timings: timings, linearSolver: solverP.name)
    }
}
