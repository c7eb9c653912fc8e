import Foundation
import KraftCore
import KraftScenario

/// The grid as it stands at one moment of a scenario: events applied, loads and producers at that
/// hour's profile values (`HourlyProfiles`), generation dispatched in merit order.
public struct SnapshotModel: Sendable {
    public var network: Network
    /// Per generator (same order as `network.generators`): technology and whether it was added
    /// by the scenario (a small producer) rather than read from the grid.
    public var technology: [String]
    public var added: [Bool]
    /// Zone per bus, "" where the sidecar gives none.
    public var zoneOfBus: [String]
    public var unservedMW: Double
    public var notes: [String]

    /// Units without real limits in the grid (the Nordic44 file carries ±9999 MVAr placeholders
    /// and Pmax equal to the base-case output) get limits from their machine base in the sidecar:
    /// Pmax 0.9·S, Qmax 0.5·S, Qmin −0.3·S; nuclear units keep Pmax at their rated output.
    static let placeholderQ = 9000.0

    /// `profiles` must contain `moment` and, for loads and producers to follow them, the grid's
    /// zones; loads follow the profile relative to its peak, so give a whole year (see `SnapshotRun.profiles`).
    public static func build(scenario: Scenario, network base: Network, sidecar: GridSidecar?, profiles: HourlyProfiles,
                             at moment: Moment) -> SnapshotModel {
        var net = base
        let mva = net.baseMVA
        var notes = ["weather: \(profiles.source)"]
        guard let hour = profiles.hourIndex(of: moment) else {
            preconditionFailure("the profiles (from \(profiles.start), \(profiles.hours) h) do not contain \(moment)")
        }
        let zoneOfBus = (0..<net.buses.count).map { sidecar?.zoneOfBus[$0] ?? "" }
        var technology = [String](repeating: "unknown", count: net.generators.count)
        var machineBase = [Double?](repeating: nil, count: net.generators.count)
        for g in sidecar?.generators ?? [] where g.index < technology.count {
            technology[g.index] = g.technology
            machineBase[g.index] = g.machineBaseMVA
        }

        // Limits from machine bases where the grid has placeholders.
        var derived = 0
        for g in 0..<net.generators.count where net.generators.qmax[g] * mva >= placeholderQ {
            guard let s = machineBase[g] else { continue }
            net.generators.qmax[g] = 0.5 * s / mva
            net.generators.qmin[g] = -0.3 * s / mva
            if technology[g] != "nuclear" { net.generators.pmax[g] = max(0.9 * s / mva, net.generators.pg[g]) }
            derived += 1
        }
        if derived > 0 {
            notes.append("limits of \(derived) generators derived from their machine base (Pmax 0.9·S except nuclear, Qmax 0.5·S, Qmin −0.3·S): the grid file has placeholders")
        }

        // Unit events up to this moment, in date order.
        let unitGenerators = Dictionary((sidecar?.units ?? []).map { ($0.name, $0.generators) }, uniquingKeysWith: { a, _ in a })
        let events = (scenario.closures.map { ($0, false) } + scenario.commissionings.map { ($0, true) })
            .filter { $0.0.date <= moment.date }.sorted { $0.0.date < $1.0.date }
        for (event, on) in events {
            for g in unitGenerators[event.unit] ?? [] { net.generators.status[g] = on }
        }
        let closed = events.filter { !$0.1 }.map(\.0.unit)
        if !closed.isEmpty { notes.append("closed by \(moment.date): \(Set(closed).sorted().joined(separator: ", "))") }

        // Loads at this hour: the grid's loads stand for each zone's winter peak (ASSUMPTION, a
        // snapshot has no zonal dispatch to carry real MW), so they are scaled by the zone's
        // profile relative to its highest hour in the profiles, at constant power factor.
        var peak = [String: Double]()
        for (zone, series) in profiles.loadMW { peak[zone] = series.max() }
        for l in 0..<net.loads.count {
            let zone = zoneOfBus[net.loads.bus[l]]
            guard let series = profiles.loadMW[zone], let top = peak[zone], top > 0 else { continue }
            net.loads.p[l] *= series[hour] / top
            net.loads.q[l] *= series[hour] / top
        }
        notes.append("loads: the grid's loads taken as each zone's peak, scaled by the profile's hour relative to its peak over \(profiles.start.year) (ASSUMPTION)")
        // Data centres connected by now.
        var sites = [String: Int]()
        for (i, s) in (sidecar?.siteOfBus ?? [:]).sorted(by: { $0.key < $1.key }) where sites[s] == nil { sites[s] = i }
        for d in scenario.dataCentres where d.connection <= moment.date {
            let bus: Int? = switch d.location {
            case .bus(let id): net.busIndex[id]
            case .site(let s): sites[s]
            }
            guard let bus else { continue }
            let p = d.capacityMW * d.utilisation
            let q = p * tan(acos(d.powerFactor))
            net.loads.append(bus: bus, p: p / mva, q: q / mva)
        }
        // Small producers: one generator per bus they are spread over, unity power factor.
        var added = [Bool](repeating: false, count: net.generators.count)
        let baseLoad = base.busDemand().p
        for producer in scenario.producers where producer.from.map({ $0 <= moment.date }) ?? true {
            var shares = [(bus: Int, share: Double)]()
            switch producer.location {
            case .bus(let id): if let i = net.busIndex[id] { shares = [(i, 1)] }
            case .zone(let zone):
                let buses = (0..<net.buses.count).filter { zoneOfBus[$0] == zone }
                let weights = buses.map { producer.spread == .equal ? 1 : max(baseLoad[$0], 0) }
                let total = weights.reduce(0, +)
                if total > 0 { shares = zip(buses, weights).map { ($0, $1 / total) } } else if !buses.isEmpty {
                    shares = buses.map { ($0, 1 / Double(buses.count)) }
                }
            }
            let zone = shares.first.map { zoneOfBus[$0.bus] } ?? ""
            let availability: Double = switch producer.technology {
            case .wind: profiles.wind[zone]?[hour] ?? 0
            case .solar: profiles.solar[zone]?[hour] ?? 0
            case .smallHydro: 0.45
            case .chp: 0.6
            }
            for (bus, share) in shares {
                let pmax = producer.capacityMW * share * availability / mva
                // They produce what the weather gives; redispatch may curtail the curtailable ones.
                net.generators.append(bus: bus, pg: pmax, qg: 0, qmax: 0, qmin: 0,
                                      vg: net.buses.vm[bus], mBase: producer.capacityMW * share,
                                      status: true, pmax: pmax, pmin: producer.curtailable ? 0 : pmax)
                technology.append(producer.technology.rawValue)
                added.append(true)
            }
        }

        // Redispatch from the grid's own operating point: the grid file's dispatch is a feasible
        // state, so only the change is dispatched — the load's swing at this hour, closed units,
        // new loads and producers — in merit order over the units' headroom (up) or output (down).
        let producedBefore = (0..<base.generators.count).filter { base.generators.status[$0] }.reduce(0.0) { $0 + base.generators.pg[$1] }
        let change = net.busDemand().p.reduce(0, +) - base.busDemand().p.reduce(0, +)
        let running = (0..<net.generators.count).filter { net.generators.status[$0] }
        let producing = running.reduce(0.0) { $0 + net.generators.pg[$1] }
        var imbalance = producedBefore + change - producing
        func bounds(_ g: Int) -> (low: Double, high: Double) {
            let pmax = net.generators.pmax[g].isFinite ? max(net.generators.pmax[g], 0) : net.generators.pg[g]
            let pmin = net.generators.pmin[g].isFinite ? min(max(net.generators.pmin[g], 0), pmax) : 0
            return (pmin, pmax)
        }
        if imbalance > 0 {
            let units = running.map { g in
                MeritOrder.Unit(index: g, cost: TechnologyCosts.cost(technology[g]), pmin: 0,
                                pmax: max(bounds(g).high - net.generators.pg[g], 0))
            }
            let (more, short) = MeritOrder.dispatch(units, demand: imbalance)
            for (g, p) in more { net.generators.pg[g] += p }
            imbalance = short
        } else if imbalance < 0 {
            // Backing down is the merit order reversed: the dearest units first.
            let units = running.map { g in
                MeritOrder.Unit(index: g, cost: -TechnologyCosts.cost(technology[g]), pmin: 0,
                                pmax: max(net.generators.pg[g] - bounds(g).low, 0))
            }
            let (less, _) = MeritOrder.dispatch(units, demand: -imbalance)
            for (g, p) in less { net.generators.pg[g] -= p }
            imbalance = 0
        }
        let unserved = imbalance
        if unserved > 1e-9 {
            // Shed the shortfall in proportion to every load, and say so.
            let total = net.busDemand().p.reduce(0, +)
            let keep = max(0, 1 - unserved / total)
            for l in 0..<net.loads.count { net.loads.p[l] *= keep; net.loads.q[l] *= keep }
            notes.append("generation falls \(Int((unserved * mva).rounded())) MW short of demand: loads shed in proportion")
        }
        return SnapshotModel(network: net, technology: technology, added: added, zoneOfBus: zoneOfBus,
                             unservedMW: unserved * mva, notes: notes)
    }

}
