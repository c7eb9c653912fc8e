import KraftScenario

extension StudyGrid {
    /// A controllable HVDC link between two buses of the grid, both its zones inside it (Fenno-Skan
    /// on Nordic44): the dispatch sets its flow every hour within `−backwardMW…forwardMW`, + from
    /// `fromZone` to `toZone`. It replaces the fixed exchange loads the grid file has at its ends;
    /// two loads appended to the grid (0 in the file) carry its dispatched flow in the AC check,
    /// + at `fromLoad` and − at `toLoad`.
    public struct Link: Sendable, Equatable {
        public var border: String
        public var fromZone: String
        public var toZone: String
        public var fromBus: Int
        public var toBus: Int
        public var forwardMW: Double
        public var backwardMW: Double
        public var fromLoad: Int
        public var toLoad: Int
    }

    /// The sidecar's interconnectors that become links: both zones in the grid, no AC branches,
    /// an exchange bus at each end (`n44_buses`, the first in `from_zone`, the second in
    /// `to_zone`) and a capacity (one direction's stands for the other's when only one is given).
    static func linkEnds(sidecar: GridSidecar?, zoneOfBus: [String])
        -> [(border: String, fromZone: String, toZone: String, fromBus: Int, toBus: Int, forwardMW: Double, backwardMW: Double)] {
        let gridZones = Set(zoneOfBus.filter { !$0.isEmpty })
        return (sidecar?.interconnectors ?? []).compactMap { c in
            guard gridZones.contains(c.fromZone), gridZones.contains(c.toZone), c.branches.isEmpty, c.exchangeBuses.count == 2,
                  zoneOfBus[c.exchangeBuses[0]] == c.fromZone, zoneOfBus[c.exchangeBuses[1]] == c.toZone,
                  let forward = c.capacityForwardMW ?? c.capacityBackwardMW,
                  let backward = c.capacityBackwardMW ?? c.capacityForwardMW else { return nil }
            return (c.border, c.fromZone, c.toZone, c.exchangeBuses[0], c.exchangeBuses[1], forward, backward)
        }
    }

    /// Loads that carry a link's dispatched flow (none of them is a fixed exchange).
    var linkLoads: Set<Int> { Set(links.flatMap { [$0.fromLoad, $0.toLoad] }) }
}
