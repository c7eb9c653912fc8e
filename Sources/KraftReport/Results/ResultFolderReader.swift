import Foundation
import KraftIO
import KraftSim

/// Reads a result folder written by `kraft run` (docs/result-folder.md, format version 1), strictly:
/// a folder without `manifest.json`, of another format, of a newer version, or missing a file,
/// a column or a summary key the format requires is refused with an `InputError` that names what
/// is missing. Values the format allows to be absent (empty CSV fields, JSON null) stay optional.
public enum ResultFolderReader {
    public static let formatName = ResultManifest.format
    public static let formatVersion = ResultManifest.version

    /// Technology columns of `zones.csv`, in the order charts stack them.
    public static let technologies = ["nuclear", "hydro", "wind", "solar", "small_hydro", "chp", "thermal", "other"]

    static let requiredYearMetrics = [
        "load_twh", "generation_twh", "unserved_energy_mwh", "curtailment_mwh", "losses_twh", "total_cost_eur",
        "emissions_t", "lowest_voltage_pu", "highest_voltage_pu", "lowest_kinetic_energy_gws",
        "hours_below_kinetic_threshold", "kinetic_threshold_gws", "congested_hours_se2_se3", "net_import_se3_twh",
        "min_reactive_reserve_se3_mvar", "nonconverged_hours",
    ]

    static let columns: [String: [String]] = [
        "system.csv": ["hour", "time", "load_mw", "generation_mw", "losses_mw", "unserved_mw", "curtailed_mw", "cost_eur",
                       "emissions_t", "kinetic_energy_gws", "lowest_vm_pu", "lowest_vm_bus", "highest_vm_pu",
                       "highest_vm_bus", "converged", "iterations"],
        "zones.csv": ["hour", "time", "zone", "load_mw"] + technologies.map { "\($0)_mw" }
            + ["net_export_mw", "price_eur_mwh", "unserved_mw", "curtailed_mw", "reactive_reserve_mvar",
               "kinetic_energy_gws", "lowest_vm_pu"],
        "borders.csv": ["hour", "time", "border", "flow_mw", "capacity_forward_mw", "capacity_backward_mw", "congested"],
        "branches.csv": ["branch", "from_bus", "to_bus", "from_zone", "to_zone", "rate_a_mva", "max_mva", "p95_mva",
                         "mean_mva", "max_loading_pct", "p95_loading_pct", "hours_over_100"],
        "branch_weeks.csv": ["branch", "week", "max_mva", "max_loading_pct"],
        "buses.csv": ["bus", "zone", "site", "lat", "lon", "min_vm_pu", "max_vm_pu", "mean_vm_pu"],
        "generators.csv": ["generator", "bus", "zone", "technology", "unit", "added", "capacity_mw", "energy_mwh",
                           "capacity_factor", "curtailed_mwh"],
        "nonconverged.csv": ["hour", "time", "cause"],
        "contingency.csv": ["hour", "time", "outage", "converged", "max_loading_pct", "worst_branch", "overloads", "lowest_vm_pu"],
        "certificates.csv": ["year", "quota", "demand_twh", "issued_twh", "bank_twh", "price_sek_mwh"],
    ]

    static let yearFiles = ["system.csv", "zones.csv", "borders.csv", "branches.csv", "branch_weeks.csv", "buses.csv",
                            "generators.csv", "nonconverged.csv"]
    static let snapshotFiles = ["zones.csv", "borders.csv", "buses.csv", "branches.csv", "generators.csv"]

