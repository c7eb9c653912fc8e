import Foundation
import KraftCore
import KraftIO
import KraftScenario

/// A synthetic year-kind result folder (docs/result-folder.md, format version 1) on a real grid:
/// the buses, branches, generators, zones, borders and coordinates of a grid and its sidecar, with
/// made-up but self-consistent hourly values (every summary figure is computed from the CSV rows
/// written beside it). It exists so that `kraft report` and `kraft compare` can be built and
/// tested before and apart from the year-run engine, and so CI can check a report in a browser;
/// the values mean nothing about any real system, and the folder says so (scenario description
/// and notes).
///
/// The values exercise every chart and table: unserved energy in SE4, congestion on SE2→SE3, kinetic
/// energy below its threshold, an overloaded and an unrated branch, a non-converged hour, N-1 and
/// certificate sections. `variant` shifts load and nuclear output so that two samples differ for
/// `kraft compare`.
public enum SampleResultFolder {
    public static let zoneOrder = ["SE1", "SE2", "SE3", "SE4", "NO1", "NO2", "NO3", "NO4", "NO5", "FI"]

    public static func write(grid: String, sidecar sidecarPath: String, to folder: String, weeks: Int = 2, variant: Int = 0) throws(InputError) {
        let network = try CaseFile.load(path: grid).network
        let sidecarText: String
        do { sidecarText = try String(contentsOfFile: sidecarPath, encoding: .utf8) } catch {
            throw InputError(file: sidecarPath, line: nil, message: "cannot be read")
        }
        let sidecar: GridSidecar
        do { sidecar = try GridSidecar.parse(sidecarText, file: sidecarPath, network: network) } catch {
            throw InputError(file: sidecarPath, line: nil, message: error.problems.map(\.description).joined(separator: "; "))
        }
        var inputs = [InputFile]()
        for path in [grid, sidecarPath] {
            do { inputs.append(try InputHash.read(path).file) } catch { throw InputError(file: path, line: nil, message: "cannot be read") }
        }
        let files = SampleValues(network: network, sidecar: sidecar, hours: 168 * weeks, variant: variant, inputs: inputs).files()
        try ResultFolder.write(files, to: folder)
    }
}

/// The hourly values of a sample folder and the files written from them.
private struct SampleValues {
    let network: Network
    let sidecar: GridSidecar
    let hours: Int
    let variant: Int
    let inputs: [InputFile]
    let zones: [String]
    let technologies = ResultFolderReader.technologies

    init(network: Network, sidecar: GridSidecar, hours: Int, variant: Int, inputs: [InputFile]) {
        self.network = network
        self.sidecar = sidecar
        self.hours = hours
        self.variant = variant
        self.inputs = inputs
        let present = Set(sidecar.zoneOfBus.values)
        zones = SampleResultFolder.zoneOrder.filter(present.contains)
    }

    static let baseLoad: [String: Double] = ["SE1": 1300, "SE2": 2000, "SE3": 11000, "SE4": 3000, "NO1": 4500, "NO2": 4500,
                                             "NO3": 3000, "NO4": 2200, "NO5": 2500, "FI": 11000]
    /// Capacity (MW) by zone and technology.
    static let capacity: [String: [String: Double]] = [
        "SE1": ["hydro": 4000, "wind": 1500, "other": 50],
        "SE2": ["hydro": 6500, "wind": 4000, "small_hydro": 300, "other": 50],
        "SE3": ["nuclear": 6900, "hydro": 2500, "wind": 3000, "solar": 300, "small_hydro": 150, "chp": 800, "other": 50],
        "SE4": ["wind": 1800, "solar": 200, "chp": 300, "thermal": 400, "other": 50],
        "NO1": ["hydro": 3000, "wind": 500, "small_hydro": 100], "NO2": ["hydro": 8000, "wind": 500, "small_hydro": 100],
        "NO3": ["hydro": 2500, "wind": 500, "small_hydro": 100], "NO4": ["hydro": 3500, "wind": 500, "small_hydro": 100],
        "NO5": ["hydro": 5500, "wind": 500, "small_hydro": 100], "FI": ["nuclear": 4400, "hydro": 2000, "wind": 3000, "chp": 2000, "thermal": 600],
    ]
    static let marginalCost: [String: Double] = ["nuclear": 10, "hydro": 5, "chp": 60, "thermal": 120, "other": 80]
    static let emissionFactor: [String: Double] = ["chp": 0.2, "thermal": 0.7, "other": 0.4]
    /// Kinetic energy per MW of output (GW·s per MW): inertia constant over power factor, rough.
    static let kineticPerMW: [String: Double] = ["nuclear": 0.0066, "hydro": 0.0035, "chp": 0.004, "thermal": 0.005]
    static let priceCap = 3000.0
    static let kineticThreshold = 145.0
    static let nonconvergedHour = 100

