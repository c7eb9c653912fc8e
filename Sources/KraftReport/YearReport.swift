import Foundation
import KraftCore
import KraftIO
import KraftScenario
import KraftSim

/// A year run as a person reads it (the summary table) and as machines read it (the result
/// folder of docs/result-folder.md, kind "year").
public enum YearReport {
    public static func table(_ r: YearResult) -> String {
        let metrics = Dictionary(r.metrics, uniquingKeysWith: { a, _ in a })
        let first = r.records.first?.hour ?? 0, last = r.records.last?.hour ?? 0
        var out = r.hours == 1 ? "\(r.scenario.name) at \(r.time(first))" : "\(r.scenario.name), \(r.time(first)) to \(r.time(last)), \(r.hours) hours"
        out += r.syntheticWeather ? " (synthetic weather)\n" : "\n"
        var zones = TextTable(headers: ["zone", "load (TWh)", "gen (TWh)", "net export (TWh)", "price (EUR/MWh)",
                                        "unserved (MWh)", "curtailed (MWh)", "min Q reserve* (MVAr)", "lowest V* (p.u.)"])
        for z in r.zoneYears {
            zones.append([z.zone, fixed(z.loadMWh / 1e6, 2), fixed(z.generationMWh.reduce(0, +) / 1e6, 2),
                          fixed(z.netExportMWh / 1e6, 2), fixed(z.meanPrice, 1), fixed(z.unservedMWh, 0),
                          fixed(z.curtailedMWh, 0), z.minReactiveReserveMVAr.map { fixed($0, 0) } ?? "-",
                          z.lowestVm.map { "\(fixed($0.vm, 3)) @\($0.bus)" } ?? "-"])
        }
        out += "\n" + zones.render() + convergedFootnote(r)
        if let se = r.sweden {
            var sweden = TextTable(headers: ["Sweden", "TWh"])
            for (t, name) in YearRecordLayout.technologies.map(\.rawValue).enumerated() where se.generationMWh[t] != 0 {
                sweden.append([name.replacingOccurrences(of: "_", with: " "), fixed(se.generationMWh[t] / 1e6, 2)])
            }
            sweden.append(["production", fixed(se.generationMWh.reduce(0, +) / 1e6, 2)])
            sweden.append(["load", fixed(se.loadMWh / 1e6, 2)])
            sweden.append(["net export", fixed(se.netExportMWh / 1e6, 2)])
            for b in se.borderNetExportMWh { sweden.append(["  net export \(b.border)", fixed(b.mwh / 1e6, 2)]) }
            sweden.append(["load shed (GWh)", fixed(se.unservedMWh / 1e3, 2)])
            sweden.append(["emissions (Mt CO2)", fixed(se.emissionsT / 1e6, 2)])
            sweden.append(["strategic reserve (h, GWh)", "\(se.reserveHours), \(fixed(se.reserveMWh / 1e3, 1))"])
            if !r.reservoirs.isEmpty {
                sweden.append(["reservoirs start, end", "\(fixed(se.reservoirStartTWh, 1)), \(fixed(se.reservoirEndTWh, 1))"])
                sweden.append(["hydro spill", fixed(se.hydroSpillTWh, 2)])
            }
            out += "\n" + sweden.render()
        }
        var borders = TextTable(headers: ["border", "mean flow (MW)", "max flow (MW)", "capacity fwd/back (MW)", "congested (h)"])
        for b in r.borderYears {
            let cap = "\(b.spec.capacityForwardMW.map { fixed($0, 0) } ?? "-")/\(b.spec.capacityBackwardMW.map { fixed($0, 0) } ?? "-")"
            borders.append([b.spec.name, fixed(b.meanFlowMW, 0), fixed(b.maxFlowMW, 0), cap, String(b.congestedHours)])
        }
        out += "\n" + borders.render()
        var system = TextTable(headers: ["system", "value"])
        let rows: [(String, String, Int)] = [
            ("load (TWh)", "load_twh", 2), ("unserved energy (MWh)", "unserved_energy_mwh", 0),
            ("surplus disposed of (MWh)", "surplus_energy_mwh", 0),
            ("curtailment (MWh)", "curtailment_mwh", 0), ("losses (TWh)", "losses_twh", 2),
            ("total cost (MEUR)", "total_cost_eur", -6), ("emissions (kt CO2)", "emissions_t", -3),
            ("lowest voltage (p.u.)", "lowest_voltage_pu", 3), ("highest voltage (p.u.)", "highest_voltage_pu", 3),
            ("lowest kinetic energy (GWs)", "lowest_kinetic_energy_gws", 1),
            ("hours below kinetic threshold", "hours_below_kinetic_threshold", 0),
            ("hours the AC check failed", "nonconverged_hours", 0),
            ("hours with a voltage outside limits", "voltage_violation_hours", 0),
            ("largest voltage excursion (p.u.)", "largest_voltage_violation_pu", 3),
        ]
        for (label, key, digits) in rows {
            let v = metrics[key] ?? 0
            // "losses (TWh)" → "losses* (TWh)": the star before the unit.
            let marked = !YearResult.isConvergedOnly(key) ? label
                : label.range(of: " (").map { label.replacingCharacters(in: $0, with: "* (") } ?? label + "*"
            system.append([marked, digits < 0 ? fixed(v / (digits == -6 ? 1e6 : 1e3), 1) : fixed(v, digits)])
        }
        out += "\n" + system.render() + convergedFootnote(r)
        let violations = r.busViolations.enumerated().filter { $0.element.hours > 0 }
        if !violations.isEmpty {
            var buses = TextTable(headers: ["bus outside limits", "zone", "limits (p.u.)", "hours", "farthest below", "farthest above"])
            for (b, v) in violations.sorted(by: { $0.element.hours > $1.element.hours }) {
                buses.append([String(r.grid.network.buses.id[b]) + (r.grid.siteOfBus[b].map { " \($0)" } ?? ""), r.grid.zoneOfBus[b],
                              "\(fixed(r.grid.vmin[b], 2))–\(fixed(r.grid.vmax[b], 2))", String(v.hours),
                              v.lowestBelow.map { fixed($0, 3) } ?? "-", v.highestAbove.map { "+" + fixed($0, 3) } ?? "-"])
            }
            out += "\n" + buses.render()
        }
        for note in r.notes { out += "note: \(note)\n" }
        return out
    }

