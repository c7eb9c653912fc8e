import KraftCore

/// The generation fleet a scenario runs on, apart from the grid: named units (the reactors, the
/// strategic reserve) and per zone and technology the installed capacity by year, each with
/// where it sits on the grid. Read from a fleet file (schema in Scenarios/fleet/nordic.toml's
/// header); `KraftSim.FleetPlacement` puts it on the grid.
public struct Fleet: Sendable, Equatable {
    /// How a plant's output may move: its lowest output and its yearly refuelling outage.
    public struct Operation: Sendable, Equatable {
        /// Lowest output while running, share of capacity (nuclear: a stable minimum; CHP: the
        /// heat-led minimum in the coldest hour, falling with the heating season).
        public var minShare: Double = 0
        /// Share of capacity available outside outages.
        public var availability: Double = 1
        /// Whether `availability` is a published fleet factor spread over the year (the expected
        /// share of forced outages and derates): `kraft adequacy` draws it as forced outages
        /// instead of derating the unit every hour.
        public var availabilityFromFleetFactor = false
        /// First day of the yearly outage (1 = 1 January) and its length in days.
        public var refuellingDay: Int?
        public var refuellingDays: Int = 0
        /// Marginal cost override, EUR/MWh (nil: the technology's).
        public var costEURPerMWh: Double?
        /// Added costs of the equal steps the unit offers its capacity in, EUR/MWh, ascending
        /// (empty: one step; `DispatchProblem.Unit.offerSteps`). The shipped fleet gives them to
        /// reservoir hydro; the run-of-river share of an aggregate offers in one step.
        public var offerSteps: [Double] = []
        /// Forced outages for `kraft adequacy` (nil: the technology's default or the scenario's
        /// `[adequacy.forced_outage]`): the share of time out, the mean time to repair in hours,
        /// and for an aggregate the size of one of its units (it is sampled as that many units).
        public var forcedOutageRate: Double?
        public var mttrHours: Double?
        public var unitMW: Double?
        public init() {}
    }

    public struct Unit: Sendable, Equatable {
        public var name: String
        public var fullName: String?
        public var zone: String
        public var technology: Technology
        public var capacityMW: Double
        /// Bus number in the grid.
        public var bus: Int
        public var inService: CalendarDate?
        public var closed: CalendarDate?
        public var operation: Operation
        /// A strategic reserve runs only when load would otherwise be shed, and only in
        /// `reservePeriods` (nil: all year).
        public var strategicReserve: Bool
        public var reserveFrom: CalendarDate?
        public var reserveTo: CalendarDate?
    }

    /// The unit's operation in `year`: where the fleet's energy availability covers it, its
    /// availability outside its refuelling outage is `EnergyAvailability.availability(in:outageDays:)`,
    /// so that the year's available energy is the published factor's.
    public func operation(of unit: Unit, in year: Int) -> Operation {
        var o = unit.operation
        guard let a = energyAvailability.first(where: { $0.covers(unit) }) else { return o }
        o.availability = a.availability(in: year, outageDays: o.refuellingDay == nil ? 0 : o.refuellingDays)
        o.availabilityFromFleetFactor = true
        return o
    }

    public struct Aggregate: Sendable, Equatable {
        public enum Placement: String, Sendable, CaseIterable {
            /// On the grid's machines of the zone (in proportion to their machine base), or by
            /// load where the zone has none.
            case machines
            /// Spread over the zone's buses in proportion to their load.
            case load
        }
        public var zone: String
        public var technology: Technology
        /// Installed capacity on 1 January of each year given, MW.
        public var capacityByYear: [Int: Double]
        public var placement: Placement
        /// Annual inflow of a hydro aggregate in a normal year, TWh (nil: the weather's).
        public var inflowTWh: Double?
        /// Storage of a hydro aggregate's reservoirs, TWh, and their content on 1 January as a
        /// share of it (nil: no reservoir model, the week's water follows the zone's load).
        public var reservoirTWh: Double?
        public var reservoirStartShare: Double?
        /// The share of a hydro aggregate's capacity and inflow that is run-of-river: no storage,
        /// its water used in the hour it comes or spilled.
        public var runOfRiverShare: Double = 0
        public var operation: Operation

