import KraftCore

/// What a grid file cannot say, read from its sidecar TOML (schema: Scenarios/grids/README.md):
/// the bidding zone and site of each bus, each generator's technology and inertia, the named
/// units (the Swedish reactors), the interconnectors between zones and ratings for branches the
/// grid file leaves unrated.
///
/// The sidecar is generated data with many documentary keys (sources, notes, coordinates), so
/// unlike a scenario file only the keys used here are read and checked; every bus, generator
/// and branch it names must exist in the grid.
public struct GridSidecar: Sendable {
    public struct Generator: Sendable, Equatable {
        /// 0-based generator index in the network.
        public var index: Int
        public var technology: Technology
        /// Inertia constant on machine base, s.
        public var inertiaSeconds: Double?
        public var machineBaseMVA: Double?
        public var unit: String?
    }

    public struct Unit: Sendable, Equatable {
        public var name: String
        public var fullName: String?
        public var zone: String?
        public var netCapacityMW: Double?
        /// 0-based generator indices that represent the unit.
        public var generators: [Int]
    }

    public struct Interconnector: Sendable, Equatable {
        public var border: String
        public var fromZone: String
        public var toZone: String
        public var capacityForwardMW: Double?
        public var capacityBackwardMW: Double?
        /// The AC branches that make up the cut inside the grid: 0-based branch index and the
        /// internal index of its end in `fromZone` (the flow from → to zone leaves that end).
        public var branches: [(branch: Int, fromZoneBus: Int)]
        /// How the grid represents the link: "ac_branches", "exchange_load" (fixed injections at
        /// `exchangeBuses`), "approximate" or "absent".
        public var modelledAs: String?
        /// Internal indices of the buses whose loads stand for the exchange over this link.
        public var exchangeBuses: [Int] = []
        /// The days the link is in service (nil: no bound), for links built or closed since the grid's year.
        public var inServiceFrom: CalendarDate?
        public var inServiceTo: CalendarDate?

        public func isInService(on date: CalendarDate) -> Bool {
            (inServiceFrom.map { $0 <= date } ?? true) && (inServiceTo.map { date < $0 } ?? true)
        }

        public static func == (a: Interconnector, b: Interconnector) -> Bool {
            a.border == b.border && a.fromZone == b.fromZone && a.toZone == b.toZone
                && a.capacityForwardMW == b.capacityForwardMW && a.capacityBackwardMW == b.capacityBackwardMW
                && a.branches.map(\.branch) == b.branches.map(\.branch) && a.branches.map(\.fromZoneBus) == b.branches.map(\.fromZoneBus)
                && a.modelledAs == b.modelledAs && a.exchangeBuses == b.exchangeBuses
                && a.inServiceFrom == b.inServiceFrom && a.inServiceTo == b.inServiceTo
        }
    }

