import Foundation
import KraftCore
import Testing

/// N-1's chord iteration (`ContingencyOptions.chord`): a single branch outage solves its Newton
/// steps on the base case's factors with the outage as a rank-4 update for as long as each step
/// cuts the mismatch by the policy's ratio, then factors. Checked against fresh full Newton
/// re-solves of the outaged networks (no base factors, no update), against the run without the
/// chord (the first step alone on the base factors), and for its fall-back to Newton.
@Suite("N-1 chord iteration on the base factors")
struct ContingencyChordTests {
    static func run(_ network: Network, chord: NewtonRaphsonKernel.ChordPolicy?) throws -> ContingencyReport {
        var o = ContingencyOptions()
        o.keepSolutions = true
        o.threads = 1
        o.chord = chord
        return try ContingencyAnalysis(network: network, options: o).run(Contingency.branchOutages(of: network))
    }

    @Test("each outage state as a fresh Newton solve of the outaged network, with fewer factorizations than Newton's",
          arguments: ["case118", "case300"])
    func againstFreshSolves(caseName: String) throws {
        let network = try Paths.network(caseName)
        let chord = try Self.run(network, chord: ContingencyOptions.defaultChord)
        let newton = try Self.run(network, chord: nil)
        var compared = 0, worst = 0.0
        for (l, r) in chord.results.enumerated() where r.islanding == nil {
            let ac = try #require(r.ac)
            var outaged = network
            outaged.branches.status[l] = false
            let fresh = ContingencyTests.resolve(outaged)
            #expect(ac.converged == fresh.converged, "branch \(l + 1)")
            #expect(ac.converged == newton.results[l].ac?.converged, "branch \(l + 1)")
            guard ac.converged, fresh.converged, let flows = ac.flows else { continue }
            // Both stop below 1e-8 p.u. of mismatch: their states differ by less than that
            // through the inverse Jacobian.
            let d = ContingencyTests.flowDifference(flows, fresh) * network.baseMVA
            #expect(d < 1e-4, "branch \(l + 1): |Δflow| \(d) MVA")
            #expect(maxDifference(ac.vm ?? [], fresh.vm) < 1e-7, "branch \(l + 1)")
            #expect(ac.maxMismatch < 1e-8)
            worst = max(worst, d)
            compared += 1
        }
        #expect(compared > network.branches.count / 2)
        let chordSteps = chord.results.reduce(0) { $0 + ($1.ac?.chordSteps ?? 0) }
        let factorizations = chord.results.reduce(0) { $0 + ($1.ac?.factorizations ?? 0) }
        let newtonFactorizations = newton.results.reduce(0) { $0 + ($1.ac?.factorizations ?? 0) }
        #expect(chordSteps > 0)
        #expect(newton.results.allSatisfy { ($0.ac?.chordSteps ?? 0) == 0 })
        #expect(factorizations < newtonFactorizations)
        #expect(chord.acFactorizations == factorizations)
        // The same overloads (in the same order) and violations as without the chord; buses
        // whose voltages tie to the last bits may swap places in the violation list.
        for (a, b) in zip(chord.results, newton.results) {
            #expect(a.ac?.overloads.map(\.branch) == b.ac?.overloads.map(\.branch))
            #expect(Set(a.ac?.voltageViolations.map(\.bus) ?? []) == Set(b.ac?.voltageViolations.map(\.bus) ?? []))
        }
        if ProcessInfo.processInfo.environment["KRAFT_TEST_VERBOSE"] != nil {
            print("\(caseName): \(compared) outages, largest |Δflow| \(worst) MVA; factorizations \(newtonFactorizations) → \(factorizations), chord steps \(chordSteps)")
        }
    }

    @Test("a chord that stalls hands over to Newton: one chord step at most, the same convergence, fresh-solve states",
          arguments: ["case118", "case300"])
    func stallFallsBackToNewton(caseName: String) throws {
        let network = try Paths.network(caseName)
        // No chord step cuts the mismatch by a ratio of 0: the first one ends the chord.
        let stalling = try Self.run(network, chord: .init(maxSteps: 6, maxRatio: 0))
        let newton = try Self.run(network, chord: nil)
        var handedOver = 0
        for (l, (r, n)) in zip(stalling.results, newton.results).enumerated() {
            let ac = try #require(r.ac)
            #expect(ac.chordSteps <= 1, "branch \(l + 1)")
            #expect(ac.converged == n.ac?.converged, "branch \(l + 1)")
            // Newton after the stall (unless the stalled step, kept for reducing the mismatch
            // at all, already met the tolerance).
            if ac.chordSteps == 1 && ac.converged && ac.factorizations >= 1 { handedOver += 1 }
            guard ac.converged, let flows = ac.flows, let nf = n.ac?.flows else { continue }
            #expect(maxDifference(flows.pf, nf.pf) * network.baseMVA < 1e-4, "branch \(l + 1)")
        }
        #expect(handedOver > 0)
        // At most one step on the base factors after the first: with maxSteps 1 the chord ends
        // after one step however good.
        let oneStep = try Self.run(network, chord: .init(maxSteps: 1, maxRatio: 0.5))
        #expect(oneStep.results.allSatisfy { ($0.ac?.chordSteps ?? 0) <= 1 })
        #expect(oneStep.acFailures == newton.acFailures)
    }

    @Test("a heavily loaded grid, outages far from the base point: the same convergence as Newton, states within tolerance")
    func heavilyLoaded() throws {
        // case300 with load and generation scaled up: outages move the state further, where the
        // base Jacobian's steps contract less and the chord hands over to Newton more often.
        var network = try Paths.network("case300")
        for i in 0..<network.loads.count { network.loads.p[i] *= 1.25; network.loads.q[i] *= 1.25 }
        for g in 0..<network.generators.count { network.generators.pg[g] *= 1.25 }
        let chord = try Self.run(network, chord: .init(maxSteps: 6, maxRatio: 0.5))
        let newton = try Self.run(network, chord: nil)
        #expect(chord.results.map { $0.ac?.converged } == newton.results.map { $0.ac?.converged })
        for (a, b) in zip(chord.results, newton.results) {
            guard let fa = a.ac?.flows, let fb = b.ac?.flows else { continue }
            #expect(maxDifference(fa.pf, fb.pf) * network.baseMVA < 1e-4)
        }
    }
}