        /// The stock on 1 January of `year`: between two stocks of the file, on the straight line
        /// between them (ASSUMPTION: a fleet grows steadily between the years it is published for);
        /// before the first or after the last, that stock.
        public func stock(on year: Int) -> Double {
            let years = capacityByYear.keys.sorted()
            guard let first = years.first, let last = years.last else { return 0 }
            guard year > first else { return capacityByYear[first]! }
            guard year < last else { return capacityByYear[last]! }
            let before = years.last(where: { $0 <= year })!, after = years.first(where: { $0 >= year })!
            guard before != after else { return capacityByYear[year]! }
            let a = capacityByYear[before]!, b = capacityByYear[after]!
            return a + (b - a) * Double(year - before) / Double(after - before)
        }

        /// The capacity a run of `year` uses: the mean of the stocks on 1 January of the year and
        /// of the next where the file has a stock from the next year on (what a growing fleet
        /// produces over the year, as the synthetic solar calibration counts it), else the stock
        /// on 1 January.
        public func capacity(in year: Int) -> Double {
            capacityByYear.keys.contains(where: { $0 > year }) ? (stock(on: year) + stock(on: year + 1)) / 2 : stock(on: year)
        }
    }

    public var zones: [String]
    public var units: [Unit]
    public var aggregates: [Aggregate]
    /// Availability by year from a fleet's published factor (see `EnergyAvailability`).
    public var energyAvailability: [EnergyAvailability] = []

    public static let technologies = Technology.fleet
}

