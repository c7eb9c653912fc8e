import Foundation
import KraftCore
import KraftIO
import KraftScenario
import KraftSim

/// A solved moment as a person reads it (terminal) and as machines read it (the result folder:
/// `manifest.json` (written by `ResultFolder`), `scenario.json`, `summary.json`, `zones.csv`,
/// `buses.csv`, `branches.csv`; docs/result-folder.md).
public enum SnapshotReport {
    public static func table(_ r: SnapshotResult) -> String {
        var out = "\(r.scenario) at \(r.moment)\(r.synthetic ? " (synthetic weather)" : "")\n"
        if r.flow.converged {
            out += "AC load flow with reactive limits converged in \(r.flow.iterations) iterations\n"
        } else {
            out += "AC load flow DID NOT CONVERGE: \(r.flow.failure?.reason ?? "unknown cause")\n"
        }
        var zones = TextTable(headers: ["zone", "load (MW)", "generation (MW)", "net export (MW)", "Q reserve (MVAr)",
                                        "kinetic (GWs)", "lowest V (p.u.)"])
        for z in r.zones {
            zones.append([z.zone, fixed(z.loadMW, 0), fixed(z.totalGenerationMW, 0), fixed(z.netExportMW, 0),
                          fixed(z.reactiveReserveMVAr, 0), fixed(z.kineticEnergyGWs, 1),
                          z.lowestVoltage.map { "\(fixed($0.vm, 3)) @\($0.bus)" } ?? "-"])
        }
        out += "\n" + zones.render()
        var tech = TextTable(headers: ["zone", "generation by technology (MW)"])
        for z in r.zones where !z.generationMW.isEmpty {
            tech.append([z.zone, z.generationMW.map { "\($0.technology) \(fixed($0.mw, 0))" }.joined(separator: ", ")])
        }
        out += "\n" + tech.render()
        if !r.cuts.isEmpty {
            var cuts = TextTable(headers: ["cut", "flow (MW)", "capacity (MW)"])
            for c in r.cuts { cuts.append([c.border, fixed(c.flowMW, 0), c.capacityMW.map { fixed($0, 0) } ?? "-"]) }
            out += "\n" + cuts.render()
        }
        var branches = TextTable(headers: ["branch", "from", "to", "S (MVA)", "% of rate A"])
        for b in r.mostLoaded.prefix(5) {
            branches.append([String(b.branch + 1), String(b.fromBus), String(b.toBus), fixed(b.mva, 0),
                             b.percentOfRateA.map { fixed($0, 1) } ?? "no rating"])
        }
        out += "\nmost loaded branches\n" + branches.render()
        if let v = r.lowestVoltage { out += "lowest voltage: \(fixed(v.vm, 4)) p.u. at bus \(v.bus)\n" }
        for note in r.notes { out += "note: \(note)\n" }
        return out
    }

    /// The result folder's files but the manifest: write them with `ResultFolder.write(_:kind: "snapshot", to:)`.
    public static func files(_ r: SnapshotResult, scenario: Scenario) -> [(name: String, text: String)] {
        [("scenario.json", ScenarioJSON.write(scenario)), ("summary.json", summary(r)), ("zones.csv", zonesCSV(r)), ("buses.csv", busesCSV(r)), ("branches.csv", branchesCSV(r))]
    }