    public static func read(_ path: String) throws(InputError) -> RunResult {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, line: nil, message: "does not exist (expected a result folder written by kraft run)")
        }
        guard isDirectory.boolValue else {
            throw InputError(file: path, line: nil, message: "is a file, not a result folder (expected a folder written by kraft run)")
        }
        func name(_ file: String) -> String { (path as NSString).appendingPathComponent(file) }
        guard fm.fileExists(atPath: name("manifest.json")) else {
            throw InputError(file: path, line: nil, message: "is not a result folder: manifest.json is missing (expected a folder written by kraft run)")
        }
        let manifest = try JSONFields(data: try data(name("manifest.json")), file: name("manifest.json"))
        let format = try manifest.string("format")
        guard format == formatName else { throw manifest.error("format", "is \"\(format)\" (expected \"\(formatName)\")") }
        let version = try manifest.number("version")
        guard version == version.rounded(), version >= 1 else { throw manifest.error("version", "is \(version) (expected 1)") }
        guard Int(version) <= formatVersion else {
            throw manifest.error("version", "is \(Int(version)), newer than this kraft reads (expected \(formatVersion); use a newer kraft)")
        }
        let kindText = try manifest.string("kind")
        guard let kind = RunResult.Kind(rawValue: kindText) else { throw manifest.error("kind", "is \"\(kindText)\" (expected \"year\" or \"snapshot\")") }
        let kraftVersion = try manifest.string("kraft_version")
        let required = ["scenario.json", "summary.json"] + (kind == .year ? yearFiles : snapshotFiles)
        let missing = required.filter { !fm.fileExists(atPath: name($0)) }
        guard missing.isEmpty else {
            throw InputError(file: path, line: nil, message: "incomplete result folder: missing \(missing.joined(separator: ", ")) (expected every file of a \(kind.rawValue) run, docs/result-folder.md)")
        }

        func table(_ file: String) throws(InputError) -> CSVTable {
            let t = try CSVTable(text: String(decoding: try data(name(file)), as: UTF8.self), file: name(file))
            try t.require(columns[file] ?? [])
            return t
        }
        func optionalTable(_ file: String) throws(InputError) -> CSVTable? {
            fm.fileExists(atPath: name(file)) ? try table(file) : nil
        }

        let scenario = try readScenario(JSONFields(data: try data(name("scenario.json")), file: name("scenario.json")))
        var summary = try readSummary(JSONFields(data: try data(name("summary.json")), file: name("summary.json")), kind: kind)
        let hours = summary.hours
        let system = kind == .year ? try readSystem(try table("system.csv"), hours: hours) : RunResult.SystemSeries()
        let zones = try readZones(try table("zones.csv"), hours: hours)
        // summary zones in the order of zones.csv (the run's order), not the JSON keys' order
        let order = Dictionary(zones.enumerated().map { ($1.zone, $0) }, uniquingKeysWith: { a, _ in a })
        summary.zones.sort { (order[$0.zone] ?? Int.max, $0.zone) < (order[$1.zone] ?? Int.max, $1.zone) }
        let borders = try readBorders(try table("borders.csv"), hours: hours)
        let branches = try readBranches(try table("branches.csv"))
        let weeks = kind == .year ? try readBranchWeeks(try table("branch_weeks.csv"), branches: branches, hours: hours) : []
        return RunResult(
            path: path, kind: kind, kraftVersion: kraftVersion, scenario: scenario, summary: summary, system: system,
            zones: zones, borders: borders, branches: branches, branchWeeks: weeks,
            buses: try readBuses(try table("buses.csv")), generators: try readGenerators(try table("generators.csv")),
            nonconverged: try optionalTable("nonconverged.csv").map { t throws(InputError) in try readNonconverged(t) } ?? [],
            contingency: try optionalTable("contingency.csv").map { t throws(InputError) in try readContingency(t) },
            certificates: try optionalTable("certificates.csv").map { t throws(InputError) in try readCertificates(t) })
    }

    static func data(_ file: String) throws(InputError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw InputError(file: file, line: nil, message: "cannot be read (\(error.localizedDescription))")
        }
    }

    static func readScenario(_ j: JSONFields) throws(InputError) -> RunResult.Scenario {
        let weather = try j.object("weather")
        var centres = [RunResult.DataCentre]()
        for c in try j.objects("data_centres") {
            let bus = try c.number("bus")
            guard bus == bus.rounded() else { throw c.error("bus", "is \(bus) (expected a bus number)") }
            centres.append(RunResult.DataCentre(name: try c.string("name"), bus: Int(bus), mw: try c.optionalNumber("mw")))
        }
        return RunResult.Scenario(
            name: try j.string("name"), description: try j.string("description"), base: try j.optionalString("base"),
            changes: try j.strings("changes"),
            inputs: try j.objects("inputs").map { i throws(InputError) in RunResult.Input(path: try i.string("path"), sha256: try i.string("sha256")) },
            syntheticWeather: try weather.bool("synthetic"), weatherSource: try weather.optionalString("source") ?? "",
            dataCentres: centres)
    }

    static func readSummary(_ j: JSONFields, kind: RunResult.Kind) throws(InputError) -> RunResult.Summary {
        let period = try j.object("period")
        let hours = try period.number("hours")
        guard hours == hours.rounded(), hours >= 1, hours <= 100_000 else { throw period.error("hours", "is \(hours) (expected a whole number of hours, at least 1)") }
        let m = try j.object("metrics")
        var metrics = [(key: String, value: Double)]()
        for key in m.keys { metrics.append((key, try m.number(key))) }
        if kind == .year {
            let missing = requiredYearMetrics.filter { !m.has($0) }
            guard missing.isEmpty else { throw m.error(missing[0], "is missing (expected every metric of a year run: \(missing.joined(separator: ", ")) missing)") }
        }
        let z = try j.object("zones")
        var zones = [RunResult.ZoneSummary]()
        for zone in z.keys {
            let o = try z.object(zone)
            let g = try o.object("generation_twh")
            let gen = try ResultFolderReader.technologies.filter(g.has).map { t throws(InputError) in (t, try g.number(t)) }
                + g.keys.filter { !technologies.contains($0) }.map { t throws(InputError) in (t, try g.number(t)) }
            zones.append(RunResult.ZoneSummary(
                zone: zone, loadTWh: try o.number("load_twh"), generationTWh: gen, netExportTWh: try o.number("net_export_twh"),
                priceMeanEURPerMWh: try o.optionalNumber("price_mean_eur_mwh"), unservedMWh: try o.number("unserved_mwh"),
                curtailedMWh: try o.number("curtailed_mwh"), minReactiveReserveMVAr: try o.optionalNumber("min_reactive_reserve_mvar"),
                lowestVmPU: try o.optionalNumber("lowest_vm_pu"), lowestVmBus: try o.optionalNumber("lowest_vm_bus").map { Int($0) }))
        }
        let b = try j.object("borders")
        var borders = [RunResult.BorderSummary]()
        for border in b.keys {
            let o = try b.object(border)
            borders.append(RunResult.BorderSummary(
                border: border, fromZone: try o.string("from_zone"), toZone: try o.string("to_zone"),
                capacityForwardMW: try o.optionalNumber("capacity_forward_mw"), capacityBackwardMW: try o.optionalNumber("capacity_backward_mw"),
                meanFlowMW: try o.number("mean_flow_mw"), maxFlowMW: try o.number("max_flow_mw"), congestedHours: try o.number("congested_hours")))
        }
        // Which figures cover the converged hours only: written since format 1's converged_only;
        // an older folder's from the metric names and nonconverged_hours.
        var converged = Int(hours) - Int(metrics.first { $0.key == "nonconverged_hours" }?.value ?? 0)
        var convergedOnly = Set(metrics.map(\.key).filter(YearResult.isConvergedOnly))
        if j.has("converged_only") {
            let c = try j.object("converged_only")
            let n = try c.number("hours")
            guard n == n.rounded(), n >= 0, n <= hours else { throw c.error("hours", "is \(n) (expected a whole number of hours from 0 to \(Int(hours)))") }
            converged = Int(n)
            convergedOnly = Set(try c.strings("metrics"))
        }
        return RunResult.Summary(
            scenario: try j.string("scenario"), periodFrom: try period.string("from"), periodTo: try period.string("to"),
            hours: Int(hours), syntheticWeather: try j.bool("synthetic_weather"), metrics: metrics, zones: zones,
            borders: borders, notes: try j.strings("notes"), convergedHours: max(0, converged), convergedOnlyMetrics: convergedOnly,
            sweden: j.has("sweden") ? try readCountry(try j.object("sweden")) : nil)
    }

    /// `summary.json`'s `sweden` object (docs/result-folder.md); every figure is required once the object is there.
    static func readCountry(_ o: JSONFields) throws(InputError) -> RunResult.CountrySummary {
        let g = try o.object("generation_twh"), b = try o.object("net_export_by_border_twh")
        let gen = try technologies.filter(g.has).map { t throws(InputError) in (t, try g.number(t)) }
            + g.keys.filter { !technologies.contains($0) }.map { t throws(InputError) in (t, try g.number(t)) }
        return RunResult.CountrySummary(
            generationTWh: gen, loadTWh: try o.number("load_twh"), netExportTWh: try o.number("net_export_twh"),
            netExportByBorderTWh: try b.keys.map { k throws(InputError) in (k, try b.number(k)) },
            unservedMWh: try o.number("unserved_mwh"), curtailedMWh: try o.number("curtailed_mwh"), emissionsT: try o.number("emissions_t"),
            strategicReserveHours: try o.number("strategic_reserve_hours"), strategicReserveMWh: try o.number("strategic_reserve_mwh"))
    }

    /// The 0-based hour of a row, checked against the run's length.
    static func hour(_ t: CSVTable, _ r: Int, hours: Int) throws(InputError) -> Int {
        let h = try t.integer(r, "hour")
        guard (0..<hours).contains(h) else { throw t.error(r, "hour: \(h) is outside the run (expected 0 to \(hours - 1))") }
        return h
    }

    static func readSystem(_ t: CSVTable, hours: Int) throws(InputError) -> RunResult.SystemSeries {
        guard t.rows.count == hours else {
            throw InputError(file: t.file, line: nil, message: "has \(t.rows.count) rows (expected one per hour: \(hours))")
        }
        var s = RunResult.SystemSeries()
        for r in t.rows.indices {
            guard try hour(t, r, hours: hours) == r else { throw t.error(r, "hour: expected \(r) (one row per hour, in order)") }
            s.time.append(try t.string(r, "time"))
            s.loadMW.append(try t.number(r, "load_mw"))
            s.generationMW.append(try t.number(r, "generation_mw"))
            s.unservedMW.append(try t.number(r, "unserved_mw"))
            s.kineticEnergyGWs.append(try t.number(r, "kinetic_energy_gws"))
            s.lowestVmPU.append(try t.optionalNumber(r, "lowest_vm_pu"))
            s.converged.append(try t.flag(r, "converged"))
        }
        return s
    }

    /// Rows grouped by a key column, each group with one row per hour; groups in order of appearance.
    static func byHour(_ t: CSVTable, key: String, hours: Int) throws(InputError) -> [(key: String, rows: [Int])] {
        var order = [String](), rows = [String: [Int?]]()
        for r in t.rows.indices {
            let k = try t.string(r, key)
            let h = try hour(t, r, hours: hours)
            if rows[k] == nil { order.append(k); rows[k] = Array(repeating: nil, count: hours) }
            guard rows[k]![h] == nil else { throw t.error(r, "\(key) \(k) has a second row for hour \(h)") }
            rows[k]![h] = r
        }
        var out = [(key: String, rows: [Int])]()
        for k in order {
            let rs = rows[k]!
            if let gap = rs.firstIndex(where: { $0 == nil }) {
                throw InputError(file: t.file, line: nil, message: "\(key) \(k) has no row for hour \(gap) (expected one row per hour and \(key))")
            }
            out.append((k, rs.map { $0! }))
        }
        return out
    }

    static func readZones(_ t: CSVTable, hours: Int) throws(InputError) -> [RunResult.ZoneSeries] {
        var zones = [RunResult.ZoneSeries]()
        for (zone, rows) in try byHour(t, key: "zone", hours: hours) {
            func series(_ c: String) throws(InputError) -> [Double] { try rows.map { r throws(InputError) in try t.number(r, c) } }
            func optional(_ c: String) throws(InputError) -> [Double?] { try rows.map { r throws(InputError) in try t.optionalNumber(r, c) } }
            var generation = [(technology: String, mw: [Double])]()
            for tech in technologies { generation.append((tech, try series("\(tech)_mw"))) }
            zones.append(RunResult.ZoneSeries(
                zone: zone, loadMW: try series("load_mw"), generationMW: generation, netExportMW: try series("net_export_mw"),
                priceEURPerMWh: try optional("price_eur_mwh"), unservedMW: try series("unserved_mw"), reactiveReserveMVAr: try optional("reactive_reserve_mvar"),
                kineticEnergyGWs: try series("kinetic_energy_gws")))
        }
        return zones
    }

    static func readBorders(_ t: CSVTable, hours: Int) throws(InputError) -> [RunResult.BorderSeries] {
        var borders = [RunResult.BorderSeries]()
        for (border, rows) in try byHour(t, key: "border", hours: hours) {
            borders.append(RunResult.BorderSeries(
                border: border, flowMW: try rows.map { r throws(InputError) in try t.number(r, "flow_mw") },
                capacityForwardMW: try t.optionalNumber(rows[0], "capacity_forward_mw"),
                capacityBackwardMW: try t.optionalNumber(rows[0], "capacity_backward_mw"),
                congested: try rows.map { r throws(InputError) in try t.flag(r, "congested") }))
        }
        return borders
    }

    static func readBranches(_ t: CSVTable) throws(InputError) -> [RunResult.Branch] {
        try t.rows.indices.map { r throws(InputError) in
            RunResult.Branch(
                branch: try t.string(r, "branch"), fromBus: try t.integer(r, "from_bus"), toBus: try t.integer(r, "to_bus"),
                fromZone: try t.string(r, "from_zone"), toZone: try t.string(r, "to_zone"),
                rateMVA: try t.optionalNumber(r, "rate_a_mva"), maxMVA: try t.number(r, "max_mva"),
                maxLoadingPct: try t.optionalNumber(r, "max_loading_pct"), p95LoadingPct: try t.optionalNumber(r, "p95_loading_pct"),
                hoursOver100: try t.optionalNumber(r, "hours_over_100").map { Int($0) })
        }
    }

    /// `[branch][week]` loading; every branch of branches.csv must have a row for every week of the run.
    static func readBranchWeeks(_ t: CSVTable, branches: [RunResult.Branch], hours: Int) throws(InputError) -> [[Double?]] {
        let weeks = (hours + 167) / 168
        var index = [String: Int]()
        for (k, b) in branches.enumerated() { index[b.branch] = k }
        var out = Array(repeating: Array(repeating: Double?.none, count: weeks), count: branches.count)
        var seen = Array(repeating: Array(repeating: false, count: weeks), count: branches.count)
        for r in t.rows.indices {
            let name = try t.string(r, "branch")
            guard let b = index[name] else { throw t.error(r, "branch: \(name) is not in branches.csv") }
            let w = try t.integer(r, "week")
            guard (1...weeks).contains(w) else { throw t.error(r, "week: \(w) is outside the run (expected 1 to \(weeks))") }
            out[b][w - 1] = try t.optionalNumber(r, "max_loading_pct")
            seen[b][w - 1] = true
        }
        if let b = seen.firstIndex(where: { $0.contains(false) }) {
            throw InputError(file: t.file, line: nil, message: "branch \(branches[b].branch) has no row for week \(seen[b].firstIndex(of: false)! + 1) (expected one row per branch and week)")
        }
        return out
    }

    static func readBuses(_ t: CSVTable) throws(InputError) -> [RunResult.Bus] {
        try t.rows.indices.map { r throws(InputError) in
            RunResult.Bus(bus: try t.integer(r, "bus"), zone: try t.string(r, "zone"), site: try t.string(r, "site"),
                          latitude: try t.optionalNumber(r, "lat"), longitude: try t.optionalNumber(r, "lon"),
                          minVmPU: try t.number(r, "min_vm_pu"), maxVmPU: try t.number(r, "max_vm_pu"), meanVmPU: try t.number(r, "mean_vm_pu"))
        }
    }

    static func readGenerators(_ t: CSVTable) throws(InputError) -> [RunResult.Generator] {
        try t.rows.indices.map { r throws(InputError) in
            RunResult.Generator(generator: try t.string(r, "generator"), bus: try t.integer(r, "bus"), zone: try t.string(r, "zone"),
                                technology: try t.string(r, "technology"), unit: try t.string(r, "unit"),
                                capacityMW: try t.number(r, "capacity_mw"), energyMWh: try t.number(r, "energy_mwh"))
        }
    }

    static func readNonconverged(_ t: CSVTable) throws(InputError) -> [RunResult.Nonconverged] {
        try t.rows.indices.map { r throws(InputError) in
            RunResult.Nonconverged(hour: try t.integer(r, "hour"), time: try t.string(r, "time"), cause: try t.string(r, "cause"))
        }
    }

    static func readContingency(_ t: CSVTable) throws(InputError) -> [RunResult.Contingency] {
        try t.rows.indices.map { r throws(InputError) in
            RunResult.Contingency(hour: try t.integer(r, "hour"), time: try t.string(r, "time"), outage: try t.string(r, "outage"),
                                  converged: try t.flag(r, "converged"), maxLoadingPct: try t.optionalNumber(r, "max_loading_pct"),
                                  worstBranch: try t.string(r, "worst_branch"), overloads: try t.integer(r, "overloads"),
                                  lowestVmPU: try t.optionalNumber(r, "lowest_vm_pu"))
        }
    }

    static func readCertificates(_ t: CSVTable) throws(InputError) -> [RunResult.CertificateYear] {
        try t.rows.indices.map { r throws(InputError) in
            RunResult.CertificateYear(year: try t.integer(r, "year"), quota: try t.number(r, "quota"), demandTWh: try t.number(r, "demand_twh"),
                                      issuedTWh: try t.number(r, "issued_twh"), bankTWh: try t.number(r, "bank_twh"),
                                      priceSEKPerMWh: try t.number(r, "price_sek_mwh"))
        }
    }
}
