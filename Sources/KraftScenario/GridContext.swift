import KraftCore

/// What scenario elements may refer to: the grid's buses and, from its sidecar, zones, sites and
/// named units.
public struct GridContext: Sendable {
    public var busIDs: Set<Int>
    public var zones: Set<String>
    public var sites: Set<String>
    public var units: Set<String>
    /// Where the unit names come from, for messages: "the fleet" or "the grid sidecar".
    public var unitSource: String

    /// With a fleet, the units a scenario may close or commission are the fleet's.
    public init(network: Network, sidecar: GridSidecar?, fleet: Fleet? = nil) {
        busIDs = Set(network.buses.id)
        zones = Set(sidecar?.zoneOfBus.values.map { $0 } ?? [])
        sites = Set(sidecar?.siteOfBus.values.map { $0 } ?? [])
        units = fleet.map { Set($0.units.map(\.name)) } ?? Set(sidecar?.units.map(\.name) ?? [])
        unitSource = fleet == nil ? "the grid sidecar" : "the fleet"
    }
}
