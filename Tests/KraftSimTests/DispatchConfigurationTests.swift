import Foundation
import KraftCore
import KraftSim
import Testing

/// CLP's settings change the path to the optimum, not the optimum: on a day of Nordic44 with
/// binding branch limits and hydro in zonal budgets, every combination of algorithm, presolve and
/// perturbation that solves without scaling (as Kraft does) reaches the default's cost, none finds
/// a cheaper one, and the same day without branch limits (a relaxation) costs less. (The timing of these settings on a 168-hour week,
/// once measured by a test here, is in Benchmarks/RESULTS.md; timing is not a unit test's job.)
@Suite struct DispatchConfigurationTests {
    @Test("every CLP configuration that solves reaches the default's optimum; dropping branch limits costs no more")
    func sameOptimum() throws {
        // Every branch limited to 80 % of its unlimited peak flow, hydro in zonal budgets.
        var p = try DispatchTestProblems.nordic44Limited(hours: 24, limitShare: 0.8)
        let reference = try DispatchLP.solve(p)
        #expect(reference.costEUR > 0)
        var solved = 0
        var failed = [String]()
        for algorithm in ClpOptions.Algorithm.allCases {
            for presolve in [false, true] {
                for scaling: Int32 in [0, 3] {
                    for perturbation: Int32 in [50, 100] {
                        var o = ClpOptions()
                        o.algorithm = algorithm; o.presolve = presolve; o.scaling = scaling; o.perturbation = perturbation
                        let label = "\(algorithm.rawValue), presolve \(presolve ? "on" : "off"), scaling \(scaling), perturbation \(perturbation)"
                        // CLP may give up on a feasible LP in some settings (RESULTS.md: primal with
                        // automatic scaling and perturbation on the week): an error, never a wrong optimum.
                        do {
                            let s = try DispatchLP.solve(p, options: o)
                            solved += 1
                            let what = "\(label): \(s.costEUR) EUR against \(reference.costEUR) EUR"
                            // No setting finds a cheaper dispatch of the same LP than the default.
                            #expect(s.costEUR >= reference.costEUR * (1 - 1e-6), "\(what)")
                            if scaling == 0 {
                                #expect(abs(s.costEUR - reference.costEUR) <= 1e-6 * abs(reference.costEUR), "\(what)")
                            } else {
                                // CLP's automatic scaling applies its tolerances to the scaled problem: the
                                // dual simplex without presolve, perturbation 50, stops 0.6 % above the
                                // optimum on this day (CLP 1.17). Kraft does not scale (ClpOptions).
                                withKnownIssue("automatic scaling may stop above the optimum", isIntermittent: true) {
                                    #expect(abs(s.costEUR - reference.costEUR) <= 1e-6 * abs(reference.costEUR), "\(what)")
                                }
                            }
                        } catch {
                            failed.append("\(label): \(error)")
                        }
                    }
                }
            }
        }
        #expect(failed.count <= 2, "\(failed)")
        #expect(solved + failed.count == 16)
        p.enforceBranchLimits = false
        let unlimited = try DispatchLP.solve(p)
        #expect(unlimited.costEUR <= reference.costEUR * (1 + 1e-9))
        #expect(unlimited.costEUR < reference.costEUR, "the limits must bind for the comparison to mean anything")
    }
}
