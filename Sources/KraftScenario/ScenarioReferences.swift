import KraftCore

/// Checks that what a scenario names exists: units, buses, zones and sites of its grid.
enum ScenarioReferences {
    /// Every `[[voltage_limits.level]]` names a base voltage some bus of the grid has.
    static func checkVoltageLevels(_ s: Scenario, network: Network, log: ProblemLog) {
        guard let limits = s.voltageLimits else { return }
        let levels = Set(network.buses.baseKV)
        for kv in limits.levels.keys.sorted() where !levels.contains(kv) {
            let known = levels.sorted().map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ", ")
            log.add(limits.origin.file, limits.origin.keyPath + ".level", "names base_kv = \(kv), not a voltage level of the grid \(s.grid) (expected one of \(known))")
        }
    }

    static func check(_ s: Scenario, context: GridContext, hasSidecar: Bool, log: ProblemLog) {
        func problem(_ origin: Origin, _ key: String, _ message: String) {
            log.add(origin.file, origin.keyPath + "." + key, message)
        }
        func list(_ names: Set<String>) -> String {
            let sorted = names.sorted()
            return sorted.count <= 12 ? sorted.joined(separator: ", ") : sorted.prefix(12).joined(separator: ", ") + ", …"
        }
        func checkName(_ name: String, in names: Set<String>, what: String, origin: Origin, key: String, source: String = "the grid sidecar") {
            guard hasSidecar else {
                problem(origin, key, "is \"\(name)\", but the scenario names no sidecar to define \(what)s (expected a sidecar = \"...\" key)")
                return
            }
            if !names.contains(name) {
                problem(origin, key, "is \"\(name)\", not a \(what) of \(source) (expected one of \(list(names)))")
            }
        }
        func checkBus(_ bus: Int, origin: Origin) {
            if !context.busIDs.contains(bus) { problem(origin, "bus", "is \(bus), not a bus of the grid \(s.grid)") }
        }
        for e in s.closures + s.commissionings {
            checkName(e.unit, in: context.units, what: "unit", origin: e.origin, key: "unit", source: context.unitSource)
        }
        for d in s.dataCentres {
            switch d.location {
            case .bus(let b): checkBus(b, origin: d.origin)
            case .site(let site): checkName(site, in: context.sites, what: "site", origin: d.origin, key: "site")
            }
        }
        for c in s.compensation {
            switch c.location {
            case .bus(let b): checkBus(b, origin: c.origin)
            case .site(let site): checkName(site, in: context.sites, what: "site", origin: c.origin, key: "site")
            }
        }
        if let limits = s.voltageLimits {
            for (k, bus) in limits.buses.keys.sorted().enumerated() where !context.busIDs.contains(bus) {
                log.add(limits.origin.file, limits.origin.keyPath + ".bus", "names bus \(bus) (entry \(k + 1) in bus order), not a bus of the grid \(s.grid)")
            }
        }
        for p in s.producers {
            switch p.location {
            case .bus(let b): checkBus(b, origin: p.origin)
            case .zone(let z): checkName(z, in: context.zones, what: "zone", origin: p.origin, key: "zone")
            }
        }
    }
}
