/// One case's time-series benchmark: `TimeSeriesPowerFlow` over hourly load factors, each hour
/// warm-started from the previous one, timed by Kraft's own clock (the case file's reading and
/// the factor file's are not in it). `kraft bench CASE --timeseries FACTORS.csv` prints it (the
/// table and JSON are KraftReport's); the peer harness compares it with lightsim2grid's
/// `TimeSeriesCPP` on the same factors.
public struct TimeSeriesBenchmark: Sendable {
    /// The voltages of one hour, kept for a comparison with another tool.
    public struct Sample: Sendable {
        public var hour: Int
        /// Magnitudes (p.u.) and angles (degrees), in the case file's bus order.
        public var vm: [Double]
        public var vaDegrees: [Double]
    }

    public var caseName: String
    public var buses: Int
    public var hours: Int
    public var convergedHours: Int
    /// Hours that did not converge (0-based), in order.
    public var failedHours: [Int]
    public var iterations: Int
    public var linearSolver: String
    /// Admittance matrix, bus classification, Jacobian pattern and the first start.
    public var setupMs: Double
    /// All hours (the first one includes the linear solver's symbolic analysis).
    public var hoursMs: Double
    public var hourMsMedian: Double
    public var hourMsMax: Double
    public var samples: [Sample]

    public var totalMs: Double { setupMs + hoursMs }

    public static func measure(network: Network, caseName: String, options: PowerFlowOptions, factors: [Double],
                               sampleHours: Set<Int> = []) throws(TimeSeriesPowerFlow.Unsupported) -> TimeSeriesBenchmark {
        var clock = Stopwatch()
        let series = try TimeSeriesPowerFlow(network: network, options: options)
        let setup = clock.lap()
        var perHour = [Double](repeating: 0, count: factors.count)
        var failed = [Int]()
        var samples = [Sample]()
        var iterations = 0
        let degrees = 180 / Double.pi
        for (h, factor) in factors.enumerated() {
            let hour = series.solve(loadFactor: factor)
            perHour[h] = clock.lap()
            iterations += hour.iterations
            if !hour.converged { failed.append(h) }
            if sampleHours.contains(h) {
                samples.append(Sample(hour: h, vm: series.state.vm, vaDegrees: series.state.va.map { $0 * degrees }))
                _ = clock.lap()  // copying the sample is not part of the solve
            }
        }
        let sorted = perHour.sorted()
        let median = sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return TimeSeriesBenchmark(
            caseName: caseName, buses: network.buses.count, hours: factors.count,
            convergedHours: factors.count - failed.count, failedHours: failed, iterations: iterations,
            linearSolver: series.linearSolverName, setupMs: setup, hoursMs: perHour.reduce(0, +),
            hourMsMedian: median, hourMsMax: sorted.last ?? 0, samples: samples)
    }
}
