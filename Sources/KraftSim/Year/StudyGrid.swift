import Foundation
import KraftCore
import KraftScenario

/// The grid of a study with everything a scenario adds, prepared once for all its hours:
/// generator limits where the grid file has placeholders, the technology, zone, inertia and
/// availability of every unit, small producers as generators, data centres as loads, the dated
/// unit events, and which loads stand for exchanges with neighbours rather than consumption.
public struct StudyGrid: Sendable {
    /// How a unit's available output follows the hour.
    public enum Availability: Sendable, Equatable {
        /// A fixed share of capacity.
        case constant(Double)
        case wind(zone: String)
        case solar(zone: String)
        /// Follows the zone's inflow, scaled so the year's mean is `mean` (small hydro).
        case inflow(zone: String, mean: Double)
        /// Follows the zone's load, scaled so the year's mean is `mean` (heat-led CHP).
        case load(zone: String, mean: Double)
        /// Run-of-river hydro: the zone's inflow in the hour as a share of the zone's hydro capacity.
        case runOfRiver(zone: String)
    }

    /// The contract of a strategic reserve: the days it may run are the reserve periods
    /// (16 November to 15 March, ASSUMPTION as to the exact days) between `from` and `to`.
    public struct ReserveContract: Sendable, Equatable {
        public var from: CalendarDate?
        public var to: CalendarDate?
        public func covers(_ date: CalendarDate) -> Bool {
            if let from, date < from { return false }
            if let to, date > to { return false }
            return date.month == 12 || date.month <= 2 || (date.month == 11 && date.day >= 16) || (date.month == 3 && date.day <= 15)
        }
    }

    /// A dated change of a generator's status.
    public struct Event: Sendable, Equatable {
        public var generator: Int
        public var date: CalendarDate
        public var inService: Bool
    }

    /// The grid with derived limits, the producers appended as generators and the data centres
    /// appended as loads (in p.u., as the core wants it).
    public var network: Network
    public var zones: [String]
    /// Zone per bus, "" where the sidecar gives none.
    public var zoneOfBus: [String]
    public var siteOfBus: [String?]
    /// Bus coordinates, degrees, where the sidecar gives them (for maps).
    public var latitude: [Double?]
    public var longitude: [Double?]
    /// Per generator (indexed like `network.generators`): technology, capacity, cost, availability
    /// and the rest a study knows of it (`StudyGridTables.swift`).
    public var units: [Unit]
    /// Dated changes of generators' status (from `Unit.initialStatus`), in date order.
    public var events: [Event]
    /// Per load (indexed like `network.loads`): exchange or consumption, and its share of its zone.
    public var loads: [Load]
    /// Data-centre loads: load index, connection date, MW drawn.
    public var dataCentres: [(load: Int, from: CalendarDate, mw: Double)]
    /// Annual hydro inflow per zone in a normal year where the fleet gives one, TWh.
    public var inflowTWh: [String: Double]
    /// Hydro reservoirs per zone where the fleet gives them: storage, TWh, and content on 1 January
    /// as a share of it.
    public var reservoirs: [String: (storageTWh: Double, startShare: Double)] = [:]
    /// Per zone, the share of hydro inflow that is run-of-river (the reservoirs get the rest).
    public var runOfRiverShare: [String: Double] = [:]
    /// The neighbours' real hourly prices where the scenario gives them (they replace the shaped
    /// series around the annual means for the areas they cover).
    public var priceSeries: PriceSeries?
    public var interfaces: [DispatchProblem.Interface]
    /// A price-taking neighbour outside the grid: its border, the bus the link lands at, the link
    /// limits and price level, and the load (appended, 0 in the file) that carries its exchange.
    public struct Neighbour: Sendable, Equatable {
        public var border: String
        public var zone: String
        public var bus: Int
        public var importMW: Double
        public var exportMW: Double
        public var priceEURPerMWh: Double
        public var load: Int
    }
    public var neighbours: [Neighbour]
    /// Controllable links between two zones of the grid (`StudyGridLinks.swift`).
    public var links: [Link] = []
    /// Per bus, the voltage band it must stay in, p.u. (`StudyGridVoltageLimits.swift`).
    public var vmin: [Double] = []
    public var vmax: [Double] = []
    public var notes: [String]