    func time(_ h: Int) -> String {
        let day = 1 + h / 24, hour = h % 24
        return "2030-01-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00"
    }

    func daily(_ h: Int) -> Double { 1 + 0.12 * sin(2 * .pi * Double(h % 24 - 8) / 24) }

    /// One zone's hour: load, generation by technology, unserved and curtailed (MW).
    struct ZoneHour { var load = 0.0, generation: [String: Double] = [:], unserved = 0.0, curtailed = 0.0, price = 0.0,
                      reserve = 0.0, kinetic = 0.0, lowestVm = 1.0; var total: Double { generation.values.reduce(0, +) } }

    func zoneHour(_ z: Int, _ h: Int) -> ZoneHour {
        let zone = zones[z], cap = Self.capacity[zone] ?? [:]
        var r = ZoneHour()
        r.load = (Self.baseLoad[zone] ?? 1000) * daily(h) * (1 + 0.05 * sin(2 * .pi * Double(h) / 168)) * (1 + 0.03 * Double(variant))
        let wind = min(1, max(0.02, 0.35 + 0.35 * sin(2 * .pi * Double(h) / 97 + Double(z))))
        let sun = (9...15).contains(h % 24) ? 0.25 * sin(.pi * Double(h % 24 - 8) / 8) : 0
        for tech in technologies {
            guard let c = cap[tech] else { r.generation[tech] = 0; continue }
            var g: Double
            switch tech {
            case "nuclear": g = c * (zone == "SE3" && (250..<280).contains(h) ? 0.25 : 0.9) * (1 - 0.15 * Double(variant))
            case "wind": g = c * wind
            case "solar": g = c * sun
            case "hydro": g = 0
            default: g = c * (tech == "chp" ? 0.6 * daily(h) : 0.3)
            }
            if tech == "wind", wind > 0.6 { r.curtailed = (wind - 0.6) * c * 0.3; g -= r.curtailed }
            r.generation[tech] = g
        }
        if let c = cap["hydro"] {
            // hydro follows the rest of the load, with a zone-dependent export target, within 5-95 % of capacity
            let targets: [String: Double] = ["SE1": 1500, "SE2": 3500, "SE3": -4000, "NO2": 1500, "NO5": 1500, "FI": -1500]
            let swing: Double = 400 * sin(2 * .pi * Double(h) / 50)
            let wanted: Double = r.load - r.total + (targets[zone] ?? 0) + swing
            r.generation["hydro"] = min(0.95 * c, max(0.05 * c, wanted))
        }
        if zone == "SE4", (200..<206).contains(h) { r.unserved = 150 + 50 * Double(h - 200) }
        let basePrice: Double = (["SE1": 30, "SE2": 30, "SE3": 45, "SE4": 60, "FI": 50] as [String: Double])[zone] ?? 35
        let dailyPrice: Double = 12 * sin(2 * .pi * Double(h % 24 - 6) / 24)
        r.price = r.unserved > 0 ? Self.priceCap : basePrice + dailyPrice + Double(z)
        r.reserve = 600 + 300 * sin(2 * .pi * Double(h) / 24 + Double(z)) - (zone == "SE3" && (250..<280).contains(h) ? 500 : 0)
        for (tech, k) in Self.kineticPerMW { r.kinetic += (r.generation[tech] ?? 0) * k }
        r.lowestVm = 0.97 + 0.015 * sin(2 * .pi * Double(h) / 24 + Double(z)) - (zone == "SE3" && (250..<280).contains(h) ? 0.04 : 0)
        return r
    }

