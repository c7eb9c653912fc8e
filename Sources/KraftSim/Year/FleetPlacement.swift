import KraftCore
import KraftScenario

/// Puts a scenario's fleet on its grid: where each unit and each zone aggregate sits, and the
/// electrical size that follows from its capacity.
///
/// Placement (documented in README.md, "The Swedish fleet"):
/// - a unit at its bus;
/// - an aggregate with `placement = "machines"` on the grid's machines of its technology in its
///   zone, in proportion to their machine base (any technology's machines when none has its
///   own; by load when the zone has no machine at all);
/// - an aggregate with `placement = "load"` over the zone's buses in proportion to their load in
///   the grid file, leaving out buses with less than 5 % of the zone's load (ASSUMPTION: plants
///   sit near the larger substations; it keeps the number of machines small).
///
/// Size: machine base S = capacity / 0.9 (power factor 0.9, ASSUMPTION), reactive limits
/// 0.5·S and −0.3·S (the rule the grid's placeholder limits already use), and kinetic energy
/// H·S with H the mean inertia constant of the grid's machines of that technology, or
/// `defaultInertiaSeconds` where the grid has none. Wind and solar come in through converters:
/// no reactive range, no inertia.
enum FleetPlacement {
    /// One generator the fleet adds: a unit or one bus's share of an aggregate.
    struct Placed {
        var bus: Int
        var zone: String
        var technology: Technology
        var capacityMW: Double
        var unit: String?
        var operation: Fleet.Operation
        var inService: CalendarDate?
        var closed: CalendarDate?
        var reserve: (from: CalendarDate?, to: CalendarDate?)?
        /// The run-of-river part of a hydro aggregate (no storage).
        var runOfRiver = false
    }

    /// ASSUMPTION: inertia constants (s, on machine base) where the grid has no machine of the
    /// technology: CHP and gas turbines as small thermal machines.
    static let defaultInertiaSeconds: [Technology: Double] = [.nuclear: 6.0, .hydro: 3.5, .chp: 4.0, .thermal: 5.0]
    static let powerFactor = 0.9
    /// Smallest share of a zone's load a bus must carry to get a part of a load-placed aggregate.
    static let minimumLoadShare = 0.05

    static func place(_ fleet: Fleet, year: Int, network: Network, zoneOfBus: [String],
                      gridTechnology: [Technology], gridMachineBase: [Double]) -> [Placed] {
        var placed = [Placed]()
        for u in fleet.units {
            guard let bus = network.busIndex[u.bus] else { continue }
            placed.append(Placed(bus: bus, zone: u.zone, technology: u.technology, capacityMW: u.capacityMW, unit: u.name,
                                 operation: fleet.operation(of: u, in: year), inService: u.inService, closed: u.closed,
                                 reserve: u.strategicReserve ? (u.reserveFrom, u.reserveTo) : nil))
        }
        let load = network.busDemand().p
        for a in fleet.aggregates {
            let capacity = a.capacity(in: year)
            guard capacity > 0 else { continue }
            for (bus, share) in shares(a, network: network, zoneOfBus: zoneOfBus, load: load,
                                       gridTechnology: gridTechnology, gridMachineBase: gridMachineBase) {
                // A hydro aggregate with run-of-river stands at each bus as two machines: the
                // reservoir part and the run-of-river part.
                let river = a.technology == .hydro ? a.runOfRiverShare : 0
                for (part, isRiver) in [(1 - river, false), (river, true)] where part > 0 {
                    var p = Placed(bus: bus, zone: a.zone, technology: a.technology, capacityMW: capacity * share * part, unit: nil,
                                   operation: a.operation, inService: nil, closed: nil, reserve: nil)
                    p.runOfRiver = isRiver
                    placed.append(p)
                }
            }
        }
        return placed
    }

    /// The buses an aggregate is spread over and each one's share (summing to 1).
    static func shares(_ a: Fleet.Aggregate, network: Network, zoneOfBus: [String], load: [Double],
                       gridTechnology: [Technology], gridMachineBase: [Double]) -> [(bus: Int, share: Double)] {
        var weight = [Int: Double]()
        if a.placement == .machines {
            let inZone = (0..<network.generators.count).filter { zoneOfBus[network.generators.bus[$0]] == a.zone }
            let own = inZone.filter { gridTechnology[$0] == a.technology }
            for g in own.isEmpty ? inZone : own { weight[network.generators.bus[g], default: 0] += gridMachineBase[g] }
        }
        if weight.isEmpty {
            let buses = (0..<network.buses.count).filter { zoneOfBus[$0] == a.zone && load[$0] > 0 }
            let total = buses.reduce(0) { $0 + load[$1] }
            for b in buses where total > 0 && load[b] >= minimumLoadShare * total { weight[b] = load[b] }
        }
        // Summed in bus order: a dictionary's order changes from process to process, and so would the last bits.
        let buses = weight.keys.sorted()
        let total = buses.reduce(0) { $0 + weight[$1]! }
        guard total > 0 else { return [] }
        return buses.map { ($0, weight[$0]! / total) }
    }

    /// Mean inertia constant of the grid's machines per technology, s (from the sidecar).
    static func inertiaSeconds(sidecar: GridSidecar?) -> [Technology: Double] {
        var sum = [Technology: Double](), count = [Technology: Double]()
        for g in sidecar?.generators ?? [] {
            guard let h = g.inertiaSeconds else { continue }
            sum[g.technology, default: 0] += h
            count[g.technology, default: 0] += 1
        }
        var h = defaultInertiaSeconds
        for (tech, s) in sum { h[tech] = s / count[tech]! }
        return h
    }
}
