/// How a dispatch was computed: size of the LP and the solver's effort (zero for the merit order).
public struct DispatchStatistics: Sendable, Equatable {
    public var method = ""
    public var rows = 0
    public var columns = 0
    public var nonzeros = 0
    public var iterations = 0
    /// LP solves: one, plus one per round of adding violated branch limits.
    public var rounds = 0
    /// Wall time of building, solving and reading back, ms (not part of any comparison of results).
    public var milliseconds = 0.0
    public init() {}
}