    /// Units without real limits in the grid (the Nordic44 file carries ±9999 MVAr placeholders
    /// and Pmax equal to the base-case output) get limits from their machine base: Pmax 0.9·S,
    /// Qmax 0.5·S, Qmin −0.3·S; nuclear units keep Pmax at their rated output.
    static let placeholderQ = 9000.0

    public static func build(scenario: Scenario, network base: Network, sidecar: GridSidecar?) -> StudyGrid {
        var net = base
        let mva = net.baseMVA
        let settings = scenario.dispatch
        var notes = [String]()
        for (l, rating) in sidecar?.ratingOfBranch ?? [:] {
            net.branches.rateA[l] = rating / mva
            net.branches.rateB[l] = rating / mva
            net.branches.rateC[l] = rating / mva
        }
        if let rated = sidecar?.ratingOfBranch.count, rated > 0 {
            notes.append("branch ratings: \(rated) branches the grid file leaves unrated are rated by the sidecar (its [[branch]] entries and their sources)")
        }
        let zoneOfBus = (0..<net.buses.count).map { sidecar?.zoneOfBus[$0] ?? "" }
        let zones = Array(Set(zoneOfBus.filter { !$0.isEmpty })).sorted()
        // A unit's cost and emissions by its technology (the scenario's `costs_eur_mwh` first).
        func cost(_ t: Technology) -> Double { settings.costs[t.rawValue] ?? TechnologyCosts.cost(t) }
        func emissions(_ t: Technology) -> Double { Assumptions.emissions[t] ?? 0 }
        let gridGenerators = net.generators.count
        var technology = [Technology](repeating: .other, count: gridGenerators)
        var machineBase = [Double?](repeating: nil, count: gridGenerators)
        var inertia = [Double](repeating: 0, count: gridGenerators)
        var name = [String?](repeating: nil, count: gridGenerators)
        for g in sidecar?.generators ?? [] where g.index < gridGenerators {
            technology[g.index] = g.technology
            machineBase[g.index] = g.machineBaseMVA
            name[g.index] = g.unit
            if let h = g.inertiaSeconds { inertia[g.index] = h * (g.machineBaseMVA ?? net.generators.mBase[g.index]) }
        }
        var derived = 0
        for g in 0..<gridGenerators where net.generators.qmax[g] * mva >= placeholderQ {
            guard let s = machineBase[g] else { continue }
            net.generators.qmax[g] = 0.5 * s / mva
            net.generators.qmin[g] = -0.3 * s / mva
            if technology[g] != .nuclear { net.generators.pmax[g] = max(0.9 * s / mva, net.generators.pg[g]) }
            derived += 1
        }
        if derived > 0 {
            notes.append("limits of \(derived) generators derived from their machine base (Pmax 0.9·S except nuclear, Qmax 0.5·S, Qmin −0.3·S): the grid file has placeholders")
        }
        // The grid's own machines, one record each.
        var units = (0..<gridGenerators).map { g in
            Unit(technology: technology[g], added: false, name: name[g],
                 capacityMW: net.generators.pmax[g].isFinite ? max(net.generators.pmax[g], 0) * mva : max(net.generators.pg[g], 0) * mva,
                 inertiaMWs: inertia[g],
                 availability: technology[g] == .nuclear ? .constant(Assumptions.nuclearAvailability) : .constant(1),
                 curtailable: false, cost: cost(technology[g]), emissions: emissions(technology[g]))
        }
        if technology.contains(.nuclear) && scenario.fleet == nil {
            notes.append("nuclear units available at \(Assumptions.nuclearAvailability) of capacity every hour (Swedish fleet energy availability 2020–2024, IAEA via nuclear_availability_se.csv; outages are not scheduled)")
        }
        var inflowTWh = [String: Double]()
        var reservoirs = [String: (storageTWh: Double, startShare: Double)]()
        var runOfRiverShare = [String: Double]()
        var unitGenerators = Dictionary((sidecar?.units ?? []).map { ($0.name, $0.generators) }, uniquingKeysWith: { a, _ in a })
        var fleetEvents = [Event]()

        // The fleet in place of the grid's machines of its zones.
        if let fleet = scenario.fleet {
            let covered = Set(fleet.zones)
            let gridBase = (0..<gridGenerators).map { machineBase[$0] ?? net.generators.mBase[$0] }
            let placed = FleetPlacement.place(fleet, year: scenario.period.from.year, network: net, zoneOfBus: zoneOfBus,
                                              gridTechnology: technology, gridMachineBase: gridBase)
            // The grid's machines give up their active power and inertia to the fleet. Those of
            // the reactors leave with them; the others stay as synchronous condensers with their
            // reactive range (ASSUMPTION: the equivalent's reactive capability stands for the
            // shunts, static compensators and smaller plants that hold the voltage of its areas).
            var replaced = 0, condensers = 0
            for g in 0..<gridGenerators where covered.contains(zoneOfBus[net.generators.bus[g]]) {
                if units[g].technology == .nuclear { net.generators.status[g] = false } else if net.generators.status[g] { condensers += 1 }
                net.generators.pmax[g] = 0
                net.generators.pg[g] = 0
                units[g].capacityMW = 0; units[g].inertiaMWs = 0; units[g].name = nil
                units[g].availability = .constant(0)
                units[g].technology = .other
                units[g].cost = cost(.other); units[g].emissions = emissions(.other)
                replaced += 1
            }
            unitGenerators = [:]
            let h = FleetPlacement.inertiaSeconds(sidecar: sidecar)
            for p in placed {
                let bus = p.bus, mw = p.capacityMW
                let converter = !p.technology.isSynchronous
                let s = mw / FleetPlacement.powerFactor
                // A new machine holds the voltage its bus has in the grid file (or that of a machine already there).
                let vg = (0..<gridGenerators).first { net.generators.bus[$0] == bus }.map { net.generators.vg[$0] } ?? net.buses.vm[bus]
                net.generators.append(bus: bus, pg: 0, qg: 0, qmax: converter ? 0 : 0.5 * s / mva, qmin: converter ? 0 : -0.3 * s / mva,
                                      vg: vg, mBase: max(s, 1), status: true, pmax: mw / mva, pmin: 0)
                let g = net.generators.count - 1
                let shape: Availability = switch p.technology {
                case .wind: .wind(zone: p.zone)
                case .solar: .solar(zone: p.zone)
                case .hydro where p.runOfRiver: .runOfRiver(zone: p.zone)
                default: .constant(p.operation.availability)
                }
                // Peakers and the reserve connect only when they run (they hold no voltage idle).
                // Run-of-river water is free: what is not used in the hour is spilled.
                units.append(Unit(technology: p.technology, added: converter || p.technology == .thermal, name: p.unit,
                                  capacityMW: mw, inertiaMWs: converter ? 0 : (h[p.technology] ?? 0) * s, availability: shape,
                                  curtailable: converter || p.runOfRiver,
                                  cost: p.reserve != nil ? settings.unservedCostEURPerMWh - 1 : p.runOfRiver ? 0
                                      : p.operation.costEURPerMWh ?? cost(p.technology),
                                  emissions: emissions(p.technology), from: p.inService, operation: p.operation,
                                  heatLed: p.technology == .chp, reserve: p.reserve.map { ReserveContract(from: $0.from, to: $0.to) },
                                  runOfRiver: p.runOfRiver))
                if let name = p.unit { unitGenerators[name, default: []].append(g) }
                if let closed = p.closed { fleetEvents.append(Event(generator: g, date: closed, inService: false)) }
            }
            for a in fleet.aggregates where a.technology == .hydro {
                if let inflow = a.inflowTWh { inflowTWh[a.zone, default: 0] += inflow }
                if let storage = a.reservoirTWh, let share = a.reservoirStartShare { reservoirs[a.zone] = (storage, share) }
                if a.runOfRiverShare > 0 { runOfRiverShare[a.zone] = a.runOfRiverShare }
            }
            notes.append("fleet: \(scenario.fleetPath.map { ($0 as NSString).lastPathComponent } ?? "fleet file") placed on the grid in place of its \(replaced) machines in \(fleet.zones.joined(separator: ", ")) (\(condensers) of them stay as synchronous condensers, without active power or inertia): \(placed.count) generators, \(Int(placed.reduce(0) { $0 + $1.capacityMW }.rounded())) MW in \(scenario.period.from.year)")
            notes.append("nuclear: lowest output 0.6 of capacity while running, one refuelling outage a year per unit (ASSUMPTION, Scenarios/fleet/nordic.toml); CHP heat-led, its lowest output following the heating season; the strategic reserve runs only before load is shed")
            let year = scenario.period.from.year
            for a in fleet.energyAvailability {
                notes.append("\(a.technology.rawValue) in \(a.zones.joined(separator: ", ")): the published energy availability factor of \(year), \(String(format: "%.3f", a.factor(in: year))), each unit available outside its refuelling outage at the share that gives it (fleet [[energy_availability]])")
            }
        }

        // Dated events on the named units.
        var events = fleetEvents
        for (event, on) in scenario.closures.map({ ($0, false) }) + scenario.commissionings.map({ ($0, true) }) {
            for g in unitGenerators[event.unit] ?? [] { events.append(Event(generator: g, date: event.date, inService: on)) }
        }
        events.sort { ($0.date, $0.generator) < ($1.date, $1.generator) }

        // Exchanges carried as loads are split off the consumption they share a bus with (the
        // sidecar's `exchange_mw`); a price-taking neighbour replaces the exchange of its link.
        var loads = [Load](repeating: Load(isExchange: false), count: net.loads.count)
        for (bus, mw) in (sidecar?.exchangeOfBus ?? [:]).sorted(by: { $0.key < $1.key }) where mw != 0 {
            guard let l = (0..<net.loads.count).first(where: { net.loads.bus[$0] == bus && net.loads.status[$0] }) else { continue }
            let p = net.loads.p[l], q = net.loads.q[l], e = mw / mva
            let q_exchange = p != 0 ? q * min(max(e / p, 0), 1) : 0
            net.loads.p[l] = p - e
            net.loads.q[l] = q - q_exchange
            net.loads.append(bus: bus, p: e, q: q_exchange)
            loads.append(Load(isExchange: true))
        }
        var neighbours = [Neighbour]()
        let gridZones = Set(zones)
        // A link counts in a run when it is in service on the run's first day; the fixed exchange of
        // one that is not (the Vyborg link after 2022) is dropped unless another link shares its bus.
        let outside = (sidecar?.interconnectors ?? []).filter { !gridZones.contains($0.toZone) && settings.neighbours == .priceTaking }
        let live = outside.filter { $0.isInService(on: scenario.period.from) }
        let liveBuses = Set(live.flatMap(\.exchangeBuses))
        for link in outside where !link.isInService(on: scenario.period.from) {
            for l in 0..<net.loads.count where loads[l].isExchange && link.exchangeBuses.contains(net.loads.bus[l]) && !liveBuses.contains(net.loads.bus[l]) {
                loads[l].isReplacedExchange = true
            }
        }
        for link in live {
            guard let bus = link.exchangeBuses.first, let forward = link.capacityForwardMW ?? link.capacityBackwardMW,
                  let backward = link.capacityBackwardMW ?? link.capacityForwardMW else { continue }
            for l in 0..<net.loads.count where loads[l].isExchange && link.exchangeBuses.contains(net.loads.bus[l])
                && !neighbours.contains(where: { $0.load == l }) { loads[l].isReplacedExchange = true }
            let price = settings.neighbourPrices[link.toZone] ?? ExternalPrices.mean(area: link.toZone, year: scenario.period.from.year)
            net.loads.append(bus: bus, p: 0, q: 0)
            loads.append(Load(isExchange: true))
            neighbours.append(Neighbour(border: link.border, zone: link.toZone, bus: bus, importMW: backward, exportMW: forward,
                                        priceEURPerMWh: price, load: net.loads.count - 1))
        }
        if let series = scenario.neighbourPrices {
            var used = [String]()
            for zone in neighbours.map(\.zone) where series.prices[zone] != nil && !used.contains(zone) { used.append(zone) }
            let filled = used.filter { (series.filled[$0] ?? 0) > 0 }.map { "\($0) \(series.filled[$0]!) h" }
            notes.append("neighbour prices: the hourly series of \((series.file as NSString).lastPathComponent) for " + used.joined(separator: ", ")
                         + (filled.isEmpty ? "" : " (hours without a price filled from DE's at the area's mean ratio to it, else the nearest hour: " + filled.joined(separator: ", ") + ")")
                         + "; the other neighbours at shaped prices around their annual means")
        }
        if !neighbours.isEmpty {
            let year = ExternalPrices.meanYear(for: scenario.period.from.year)
            notes.append("neighbours outside the grid are price-taking at hourly prices around annual means of " + neighbours.map { "\($0.zone) \(Int($0.priceEURPerMWh.rounded()))" }.joined(separator: ", ")
                         + " EUR/MWh (\(settings.neighbourPrices.isEmpty ? "DERIVED, the real \(year) series' means" : "set in [dispatch] neighbour_prices_eur_mwh") ; the month, weekday and hour shape of the German price 2019 and 2023, DERIVED; an area without a series at DE's mean, ASSUMPTION); links without a known capacity keep the grid file's exchange")
        }
        // HVDC links between two zones of the grid are dispatched and replace the exchange loads
        // at their ends (with fixed neighbours they keep the grid file's exchange too).
        var links = [Link]()
        for end in settings.neighbours == .priceTaking ? Self.linkEnds(sidecar: sidecar, zoneOfBus: zoneOfBus) : [] {
            let own = Set(neighbours.map(\.load) + links.flatMap { [$0.fromLoad, $0.toLoad] })
            for l in 0..<net.loads.count where loads[l].isExchange && [end.fromBus, end.toBus].contains(net.loads.bus[l]) && !own.contains(l) {
                loads[l].isReplacedExchange = true
            }
            net.loads.append(bus: end.fromBus, p: 0, q: 0)
            net.loads.append(bus: end.toBus, p: 0, q: 0)
            loads += [Load(isExchange: true), Load(isExchange: true)]
            links.append(Link(border: end.border, fromZone: end.fromZone, toZone: end.toZone, fromBus: end.fromBus, toBus: end.toBus,
                              forwardMW: end.forwardMW, backwardMW: end.backwardMW, fromLoad: net.loads.count - 2, toLoad: net.loads.count - 1))
        }
        if !links.isEmpty {
            notes.append("links inside the grid are dispatched within their capacity (their fixed exchanges in the grid file are dropped): "
                         + links.map { "\($0.border) \($0.fromZone)→\($0.toZone) \(Int($0.forwardMW)) MW, \($0.toZone)→\($0.fromZone) \(Int($0.backwardMW)) MW" }.joined(separator: ", "))
        }

        // Each consumption load's share of its zone.
        var zoneTotal = [String: Double]()
        for l in 0..<net.loads.count where !loads[l].isExchange && net.loads.status[l] { zoneTotal[zoneOfBus[net.loads.bus[l]], default: 0] += net.loads.p[l] }
        for l in 0..<net.loads.count {
            guard !loads[l].isExchange, net.loads.status[l], let t = zoneTotal[zoneOfBus[net.loads.bus[l]]], t > 0 else { continue }
            loads[l].zoneShare = net.loads.p[l] / t
        }

        // Data centres: loads at their bus or site, drawing capacity × utilisation from connection.
        let sites = Self.firstBusOfSite(sidecar)
        var dataCentres = [(load: Int, from: CalendarDate, mw: Double)]()
        for d in scenario.dataCentres {
            let bus: Int? = switch d.location {
            case .bus(let id): net.busIndex[id]
            case .site(let s): sites[s]
            }
            guard let bus else { continue }
            let p = d.capacityMW * d.utilisation
            net.loads.append(bus: bus, p: p / mva, q: p * tan(acos(d.powerFactor)) / mva)
            loads.append(Load(isExchange: false))
            dataCentres.append((net.loads.count - 1, d.connection, p))
        }
        if scenario.dataCentres.contains(where: { $0.flexibleShare > 0 || $0.rampMWPerHour != nil }) {
            notes.append("data centres draw capacity × utilisation every hour: flexible shares and ramp limits are not modelled yet")
        }

        // Small producers: one generator per bus they are spread over, unity power factor.
        let baseLoad = base.busDemand().p
        for producer in scenario.producers {
            var shares = [(bus: Int, share: Double)]()
            switch producer.location {
            case .bus(let id): if let i = net.busIndex[id] { shares = [(i, 1)] }
            case .zone(let zone):
                let buses = (0..<net.buses.count).filter { zoneOfBus[$0] == zone }
                let weights = buses.map { producer.spread == .equal ? 1 : max(baseLoad[$0], 0) }
                let total = weights.reduce(0, +)
                if total > 0 { shares = zip(buses, weights).filter { $1 > 0 }.map { ($0, $1 / total) } } else if !buses.isEmpty {
                    shares = buses.map { ($0, 1 / Double(buses.count)) }
                }
            }
            for (bus, share) in shares {
                let zone = zoneOfBus[bus]
                let mw = producer.capacityMW * share
                net.generators.append(bus: bus, pg: 0, qg: 0, qmax: 0, qmin: 0, vg: net.buses.vm[bus], mBase: max(mw, 1),
                                      status: true, pmax: mw / mva, pmin: 0)
                let shape: Availability = switch producer.technology {
                case .wind: .wind(zone: zone)
                case .solar: .solar(zone: zone)
                case .smallHydro: .inflow(zone: zone, mean: Assumptions.smallHydroCapacityFactor)
                case .chp: .load(zone: zone, mean: Assumptions.chpCapacityFactor)
                }
                let t = Technology(producer.technology)
                units.append(Unit(technology: t, added: true, name: nil, capacityMW: mw, inertiaMWs: 0, availability: shape,
                                  curtailable: producer.curtailable, cost: cost(t), emissions: emissions(t), from: producer.from))
            }
        }
        if scenario.producers.contains(where: { $0.technology == .smallHydro || $0.technology == .chp }) {
            notes.append("small hydro follows the zone's inflow at a mean capacity factor of \(Assumptions.smallHydroCapacityFactor), CHP the zone's load at \(Assumptions.chpCapacityFactor) (ASSUMPTIONS)")
        }
        for g in units.indices { units[g].initialStatus = net.generators.status[g] }

        // Zonal cuts inside the grid, limited both ways.
        var interfaces = [DispatchProblem.Interface]()
        for link in sidecar?.interconnectors ?? [] where !link.branches.isEmpty {
            guard let forward = link.capacityForwardMW ?? link.capacityBackwardMW,
                  let backward = link.capacityBackwardMW ?? link.capacityForwardMW else { continue }
            interfaces.append(DispatchProblem.Interface(
                name: link.border, branches: link.branches.map { ($0.branch, net.branches.from[$0.branch] == $0.fromZoneBus ? 1.0 : -1.0) },
                forwardMW: forward, backwardMW: backward))
        }
        let siteOfBus = (0..<net.buses.count).map { sidecar?.siteOfBus[$0] }
        let coordinates = (0..<net.buses.count).map { sidecar?.coordinatesOfBus[$0] }
        var grid = StudyGrid(network: net, zones: zones, zoneOfBus: zoneOfBus, siteOfBus: siteOfBus,
                         latitude: coordinates.map { $0?.latitude }, longitude: coordinates.map { $0?.longitude },
                         units: units, events: events, loads: loads, dataCentres: dataCentres,
                         inflowTWh: inflowTWh, interfaces: interfaces, neighbours: neighbours, notes: notes)
        grid.links = links
        grid.reservoirs = reservoirs
        grid.priceSeries = scenario.neighbourPrices
        grid.runOfRiverShare = runOfRiverShare
        grid.addSupport(scenario: scenario, sidecar: sidecar, unitGenerators: unitGenerators)
        let limits = VoltageLimits.resolve(network: net, sidecar: sidecar, settings: scenario.voltageLimits)
        grid.vmin = limits.vmin
        grid.vmax = limits.vmax
        grid.notes.append(limits.note)
        assert(grid.units.count == grid.network.generators.count && grid.loads.count == grid.network.loads.count,
               "a generator or load without its record")
        return grid
    }