    static func summary(_ r: SnapshotResult) -> String {
        var j = JSONText()
        j.raw("{"); j.key("kind"); j.string("snapshot"); j.raw(",")
        j.key("format_version"); j.number(1); j.raw(",")
        j.key("scenario"); j.string(r.scenario); j.raw(",")
        j.key("moment"); j.string(r.moment.description); j.raw(",")
        let day = r.moment.date.description
        j.key("period"); j.raw("{"); j.key("from"); j.string(day); j.raw(","); j.key("to"); j.string(day); j.raw(",")
        j.key("hours"); j.number(1); j.raw("},")
        j.key("metrics"); j.raw("{")
        for (k, m) in metrics(r).enumerated() { if k > 0 { j.raw(",") }; j.key(m.name); j.number(m.value) }
        j.raw("},")
        j.key("synthetic_weather"); j.bool(r.synthetic); j.raw(",")
        j.key("converged"); j.bool(r.flow.converged); j.raw(",")
        j.key("unserved_mw"); j.number(r.model.unservedMW); j.raw(",")
        j.key("losses_mw"); j.number(r.flow.losses * r.model.network.baseMVA); j.raw(",")
        j.key("lowest_voltage"); j.raw("{"); j.key("bus"); j.number(r.lowestVoltage?.bus ?? 0); j.raw(",")
        j.key("vm_pu"); j.number(r.lowestVoltage?.vm ?? .nan); j.raw("},")
        j.key("inputs"); j.inputs(r.inputs)
        j.raw(","); j.key("zones"); j.raw("[")
        for (k, z) in r.zones.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("zone"); j.string(z.zone); j.raw(",")
            j.key("load_mw"); j.number(z.loadMW); j.raw(",")
            j.key("generation_mw"); j.raw("{")
            for (t, g) in z.generationMW.enumerated() { if t > 0 { j.raw(",") }; j.key(g.technology); j.number(g.mw) }
            j.raw("},"); j.key("net_export_mw"); j.number(z.netExportMW); j.raw(",")
            j.key("reactive_reserve_mvar"); j.number(z.reactiveReserveMVAr); j.raw(",")
            j.key("kinetic_energy_gws"); j.number(z.kineticEnergyGWs); j.raw(",")
            j.key("lowest_vm_pu"); j.number(z.lowestVoltage?.vm ?? .nan); j.raw("}")
        }
        j.raw("],"); j.key("cuts"); j.raw("[")
        for (k, c) in r.cuts.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("border"); j.string(c.border); j.raw(","); j.key("flow_mw"); j.number(c.flowMW); j.raw(",")
            j.key("capacity_mw"); j.number(c.capacityMW ?? .nan); j.raw("}")
        }
        j.raw("],"); j.key("notes"); j.raw("[")
        for (k, n) in r.notes.enumerated() { if k > 0 { j.raw(",") }; j.string(n) }
        j.raw("]}\n")
        return j.text
    }

    /// The flat `metrics` of a snapshot (same keys for every snapshot of a grid): system totals,
    /// then per zone and per cut, names lower case with `-` as `_`. A value that does not exist
    /// (no voltage when the flow failed) is left out rather than written as null.
    static func metrics(_ r: SnapshotResult) -> [(name: String, value: Double)] {
        var m: [(name: String, value: Double)] = [
            ("converged", r.flow.converged ? 1 : 0),
            ("iterations", Double(r.flow.iterations)),
            ("load_mw", r.zones.reduce(0) { $0 + $1.loadMW }),
            ("generation_mw", r.zones.reduce(0) { $0 + $1.totalGenerationMW }),
            ("losses_mw", r.flow.losses * r.model.network.baseMVA),
            ("unserved_mw", r.model.unservedMW),
            ("lowest_voltage_pu", r.lowestVoltage?.vm ?? .nan),
            ("highest_voltage_pu", r.flow.vm.max() ?? .nan),
            ("kinetic_energy_gws", r.zones.reduce(0) { $0 + $1.kineticEnergyGWs }),
            ("reactive_reserve_mvar", r.zones.reduce(0) { $0 + $1.reactiveReserveMVAr }),
        ]
        let name = { (s: String) in s.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_") }
        for z in r.zones {
            m.append(("net_export_\(name(z.zone))_mw", z.netExportMW))
            m.append(("reactive_reserve_\(name(z.zone))_mvar", z.reactiveReserveMVAr))
        }
        for c in r.cuts { m.append(("flow_\(name(c.border))_mw", c.flowMW)) }
        return m.filter { $0.value.isFinite }
    }

    static func zonesCSV(_ r: SnapshotResult) -> String {
        var out = "moment,zone,load_mw,generation_mw,net_export_mw,reactive_reserve_mvar,kinetic_energy_gws,lowest_vm_pu\n"
        for z in r.zones {
            out += "\(r.moment),\(z.zone),\(z.loadMW),\(z.totalGenerationMW),\(z.netExportMW),\(z.reactiveReserveMVAr),"
            out += "\(z.kineticEnergyGWs),\(z.lowestVoltage.map { String($0.vm) } ?? "")\n"
        }
        return out
    }

    static func busesCSV(_ r: SnapshotResult) -> String {
        let net = r.model.network
        var out = "moment,bus,zone,type,vm_pu,va_deg\n"
        for i in 0..<net.buses.count {
            out += "\(r.moment),\(net.buses.id[i]),\(r.model.zoneOfBus[i]),\(r.flow.busType[i].label),\(r.flow.vm[i]),\(r.flow.va[i] * 180 / .pi)\n"
        }
        return out
    }

    static func branchesCSV(_ r: SnapshotResult) -> String {
        let net = r.model.network, mva = net.baseMVA
        var out = "moment,branch,from,to,status,pf_mw,qf_mvar,pt_mw,qt_mvar\n"
        for l in 0..<net.branches.count {
            out += "\(r.moment),\(l + 1),\(net.buses.id[net.branches.from[l]]),\(net.buses.id[net.branches.to[l]]),"
            out += "\(net.branches.status[l] ? 1 : 0),\(r.flow.pf[l] * mva),\(r.flow.qf[l] * mva),\(r.flow.pt[l] * mva),\(r.flow.qt[l] * mva)\n"
        }
        return out
    }
}
