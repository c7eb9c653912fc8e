import KraftIO
import KraftScenario

/// `scenario.json` of a result folder: the resolved scenario a run used, with the SHA-256 of every
/// file read (docs/result-folder.md).
public enum ScenarioJSON {
    /// `hours` is the number of hours run (the period's by default), `weatherSource` the profiles'
    /// description, and `dataCentreBuses` the bus number each data centre was placed at.
    public static func write(_ s: Scenario, hours: Int? = nil, weatherSource: String? = nil, dataCentreBuses: [Int?] = []) -> String {
        var j = JSONText(capacity: 4096)
        j.raw("{"); j.key("name"); j.string(s.name); j.raw(",")
        j.key("description"); optional(s.description, &j); j.raw(",")
        j.key("grid"); j.string(s.grid); j.raw(",")
        j.key("sidecar"); optional(s.sidecar, &j); j.raw(",")
        j.key("period"); j.raw("{"); j.key("from"); j.string(s.period.from.description); j.raw(",")
        j.key("to"); j.string(s.period.to.description); j.raw(","); j.key("hours"); j.number(hours ?? s.period.hours); j.raw("},")
        j.key("weather"); j.raw("{"); j.key("synthetic"); j.bool(s.weather.isSynthetic); j.raw(",")
        switch s.weather {
        case .synthetic(let seed): j.key("seed"); j.number(seed); j.raw(","); j.key("source"); j.string(weatherSource ?? "synthetic")
        case .csv(let folder, let fill, _):
            j.key("folder"); j.string(folder); j.raw(",")
            if let fill { j.key("synthetic_seed"); j.number(fill); j.raw(",") }
            j.key("source"); j.string(weatherSource ?? "csv")
        }
        j.raw("},"); j.key("events"); j.raw("[")
        let events = s.closures.map { ($0, "closure") } + s.commissionings.map { ($0, "commissioning") }
        for (k, (e, kind)) in events.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("unit"); j.string(e.unit); j.raw(","); j.key("date"); j.string(e.date.description); j.raw(",")
            j.key("kind"); j.string(kind); j.raw(","); j.key("keep_as_condenser"); j.bool(e.keepAsCondenser); j.raw("}")
        }
        j.raw("],"); j.key("data_centres"); j.raw("[")
        for (k, d) in s.dataCentres.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("name"); j.string(d.name); j.raw(",")
            if case .site(let site) = d.location { j.key("site"); j.string(site); j.raw(",") }
            j.key("bus")
            switch d.location {
            case .bus(let bus): j.number(bus)
            case .site: if k < dataCentreBuses.count, let bus = dataCentreBuses[k] { j.number(bus) } else { j.raw("null") }
            }
            j.raw(","); j.key("mw"); j.number(d.capacityMW * d.utilisation)
            j.raw(","); j.key("capacity_mw"); j.number(d.capacityMW); j.raw(",")
            j.key("utilisation"); j.number(d.utilisation); j.raw(","); j.key("power_factor"); j.number(d.powerFactor); j.raw(",")
            j.key("from"); j.string(d.connection.description); j.raw(","); j.key("flexible_share"); j.number(d.flexibleShare); j.raw(",")
            j.key("ramp_mw_per_h"); j.number(d.rampMWPerHour ?? .nan); j.raw("}")
        }
        j.raw("],"); j.key("producers"); j.raw("[")
        for (k, p) in s.producers.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("technology"); j.string(p.technology.rawValue); j.raw(",")
            switch p.location {
            case .bus(let bus): j.key("bus"); j.number(bus)
            case .zone(let zone): j.key("zone"); j.string(zone)
            }
            j.raw(","); j.key("capacity_mw"); j.number(p.capacityMW); j.raw(","); j.key("spread"); j.string(p.spread.rawValue); j.raw(",")
            j.key("profile"); j.string(p.profile); j.raw(","); j.key("curtailable"); j.bool(p.curtailable); j.raw(",")
            j.key("from"); optional(p.from?.description, &j); j.raw("}")
        }
        j.raw("],"); j.key("compensation"); j.raw("[")
        for (k, c) in s.compensation.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("name"); j.string(c.name); j.raw(","); j.key("type"); j.string(c.kind.rawValue); j.raw(",")
            switch c.location {
            case .bus(let bus): j.key("bus"); j.number(bus)
            case .site(let site): j.key("site"); j.string(site)
            }
            j.raw(","); j.key("min_mvar"); j.number(c.minMvar); j.raw(","); j.key("max_mvar"); j.number(c.maxMvar)
            j.raw(","); j.key("inertia_mws"); j.number(c.inertiaMWs); j.raw(","); j.key("steps_mvar"); j.raw("[")
            for (i, x) in c.stepsMvar.enumerated() { if i > 0 { j.raw(",") }; j.number(x) }
            j.raw("],"); j.key("from"); optional(c.from?.description, &j); j.raw("}")
        }
        j.raw("],"); j.key("borders"); j.raw("[")
        for (k, b) in s.borders.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("border"); j.string(b.border); j.raw(","); j.key("forward_mw"); j.number(b.forwardMW); j.raw(",")
            j.key("backward_mw"); j.number(b.backwardMW); j.raw("}")
        }
        j.raw("],"); j.key("inflow_factors"); j.raw("[")
        for (k, f) in s.inflowFactors.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("zone"); j.string(f.zone); j.raw(","); j.key("factor"); j.number(f.factor); j.raw("}")
        }
        j.raw("],"); j.key("certificates")
        if let c = s.certificates {
            j.raw("{"); j.key("quota")
            switch c.quota {
            case .named(let curve): j.string(curve)
            case .table(let table):
                j.raw("{")
                for (k, year) in table.keys.sorted().enumerated() { if k > 0 { j.raw(",") }; j.key(String(year)); j.number(table[year]!) }
                j.raw("}")
            }
            j.raw(","); j.key("end_year"); j.number(c.endYear); j.raw(",")
            j.key("penalty_sek_per_mwh"); j.number(c.penaltySEKPerMWh ?? .nan); j.raw(",")
            j.key("banking"); j.bool(c.banking); j.raw(","); j.key("entitlement_years"); j.number(c.entitlementYears); j.raw(",")
            j.key("joint_with_norway"); j.bool(c.jointWithNorway); j.raw("}")
        } else {
            j.raw("null")
        }
        j.raw(","); j.key("base"); optional(s.base, &j)
        j.raw(","); j.key("changes"); j.raw("[")
        for (k, c) in s.changes.enumerated() { if k > 0 { j.raw(",") }; j.string(c) }
        j.raw("],")
        j.key("inputs"); j.inputs(s.inputs)
        j.raw("}\n")
        return j.text
    }

    private static func optional(_ s: String?, _ j: inout JSONText) {
        if let s { j.string(s) } else { j.raw("null") }
    }
}
