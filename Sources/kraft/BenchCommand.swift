import ArgumentParser
import KraftCore
import KraftIO
import KraftReport

/// `kraft bench`: per-phase solve timings, cold and with the symbolic analysis reused.
struct BenchCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time power-flow solves per phase (parse, Ybus, analyze, factor, iterate).",
        discussion: """
        The first (cold) solve includes building Ybus and the symbolic analysis; the repeats reuse \
        both and start from the same initial point, so they do the same iterations. Times are \
        medians over the repeats, in milliseconds.

        With --timeseries FACTORS.csv, each case is solved once per hour of the file instead \
        (lines 'HOUR,FACTOR' after the header 'hour,factor'): all loads, P and Q, scaled by the \
        hour's factor, generator set-points fixed, Newton–Raphson warm-started from the previous \
        hour, admittance matrix and symbolic factorization built once. It prints the setup, total \
        and per-hour times and the number of converged hours.
        """
    )

    @Argument(help: "Case files.")
    var cases: [String]

    @Option(help: "Number of repeated solves per case.")
    var `repeat`: Int = 10

    @Option(help: ArgumentHelp("Time a load-scaled time series instead: one solve per hour of FILE (header 'hour,factor').", valueName: "file"))
    var timeseries: String?

    @Option(help: ArgumentHelp("With --timeseries: put the voltages of these 0-based hours (comma-separated) in the JSON.", valueName: "hours"))
    var sampleHours: String?

    @OptionGroup var solver: SolverOptions

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1, got \(`repeat`)") }
        if sampleHours != nil && timeseries == nil { throw ValidationError("--sample-hours needs --timeseries") }
        _ = try samples()
    }

    /// The hours of --sample-hours.
    private func samples() throws -> Set<Int> {
        guard let sampleHours else { return [] }
        var hours = Set<Int>()
        for field in sampleHours.split(separator: ",", omittingEmptySubsequences: false) {
            guard let h = Int(field), h >= 0 else {
                throw ValidationError("--sample-hours: '\(field)' is not an hour (expected comma-separated integers ≥ 0)")
            }
            hours.insert(h)
        }
        return hours
    }

    func run() throws {
        if let timeseries { return try runTimeSeries(factorsPath: timeseries) }
        var rows = [BenchmarkRow]()
        for path in cases {
            let file = try loadCase(path)
            rows.append(BenchmarkRow.measure(network: file.network, caseName: file.name, parseMs: file.readMilliseconds,
                                             options: try solver.powerFlowOptions(for: file.network), repeats: `repeat`))
            if !rows.last!.converged { printError("\(path): power flow did not converge") }
        }
        print(format == .json ? BenchmarkRow.json(rows) : BenchmarkRow.table(rows), terminator: "")
        if rows.contains(where: { !$0.converged }) { throw ExitStatus.failed }
    }

    private func runTimeSeries(factorsPath: String) throws {
        let factors: [Double]
        do { factors = try LoadFactorsFile.read(path: factorsPath) } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        let sampled = try samples()
        if let beyond = sampled.first(where: { $0 >= factors.count }) {
            printError("--sample-hours: hour \(beyond) is beyond the \(factors.count) hours of \(factorsPath) (expected 0 to \(factors.count - 1))")
            throw ExitStatus.badInput
        }
        var rows = [TimeSeriesBenchmark]()
        for path in cases {
            let file = try loadCase(path)
            do {
                rows.append(try TimeSeriesBenchmark.measure(network: file.network, caseName: file.name,
                                                            options: try solver.powerFlowOptions(for: file.network),
                                                            factors: factors, sampleHours: sampled))
            } catch let error as TimeSeriesPowerFlow.Unsupported {
                printError("--timeseries: \(error.description)")
                throw ExitStatus.badInput
            }
            if rows.last!.convergedHours < factors.count {
                printError("\(path): \(factors.count - rows.last!.convergedHours) of \(factors.count) hours did not converge")
            }
        }
        print(format == .json ? TimeSeriesBenchmark.json(rows) : TimeSeriesBenchmark.table(rows), terminator: "")
        if rows.contains(where: { $0.convergedHours < $0.hours }) { throw ExitStatus.failed }
    }
}