    /// The line under a table with figures marked *: over how many hours they are taken.
    static func convergedFootnote(_ r: YearResult) -> String {
        let converged = r.records.filter(\.converged).count
        return converged == r.hours ? "* over all \(r.hours) hours (every hour converged)\n"
            : "* over the \(converged) converged hours of \(r.hours) only: the \(r.hours - converged) hours whose AC check failed have no voltages, losses or reactive reserve\n"
    }

    /// A run's files of the result folder, without the N-1 section and the manifest (both
    /// added by `ResultFolderWriter`, which writes them).
    public static func files(_ r: YearResult) -> [(name: String, text: String)] {
        let makers: [(name: String, make: @Sendable (YearResult) -> String)] = [
            ("scenario.json", { r in ScenarioJSON.write(r.scenario, hours: r.hours, weatherSource: r.weatherSource,
                                                       dataCentreBuses: r.grid.dataCentres.map { r.grid.network.buses.id[r.grid.network.loads.bus[$0.load]] }) }),
            ("summary.json", summary), ("system.csv", systemCSV), ("zones.csv", zonesCSV),
            ("borders.csv", bordersCSV), ("branches.csv", branchesCSV), ("branch_weeks.csv", branchWeeksCSV),
            ("buses.csv", busesCSV), ("generators.csv", generatorsCSV), ("nonconverged.csv", nonconvergedCSV),
            ("voltage_violations.csv", voltageViolationsCSV),
        ]
        // The files are independent; a year's zones and borders tables are megabytes each.
        let texts = LockedSlots<String>(count: makers.count)
        DispatchQueue.concurrentPerform(iterations: makers.count) { i in texts.set(i, makers[i].make(r)) }
        return zip(makers, texts.values()).map { (name: $0.name, text: $1) }
    }