extension Fleet {
    /// Reads a fleet file, checking every bus against `network` and every zone against the
    /// file's own `[meta] zones`; every problem is collected.
    public static func parse(_ text: String, file: String, network: Network) throws(ScenarioProblems) -> Fleet {
        let root: ConfigValue
        do { root = try ConfigValue.parse(toml: text, file: file) } catch {
            throw ScenarioProblems(problems: [ScenarioProblem(error)])
        }
        let log = ProblemLog()
        let top = TableReader(root, file: file, path: "", problems: log)
        var zones = [String]()
        if let meta = top.table("meta") {
            _ = meta.integer("schema_version", in: 1...1)
            zones = meta.rawValue("zones").flatMap { v -> [String]? in
                guard case .array(let items) = v else { return nil }
                return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            } ?? []
            meta.finish()
        }
        if zones.isEmpty { log.add(file, "meta.zones", "is missing (expected the list of zones the fleet covers)") }
        _ = top.table("sources").map { $0.allEntries() }
        func zone(_ t: TableReader) -> String? {
            guard let z = t.require(t.string("zone"), "zone", "a zone of [meta] zones") else { return nil }
            guard zones.contains(z) else { t.problem("zone", "is \"\(z)\" (expected one of \(zones.joined(separator: ", ")))"); return nil }
            return z
        }
        func technology(_ t: TableReader) -> Technology? {
            t.require(t.technology("technology", technologies), "technology", "one of \(technologies.map(\.rawValue).joined(separator: ", "))")
        }
        func operation(_ t: TableReader) -> Operation {
            var o = Operation()
            o.minShare = t.number("min_share", in: 0...1) ?? 0
            o.availability = t.number("availability", in: 0...1, exclusiveLower: true) ?? 1
            o.refuellingDay = t.integer("refuelling_day", in: 1...366)
            o.refuellingDays = t.integer("refuelling_days", in: 0...365) ?? 0
            o.costEURPerMWh = t.number("cost_eur_mwh", in: -500...10_000)
            if let steps = t.numbers("offer_steps_eur_mwh", in: 0...1_000) {
                if steps.isEmpty || zip(steps, steps.dropFirst()).contains(where: { $0 > $1 }) {
                    t.problem("offer_steps_eur_mwh", "is \(steps) (expected at least one added cost, in ascending order, such as [0, 4, 12])")
                } else { o.offerSteps = steps }
            }
            o.forcedOutageRate = t.number("forced_outage_rate", in: 0...1)
            o.mttrHours = t.number("mttr_h", in: 1...100_000, unit: "h")
            o.unitMW = t.number("unit_mw", in: 0...100_000, exclusiveLower: true, unit: "MW")
            return o
        }
        var units = [Unit]()
        for t in top.tables("unit") {
            let name = t.require(t.string("name"), "name", "the unit's name, such as \"F1\"")
            let fullName = t.string("full_name")
            let z = zone(t), tech = technology(t)
            let capacity = t.require(t.number("capacity_mw", in: 0...100_000, exclusiveLower: true, unit: "MW"), "capacity_mw", "the net capacity in MW")
            let busID = t.require(t.integer("bus"), "bus", "the bus number the unit is connected at")
            if let busID, network.busIndex[busID] == nil { t.problem("bus", "is \(busID), not a bus of the grid") }
            let years = ScenarioFileDecoder.years
            let inService = t.date("in_service", years: years), closed = t.date("closed", years: years)
            let reserve = t.bool("strategic_reserve") ?? false
            let from = t.date("reserve_from", years: years), to = t.date("reserve_to", years: years)
            let o = operation(t)
            _ = t.string("source", maxLength: TableReader.maxDescriptionLength)
            t.finish()
            guard let name, let z, let tech, let capacity, let busID, network.busIndex[busID] != nil else { continue }
            units.append(Unit(name: name, fullName: fullName, zone: z, technology: tech, capacityMW: capacity, bus: busID,
                              inService: inService, closed: closed, operation: o, strategicReserve: reserve,
                              reserveFrom: from, reserveTo: to))
        }
        var seen = Set<String>()
        for u in units where !seen.insert(u.name).inserted { log.add(file, "unit", "names \"\(u.name)\" twice (expected each unit once)") }
        var aggregates = [Aggregate]()
        for t in top.tables("aggregate") {
            let z = zone(t), tech = technology(t)
            var stock = [Int: Double]()
            if let entries = t.rawEntries("capacity_mw") {
                for (key, value, _) in entries {
                    let mw: Double? = switch value { case .integer(let i): Double(i); case .float(let x) where x.isFinite: x; default: nil }
                    guard let year = Int(key), ScenarioFileDecoder.years.contains(year) else {
                        t.problem("capacity_mw.\(key)", "is not a year (expected keys such as 2019)"); continue
                    }
                    guard let mw, mw >= 0, mw <= 1e6 else {
                        t.problem("capacity_mw.\(key)", "is \(mw.map { "\($0)" } ?? value.kind) (expected a capacity from 0 to 1000000 MW)"); continue
                    }
                    stock[year] = mw
                }
                if stock.isEmpty && entries.isEmpty { t.problem("capacity_mw", "is empty (expected a capacity per year, such as { 2019 = 5325 })") }
            } else if !t.has("capacity_mw") {
                t.problem("capacity_mw", "is missing (expected a capacity per year, such as { 2019 = 5325 })")
            }
            let placement = t.choice("placement", Aggregate.Placement.allCases.map(\.rawValue)).flatMap(Aggregate.Placement.init) ?? .load
            let inflow = t.number("inflow_twh", in: 0...1_000, unit: "TWh")
            if inflow != nil && tech != .hydro { t.problem("inflow_twh", "is given for \(tech.map(\.rawValue) ?? "a technology") (expected only for hydro)") }
            let reservoir = t.number("reservoir_twh", in: 0...1_000, exclusiveLower: true, unit: "TWh")
            let startShare = t.number("reservoir_start_share", in: 0...1)
            let runOfRiver = t.number("run_of_river_share", in: 0...1)
            if runOfRiver != nil && tech != .hydro { t.problem("run_of_river_share", "is given for \(tech.map(\.rawValue) ?? "a technology") (expected only for hydro)") }
            if reservoir != nil && tech != .hydro { t.problem("reservoir_twh", "is given for \(tech.map(\.rawValue) ?? "a technology") (expected only for hydro)") }
            if (reservoir == nil) != (startShare == nil) {
                t.problem(reservoir == nil ? "reservoir_twh" : "reservoir_start_share", "is missing (expected reservoir_twh and reservoir_start_share together)")
            }
            let o = operation(t)
            _ = t.string("source", maxLength: TableReader.maxDescriptionLength)
            t.finish()
            guard let z, let tech, !stock.isEmpty else { continue }
            aggregates.append(Aggregate(zone: z, technology: tech, capacityByYear: stock, placement: placement, inflowTWh: inflow,
                                        reservoirTWh: reservoir, reservoirStartShare: startShare, runOfRiverShare: runOfRiver ?? 0,
                                        operation: o))
        }
        let availability = energyAvailability(top.tables("energy_availability"), zones: zones, units: units, file: file, log: log)
        top.finish()
        if !log.problems.isEmpty { throw ScenarioProblems(problems: log.problems) }
        return Fleet(zones: zones, units: units, aggregates: aggregates, energyAvailability: availability)
    }
}