    func files() -> [(name: String, text: String)] {
        let grid = (0..<hours).map { h in (0..<zones.count).map { zoneHour($0, h) } }
        var files = [(name: String, text: String)]()
        // zones.csv
        var zcsv = "hour,time,zone,load_mw," + technologies.map { "\($0)_mw" }.joined(separator: ",")
            + ",net_export_mw,price_eur_mwh,unserved_mw,curtailed_mw,reactive_reserve_mvar,kinetic_energy_gws,lowest_vm_pu\n"
        for h in 0..<hours {
            for (z, zone) in zones.enumerated() {
                let r = grid[h][z]
                zcsv += "\(h),\(time(h)),\(zone),\(fixed(r.load, 1)),"
                zcsv += technologies.map { fixed(r.generation[$0] ?? 0, 1) }.joined(separator: ",")
                zcsv += ",\(fixed(r.total - r.load + r.unserved, 1)),\(fixed(r.price, 2)),\(fixed(r.unserved, 1)),\(fixed(r.curtailed, 1)),"
                zcsv += "\(fixed(r.reserve, 1)),\(fixed(r.kinetic, 2)),\(fixed(r.lowestVm, 4))\n"
            }
        }
        // system.csv
        var scsv = "hour,time,load_mw,generation_mw,losses_mw,unserved_mw,curtailed_mw,cost_eur,emissions_t,kinetic_energy_gws,lowest_vm_pu,lowest_vm_bus,highest_vm_pu,highest_vm_bus,converged,iterations\n"
        let lowBus = network.buses.id[network.busIndex[3359] ?? 0]
        var cost = 0.0, emissions = 0.0, kineticMin = Double.infinity, below = 0, lowestVm = Double.infinity
        for h in 0..<hours {
            let rows = grid[h]
            let load = rows.map(\.load).reduce(0, +), gen = rows.map(\.total).reduce(0, +)
            let unserved = rows.map(\.unserved).reduce(0, +), curtailed = rows.map(\.curtailed).reduce(0, +)
            var c = unserved * Self.priceCap, e = 0.0
            for r in rows { for (t, g) in r.generation { c += g * (Self.marginalCost[t] ?? 0); e += g * (Self.emissionFactor[t] ?? 0) } }
            let kinetic = rows.map(\.kinetic).reduce(0, +)
            let converged = h != Self.nonconvergedHour
            let vm = rows.map(\.lowestVm).min()!
            cost += Double(fixed(c, 0))!; emissions += Double(fixed(e, 2))!
            let k = Double(fixed(kinetic, 2))!
            kineticMin = min(kineticMin, k); if k < Self.kineticThreshold { below += 1 }
            if converged { lowestVm = min(lowestVm, Double(fixed(vm, 4))!) }
            scsv += "\(h),\(time(h)),\(fixed(load, 1)),\(fixed(gen, 1)),\(fixed(0.02 * load, 1)),\(fixed(unserved, 1)),\(fixed(curtailed, 1)),"
            scsv += "\(fixed(c, 0)),\(fixed(e, 2)),\(fixed(kinetic, 2)),\(converged ? fixed(vm, 4) : ""),\(converged ? String(lowBus) : ""),"
            scsv += "\(converged ? "1.0500" : ""),\(converged ? String(network.buses.id[0]) : ""),\(converged ? 1 : 0),\(converged ? 3 : 30)\n"
        }
        // borders.csv
        var bcsv = "hour,time,border,flow_mw,capacity_forward_mw,capacity_backward_mw,congested\n"
        var borderStats = [(border: GridSidecar.Interconnector, mean: Double, max: Double, congested: Int, forward: Double, backward: Double)]()
        let zoneIndex = Dictionary(uniqueKeysWithValues: zones.enumerated().map { ($1, $0) })
        var congestedSE2SE3 = 0
        for (k, ic) in sidecar.interconnectors.enumerated() {
            var sum = 0.0, peak = 0.0, congested = 0, forward = 0.0, backward = 0.0
            for h in 0..<hours {
                let fwd = ic.capacityForwardMW, bwd = ic.capacityBackwardMW
                var flow: Double
                if let z = zoneIndex[ic.fromZone], ["SE1-SE2", "SE2-SE3", "SE3-SE4"].contains(ic.border) {
                    // the Swedish cuts carry what the zones north of them export
                    flow = 1.5 * (0...z).map { grid[h][$0].total - grid[h][$0].load + grid[h][$0].unserved }.reduce(0, +)
                } else {
                    flow = 0.6 * (fwd ?? 500) * sin(2 * .pi * Double(h) / 40 + Double(k))
                }
                if let fwd { flow = min(flow, fwd) }
                if let bwd { flow = max(flow, -bwd) }
                flow = Double(fixed(flow, 1))!
                let isCongested = (fwd.map { flow >= $0 - 0.05 } ?? false) || (bwd.map { flow <= -$0 + 0.05 } ?? false)
                if isCongested { congested += 1 }
                sum += flow; peak = max(peak, abs(flow))
                if flow > 0 { forward += flow } else { backward -= flow }
                bcsv += "\(h),\(time(h)),\(ic.border),\(fixed(flow, 1)),\(fwd.map { fixed($0, 0) } ?? ""),\(bwd.map { fixed($0, 0) } ?? ""),\(isCongested ? 1 : 0)\n"
            }
            if ic.border == "SE2-SE3" { congestedSE2SE3 = congested }
            borderStats.append((ic, sum / Double(hours), peak, congested, forward / 1e6, backward / 1e6))
        }
        // branches.csv and branch_weeks.csv
        let weeks = (hours + 167) / 168
        var brcsv = "branch,from_bus,to_bus,from_zone,to_zone,rate_a_mva,max_mva,p95_mva,mean_mva,max_loading_pct,p95_loading_pct,hours_over_100\n"
        var wcsv = "branch,week,max_mva,max_loading_pct\n"
        let net = network
        for l in 0..<net.branches.count {
            let f = net.branches.from[l], t = net.branches.to[l]
            let kv = net.buses.baseKV[f]
            let rating: Double? = [9, 69].contains(l) ? nil : (kv >= 380 ? 2000 : kv >= 220 ? 1200 : 300)
            let share = (Double(l) * 0.37).truncatingRemainder(dividingBy: 1)
            let level = (rating ?? 800) * (0.25 + 0.6 * share) * (l % 11 == 3 ? 1.35 : 1)
            let mva = (0..<hours).map { h in Double(fixed(level * (1 + 0.25 * sin(2 * .pi * Double(h) / 24 + Double(l))) * (1 + 0.1 * sin(2 * .pi * Double(h) / 168)), 1))! }
            let sorted = mva.sorted()
            let p95 = sorted[min(sorted.count - 1, Int((0.95 * Double(sorted.count)).rounded(.up)) - 1)]
            let pct = { (x: Double) in rating.map { fixed(100 * x / $0, 2) } ?? "" }
            brcsv += "\(l + 1),\(net.buses.id[f]),\(net.buses.id[t]),\(sidecar.zoneOfBus[f] ?? ""),\(sidecar.zoneOfBus[t] ?? ""),"
            brcsv += "\(rating.map { fixed($0, 0) } ?? ""),\(fixed(sorted.last!, 1)),\(fixed(p95, 1)),\(fixed(mva.reduce(0, +) / Double(hours), 1)),"
            brcsv += "\(pct(sorted.last!)),\(pct(p95)),\(rating.map { r in mva.filter { $0 > r }.count } ?? 0)\n"
            for w in 0..<weeks {
                let peak = mva[(w * 168)..<min(hours, (w + 1) * 168)].max()!
                wcsv += "\(l + 1),\(w + 1),\(fixed(peak, 1)),\(pct(peak))\n"
            }
        }
        // buses.csv
        var bucsv = "bus,zone,site,lat,lon,min_vm_pu,max_vm_pu,mean_vm_pu\n"
        for i in 0..<net.buses.count {
            let mean = 1.0 + 0.02 * sin(Double(i)), low = mean - 0.03 - (net.buses.id[i] == 3359 ? 0.03 : 0)
            let c = sidecar.coordinatesOfBus[i]
            bucsv += "\(net.buses.id[i]),\(sidecar.zoneOfBus[i] ?? ""),\(sidecar.siteOfBus[i] ?? ""),"
            bucsv += "\(c.map { String($0.latitude) } ?? ""),\(c.map { String($0.longitude) } ?? ""),\(fixed(low, 4)),\(fixed(mean + 0.02, 4)),\(fixed(mean, 4))\n"
        }
        // generators.csv
        var gcsv = "generator,bus,zone,technology,unit,added,capacity_mw,energy_mwh,capacity_factor,curtailed_mwh\n"
        for g in sidecar.generators {
            let bus = net.generators.bus[g.index]
            let cap = 0.9 * (g.machineBaseMVA ?? 100), cf = g.technology == .nuclear ? 0.85 : 0.45
            gcsv += "\(g.index + 1),\(net.buses.id[bus]),\(sidecar.zoneOfBus[bus] ?? ""),\(g.technology.rawValue),\(g.unit ?? ""),0,"
            gcsv += "\(fixed(cap, 1)),\(fixed(cap * cf * Double(hours), 0)),\(fixed(cf, 3)),0\n"
        }
        // optional sections
        var ccsv = "hour,time,outage,converged,max_loading_pct,worst_branch,overloads,lowest_vm_pu\n"
        for (k, h) in [260, 300].enumerated() {
            ccsv += "\(h),\(time(h)),line 3000-3300,1,\(fixed(92.5 + 10 * Double(k), 1)),3359-3360,\(k),0.9410\n"
            ccsv += "\(h),\(time(h)),unit R4,1,\(fixed(88.0 + 3 * Double(k), 1)),3244-3300,0,0.9380\n"
            ccsv += "\(h),\(time(h)),line 3249-3100,0,,,0,\n"
        }
        var certcsv = "year,quota,demand_twh,issued_twh,bank_twh,price_eur_mwh\n"
        for (k, year) in [2030, 2031, 2032].enumerated() {
            certcsv += "\(year),\(fixed(0.18 - 0.03 * Double(k), 3)),\(fixed(95 + Double(k), 1)),\(fixed(20 - 2 * Double(k), 1)),\(fixed(9 - 3 * Double(k), 1)),\(fixed(12 - 4 * Double(k), 2))\n"
        }
        let nccsv = "hour,time,cause\n\(Self.nonconvergedHour),\(time(Self.nonconvergedHour)),Newton-Raphson: iteration limit (30) reached\n"

        files.append(("system.csv", scsv)); files.append(("zones.csv", zcsv)); files.append(("borders.csv", bcsv))
        files.append(("branches.csv", brcsv)); files.append(("branch_weeks.csv", wcsv)); files.append(("buses.csv", bucsv))
        files.append(("generators.csv", gcsv)); files.append(("nonconverged.csv", nccsv))
        files.append(("contingency.csv", ccsv)); files.append(("certificates.csv", certcsv))

        // summary.json, from the rows written above (rounded as written)
        func zoneSum(_ z: Int, _ value: (ZoneHour) -> Double) -> Double { (0..<hours).map { Double(fixed(value(grid[$0][z]), 1))! }.reduce(0, +) }
        var j = JSONText()
        j.raw("{"); j.key("scenario"); j.string(scenarioName); j.raw(","); j.key("kind"); j.string("year"); j.raw(",")
        j.key("period"); j.raw("{"); j.key("from"); j.string("2030-01-01"); j.raw(","); j.key("to"); j.string(String(time(hours - 1).prefix(10)))
        j.raw(","); j.key("hours"); j.number(hours); j.raw("},"); j.key("synthetic_weather"); j.bool(true); j.raw(",")
        let loadTWh = (0..<zones.count).map { zoneSum($0, \.load) }.reduce(0, +) / 1e6
        let genTWh = (0..<zones.count).map { z in technologies.map { t in zoneSum(z) { $0.generation[t] ?? 0 } }.reduce(0, +) }.reduce(0, +) / 1e6
        var metrics: [(String, Double)] = [
            ("load_twh", loadTWh), ("generation_twh", genTWh),
            ("unserved_energy_mwh", (0..<zones.count).map { zoneSum($0, \.unserved) }.reduce(0, +)),
            ("curtailment_mwh", (0..<zones.count).map { zoneSum($0, \.curtailed) }.reduce(0, +)),
            ("losses_twh", (0..<hours).map { h in Double(fixed(0.02 * grid[h].map(\.load).reduce(0, +), 1))! }.reduce(0, +) / 1e6),
            ("total_cost_eur", cost), ("emissions_t", emissions), ("lowest_voltage_pu", lowestVm), ("highest_voltage_pu", 1.05),
            ("lowest_kinetic_energy_gws", kineticMin), ("hours_below_kinetic_threshold", Double(below)),
            ("kinetic_threshold_gws", Self.kineticThreshold), ("congested_hours_se2_se3", Double(congestedSE2SE3)),
            ("nonconverged_hours", 1),
        ]
        for s in borderStats where s.border.border != "SE2-SE3" {
            metrics.append(("congested_hours_" + s.border.border.lowercased().replacingOccurrences(of: "-", with: "_"), Double(s.congested)))
        }
        if let se3 = zones.firstIndex(of: "SE3") {
            metrics.append(("net_import_se3_twh", -zoneSum(se3) { $0.total - $0.load + $0.unserved } / 1e6))
            metrics.append(("min_reactive_reserve_se3_mvar", (0..<hours).map { Double(fixed(grid[$0][se3].reserve, 1))! }.min()!))
        }
        for (z, zone) in zones.enumerated() {
            metrics.append(("price_mean_\(zone.lowercased())_eur_mwh", zoneSum(z) { Double(fixed($0.price, 2))! * 10 } / 10 / Double(hours)))
        }
        j.key("metrics"); j.raw("{")
        for (k, m) in metrics.enumerated() { if k > 0 { j.raw(",") }; j.key(m.0); j.number(m.1) }
        j.raw("},"); j.key("zones"); j.raw("{")
        for (z, zone) in zones.enumerated() {
            if z > 0 { j.raw(",") }
            j.key(zone); j.raw("{"); j.key("load_twh"); j.number(zoneSum(z, \.load) / 1e6); j.raw(","); j.key("generation_twh"); j.raw("{")
            for (k, t) in technologies.enumerated() { if k > 0 { j.raw(",") }; j.key(t); j.number(zoneSum(z) { $0.generation[t] ?? 0 } / 1e6) }
            j.raw("},"); j.key("net_export_twh"); j.number(zoneSum(z) { $0.total - $0.load + $0.unserved } / 1e6); j.raw(",")
            j.key("price_mean_eur_mwh"); j.number(zoneSum(z) { Double(fixed($0.price, 2))! * 10 } / 10 / Double(hours)); j.raw(",")
            j.key("unserved_mwh"); j.number(zoneSum(z, \.unserved)); j.raw(","); j.key("curtailed_mwh"); j.number(zoneSum(z, \.curtailed)); j.raw(",")
            j.key("min_reactive_reserve_mvar"); j.number((0..<hours).map { Double(fixed(grid[$0][z].reserve, 1))! }.min()!); j.raw(",")
            j.key("lowest_vm_pu"); j.number((0..<hours).map { Double(fixed(grid[$0][z].lowestVm, 4))! }.min()!); j.raw(",")
            j.key("lowest_vm_bus"); j.raw("null"); j.raw("}")
        }
        j.raw("},"); j.key("borders"); j.raw("{")
        for (k, s) in borderStats.enumerated() {
            if k > 0 { j.raw(",") }
            j.key(s.border.border); j.raw("{"); j.key("from_zone"); j.string(s.border.fromZone); j.raw(","); j.key("to_zone"); j.string(s.border.toZone); j.raw(",")
            j.key("capacity_forward_mw"); j.number(s.border.capacityForwardMW ?? .nan); j.raw(",")
            j.key("capacity_backward_mw"); j.number(s.border.capacityBackwardMW ?? .nan); j.raw(",")
            j.key("mean_flow_mw"); j.number(s.mean); j.raw(","); j.key("max_flow_mw"); j.number(s.max); j.raw(",")
            j.key("congested_hours"); j.number(s.congested); j.raw(","); j.key("energy_forward_twh"); j.number(s.forward); j.raw(",")
            j.key("energy_backward_twh"); j.number(s.backward); j.raw("}")
        }
        // Sweden's totals: the Swedish zones' rows, and the borders with one Swedish side (+ out of Sweden)
        let swedish = zones.indices.filter { zones[$0].hasPrefix("SE") }
        j.raw("},"); j.key("sweden"); j.raw("{"); j.key("generation_twh"); j.raw("{")
        for (k, t) in technologies.enumerated() {
            if k > 0 { j.raw(",") }
            j.key(t); j.number(swedish.map { z in zoneSum(z) { $0.generation[t] ?? 0 } }.reduce(0, +) / 1e6)
        }
        j.raw("},"); j.key("load_twh"); j.number(swedish.map { zoneSum($0, \.load) }.reduce(0, +) / 1e6)
        j.raw(","); j.key("net_export_twh"); j.number(swedish.map { z in zoneSum(z) { $0.total - $0.load + $0.unserved } }.reduce(0, +) / 1e6)
        j.raw(","); j.key("net_export_by_border_twh"); j.raw("{")
        for (k, s) in borderStats.filter({ $0.border.fromZone.hasPrefix("SE") != $0.border.toZone.hasPrefix("SE") }).enumerated() {
            if k > 0 { j.raw(",") }
            j.key(s.border.border); j.number((s.forward - s.backward) * (s.border.fromZone.hasPrefix("SE") ? 1 : -1))
        }
        j.raw("},"); j.key("unserved_mwh"); j.number(swedish.map { zoneSum($0, \.unserved) }.reduce(0, +))
        j.raw(","); j.key("curtailed_mwh"); j.number(swedish.map { zoneSum($0, \.curtailed) }.reduce(0, +))
        j.raw(","); j.key("emissions_t")
        j.number(swedish.map { z in zoneSum(z) { r in r.generation.reduce(0) { $0 + $1.value * (Self.emissionFactor[$1.key] ?? 0) } } }.reduce(0, +))
        j.raw(","); j.key("strategic_reserve_hours"); j.number(0); j.raw(","); j.key("strategic_reserve_mwh"); j.number(0)
        j.raw("},"); j.key("nonconverged"); j.raw("[{"); j.key("hour"); j.number(Self.nonconvergedHour); j.raw(",")
        j.key("time"); j.string(time(Self.nonconvergedHour)); j.raw(","); j.key("cause"); j.string("Newton-Raphson: iteration limit (30) reached")
        j.raw("}],"); j.key("notes"); j.raw("["); j.string("SAMPLE: synthetic values for testing reports, not a simulation")
        j.raw(","); j.string("weather: synthetic (sample)"); j.raw("]}\n")
        files.append(("summary.json", j.text))
        files.append(("scenario.json", scenarioJSON()))
        var m = JSONText()
        m.raw("{"); m.key("format"); m.string("kraft-result"); m.raw(","); m.key("version"); m.number(1); m.raw(",")
        m.key("kind"); m.string("year"); m.raw(","); m.key("kraft_version"); m.string("sample"); m.raw(","); m.key("files"); m.raw("[")
        for (k, f) in (files.map(\.name) + ["manifest.json"]).enumerated() { if k > 0 { m.raw(",") }; m.string(f) }
        m.raw("]}\n")
        files.append(("manifest.json", m.text))
        return files
    }

