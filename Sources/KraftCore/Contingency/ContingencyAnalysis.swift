import Dispatch

/// N-1 security analysis: a base-case AC power flow, a DC screening of every contingency with
/// line outage distribution factors, and AC verification by Newton–Raphson warm-started from the
/// base case on all contingencies or on the screened ones.
///
/// The AC solves share one symbolic factorization per worker thread: the admittance matrix keeps
/// every branch in its pattern, an outage subtracts its branches' admittances from their entries,
/// and the Newton kernel in its bus-block layout (`NewtonRaphsonKernel`) switches bus roles by masks, so even
/// outages that island part of the grid or take a bus's last generator reuse it. Under Q limits
/// or distributed slack each contingency is re-solved by a `PowerFlowSolver` per worker with the
/// outage taken out of its admittance matrix (MATPOWER's `runpf` on the outaged case), which
/// keeps the pattern and, in the bus-block layout, the kernel across contingencies. Contingencies
/// are spread over `options.threads` workers; each starts from the base case with a fresh
/// numeric factorization, so the results do not depend on the number of threads.
public struct ContingencyAnalysis: Sendable {
    public let network: Network
    public let options: ContingencyOptions

    public init(network: Network, options: ContingencyOptions = ContingencyOptions()) {
        self.network = network
        self.options = options
    }

    /// Why a contingency list cannot be run.
    public enum ListError: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownElements([Outage])

        public var description: String {
            switch self {
            case .unknownElements(let outages):
                "unknown elements: " + outages.map {
                    switch $0 {
                    case .branch(let l): "branch index \(l)"
                    case .generator(let g): "generator index \(g)"
                    }
                }.joined(separator: ", ")
            }
        }
    }

    /// Runs the base case and then every contingency of `contingencies`.
    public func run(_ contingencies: [Contingency]) throws(ListError) -> ContingencyReport {
        let unknown = contingencies.flatMap(\.outages).filter {
            switch $0 {
            case .branch(let l): !(0..<network.branches.count).contains(l)
            case .generator(let g): !(0..<network.generators.count).contains(g)
            }
        }
        guard unknown.isEmpty else { throw .unknownElements(unknown) }

        let wall = Stopwatch()
        var clock = Stopwatch()
        let base = PowerFlowSolver(network: network, options: options.powerFlow).solve()
        let baseTime = clock.lap()

        var report = ContingencyReport(contingencies: contingencies, base: base, baseOverloads: [], baseVoltageViolations: [],
                                       results: [], ranking: [], options: options, dcFactorization: "",
                                       timings: (baseTime, 0, 0, 0))
        guard base.converged else {
            report.timings.total = wall.elapsed
            return report
        }
        let context = ContingencyContext(network: network, options: options, base: base)
        report.dcFactorization = context.dcFactorization.map { $0.isDense ? "dense" : "klu" } ?? "none (singular)"
        let baseState = context.evaluateLoadings(vm: base.vm, va: base.va, dead: Set(base.deadBuses), outaged: [])
        report.baseOverloads = baseState.overloads
        report.baseVoltageViolations = baseState.violations
        report.timings.setup = clock.lap()

        let count = contingencies.count
        let threads = max(1, min(options.threads, count))
        let slots = ResultSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { w in
            let worker = ContingencyWorker(context: context)
            var c = w
            while c < count {
                slots.store(worker.evaluate(contingencies[c], index: c), at: c)
                c += threads
            }
        }
        report.results = (0..<count).map { slots.result(at: $0) ?? ContingencyResult(index: $0) }
        report.timings.contingencies = clock.lap()
        report.ranking = Self.rank(report.results)
        report.timings.total = wall.elapsed
        return report
    }

    /// Worst first (see `ContingencyReport.ranking`).
    static func rank(_ results: [ContingencyResult]) -> [Int] {
        func key(_ r: ContingencyResult) -> (Int, Int, Double, Double, Double) {
            let failed = r.ac.map { $0.converged ? 0 : 1 } ?? 0
            let voltage = r.ac?.voltageViolations.map(\.excess).max() ?? 0
            return (failed, r.hasViolation ? 1 : 0, r.maxLoading, voltage, r.islanding?.lostLoad ?? 0)
        }
        let keys = results.map(key)
        return results.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.0 != y.0 { return x.0 > y.0 }
            if x.1 != y.1 { return x.1 > y.1 }
            if x.2 != y.2 { return x.2 > y.2 }
            if x.3 != y.3 { return x.3 > y.3 }
            if x.4 != y.4 { return x.4 > y.4 }
            return a < b
        }
    }
}

/// Result slots the workers fill, each index by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<ContingencyResult?>

    init(count: Int) {
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ result: ContingencyResult, at i: Int) { slots[i] = result }
    func result(at i: Int) -> ContingencyResult? { slots[i] }
}

extension ContingencyResult {
    init(index: Int) { self.index = index }
}
