import KraftScenario

/// The borders a year run reports, from the grid sidecar: zonal cuts made of AC branches,
/// links inside the grid, price-taking neighbours, and fixed exchanges (links the grid carries as
/// loads).
public struct BorderSpec: Sendable {
    public enum Kind: Sendable {
        /// AC branches: each with +1 when its from end lies in `fromZone`.
        case branches([(branch: Int, sign: Double)])
        /// A price-taking neighbour (index into `StudyGrid.neighbours`).
        case neighbour(Int)
        /// A dispatched link between two zones of the grid (index into `StudyGrid.links`); its
        /// flow is + from `fromZone` to `toZone`.
        case link(Int)
        /// Loads standing for the exchange; those in `fromZone` count as exports.
        case exchange(loads: [Int])
    }
    public var name: String
    public var fromZone: String
    public var toZone: String
    public var capacityForwardMW: Double?
    public var capacityBackwardMW: Double?
    public var kind: Kind

    /// Every border of the sidecar that the grid represents (links absent from the grid are left out).
    static func all(grid: StudyGrid, sidecar: GridSidecar?) -> [BorderSpec] {
        (sidecar?.interconnectors ?? []).compactMap { link in
            let kind: Kind
            if !link.branches.isEmpty {
                kind = .branches(link.branches.map { ($0.branch, grid.network.branches.from[$0.branch] == $0.fromZoneBus ? 1.0 : -1.0) })
            } else if let k = grid.links.firstIndex(where: { $0.border == link.border }) {
                kind = .link(k)
            } else if let n = grid.neighbours.firstIndex(where: { $0.border == link.border }) {
                kind = .neighbour(n)
            } else {
                let loads = (0..<grid.network.loads.count).filter {
                    grid.loads[$0].isExchange && !grid.loads[$0].isReplacedExchange && link.exchangeBuses.contains(grid.network.loads.bus[$0])
                        && grid.zoneOfBus[grid.network.loads.bus[$0]] == link.fromZone
                }
                guard !loads.isEmpty else { return nil }
                kind = .exchange(loads: loads)
            }
            return BorderSpec(name: link.border, fromZone: link.fromZone, toZone: link.toZone,
                              capacityForwardMW: link.capacityForwardMW, capacityBackwardMW: link.capacityBackwardMW, kind: kind)
        }
    }
}
