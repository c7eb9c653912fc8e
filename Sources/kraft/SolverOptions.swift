import ArgumentParser
import KraftCore
import KraftIO

extension PowerFlowMethod: ExpressibleByArgument {}
extension InitialPoint: ExpressibleByArgument {}
extension LinearSolverChoice: ExpressibleByArgument {}

/// Reactive limits and the slack: options of `pf`, `bench` and `contingency`.
struct BalanceOptions: ParsableArguments {
    @Flag(help: "Enforce generator reactive limits (PV→PQ switching, as MATPOWER's pf.enforce_q_lims = 1).")
    var enforceQLimits = false

    @Flag(help: "Share the slack among generators in service in proportion to their Pmax.")
    var distributedSlack = false

    @Option(help: ArgumentHelp("Share the slack by the weights in FILE (lines 'GEN,WEIGHT', GEN the 1-based generator row).", valueName: "file"))
    var slackWeights: String?

    func validate() throws {
        if distributedSlack && slackWeights != nil {
            throw ValidationError("--distributed-slack (by Pmax) and --slack-weights are alternatives; give one")
        }
    }

    /// The slack for `network`, reading the slack-weights file when one is named.
    func slack(for network: Network) throws -> SlackMode {
        guard let slackWeights else { return distributedSlack ? .distributedByPmax : .single }
        do {
            return .distributed(weights: try SlackWeightsFile.read(path: slackWeights, generatorCount: network.generators.count))
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
    }
}

/// The solver options `pf` and `bench` share.
struct SolverOptions: ParsableArguments {
    @Option(help: "Solution method: nr (Newton–Raphson), fdxb, fdbx (fast-decoupled) or dc.")
    var method: PowerFlowMethod = .nr

    @Option(name: .customLong("init"), help: "Initial point: case (stored voltages, MATPOWER's default), flat or dc.")
    var initialPoint: InitialPoint = .case

    @OptionGroup var balance: BalanceOptions

    @Option(help: "Convergence tolerance on the largest mismatch, p.u.")
    var tol: Double = 1e-8

    @Option(help: "Iteration limit (default: 10 for nr, 30 for fdxb/fdbx).")
    var maxIter: Int?

    @Option(help: "Linear solver: auto (dense up to \(LinearSolverChoice.denseCrossover) unknowns, block LU above; KLU for distributed slack), klu, dense or block.")
    var linearSolver: LinearSolverChoice = .auto

    func validate() throws {
        guard tol > 0, tol.isFinite else { throw ValidationError("--tol must be a positive number, got \(tol)") }
        if let maxIter, maxIter < 1 { throw ValidationError("--max-iter must be at least 1, got \(maxIter)") }
    }

    /// The options for `network`, reading the slack-weights file when one is named.
    func powerFlowOptions(for network: Network) throws -> PowerFlowOptions {
        var o = PowerFlowOptions()
        o.method = method
        o.initialPoint = initialPoint
        o.enforceQLimits = balance.enforceQLimits
        o.slack = try balance.slack(for: network)
        o.tolerance = tol
        o.maxIterations = maxIter
        o.linearSolver = linearSolver
        return o
    }
}
