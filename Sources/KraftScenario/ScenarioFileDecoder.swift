/// What one scenario file says, before `extends` is resolved: every field optional, element
/// lists with where each element was written.
struct PartialScenario {
    var extends: String?
    var name: String?
    var description: String?
    var grid: String?
    var sidecar: String?
    var fleet: String?
    var period: Period?
    var weather: Weather?
    var closures: [UnitEvent] = []
    var commissionings: [UnitEvent] = []
    var dataCentres: [DataCentre] = []
    var producers: [Producer] = []
    var compensation: [Compensation] = []
    var voltageLimits: VoltageLimitSettings?
    var borders: [BorderCapacity] = []
    var inflowFactors: [InflowFactor] = []
    var certificates: PartialCertificateSettings?
    var dispatch: DispatchSettings?
    var adequacy: AdequacySettings?
    /// Name of the scenario directly extended (set when `extends` is resolved).
    var baseName: String?
    /// What the top file changes against the scenario it extends.
    var changes: [String] = []

    /// One line per thing this file sets, as a person would say it.
    var changeLines: [String] {
        var lines = [String]()
        if let p = period { lines.append("period \(p.from) to \(p.to)") }
        if let w = weather {
            switch w {
            case .synthetic(let seed): lines.append("synthetic weather, seed \(seed)")
            case .csv(let folder, let fill, _):
                lines.append("weather from \(folder)" + (fill.map { ", synthetic seed \($0) where it has no series" } ?? ""))
            }
        }
        lines += closures.map { "\($0.unit) closes on \($0.date)" + ($0.keepAsCondenser ? ", kept as a synchronous condenser" : "") }
        lines += commissionings.map { "\($0.unit) enters service on \($0.date)" }
        lines += dataCentres.map { "data centre \($0.name): \(Int($0.capacityMW.rounded())) MW from \($0.connection)" }
        lines += producers.map { p in
            let place: String = switch p.location { case .zone(let z): z; case .bus(let b): "bus \(b)" }
            return "\(p.technology.rawValue) \(Int(p.capacityMW.rounded())) MW in \(place)" + (p.from.map { " from \($0)" } ?? "")
        }
        lines += compensation.map(\.summary)
        if voltageLimits != nil { lines.append("voltage limits changed") }
        lines += borders.map { "\($0.border) at \(Int($0.forwardMW.rounded())) MW forward, \(Int($0.backwardMW.rounded())) MW back" }
        lines += inflowFactors.map { "\($0.zone)'s hydro inflow × \($0.factor)" }
        if certificates != nil { lines.append("certificate settings changed") }
        if dispatch != nil { lines.append("dispatch settings changed") }
        if adequacy != nil { lines.append("adequacy settings changed") }
        return lines
    }

    /// `self` on top of `base`: values set here win, element lists are appended to the base's.
    func over(_ base: PartialScenario) -> PartialScenario {
        var m = base
        m.extends = nil
        m.name = name ?? base.name
        m.description = description ?? base.description
        m.grid = grid ?? base.grid
        m.sidecar = sidecar ?? base.sidecar
        m.fleet = fleet ?? base.fleet
        m.period = period ?? base.period
        m.weather = weather ?? base.weather
        m.closures += closures
        m.commissionings += commissionings
        m.dataCentres += dataCentres
        m.producers += producers
        m.compensation += compensation
        m.voltageLimits = voltageLimits ?? base.voltageLimits
        m.borders += borders
        m.inflowFactors += inflowFactors
        m.certificates = certificates?.over(base.certificates) ?? base.certificates
        m.dispatch = dispatch ?? base.dispatch
        m.adequacy = adequacy ?? base.adequacy  // replaced whole, as the sweep's merged tree does
        return m
    }
}

/// Decodes one file's table into a `PartialScenario`, logging every problem (unknown keys, wrong
/// types, values out of range) against that file. Paths in the file are resolved against its folder.
enum ScenarioFileDecoder {
    static let years = 1950...2100

