import KraftCore

/// What scenario elements may refer to: the grid's buses and, from its sidecar, zones, sites and
/// named units.
public struct GridContext: Sendable {
    public var busIDs: Set<Int>
    public var zones: Set<String>
    public var sites: Set<String>
    public var units: Set<String>

    public init(network: Network, sidecar: GridSidecar?) {
        busIDs = Set(network.buses.id)
        zones = Set(sidecar?.zoneOfBus.values.map { $0 } ?? [])
        sites = Set(sidecar?.siteOfBus.values.map { $0 } ?? [])
        units = Set(sidecar?.units.map(\.name) ?? [])
    }
}