    /// A bus's position (WGS84 degrees) for maps; `assumed` when the sidecar flags it as the
    /// named place's coordinates rather than the substation's (`coordinates_assumption`).
    public struct Coordinates: Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double
        public var assumed: Bool
    }

    /// Zone, site and coordinates by internal bus index.
    public var zoneOfBus: [Int: String] = [:]
    public var siteOfBus: [Int: String] = [:]
    /// The part of a bus's load that is an exchange over a link, not consumption, MW (positive:
    /// power leaving the bus into the link), by internal bus index.
    public var exchangeOfBus: [Int: Double] = [:]
    public var coordinatesOfBus: [Int: Coordinates] = [:]
    /// Voltage limits the sidecar sets for a bus (`vmin_pu`, `vmax_pu`), by internal bus index.
    public var voltageLimitsOfBus: [Int: (min: Double, max: Double)] = [:]
    public var generators: [Generator] = []
    public var units: [Unit] = []
    public var interconnectors: [Interconnector] = []
    /// Thermal ratings the sidecar gives branches the grid file leaves unrated (`[[branch]]`
    /// `rating_mva`), MVA, by internal branch index: Nordic44's source files have none.
    public var ratingOfBranch: [Int: Double] = [:]

    public static func parse(_ text: String, file: String, network: Network) throws(ScenarioProblems) -> GridSidecar {
        let root: ConfigValue
        do { root = try ConfigValue.parse(toml: text, file: file) } catch {
            throw ScenarioProblems(problems: [ScenarioProblem(error)])
        }
        let log = ProblemLog()
        let top = LenientTable(root, file: file, path: "", log: log)
        var sidecar = GridSidecar()
        for b in top.tables("bus") {
            guard let id = b.integer("bus", required: true) else { continue }
            guard let i = network.busIndex[id] else { b.problem("bus", "is \(id), not a bus of the grid"); continue }
            if let zone = b.string("zone", required: true) { sidecar.zoneOfBus[i] = zone }
            if let site = b.string("site") { sidecar.siteOfBus[i] = site }
            if let mw = b.number("exchange_mw") { sidecar.exchangeOfBus[i] = mw }
            switch (b.number("vmin_pu"), b.number("vmax_pu")) {
            case (nil, nil): break
            case let (lo?, hi?):
                guard (0.5...1.5).contains(lo) else { b.problem("vmin_pu", "is \(lo) (expected a voltage from 0.5 to 1.5 p.u.)"); break }
                guard (0.5...1.5).contains(hi) else { b.problem("vmax_pu", "is \(hi) (expected a voltage from 0.5 to 1.5 p.u.)"); break }
                guard lo < hi else { b.problem("vmax_pu", "is \(hi), not above vmin_pu = \(lo) (expected vmax_pu greater than vmin_pu)"); break }
                sidecar.voltageLimitsOfBus[i] = (lo, hi)
            case (nil, _): b.problem("vmin_pu", "is missing (expected with vmax_pu)")
            case (_, nil): b.problem("vmax_pu", "is missing (expected with vmin_pu)")
            }
            switch (b.number("lat_deg"), b.number("lon_deg")) {
            case (nil, nil): break
            case let (lat?, lon?):
                guard (-90...90).contains(lat) else { b.problem("lat_deg", "is \(lat) (expected a latitude from -90 to 90)"); break }
                guard (-180...180).contains(lon) else { b.problem("lon_deg", "is \(lon) (expected a longitude from -180 to 180)"); break }
                sidecar.coordinatesOfBus[i] = Coordinates(latitude: lat, longitude: lon, assumed: b.bool("coordinates_assumption") ?? false)
            case (nil, _): b.problem("lat_deg", "is missing (expected with lon_deg)")
            case (_, nil): b.problem("lon_deg", "is missing (expected with lat_deg)")
            }
        }
        let gens = network.generators.count, branches = network.branches.count
        for g in top.tables("generator") {
            guard let row = g.integer("index", required: true) else { continue }
            guard (1...max(gens, 1)).contains(row), gens > 0 else { g.problem("index", "is \(row), not a generator row of the grid (expected 1 to \(gens))"); continue }
            guard let name = g.string("technology", required: true) else { continue }
            guard let technology = Technology(rawValue: name), Technology.grid.contains(technology) else {
                g.problem("technology", "is \"\(name)\" (expected one of \(Technology.grid.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")))")
                continue
            }
            sidecar.generators.append(Generator(index: row - 1, technology: technology, inertiaSeconds: g.number("h_s"),
                                                machineBaseMVA: g.number("machine_base_mva"), unit: g.string("unit")))
        }
        for u in top.tables("unit") {
            guard let name = u.string("unit", required: true) else { continue }
            let rows = u.integers("generators")
            for r in rows where !(1...max(gens, 1)).contains(r) { u.problem("generators", "names generator row \(r), not in the grid (expected 1 to \(gens))") }
            sidecar.units.append(Unit(name: name, fullName: u.string("name"), zone: u.string("zone"),
                                      netCapacityMW: u.number("net_capacity_mw"),
                                      generators: rows.filter { (1...max(gens, 1)).contains($0) }.map { $0 - 1 }))
        }
        for c in top.tables("interconnector") {
            guard let border = c.string("border", required: true), let from = c.string("from_zone", required: true),
                  let to = c.string("to_zone", required: true) else { continue }
            var cut = [(branch: Int, fromZoneBus: Int)]()
            for entry in c.tables("n44_branches") {
                guard let row = entry.integer("branch", required: true), let bus = entry.integer("bus_in_from_zone", required: true) else { continue }
                guard (1...max(branches, 1)).contains(row) else {
                    entry.problem("branch", "is \(row), not a branch row of the grid (expected 1 to \(branches))")
                    continue
                }
                let l = row - 1
                guard let i = network.busIndex[bus], i == network.branches.from[l] || i == network.branches.to[l] else {
                    entry.problem("bus_in_from_zone", "is \(bus), not an end of branch row \(row)")
                    continue
                }
                cut.append((l, i))
            }
            var exchangeBuses = [Int]()
            for id in c.integers("n44_buses") {
                if let i = network.busIndex[id] { exchangeBuses.append(i) } else { c.problem("n44_buses", "names bus \(id), not a bus of the grid") }
            }
            sidecar.interconnectors.append(Interconnector(border: border, fromZone: from, toZone: to,
                                                          capacityForwardMW: c.number("capacity_from_to_mw"),
                                                          capacityBackwardMW: c.number("capacity_to_from_mw"), branches: cut,
                                                          modelledAs: c.string("n44_modelled_as"), exchangeBuses: exchangeBuses,
                                                          inServiceFrom: c.date("in_service_from"), inServiceTo: c.date("in_service_to")))
        }
        for b in top.tables("branch") {
            guard let row = b.integer("branch", required: true) else { continue }
            guard (1...max(branches, 1)).contains(row), branches > 0 else { b.problem("branch", "is \(row), not a branch row of the grid (expected 1 to \(branches))"); continue }
            guard let mva = b.number("rating_mva") else { b.problem("rating_mva", "is missing (expected a rating in MVA)"); continue }
            guard mva > 0 else { b.problem("rating_mva", "is \(mva) (expected a rating above 0 MVA)"); continue }
            let l = row - 1
            guard network.branches.rateA[l] == 0 else {
                b.problem("branch", "is row \(row), which the grid file rates at \(network.branches.rateA[l] * network.baseMVA) MVA (expected a branch without a rating: the sidecar rates only those)")
                continue
            }
            guard sidecar.ratingOfBranch[l] == nil else { b.problem("branch", "is row \(row), rated already by an earlier [[branch]] (expected one rating per branch)"); continue }
            sidecar.ratingOfBranch[l] = mva
        }
        if !log.problems.isEmpty { throw ScenarioProblems(problems: log.problems) }
        return sidecar
    }
}

