/// A branch loaded beyond the overload threshold: `loading` is the larger apparent power of
/// its two ends over its rating (1 = 100 %).
public struct BranchLoading: Sendable, Equatable {
    public var branch: Int
    public var loading: Double
    /// Apparent power at the more loaded end and the rating, p.u.
    public var flow: Double
    public var rating: Double
    /// Its loading in the base case.
    public var baseLoading: Double
    /// Caused or made worse by the outage: not overloaded in the base case, or loaded more than
    /// `ContingencyOptions.loadingWorsening` above its base loading.
    public var worsened: Bool
}

/// An energised bus outside its voltage band.
public struct VoltageViolation: Sendable, Equatable {
    public enum Kind: String, Sendable { case low, high }
    public var bus: Int
    public var vm: Double
    public var kind: Kind
    /// The limit it crosses (`vmin` or `vmax`), p.u.
    public var limit: Double
    /// Its magnitude in the base case, p.u.
    public var baseVm: Double
    /// Caused or made worse by the outage: within limits in the base case, or beyond the
    /// limit by more than `ContingencyOptions.voltageWorsening` more than there.
    public var worsened: Bool

    /// How far beyond the limit, p.u.
    public var excess: Double { kind == .low ? limit - vm : vm - limit }
}

/// What an outage cut off: buses left without a generator, and islands that got their own
/// reference bus.
public struct IslandingEffect: Sendable, Equatable {
    /// Energised islands after the outage.
    public var islands: Int
    /// Buses de-energised by the outage (internal indices).
    public var deadBuses: [Int]
    /// Buses made the reference of an island that lost its own (internal indices).
    public var newReferences: [Int]
    /// Demand and generation lost with the de-energised buses, p.u.
    public var lostLoad: Double
    public var lostGeneration: Double
}

/// The DC estimate of an outage: base-case AC active flows moved by the LODF (branches) or the
/// PTDF (generators), with each branch's base-case reactive flow kept.
public struct DCEstimate: Sendable, Equatable {
    /// Highest estimated loading (fraction of the rating) and its branch (nil when no branch
    /// has a rating).
    public var maxLoading: Double
    public var worstBranch: Int?
    /// Branches estimated above the overload threshold, and of those the ones the outage
    /// causes or worsens (as `BranchLoading.worsened`).
    public var overloads: Int
    public var worsenedOverloads: Int
    /// Branches estimated at or above the screening threshold that were below it in the base
    /// case or rise by more than `loadingWorsening`: the contingency goes to AC under
    /// `.screened` when there is one.
    public var flagged: Int
}

/// The AC solution of an outage.
public struct ACOutcome: Sendable {
    public var converged: Bool
    /// Why it did not converge, when it did not.
    public var failure: PowerFlowFailure?
    /// Newton iterations of the final attempt, and the largest mismatch at its end (p.u.).
    public var iterations: Int
    public var maxMismatch: Double
    /// Numeric factorizations of the Jacobian over every attempt (the steps solved on the base
    /// case's factors need none).
    public var factorizations = 0
    /// Chord steps tried (solved on the base case's factors after the first step), all attempts.
    public var chordSteps = 0
    /// The linear solver of the final attempt ("block" or "klu").
    public var linearSolver: String
    /// Fallbacks tried, e.g. "case start", "damped steps".
    public var attempts: [String] = []
    /// Generators held at a reactive limit (under `enforceQLimits`), in switching order.
    public var reactiveLimited: [Int] = []
    /// Branches above the overload threshold, most loaded first.
    public var overloads: [BranchLoading] = []
    /// Energised buses outside [vmin, vmax], worst first.
    public var voltageViolations: [VoltageViolation] = []
    /// Lowest voltage magnitude of an energised bus, p.u. (nil when it did not converge).
    public var lowestVm: Double?
    /// Highest loading of any rated branch (fraction; 0 when none is rated) and its branch.
    public var maxLoading = 0.0
    public var worstBranch: Int?
    /// Voltages and branch flows (p.u., radians), when `keepSolutions` is set and it converged.
    public var vm: [Double]?
    public var va: [Double]?
    public var flows: BranchFlows?
}

/// The result of one contingency.
public struct ContingencyResult: Sendable {
    /// Its index in the contingency list.
    public var index: Int
    /// Nil when the outage leaves every bus energised in one island per base island.
    public var islanding: IslandingEffect?
    /// Nil when the DC model cannot judge the outage (it islands part of the grid).
    public var dc: DCEstimate?
    /// Nil when the contingency was not AC-verified (screened out, or `ac: .none`).
    public var ac: ACOutcome?
    /// Elements the contingency names that were out of service already (ignored).
    public var alreadyOut: [Outage] = []

    /// True when the outage makes something wrong: no AC convergence, an overload or voltage
    /// violation it causes or worsens (pre-existing base-case violations alone do not count),
    /// or lost load; judged on AC where verified, else on the DC estimate.
    public var hasViolation: Bool {
        if let ac {
            return !ac.converged || ac.overloads.contains(where: \.worsened) || ac.voltageViolations.contains(where: \.worsened)
                || (islanding?.lostLoad ?? 0) > 0
        }
        return (dc?.worsenedOverloads ?? 0) > 0 || (islanding?.lostLoad ?? 0) > 0
    }

    /// Highest loading, AC where verified, else the DC estimate.
    public var maxLoading: Double { ac?.maxLoading ?? dc?.maxLoading ?? 0 }
}

/// Everything an N-1 run found.
public struct ContingencyReport: Sendable {
    public var contingencies: [Contingency]
    /// The base case solve; nothing else is run when it does not converge.
    public var base: PowerFlowResult
    public var baseOverloads: [BranchLoading]
    public var baseVoltageViolations: [VoltageViolation]
    /// One per contingency, in list order.
    public var results: [ContingencyResult]
    /// Indices into `results`, worst first: AC failures, then contingencies with a violation,
    /// each group by highest loading, then largest voltage excess, then lost load, then list
    /// order.
    public var ranking: [Int]
    public var options: ContingencyOptions
    /// Factorization of the DC screening ("dense" or "klu"; "none (singular)" when the DC
    /// matrix could not be factored and every contingency went to AC).
    public var dcFactorization: String
    /// Wall time, ms: base case, set-up (DC factorization, bridges), the contingencies (DC
    /// screening and AC verification, all threads), total.
    public var timings: (base: Double, setup: Double, contingencies: Double, total: Double)

    /// Contingencies solved with AC.
    public var acVerified: Int { results.reduce(0) { $0 + ($1.ac == nil ? 0 : 1) } }
    public var acFailures: Int { results.reduce(0) { $0 + ($1.ac.map { $0.converged ? 0 : 1 } ?? 0) } }
    public var withViolations: Int { results.reduce(0) { $0 + ($1.hasViolation ? 1 : 0) } }
    public var islanding: Int { results.reduce(0) { $0 + ($1.islanding == nil ? 0 : 1) } }
    /// Numeric Jacobian factorizations of the AC verification, all attempts (counted by the
    /// Newton kernel; nil under Q limits or distributed slack, where the power-flow solver runs).
    public var acFactorizations: Int? {
        options.needsPowerFlowSolver ? nil : results.reduce(0) { $0 + ($1.ac?.factorizations ?? 0) }
    }
}
