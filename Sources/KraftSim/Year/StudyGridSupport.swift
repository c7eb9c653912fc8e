import KraftCore
import KraftScenario

/// Reactive support on the study grid: the scenario's `[[compensation]]` and the closing units
/// kept as synchronous condensers, each as a generator without active power (pmax 0, as the grid's
/// own machines stay when the fleet replaces them) that holds its bus's voltage within its
/// reactive range and is connected whenever it is in service.
extension StudyGrid {
    /// Whether generator `g` is reactive support (`units[g].support != nil`).
    public func isSupport(_ g: Int) -> Bool { units[g].support != nil }

    /// The first bus (in internal order) of each named site, where an element placed at a site goes.
    static func firstBusOfSite(_ sidecar: GridSidecar?) -> [String: Int] {
        var sites = [String: Int]()
        for (i, s) in (sidecar?.siteOfBus ?? [:]).sorted(by: { $0.key < $1.key }) where sites[s] == nil { sites[s] = i }
        return sites
    }

    /// Internal bus index of a compensation's place, nil when the grid has no such bus or site.
    static func bus(of location: Compensation.Location, network: Network, sidecar: GridSidecar?) -> Int? {
        switch location {
        case .bus(let id): network.busIndex[id]
        case .site(let s): firstBusOfSite(sidecar)[s]
        }
    }

    /// The voltage a new voltage-controlling device holds: that of a machine already at its bus,
    /// else the bus's voltage in the grid file (the rule the fleet's new machines follow).
    static func setpoint(bus: Int, network: Network) -> Double {
        (0..<network.generators.count).first { network.generators.bus[$0] == bus }.map { network.generators.vg[$0] } ?? network.buses.vm[bus]
    }

    /// Appends the scenario's reactive support and the condensers of units closed with
    /// `keep_as_condenser` (after the events are set, so the closure does not switch them off).
    mutating func addSupport(scenario: Scenario, sidecar: GridSidecar?, unitGenerators: [String: [Int]]) {
        let mva = network.baseMVA
        var added = [String]()
        for c in scenario.compensation {
            guard let bus = Self.bus(of: c.location, network: network, sidecar: sidecar) else { continue }
            appendSupport(kind: c.kind, bus: bus, qmaxMvar: c.maxMvar, qminMvar: c.minMvar, vg: Self.setpoint(bus: bus, network: network),
                          mBase: max(c.maxMvar, -c.minMvar, 1), inertiaMWs: c.kind == .synchronousCondenser ? c.inertiaMWs : 0,
                          unit: nil, from: c.from)
            added.append(c.summary)
        }
        for closure in scenario.closures where closure.keepAsCondenser {
            for g in unitGenerators[closure.unit] ?? [] {
                appendSupport(kind: .synchronousCondenser, bus: network.generators.bus[g], qmaxMvar: network.generators.qmax[g] * mva,
                              qminMvar: network.generators.qmin[g] * mva, vg: network.generators.vg[g], mBase: network.generators.mBase[g],
                              inertiaMWs: units[g].inertiaMWs, unit: closure.unit, from: closure.date)
                added.append("\(closure.unit) kept as a synchronous condenser from \(closure.date): \(Int((network.generators.qmin[g] * mva).rounded())) to +\(Int((network.generators.qmax[g] * mva).rounded())) Mvar, \(Int(units[g].inertiaMWs.rounded())) MWs")
            }
        }
        if !added.isEmpty {
            notes.append("reactive support: " + added.joined(separator: "; ")
                         + " — voltage-controlling, connected whenever in service, no active power; a synchronous condenser's kinetic energy counts in full, static devices have none; a switched shunt is taken as continuous between its steps (ASSUMPTION)")
        }
    }

    /// One support device as a generator: pmax 0, the reactive range given, always in the
    /// dispatch's zero-output set.
    mutating func appendSupport(kind: Compensation.Kind, bus: Int, qmaxMvar: Double, qminMvar: Double, vg: Double, mBase: Double,
                                inertiaMWs mws: Double, unit name: String?, from date: CalendarDate?) {
        let mva = network.baseMVA
        network.generators.append(bus: bus, pg: 0, qg: 0, qmax: qmaxMvar / mva, qmin: qminMvar / mva, vg: vg, mBase: mBase,
                                  status: true, pmax: 0, pmin: 0)
        // A static device is not a synchronous machine (`isSynchronous` reads `added`).
        units.append(Unit(technology: Technology(kind), added: kind != .synchronousCondenser, name: name, capacityMW: 0,
                          inertiaMWs: mws, availability: .constant(0), curtailable: false, cost: 0, emissions: 0,
                          initialStatus: true, from: date, support: kind))
    }
}