    var scenarioName: String { variant == 0 ? "Sample <base> & co" : "Sample variant \(variant)" }

    func scenarioJSON() -> String {
        var j = JSONText()
        j.raw("{"); j.key("name"); j.string(scenarioName); j.raw(",")
        j.key("description"); j.string("Synthetic result folder for testing kraft report (not a simulation)"); j.raw(",")
        j.key("grid"); j.string(inputs[0].path); j.raw(","); j.key("sidecar"); j.string(inputs[1].path); j.raw(",")
        j.key("period"); j.raw("{"); j.key("from"); j.string("2030-01-01"); j.raw(","); j.key("to"); j.string(String(time(hours - 1).prefix(10)))
        j.raw(","); j.key("hours"); j.number(hours); j.raw("},")
        j.key("weather"); j.raw("{"); j.key("synthetic"); j.bool(true); j.raw(","); j.key("seed"); j.number(2030); j.raw(",")
        j.key("source"); j.string("synthetic (sample)"); j.raw("},")
        j.key("events"); j.raw("[{"); j.key("unit"); j.string("R4"); j.raw(","); j.key("date"); j.string("2030-01-11"); j.raw(",")
        j.key("kind"); j.string("closure"); j.raw("}],")
        j.key("data_centres"); j.raw("[{"); j.key("name"); j.string("Forsmark DC"); j.raw(","); j.key("bus"); j.number(3000); j.raw(",")
        j.key("mw"); j.number(300); j.raw("}],"); j.key("producers"); j.raw("[],"); j.key("certificates"); j.raw("null,")
        j.key("base"); variant == 0 ? j.raw("null") : j.string("Sample <base> & co"); j.raw(",")
        j.key("changes"); j.raw("[")
        if variant != 0 { j.string("load +\(3 * variant) %, nuclear output -\(15 * variant) %") }
        j.raw("],"); j.key("inputs"); j.raw("[")
        for (k, f) in inputs.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("path"); j.string(f.path); j.raw(","); j.key("sha256"); j.string(f.sha256); j.raw("}")
        }
        j.raw("]}\n")
        return j.text
    }
}
