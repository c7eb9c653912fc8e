/// Checks that what a scenario names exists: units, buses, zones and sites of its grid.
enum ScenarioReferences {
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
        for p in s.producers {
            switch p.location {
            case .bus(let b): checkBus(b, origin: p.origin)
            case .zone(let z): checkName(z, in: context.zones, what: "zone", origin: p.origin, key: "zone")
            }
        }
    }
}
