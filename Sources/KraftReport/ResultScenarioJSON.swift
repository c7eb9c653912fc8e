import KraftIO
import KraftScenario

/// `scenario.json` of a result folder: the resolved scenario a run used, with the hash of every
/// input file, so a result can be traced to its inputs and compared with its base.
public enum ResultScenarioJSON {
    public static func make(_ s: Scenario, weatherSource: String, hours: Int) -> String {
        var j = JSONText()
        j.raw("{"); j.key("name"); j.string(s.name)
        j.raw(","); j.key("description"); if let d = s.description { j.string(d) } else { j.raw("null") }
        j.raw(","); j.key("grid"); j.string(s.grid)
        j.raw(","); j.key("sidecar"); if let c = s.sidecar { j.string(c) } else { j.raw("null") }
        j.raw(","); j.key("period"); j.raw("{"); j.key("from"); j.string(s.period.from.description)
        j.raw(","); j.key("to"); j.string(s.period.to.description); j.raw(","); j.key("hours"); j.number(hours); j.raw("}")
        j.raw(","); j.key("weather"); j.raw("{"); j.key("synthetic"); j.bool(s.weather.isSynthetic)
        switch s.weather {
        case .synthetic(let seed): j.raw(","); j.key("seed"); j.number(seed)
        case .csv(let folder): j.raw(","); j.key("folder"); j.string(folder)
        }
        j.raw(","); j.key("source"); j.string(weatherSource); j.raw("}")
        j.raw(","); j.key("events"); j.raw("[")
        let events = s.closures.map { ($0, "closure") } + s.commissionings.map { ($0, "commissioning") }
        for (i, (e, kind)) in events.sorted(by: { $0.0.date < $1.0.date }).enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("{"); j.key("unit"); j.string(e.unit); j.raw(","); j.key("date"); j.string(e.date.description)
            j.raw(","); j.key("kind"); j.string(kind); j.raw("}")
        }
        j.raw("],"); j.key("data_centres"); j.raw("[")
        for (i, d) in s.dataCentres.enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("{"); j.key("name"); j.string(d.name); j.raw(","); j.key("location")
            switch d.location { case .bus(let b): j.string("bus \(b)"); case .site(let site): j.string(site) }
            j.raw(","); j.key("capacity_mw"); j.number(d.capacityMW); j.raw(","); j.key("utilisation"); j.number(d.utilisation)
            j.raw(","); j.key("from"); j.string(d.connection.description); j.raw("}")
        }
        j.raw("],"); j.key("producers"); j.raw("[")
        for (i, p) in s.producers.enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("{"); j.key("technology"); j.string(p.technology.rawValue); j.raw(","); j.key("location")
            switch p.location { case .bus(let b): j.string("bus \(b)"); case .zone(let z): j.string(z) }
            j.raw(","); j.key("capacity_mw"); j.number(p.capacityMW)
            j.raw(","); j.key("from"); if let f = p.from { j.string(f.description) } else { j.raw("null") }
            j.raw("}")
        }
        j.raw("],"); j.key("certificates")
        if let c = s.certificates {
            j.raw("{"); j.key("quota")
            switch c.quota { case .named(let n): j.string(n); case .table: j.string("table") }
            j.raw(","); j.key("end_year"); j.number(c.endYear); j.raw(","); j.key("joint_with_norway"); j.bool(c.jointWithNorway); j.raw("}")
        } else { j.raw("null") }
        j.raw(","); j.key("base"); if let b = s.base { j.string(b) } else { j.raw("null") }
        j.raw(","); j.key("changes"); j.raw("[")
        for (i, c) in s.changes.enumerated() { if i > 0 { j.raw(",") }; j.string(c) }
        j.raw("],"); j.key("inputs"); j.raw("[")
        for (i, f) in s.inputs.enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("{"); j.key("path"); j.string(f.path); j.raw(","); j.key("sha256"); j.string(f.sha256); j.raw("}")
        }
        j.raw("]}\n")
        return j.text
    }
}
