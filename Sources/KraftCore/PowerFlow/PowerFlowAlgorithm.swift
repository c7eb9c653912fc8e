/// One round's power-flow equations, the value every method solves: the admittances, the bus
/// roles, the slack participation, the specified injections and the starting point.
/// `PowerFlowSolver.solve` builds one per round of reactive-limit enforcement.
struct PowerFlowEquations {
    let network: Network
    let ybus: AdmittanceMatrix
    let buses: BusClassification
    /// Per bus, its share of a distributed slack; nil under a single slack.
    let participation: [Double]?
    let pSpec: [Double], qSpec: [Double]
    let generatorOn: [Bool]
    /// DC angles of these equations, for a fallback that starts from them.
    let dcAngles: () -> [Double]
    /// The starting point: the previous round's solution, or the initial point.
    let vm: [Double], va: [Double], slackShare: [Double]
}

/// What one solve of the equations gives the round: the voltages, the slack shares, how it went,
/// the linear back-end that really solved, its timings and notes, and (DC) what the reference
/// buses' generators take up.
struct RoundSolution {
    var vm: [Double], va: [Double], slackShare: [Double]
    var outcome: NewtonRaphsonKernel.Outcome
    var linearSolver: String
    var timings = PhaseTimings()
    var notes: [String] = []
    /// DC only: per reference bus of the equations (in the order of `buses.ref`), the injection
    /// its angles require less the specified one, p.u. Plain doubles: an array of tuples, or of a
    /// struct of ours, has its type metadata built by the runtime from the mangled name at first
    /// use (about 20,000 and 6,000 instructions of a 118-bus cold solve, for an empty array).
    var referenceCorrection: [Double] = []
}

/// A way of solving the power-flow equations once: Newton–Raphson (`NewtonRaphsonMethod`, with
/// `NewtonFallbackChain` around it), fast-decoupled (`FastDecoupledMethod`) or DC (`DCMethod`).
/// Reactive-limit enforcement and the slack distribution are steps of `PowerFlowSolver` around it.
protocol PowerFlowAlgorithm {
    func solve(_ equations: PowerFlowEquations) -> RoundSolution
}

extension PowerFlowSolver {
    /// The configured method for these equations (Newton–Raphson on the kernel kept for their
    /// classification, inside the fallback chain when `options.fallback` is on).
    func algorithm(for e: PowerFlowEquations) -> any PowerFlowAlgorithm {
        switch options.method {
        case .nr:
            let newton = NewtonRaphsonMethod(kernel: nrKernel(ybus: e.ybus, buses: e.buses, participation: e.participation,
                                                              choice: options.linearSolver),
                                             tolerance: options.tolerance, maxIterations: options.iterationLimit)
            return options.fallback ? NewtonFallbackChain(newton: newton, initialPoint: options.initialPoint) : newton
        case .fdxb, .fdbx:
            return FastDecoupledMethod(xb: options.method == .fdxb, tolerance: options.tolerance,
                                       maxIterations: options.iterationLimit, linearSolver: options.linearSolver)
        case .dc:
            return DCMethod(linearSolver: options.linearSolver)
        }
    }
}