/// Reads the keys a consumer needs from a generated data table and ignores the rest; type
/// errors and missing required keys are still problems.
private struct LenientTable {
    let file: String
    let path: String
    let value: ConfigValue
    let log: ProblemLog

    init(_ value: ConfigValue, file: String, path: String, log: ProblemLog) {
        self.value = value
        self.file = file
        self.path = path
        self.log = log
    }

    func problem(_ key: String, _ message: String) { log.add(file, path.isEmpty ? key : "\(path).\(key)", message) }

    func tables(_ key: String) -> [LenientTable] {
        guard let v = value[key] else { return [] }
        guard case .array(let items) = v else { problem(key, "is \(v.kind) (expected an array of tables)"); return [] }
        let base = path.isEmpty ? key : "\(path).\(key)"
        return items.enumerated().map { LenientTable($1, file: file, path: "\(base)[\($0 + 1)]", log: log) }
    }

    func integer(_ key: String, required: Bool = false) -> Int? {
        switch value[key] {
        case .integer(let i): return i
        case nil: if required { problem(key, "is missing (expected an integer)") }; return nil
        case let v?: problem(key, "is \(v.kind) (expected an integer)"); return nil
        }
    }

    func integers(_ key: String) -> [Int] {
        switch value[key] {
        case .array(let items):
            return items.compactMap { if case .integer(let i) = $0 { i } else { nil } }
        case nil: return []
        case let v?: problem(key, "is \(v.kind) (expected an array of integers)"); return []
        }
    }

    func number(_ key: String) -> Double? {
        switch value[key] {
        case .integer(let i) where abs(i) <= 1_000_000: return Double(i)
        case .float(let x) where x.isFinite && abs(x) <= 1e6: return x
        case .integer(let i): problem(key, "is \(i) (expected a number from -1000000 to 1000000)"); return nil
        case .float(let x) where x.isFinite: problem(key, "is \(x) (expected a number from -1000000 to 1000000)"); return nil
        case nil: return nil
        case let v?: problem(key, "is \(v.kind) (expected a finite number)"); return nil
        }
    }

    func date(_ key: String) -> CalendarDate? {
        switch value[key] {
        case .date(let d): return d
        case nil: return nil
        case let v?: problem(key, "is \(v.kind) (expected a date such as 2021-10-01)"); return nil
        }
    }

    func bool(_ key: String) -> Bool? {
        switch value[key] {
        case .bool(let b): return b
        case nil: return nil
        case let v?: problem(key, "is \(v.kind) (expected true or false)"); return nil
        }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        switch value[key] {
        case .string(let s): return s
        case nil: if required { problem(key, "is missing (expected a string)") }; return nil
        case let v?: problem(key, "is \(v.kind) (expected a string)"); return nil
        }
    }
}
