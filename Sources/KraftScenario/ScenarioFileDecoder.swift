/// What one scenario file says, before `extends` is resolved: every field optional, element
/// lists with where each element was written.
struct PartialScenario {
    var extends: String?
    var name: String?
    var description: String?
    var grid: String?
    var sidecar: String?
    var period: Period?
    var weather: Weather?
    var closures: [UnitEvent] = []
    var commissionings: [UnitEvent] = []
    var dataCentres: [DataCentre] = []
    var producers: [Producer] = []
    var certificates: CertificateSettings?

    /// `self` on top of `base`: values set here win, element lists are appended to the base's.
    func over(_ base: PartialScenario) -> PartialScenario {
        var m = base
        m.extends = nil
        m.name = name ?? base.name
        m.description = description ?? base.description
        m.grid = grid ?? base.grid
        m.sidecar = sidecar ?? base.sidecar
        m.period = period ?? base.period
        m.weather = weather ?? base.weather
        m.closures += closures
        m.commissionings += commissionings
        m.dataCentres += dataCentres
        m.producers += producers
        m.certificates = certificates ?? base.certificates
        return m
    }
}

/// Decodes one file's table into a `PartialScenario`, logging every problem (unknown keys, wrong
/// types, values out of range) against that file. Paths in the file are resolved against its folder.
enum ScenarioFileDecoder {
    static let years = 1950...2100

    static func decode(_ root: ConfigValue, file: String, folder: String, problems: ProblemLog) -> PartialScenario {
        let top = TableReader(root, file: file, path: "", problems: problems)
        var s = PartialScenario()
        s.extends = top.string("extends").map { resolve($0, in: folder) }
        s.name = top.string("name")
        s.description = top.string("description")
        s.grid = top.string("grid").map { resolve($0, in: folder) }
        s.sidecar = top.string("sidecar").map { resolve($0, in: folder) }
        if let p = top.table("period") { s.period = period(p) }
        if let w = top.table("weather") { s.weather = weather(w, folder: folder) }
        s.closures = top.tables("closure").compactMap { unitEvent($0, file: file) }
        s.commissionings = top.tables("commissioning").compactMap { unitEvent($0, file: file) }
        s.dataCentres = top.tables("datacentre").compactMap { dataCentre($0, file: file) }
        s.producers = top.tables("producer").compactMap { producer($0, file: file) }
        if let c = top.table("certificates") { s.certificates = certificates(c, file: file) }
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
        return Period(from: from, to: to)
    }

    private static func weather(_ t: TableReader, folder: String) -> Weather? {
        defer { t.finish() }
        switch t.require(t.choice("source", ["synthetic", "csv"]), "source", "\"synthetic\" or \"csv\"") {
        case "synthetic":
            return .synthetic(seed: t.integer("seed", in: 0...Int(Int32.max)) ?? 1)
        case "csv":
            guard let f = t.require(t.string("folder"), "folder", "the folder of the hourly CSV files") else { return nil }
            return .csv(folder: resolve(f, in: folder))
        default:
            return nil
        }
    }

    private static func unitEvent(_ t: TableReader, file: String) -> UnitEvent? {
        defer { t.finish() }
        let unit = t.require(t.string("unit"), "unit", "a unit name from the grid sidecar, such as \"R3\"")
        let date = t.require(t.date("date", years: years), "date", "a date such as 2030-01-01")
        guard let unit, let date else { return nil }
        return UnitEvent(unit: unit, date: date, origin: Origin(file: file, keyPath: t.path))
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
    private static func busOrPlace(_ t: TableReader, placeKey: String, what: String) -> (bus: Int?, place: String?)? {
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

    private static func certificates(_ t: TableReader, file: String) -> CertificateSettings? {
        defer { t.finish() }
        var quota: CertificateSettings.Quota?
        if t.has("quota_curve") && t.has("quota") {
            t.problem("quota", "is given together with quota_curve (expected one of them)")
        }
        if t.has("quota") {
            var table = [Int: Double]()
            for (key, value, _) in t.rawEntries("quota") ?? [] {
                let path = "quota.\(key)"
                guard let year = Int(key), years.contains(year) else {
                    t.problem(path, "is not a year (expected keys such as \"2030\" = 0.25)")
                    continue
                }
                let share: Double? = switch value {
                case .float(let x): x
                case .integer(let i): Double(i)
                default: nil
                }
                guard let share, share >= 0, share <= 1 else {
                    t.problem(path, "is \(value.kind == "a number" || value.kind == "an integer" ? "out of range" : value.kind) (expected a quota between 0 and 1)")
                    continue
                }
                table[year] = share
            }
            quota = .table(table)
        } else {
            quota = t.require(t.choice("quota_curve", ["2017", "2021"]), "quota_curve", "\"2017\" or \"2021\", or a [certificates.quota] table")
                .map(CertificateSettings.Quota.named)
        }
        let endYear = t.require(t.integer("end_year", in: 2003...2100), "end_year", "the last year certificates are issued")
        let penalty = t.number("penalty_sek_per_mwh", in: 0...1e6, exclusiveLower: true, unit: "SEK/MWh")
        let banking = t.bool("banking") ?? true
        let entitlement = t.integer("entitlement_years", in: 1...40) ?? 15
        let norway = t.bool("joint_with_norway") ?? true
        guard let quota, let endYear else { return nil }
        return CertificateSettings(quota: quota, endYear: endYear, penaltySEKPerMWh: penalty, banking: banking,
                                   entitlementYears: entitlement, jointWithNorway: norway,
                                   origin: Origin(file: file, keyPath: t.path))
    }
}
