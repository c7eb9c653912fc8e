/// Where an injection is taken back in a sensitivity (the "slack" of MATPOWER's `makePTDF`).
public enum SlackDistribution: Sendable, Equatable {
    /// Each island's grounded bus: its first reference bus (MATPOWER's default).
    case reference
    /// One given bus (internal index) for its island.
    case bus(Int)
    /// Spread over the buses in proportion to these weights (one per bus, ≥ 0), normalised per
    /// island; an island whose weights are all zero keeps its reference bus.
    case weights([Double])
}