    /// Whether each generator is in service on `date`: the grid's status, the events up to that
    /// date, and producers from their first day.
    public func status(on date: CalendarDate) -> [Bool] {
        var on = units.map(\.initialStatus)
        for e in events where e.date <= date { on[e.generator] = e.inService }
        let day = date.dayNumber - CalendarDate(year: date.year, month: 1, day: 1).dayNumber + 1
        for (g, unit) in units.enumerated() {
            if let f = unit.from, f > date { on[g] = false }
            if let start = unit.operation.refuellingDay, (start..<start + unit.operation.refuellingDays).contains(day) { on[g] = false }
            if let contract = unit.reserve, !contract.covers(date) { on[g] = false }
        }
        return on
    }

    /// Whether a generator's machine turns in synchronism with the grid (inertia, voltage control).
    public func isSynchronous(_ g: Int) -> Bool { !units[g].added && units[g].technology.isSynchronous }

    /// Whether a generator stays connected whenever it is in service, whatever its output: the
    /// synchronous machines and the reactive support.
    public func isAlwaysConnected(_ g: Int) -> Bool { isSynchronous(g) || isSupport(g) }

    /// Whether the dispatch may move a unit freely (it takes a share of the AC slack).
    public func isDispatchable(_ g: Int) -> Bool { !units[g].added && [.hydro, .thermal, .chp, .other].contains(units[g].technology) }
}
