import KraftCore
import Testing

/// The load-scaled time series: each warm-started hour against an independent cold solve of the
/// case with its loads scaled by hand.
@Suite("Time-series power flow")
struct TimeSeriesPowerFlowTests {
    /// The case with every load's P and Q multiplied by `factor`.
    private func scaled(_ network: Network, _ factor: Double) -> Network {
        var n = network
        n.loads.p = n.loads.p.map { $0 * factor }
        n.loads.q = n.loads.q.map { $0 * factor }
        return n
    }

    @Test("every hour equals a cold solve of the scaled case", arguments: ["case30", "case118"])
    func agreesWithColdSolves(name: String) throws {
        let network = try Paths.network(name)
        var options = PowerFlowOptions()
        options.tolerance = 1e-11
        let series = try TimeSeriesPowerFlow(network: network, options: options)
        for factor in [1.0, 0.8, 0.95, 0.7, 1.1] {
            let hour = series.solve(loadFactor: factor)
            #expect(hour.converged)
            let cold = PowerFlowSolver(network: scaled(network, factor), options: options).solve()
            #expect(cold.converged)
            #expect(maxDifference(series.state.vm, cold.vm) < 1e-8, "\(name) factor \(factor): Vm")
            #expect(maxDifference(series.state.va, cold.va) < 1e-8, "\(name) factor \(factor): Va")
        }
    }

    @Test("an hour starts from the previous hour's solution")
    func warmStart() throws {
        let series = try TimeSeriesPowerFlow(network: try Paths.network("case118"), options: PowerFlowOptions())
        let first = series.solve(loadFactor: 0.9)
        #expect(first.converged && first.iterations > 0)
        // The same load again: the previous solution already satisfies it.
        #expect(series.solve(loadFactor: 0.9).iterations == 0)
        let next = series.solve(loadFactor: 0.91)
        #expect(next.converged && next.iterations < first.iterations)
    }

    @Test("options the driver does not do are refused with a reason")
    func unsupported() throws {
        let network = try Paths.network("case9")
        var q = PowerFlowOptions()
        q.enforceQLimits = true
        var dc = PowerFlowOptions()
        dc.method = .dc
        var slack = PowerFlowOptions()
        slack.slack = .distributedByPmax
        for (options, reason) in [(q, "reactive limits"), (dc, "Newton–Raphson only"), (slack, "single slack")] {
            #expect { try TimeSeriesPowerFlow(network: network, options: options) } throws: { error in
                (error as? TimeSeriesPowerFlow.Unsupported)?.description.contains(reason) == true
            }
        }
    }
}
