/// Newton–Raphson over a series of hours that differ only in the size of the load: every hour
/// scales the active and reactive power of all loads by that hour's factor, while generator
/// set-points (P, and V at voltage-controlled buses) stay as in the case and the reference bus
/// takes the difference — what lightsim2grid's `TimeSeriesCPP` does with a series of load
/// injections. Each hour starts from the previous hour's solution (the first from
/// `options.initialPoint`; after an hour that did not converge, from that first start again).
///
/// Everything that does not depend on the load is built once: the admittance matrix, the bus
/// classification, the Jacobian pattern and the linear solver's symbolic analysis (in the
/// Newton–Raphson kernel). An hour only rewrites the specified injections in place and iterates,
/// so the per-hour path allocates nothing while hours converge.
///
/// Plain Newton–Raphson, as the peer: single slack, no reactive-limit enforcement, no fallback
/// starts (`init` refuses options that ask for them).
public final class TimeSeriesPowerFlow {
    /// The outcome of one hour.
    public struct Hour: Sendable {
        public var converged: Bool
        public var iterations: Int
        /// ‖F‖∞ at the end, p.u.
        public var maxMismatch: Double
        public var failure: PowerFlowFailure?
    }

    /// Options this driver does not do, named for the error message.
    public struct Unsupported: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let network: Network
    public let options: PowerFlowOptions
    public let buses: BusClassification
    private let ybus: AdmittanceMatrix
    private var kernel: NewtonRaphsonKernel
    /// Per-bus injections of the generators in service (p.u.), fixed for the whole series.
    private let generationP: [Double], generationQ: [Double]
    /// Per-bus demand of the case (p.u.), scaled by each hour's factor.
    private let demandP: [Double], demandQ: [Double]
    private var pSpec: [Double], qSpec: [Double]
    private let start: NewtonRaphsonKernel.State
    /// Voltages after the last hour (magnitudes p.u., angles rad, internal bus order); the next
    /// hour starts from them.
    public private(set) var state: NewtonRaphsonKernel.State

    public init(network: Network, options: PowerFlowOptions) throws(Unsupported) {
        guard options.method == .nr else {
            throw Unsupported(description: "a time series is solved with Newton–Raphson only (got method \(options.method.rawValue))")
        }
        guard !options.enforceQLimits else {
            throw Unsupported(description: "a time series does not enforce reactive limits (as lightsim2grid's TimeSerie)")
        }
        guard options.slack == .single else {
            throw Unsupported(description: "a time series uses a single slack (the reference bus)")
        }
        self.network = network
        self.options = options
        let ybus = AdmittanceMatrix(network: network)
        self.ybus = ybus
        let buses = BusClassification(network: network)
        self.buses = buses
        kernel = NewtonRaphsonKernel(ybus: ybus, buses: buses, linearSolver: options.linearSolver)

        let n = network.buses.count, gens = network.generators
        var gp = [Double](repeating: 0, count: n), gq = gp
        for g in 0..<gens.count where gens.status[g] {
            gp[gens.bus[g]] += gens.pg[g]
            gq[gens.bus[g]] += gens.qg[g]
        }
        generationP = gp
        generationQ = gq
        let demand = network.busDemand()
        (demandP, demandQ) = demand
        pSpec = gp
        qSpec = gq

        let v = InitialVoltages.make(options.initialPoint, network: network, buses: buses, generatorOn: gens.status) {
            var pSpec = gp
            for i in 0..<n { pSpec[i] -= demand.p[i] }
            return (try? DCPowerFlow.angles(network: network, ybus: ybus, buses: buses, pSpec: pSpec,
                                            va0: network.buses.va, linearSolver: options.linearSolver).va)
                ?? network.buses.va
        }
        start = NewtonRaphsonKernel.State(vm: v.vm, va: v.va)
        state = start
    }

    public var linearSolverName: String { kernel.linearSolverName }

    /// Solves the next hour, with every load at `loadFactor` times its case value.
    public func solve(loadFactor: Double) -> Hour {
        for i in 0..<pSpec.count {
            pSpec[i] = generationP[i] - loadFactor * demandP[i]
            qSpec[i] = generationQ[i] - loadFactor * demandQ[i]
        }
        var outcome = kernel.solve(state: &state, pSpec: pSpec, qSpec: qSpec, tolerance: options.tolerance,
                                   maxIterations: options.iterationLimit)
        if case .singularJacobian = outcome.failure, kernel.linearSolverName == "block" {
            // The block LU does not pivot between buses; KLU does (as PowerFlowSolver). The retry
            // starts from the first start: keeping this hour's start would cost a copy every hour.
            kernel = NewtonRaphsonKernel(ybus: ybus, buses: buses, linearSolver: .klu)
            state = start
            outcome = kernel.solve(state: &state, pSpec: pSpec, qSpec: qSpec, tolerance: options.tolerance,
                                   maxIterations: options.iterationLimit)
        }
        if !outcome.converged { state = start }
        return Hour(converged: outcome.converged, iterations: outcome.iterations,
                    maxMismatch: outcome.maxMismatch, failure: outcome.failure)
    }
}