    /// Arrays of tables that `extends` appends to the base's (`PartialScenario.over`); every other
    /// key of a file replaces the base's value whole.
    static let appendedLists: Set<String> = ["closure", "commissioning", "datacentre", "producer", "compensation", "border", "inflow"]

    /// Keys whose string values are file paths, read against the folder of the file they are in.
    static let pathKeys: [[String]] = [["grid"], ["sidecar"], ["fleet"], ["dispatch", "neighbour_price_series"], ["weather", "folder"],
                                          ["adequacy", "weather_folders"]]

    static func decode(_ root: ConfigValue, file: String, folder: String, problems: ProblemLog) -> PartialScenario {
        let top = TableReader(root, file: file, path: "", problems: problems)
        var s = PartialScenario()
        s.extends = top.string("extends", maxLength: TableReader.maxPathLength).map { resolve($0, in: folder) }
        s.name = top.string("name")
        s.description = top.string("description", maxLength: TableReader.maxDescriptionLength)
        s.grid = top.string("grid", maxLength: TableReader.maxPathLength).map { resolve($0, in: folder) }
        s.sidecar = top.string("sidecar", maxLength: TableReader.maxPathLength).map { resolve($0, in: folder) }
        s.fleet = top.string("fleet", maxLength: TableReader.maxPathLength).map { resolve($0, in: folder) }
        if let p = top.table("period") { s.period = period(p) }
        if let w = top.table("weather") { s.weather = weather(w, folder: folder) }
        s.closures = top.tables("closure").compactMap { unitEvent($0, file: file, closure: true) }
        s.commissionings = top.tables("commissioning").compactMap { unitEvent($0, file: file, closure: false) }
        s.dataCentres = top.tables("datacentre").compactMap { dataCentre($0, file: file) }
        s.producers = top.tables("producer").compactMap { producer($0, file: file) }
        s.compensation = top.tables("compensation").compactMap { CompensationDecoder.compensation($0, file: file, years: years) }
        if let v = top.table("voltage_limits") { s.voltageLimits = CompensationDecoder.voltageLimits(v, file: file) }
        s.borders = top.tables("border").compactMap { border($0, file: file) }
        s.inflowFactors = top.tables("inflow").compactMap { inflow($0, file: file) }
        if let c = top.table("certificates") { s.certificates = certificates(c, file: file, folder: folder) }
        if let d = top.table("dispatch") { s.dispatch = dispatch(d, file: file, folder: folder) }
        if let a = top.table("adequacy") { s.adequacy = adequacy(a, file: file, folder: folder) }
        top.finish()
        return s
    }