    static func summary(_ r: YearResult) -> String {
        var j = JSONText()
        j.raw("{"); j.key("scenario"); j.string(r.scenario.name)
        j.raw(","); j.key("kind"); j.string(r.kind)
        let first = r.records.first?.hour ?? 0, last = r.records.last?.hour ?? 0
        j.raw(","); j.key("period"); j.raw("{"); j.key("from"); j.string(r.start.adding(days: first / 24).description)
        j.raw(","); j.key("to"); j.string(r.start.adding(days: last / 24).description)
        j.raw(","); j.key("hours"); j.number(r.hours); j.raw("}")
        j.raw(","); j.key("synthetic_weather"); j.bool(r.syntheticWeather)
        j.raw(","); j.key("metrics"); j.raw("{")
        let metrics = r.metrics
        for (i, m) in metrics.enumerated() { if i > 0 { j.raw(",") }; j.key(m.name); j.number(m.value.isFinite ? m.value : 0) }
        j.raw("}")
        // Which figures come from the converged hours only, and how many those are.
        j.raw(","); j.key("converged_only"); j.raw("{"); j.key("hours"); j.number(r.records.filter(\.converged).count)
        j.raw(","); j.key("of_hours"); j.number(r.hours)
        j.raw(","); j.key("metrics"); j.raw("[")
        for (i, name) in metrics.map(\.name).filter(YearResult.isConvergedOnly).enumerated() { if i > 0 { j.raw(",") }; j.string(name) }
        j.raw("],"); j.key("zone_fields"); j.raw("[\"min_reactive_reserve_mvar\",\"lowest_vm_pu\",\"lowest_vm_bus\"]}")
        if let se = r.sweden {
            j.raw(","); j.key("sweden"); j.raw("{"); j.key("generation_twh"); j.raw("{")
            for (t, name) in YearRecordLayout.technologies.map(\.rawValue).enumerated() {
                if t > 0 { j.raw(",") }
                j.key(name); j.number(se.generationMWh[t] / 1e6)
            }
            j.raw("},"); j.key("load_twh"); j.number(se.loadMWh / 1e6)
            j.raw(","); j.key("net_export_twh"); j.number(se.netExportMWh / 1e6)
            j.raw(","); j.key("net_export_by_border_twh"); j.raw("{")
            for (i, b) in se.borderNetExportMWh.enumerated() { if i > 0 { j.raw(",") }; j.key(b.border); j.number(b.mwh / 1e6) }
            j.raw("},"); j.key("unserved_mwh"); j.number(se.unservedMWh)
            j.raw(","); j.key("curtailed_mwh"); j.number(se.curtailedMWh)
            j.raw(","); j.key("emissions_t"); j.number(se.emissionsT)
            j.raw(","); j.key("strategic_reserve_hours"); j.number(se.reserveHours)
            j.raw(","); j.key("strategic_reserve_mwh"); j.number(se.reserveMWh)
            j.raw(","); j.key("hydro_spill_twh"); j.number(se.hydroSpillTWh)
            j.raw(","); j.key("reservoir_start_twh"); j.number(se.reservoirStartTWh)
            j.raw(","); j.key("reservoir_end_twh"); j.number(se.reservoirEndTWh)
            j.raw("}")
        }
        j.raw(","); j.key("zones"); j.raw("{")
        for (i, z) in r.zoneYears.enumerated() {
            if i > 0 { j.raw(",") }
            j.key(z.zone); j.raw("{"); j.key("load_twh"); j.number(z.loadMWh / 1e6)
            j.raw(","); j.key("generation_twh"); j.raw("{")
            for (t, name) in YearRecordLayout.technologies.map(\.rawValue).enumerated() {
                if t > 0 { j.raw(",") }
                j.key(name); j.number(z.generationMWh[t] / 1e6)
            }
            j.raw("},"); j.key("net_export_twh"); j.number(z.netExportMWh / 1e6)
            j.raw(","); j.key("price_mean_eur_mwh"); j.number(z.meanPrice)
            j.raw(","); j.key("unserved_mwh"); j.number(z.unservedMWh)
            j.raw(","); j.key("curtailed_mwh"); j.number(z.curtailedMWh)
            j.raw(","); j.key("min_reactive_reserve_mvar"); optional(&j, z.minReactiveReserveMVAr)
            j.raw(","); j.key("lowest_vm_pu"); optional(&j, z.lowestVm?.vm)
            j.raw(","); j.key("lowest_vm_bus"); optional(&j, z.lowestVm.map { Double($0.bus) })
            if let reservoir = r.reservoirs.first(where: { $0.zone == z.zone }) {
                j.raw(","); j.key("reservoir"); j.raw("{"); j.key("storage_twh"); j.number(reservoir.storageTWh)
                j.raw(","); j.key("start_twh"); j.number(reservoir.startTWh)
                j.raw(","); j.key("end_twh"); j.number(reservoir.endTWh)
                j.raw(","); j.key("min_twh"); j.number(reservoir.minTWh)
                j.raw(","); j.key("max_twh"); j.number(reservoir.maxTWh)
                j.raw(","); j.key("release_twh"); j.number(reservoir.releaseTWh)
                j.raw(","); j.key("spill_twh"); j.number(reservoir.spillTWh)
                j.raw(","); j.key("week_end_twh"); j.raw("[")
                for (i, x) in reservoir.weekEndTWh.enumerated() { if i > 0 { j.raw(",") }; j.number(x) }
                j.raw("]}")
            }
            j.raw("}")
        }
        j.raw("},"); j.key("borders"); j.raw("{")
        for (i, b) in r.borderYears.enumerated() {
            if i > 0 { j.raw(",") }
            j.key(b.spec.name); j.raw("{"); j.key("from_zone"); j.string(b.spec.fromZone)
            j.raw(","); j.key("to_zone"); j.string(b.spec.toZone)
            j.raw(","); j.key("capacity_forward_mw"); optional(&j, b.spec.capacityForwardMW)
            j.raw(","); j.key("capacity_backward_mw"); optional(&j, b.spec.capacityBackwardMW)
            j.raw(","); j.key("mean_flow_mw"); j.number(b.meanFlowMW)
            j.raw(","); j.key("max_flow_mw"); j.number(b.maxFlowMW)
            j.raw(","); j.key("congested_hours"); j.number(b.congestedHours)
            j.raw(","); j.key("energy_forward_twh"); j.number(b.forwardMWh / 1e6)
            j.raw(","); j.key("energy_backward_twh"); j.number(b.backwardMWh / 1e6)
            j.raw("}")
        }
        j.raw("},"); j.key("nonconverged"); j.raw("[")
        for (i, f) in r.nonconverged.enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("{"); j.key("hour"); j.number(r.index(f.hour)); j.raw(","); j.key("time"); j.string(r.time(f.hour))
            j.raw(","); j.key("cause"); j.string(f.cause); j.raw("}")
        }
        j.raw("],"); j.key("notes"); j.raw("[")
        for (i, n) in r.notes.enumerated() { if i > 0 { j.raw(",") }; j.string(n) }
        j.raw("]}\n")
        return j.text
    }

    private static func optional(_ j: inout JSONText, _ x: Double?) {
        if let x, x.isFinite { j.number(x) } else { j.raw("null") }
    }

    static func systemCSV(_ r: YearResult) -> String {
        var out = "hour,time,load_mw,generation_mw,net_import_mw,losses_mw,unserved_mw,curtailed_mw,cost_eur,emissions_t,kinetic_energy_gws,lowest_vm_pu,lowest_vm_bus,highest_vm_pu,highest_vm_bus,converged,iterations,buses_outside_limits\n"
        for x in r.records {
            out += "\(r.index(x.hour)),\(r.time(x.hour)),\(csv(x.loadMW, 3)),\(csv(x.generationMW, 3)),\(csv(x.netImportMW, 3)),\(csv(x.lossesMW, 3)),"
            out += "\(csv(x.unservedMW, 3)),\(csv(x.curtailedMW, 3)),\(csv(x.costEUR, 2)),\(csv(x.emissionsT, 3)),\(csv(x.kineticGWs, 3)),"
            out += "\(csv(x.lowestVm?.vm, 5)),\(x.lowestVm.map { String($0.bus) } ?? ""),\(csv(x.highestVm?.vm, 5)),"
            out += "\(x.highestVm.map { String($0.bus) } ?? ""),\(x.converged ? 1 : 0),\(x.iterations),\(x.converged ? String(x.voltageViolations.count) : "")\n"
        }
        return out
    }

    static func zonesCSV(_ r: YearResult) -> String {
        var out = "hour,time,zone,load_mw," + YearRecordLayout.technologies.map { "\($0.rawValue)_mw" }.joined(separator: ",")
        out += ",net_export_mw,price_eur_mwh,unserved_mw,curtailed_mw,reactive_reserve_mvar,kinetic_energy_gws,lowest_vm_pu\n"
        for x in r.records {
            let time = r.time(x.hour)
            for (z, zone) in r.grid.zones.enumerated() {
                out += "\(r.index(x.hour)),\(time),\(zone),\(csv(x.zoneLoadMW[z], 3))"
                for v in x.zoneGenerationMW[z] { out += "," + csv(v, 3) }
                out += ",\(csv(x.zoneNetExportMW[z], 3)),\(csv(x.zonePrice[z], 3)),\(csv(x.zoneUnservedMW[z], 3)),"
                out += "\(csv(x.zoneCurtailedMW[z], 3)),\(csv(x.converged ? x.zoneReactiveReserveMVAr[z] : nil, 3)),"
                out += "\(csv(x.zoneKineticGWs[z], 3)),\(csv(x.zoneLowestVm[z], 5))\n"
            }
        }
        return out
    }

    static func bordersCSV(_ r: YearResult) -> String {
        var out = "hour,time,border,flow_mw,capacity_forward_mw,capacity_backward_mw,congested\n"
        for x in r.records {
            let time = r.time(x.hour)
            for (k, b) in r.borders.enumerated() {
                out += "\(r.index(x.hour)),\(time),\(b.name),\(csv(x.borderFlowMW[k], 3)),\(csv(b.capacityForwardMW, 1)),"
                out += "\(csv(b.capacityBackwardMW, 1)),\(x.borderCongested[k] ? 1 : 0)\n"
            }
        }
        return out
    }

    static func branchesCSV(_ r: YearResult) -> String {
        let net = r.grid.network, mva = net.baseMVA
        var out = "branch,from_bus,to_bus,from_zone,to_zone,rate_a_mva,max_mva,p95_mva,mean_mva,max_loading_pct,p95_loading_pct,hours_over_100\n"
        let solved = r.records.filter(\.converged)
        for l in 0..<net.branches.count {
            let series = solved.map { $0.branchMVA[l] }.sorted()
            let maxMVA = series.last ?? 0
            let p95 = series.isEmpty ? 0 : series[min(series.count - 1, Int((0.95 * Double(series.count)).rounded(.up)) - 1)]
            let mean = series.isEmpty ? 0 : series.reduce(0, +) / Double(series.count)
            let rate = net.branches.rateA[l] > 0 ? net.branches.rateA[l] * mva : nil
            out += "\(l + 1),\(net.buses.id[net.branches.from[l]]),\(net.buses.id[net.branches.to[l]]),"
            out += "\(r.grid.zoneOfBus[net.branches.from[l]]),\(r.grid.zoneOfBus[net.branches.to[l]]),\(csv(rate, 1)),"
            out += "\(csv(maxMVA, 3)),\(csv(p95, 3)),\(csv(mean, 3)),\(csv(rate.map { 100 * maxMVA / $0 }, 2)),"
            out += "\(csv(rate.map { 100 * p95 / $0 }, 2)),\(rate.map { cap in String(series.filter { $0 > cap }.count) } ?? "")\n"
        }
        return out
    }

    static func branchWeeksCSV(_ r: YearResult) -> String {
        let net = r.grid.network
        var out = "branch,week,max_mva,max_loading_pct\n"
        let weeks = Dictionary(grouping: r.records.filter(\.converged), by: { r.index($0.hour) / 168 })
        for l in 0..<net.branches.count {
            let rate = net.branches.rateA[l] > 0 ? net.branches.rateA[l] * net.baseMVA : nil
            for w in weeks.keys.sorted() {
                let peak = weeks[w]!.map { $0.branchMVA[l] }.max()
                out += "\(l + 1),\(w + 1),\(csv(peak, 3)),\(csv(peak.flatMap { p in rate.map { 100 * p / $0 } }, 2))\n"
            }
        }
        return out
    }

    static func busesCSV(_ r: YearResult) -> String {
        let net = r.grid.network
        var out = "bus,zone,site,lat,lon,min_vm_pu,max_vm_pu,mean_vm_pu,vmin_pu,vmax_pu,hours_outside_limits\n"
        let solved = r.records.filter(\.converged)
        let violations = r.busViolations
        for b in 0..<net.buses.count {
            let v = solved.map { $0.vm[b] }
            out += "\(net.buses.id[b]),\(r.grid.zoneOfBus[b]),\(r.grid.siteOfBus[b] ?? ""),\(csv(r.grid.latitude[b], 5)),\(csv(r.grid.longitude[b], 5)),"
            out += "\(csv(v.min(), 5)),\(csv(v.max(), 5)),\(csv(v.isEmpty ? nil : v.reduce(0, +) / Double(v.count), 5)),"
            out += "\(csv(r.grid.vmin[b], 3)),\(csv(r.grid.vmax[b], 3)),\(violations[b].hours)\n"
        }
        return out
    }

    static func generatorsCSV(_ r: YearResult) -> String {
        let g = r.grid, net = g.network
        var out = "generator,bus,zone,technology,unit,added,capacity_mw,energy_mwh,capacity_factor,curtailed_mwh\n"
        for i in 0..<net.generators.count {
            let energy = r.records.reduce(0) { $0 + $1.generatorMW[i] }
            let curtailed = r.records.reduce(0) { $0 + $1.generatorCurtailedMW[i] }
            let cf = g.units[i].capacityMW > 0 && r.hours > 0 ? energy / (g.units[i].capacityMW * Double(r.hours)) : nil
            out += "\(i + 1),\(net.buses.id[net.generators.bus[i]]),\(g.zoneOfBus[net.generators.bus[i]]),\(g.units[i].technology.rawValue),"
            out += "\(g.units[i].name ?? ""),\(g.units[i].added ? 1 : 0),\(csv(g.units[i].capacityMW, 3)),\(csv(energy, 3)),\(csv(cf, 4)),\(csv(curtailed, 3))\n"
        }
        return out
    }

    static func nonconvergedCSV(_ r: YearResult) -> String {
        var out = "hour,time,cause\n"
        for f in r.nonconverged { out += "\(r.index(f.hour)),\(r.time(f.hour)),\(f.cause.replacingOccurrences(of: ",", with: ";"))\n" }
        return out
    }

    /// One row per converged hour and bus outside its limits; `excess_pu` is how far (negative below).
    static func voltageViolationsCSV(_ r: YearResult) -> String {
        let net = r.grid.network
        var out = "hour,time,bus,zone,vm_pu,vmin_pu,vmax_pu,excess_pu\n"
        for x in r.records {
            for v in x.voltageViolations {
                out += "\(r.index(x.hour)),\(r.time(x.hour)),\(net.buses.id[v.bus]),\(r.grid.zoneOfBus[v.bus]),\(csv(v.vm, 5)),"
                out += "\(csv(r.grid.vmin[v.bus], 3)),\(csv(r.grid.vmax[v.bus], 3)),\(csv(v.excess, 5))\n"
            }
        }
        return out
    }

    /// A CSV number: empty when absent or not finite.
    static func csv(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "" }
        return fixed(x, digits)
    }
}