    static func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : normalised(folder + "/" + path)
    }

    /// Removes `.` and `name/..` segments so paths compare and print cleanly.
    static func normalised(_ path: String) -> String {
        var parts = [Substring]()
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    private static func period(_ t: TableReader) -> Period? {
        defer { t.finish() }
        if t.has("year") {
            if t.has("from") || t.has("to") { t.problem("year", "is given together with from/to (expected either year or from and to)") }
            guard let y = t.integer("year", in: years) else { return nil }
            return Period(from: CalendarDate(year: y, month: 1, day: 1), to: CalendarDate(year: y, month: 12, day: 31))
        }
        let from = t.require(t.date("from", years: years), "from", "the first day, such as 2030-01-01")
        let to = t.require(t.date("to", years: years), "to", "the last day, such as 2030-12-31")
        guard let from, let to else { return nil }
        guard from <= to else { t.problem("to", "is \(to), before from = \(from) (expected a date on or after from)"); return nil }
        guard Period.yearsSpanned(from: from, to: to) <= Period.maxYears else {
            t.problem("to", "is \(to), \(Period.yearsSpanned(from: from, to: to)) calendar years from \(from), more than the limit of \(Period.maxYears) (expected a period of at most \(Period.maxYears) years)")
            return nil
        }
        return Period(from: from, to: to)
    }

    private static func weather(_ t: TableReader, folder: String) -> Weather? {
        defer { t.finish() }
        switch t.require(t.choice("source", ["synthetic", "csv"]), "source", "\"synthetic\" or \"csv\"") {
        case "synthetic":
            return .synthetic(seed: t.integer("seed", in: 0...Int(Int32.max)) ?? 1)
        case "csv":
            let f = t.require(t.string("folder", maxLength: TableReader.maxPathLength), "folder", "the folder of the hourly CSV files")
            let fill = t.integer("synthetic_seed", in: 0...Int(Int32.max))
            let madeBy = t.string("made_by")
            guard let f else { return nil }
            return .csv(folder: resolve(f, in: folder), fillSeed: fill, madeBy: madeBy)
        default:
            return nil
        }
    }

    private static func unitEvent(_ t: TableReader, file: String, closure: Bool) -> UnitEvent? {
        defer { t.finish() }
        let unit = t.require(t.string("unit"), "unit", "a unit name from the grid sidecar, such as \"R3\"")
        let date = t.require(t.date("date", years: years), "date", "a date such as 2030-01-01")
        // Only a closing unit can stay as a condenser; on a commissioning the key is unknown.
        let condenser = closure ? t.bool("keep_as_condenser") ?? false : false
        guard let unit, let date else { return nil }
        return UnitEvent(unit: unit, date: date, origin: Origin(file: file, keyPath: t.path), keepAsCondenser: condenser)
    }

    private static func dataCentre(_ t: TableReader, file: String) -> DataCentre? {
        defer { t.finish() }
        let name = t.require(t.string("name"), "name", "a name for the data centre")
        let location = busOrPlace(t, placeKey: "site", what: "a bus number or a site name from the grid sidecar")
            .map { $0.bus.map(DataCentre.Location.bus) ?? .site($0.place!) }
        let capacity = t.require(t.number("capacity_mw", in: 0...1e6, exclusiveLower: true, unit: "MW"), "capacity_mw", "the connection capacity in MW")
        let utilisation = t.number("utilisation", in: 0...1, exclusiveLower: true) ?? 0.8
        let powerFactor = t.number("power_factor", in: 0...1, exclusiveLower: true) ?? 0.95
        let from = t.require(t.date("from", years: years), "from", "the connection date, such as 2030-01-01")
        let flexible = t.number("flexible_share", in: 0...1) ?? 0
        let ramp = t.number("ramp_mw_per_h", in: 0...1e6, exclusiveLower: true, unit: "MW/h")
        guard let name, let location, let capacity, let from else { return nil }
        return DataCentre(name: name, location: location, capacityMW: capacity, utilisation: utilisation,
                          powerFactor: powerFactor, connection: from, flexibleShare: flexible, rampMWPerHour: ramp,
                          origin: Origin(file: file, keyPath: t.path))
    }

    private static func border(_ t: TableReader, file: String) -> BorderCapacity? {
        defer { t.finish() }
        let name = t.require(t.string("name"), "name", "a border of the grid sidecar, such as \"SE3-SE4\"")
        let forward = t.require(t.number("forward_mw", in: 0...1e6, unit: "MW"), "forward_mw", "the capacity from the border's first zone to its second, MW")
        let backward = t.require(t.number("backward_mw", in: 0...1e6, unit: "MW"), "backward_mw", "the capacity back, MW")
        _ = t.string("source", maxLength: TableReader.maxDescriptionLength)
        guard let name, let forward, let backward else { return nil }
        return BorderCapacity(border: name, forwardMW: forward, backwardMW: backward, origin: Origin(file: file, keyPath: t.path))
    }

    private static func inflow(_ t: TableReader, file: String) -> InflowFactor? {
        defer { t.finish() }
        let zone = t.require(t.string("zone"), "zone", "a zone whose hydro inflow the fleet file gives, such as \"NO1\"")
        let factor = t.require(t.number("factor", in: 0...10, exclusiveLower: true), "factor", "the factor on the zone's annual inflow, such as 0.924")
        _ = t.string("source", maxLength: TableReader.maxDescriptionLength)
        guard let zone, let factor else { return nil }
        return InflowFactor(zone: zone, factor: factor, origin: Origin(file: file, keyPath: t.path))
    }

    private static func producer(_ t: TableReader, file: String) -> Producer? {
        defer { t.finish() }
        let technology = t.require(t.choice("technology", Producer.Technology.allCases.map(\.rawValue)), "technology",
                                   "one of wind, solar, small_hydro, chp").flatMap(Producer.Technology.init)
        let location = busOrPlace(t, placeKey: "zone", what: "a bidding zone such as \"SE3\" or a bus number")
            .map { $0.bus.map(Producer.Location.bus) ?? .zone($0.place!) }
        let capacity = t.require(t.number("capacity_mw", in: 0...1e6, unit: "MW"), "capacity_mw", "the installed capacity in MW")
        let spread = t.choice("spread", Producer.Spread.allCases.map(\.rawValue)).flatMap(Producer.Spread.init) ?? .load
        let profile = t.string("profile")
        let curtailable = t.bool("curtailable") ?? true
        let from = t.date("from", years: years)
        guard let technology, let location, let capacity else { return nil }
        return Producer(technology: technology, location: location, capacityMW: capacity, spread: spread,
                        profile: profile ?? technology.rawValue, curtailable: curtailable, from: from,
                        origin: Origin(file: file, keyPath: t.path))
    }

    /// Exactly one of `bus` and `placeKey`.
    static func busOrPlace(_ t: TableReader, placeKey: String, what: String) -> (bus: Int?, place: String?)? {
        let hasBus = t.has("bus"), hasPlace = t.has(placeKey)
        if hasBus && hasPlace {
            t.problem("bus", "is given together with \(placeKey) (expected one of them)")
            _ = t.integer("bus"); _ = t.string(placeKey)
            return nil
        }
        if hasBus { return t.integer("bus", in: 1...Int(Int32.max)).map { ($0, nil) } }
        if hasPlace { return t.string(placeKey).map { (nil, $0) } }
        t.problem(placeKey, "is missing (expected \(what))")
        return nil
    }

    private static func dispatch(_ t: TableReader, file: String, folder: String) -> DispatchSettings {
        defer { t.finish() }
        var d = DispatchSettings()
        d.origin = Origin(file: file, keyPath: t.path)
        if let m = t.choice("mode", DispatchSettings.Mode.allCases.map(\.rawValue)) { d.mode = DispatchSettings.Mode(rawValue: m)! }
        if let n = t.choice("neighbours", DispatchSettings.Neighbours.allCases.map(\.rawValue)) {
            d.neighbours = DispatchSettings.Neighbours(rawValue: n)!
        }
        d.costs = pricesByName(t, "costs_eur_mwh", what: "a technology such as hydro = 8")
        d.neighbourPrices = pricesByName(t, "neighbour_prices_eur_mwh", what: "a neighbour zone such as DE = 85")
        d.neighbourPriceSeries = t.string("neighbour_price_series").map { resolve($0, in: folder) }
        if let v = t.number("unserved_cost_eur_mwh", in: 0...1e6, exclusiveLower: true, unit: "EUR/MWh") { d.unservedCostEURPerMWh = v }
        if let v = t.number("kinetic_threshold_gws", in: 0...1e5, unit: "GWs") { d.kineticThresholdGWs = v }
        if let v = t.number("branch_limit_share", in: 0...1, exclusiveLower: true) { d.branchLimitShare = v }
        if let p = t.choice("pricing", DispatchSettings.Pricing.allCases.map(\.rawValue)) { d.pricing = DispatchSettings.Pricing(rawValue: p)! }
        return d
    }

    /// A table of name = EUR/MWh (finite, −1000 to 100 000).
    private static func pricesByName(_ t: TableReader, _ key: String, what: String) -> [String: Double] {
        var out = [String: Double]()
        for (name, value, _) in t.rawEntries(key) ?? [] {
            let x: Double? = switch value {
            case .float(let x) where x.isFinite: x
            case .integer(let i): Double(i)
            default: nil
            }
            guard let x, (-1000...100_000).contains(x) else {
                t.problem("\(key).\(name)", "is \(value.kind) (expected a price in EUR/MWh between -1000 and 100000, as \(what))")
                continue
            }
            out[name] = x
        }
        return out
    }
}
