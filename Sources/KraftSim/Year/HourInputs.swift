import KraftScenario

/// What one hour asks of the grid before dispatch: every load's demand and every unit's
/// available output, from the profiles, the events and the connection dates.
struct HourInputs: Sendable {
    var date: CalendarDate
    var hourOfDay: Int
    /// Demand per load, MW and MVAr (exchanges at their fixed value; loads replaced by a
    /// price-taking neighbour and the neighbours' own loads at 0).
    var loadP: [Double]
    var loadQ: [Double]
    /// Available output per generator, MW (0 when out of service).
    var available: [Double]
    /// Lowest output per generator while in service, MW (≤ `available`).
    var minimum: [Double]
    var inService: [Bool]
}

/// Turns profiles into `HourInputs` for a study grid; the profile means the shaped
/// availabilities need are computed once.
struct HourInputMaker: Sendable {
    let grid: StudyGrid
    let profiles: HourlyProfiles
    private let meanInflow: [String: Double]
    private let meanLoad: [String: Double]
    private let baseLoadP: [Double]
    private let baseLoadQ: [Double]
    /// Consumption per zone in the grid file, MW (what the profiles' load is relative to).
    let gridZoneLoadMW: [String: Double]
    /// Capacity of the grid's hydro units per zone, MW (what relative inflows are a share of).
    let hydroCapacityMW: [String: Double]
    /// Per zone: the whole inflow of the profiles, MWh, and the running sum of the hourly load
    /// scale (`hours + 1` values), for hydro budgets in proportion to load.
    private let annualInflowMWh: [String: Double]
    private let zoneLoadScale: [String: [Double]]
    /// Per zone, the factor that brings the profiles' relative inflow to the fleet's annual inflow
    /// (1 where the fleet gives none or the inflow is in MW).
    private let inflowScale: [String: Double]

    init(grid: StudyGrid, profiles: HourlyProfiles) {
        self.grid = grid
        self.profiles = profiles
        func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        meanInflow = profiles.inflowMW.mapValues(mean)
        meanLoad = profiles.loadMW.mapValues(mean)
        let mva = grid.network.baseMVA
        baseLoadP = grid.network.loads.p.map { $0 * mva }
        baseLoadQ = grid.network.loads.q.map { $0 * mva }
        var zoneLoad = [String: Double]()
        for l in 0..<grid.network.loads.count where grid.loads[l].zoneShare > 0 {
            zoneLoad[grid.zoneOfBus[grid.network.loads.bus[l]], default: 0] += grid.network.loads.p[l] * mva
        }
        gridZoneLoadMW = zoneLoad
        var hydro = [String: Double]()
        for g in 0..<grid.units.count where grid.units[g].technology == .hydro && !grid.units[g].added {
            hydro[grid.zoneOfBus[grid.network.generators.bus[g]], default: 0] += grid.units[g].capacityMW
        }
        hydroCapacityMW = hydro
        var inflow = [String: Double](), scale = [String: [Double]]()
        for zone in profiles.inflowMW.keys {
            inflow[zone] = (0..<profiles.hours).reduce(0.0) { $0 + profiles.inflow(zone: zone, hour: $1, hydroCapacityMW: hydro[zone] ?? 0) }
            var sums = [0.0]
            sums.reserveCapacity(profiles.hours + 1)
            for h in 0..<profiles.hours { sums.append(sums[h] + profiles.loadScale(zone: zone, hour: h, gridLoadMW: zoneLoad[zone] ?? 0)) }
            scale[zone] = sums
        }
        // The fleet's annual inflow is a normal year's: it scales a synthetic (relative) inflow,
        // while an inflow read in MW is that year's own water and is taken as it is.
        var factor = [String: Double]()
        for (zone, twh) in grid.inflowTWh where profiles.relativeInflowZones.contains(zone) {
            if let annual = inflow[zone], annual > 0 {
                factor[zone] = twh * 1e6 * Double(profiles.hours) / 8760 / annual
                inflow[zone] = annual * factor[zone]!
            }
        }
        inflowScale = factor
        annualInflowMWh = inflow
        zoneLoadScale = scale
        var plans = [String: ReservoirPlan]()
        let windows = stride(from: 0, to: profiles.hours, by: YearRun.windowHours).map { $0..<min($0 + YearRun.windowHours, profiles.hours) }
        for (zone, reservoir) in grid.reservoirs where profiles.inflowMW[zone] != nil {
            let share = reservoirShare(zone)
            let inflowPerWeek = windows.map { w in w.reduce(0.0) { $0 + self.inflowMW(zone: zone, hour: $1) } * share }
            let wanted = windows.map { wantedHydroMWh(zone: zone, hours: $0) * share }
            plans[zone] = ReservoirPlan(storageMWh: reservoir.storageTWh * 1e6, startMWh: reservoir.storageTWh * reservoir.startShare * 1e6,
                                        inflow: inflowPerWeek, wanted: wanted)
        }
        reservoirPlans = plans
        // Per zone with heat-led plant, how deep in the heating season each day of the profiles is.
        let heatZones = Set(grid.units.indices.filter { grid.units[$0].heatLed }.map { grid.zoneOfBus[grid.network.generators.bus[$0]] })
        let days = (profiles.hours + 23) / 24
        heatingByZone = Dictionary(uniqueKeysWithValues: heatZones.map { zone in
            (zone, (0..<days).map { Self.heating(zone: zone, day: profiles.start.adding(days: $0)) })
        })
    }

    /// Per zone with heat-led plant, `heating` of each day of the profiles.
    private(set) var heatingByZone: [String: [Double]] = [:]

    /// Per zone with reservoirs, the plan over the profiles' windows.
    private(set) var reservoirPlans: [String: ReservoirPlan] = [:]

    /// Hydro inflow of a zone in hour `h`, MW.
    func inflowMW(zone: String, hour h: Int) -> Double {
        profiles.inflow(zone: zone, hour: h, hydroCapacityMW: hydroCapacityMW[zone] ?? 0) * (inflowScale[zone] ?? 1)
    }

    /// The hydro energy a zone may use in the hours of `span`, MWh: the reservoir plan's release
    /// for a whole window of a zone with reservoirs, the load-share rule otherwise.
    func hydroBudgetMWh(zone: String, hours span: Range<Int>) -> Double {
        if let plan = reservoirPlans[zone], span.lowerBound % YearRun.windowHours == 0,
           span.upperBound == min(span.lowerBound + YearRun.windowHours, profiles.hours) {
            return plan.weeks[span.lowerBound / YearRun.windowHours].releaseMWh
        }
        return wantedHydroMWh(zone: zone, hours: span) * reservoirShare(zone)
    }

    /// The share of a zone's inflow that reaches its reservoirs (the rest is run-of-river).
    func reservoirShare(_ zone: String) -> Double { 1 - (grid.runOfRiverShare[zone] ?? 0) }

    /// Reservoirs carry the spring flood into winter: the profiles' whole inflow is released in
    /// proportion to the zone's load (ASSUMPTION: seasonal storage follows demand; within a window
    /// the dispatch moves it freely).
    func wantedHydroMWh(zone: String, hours span: Range<Int>) -> Double {
        guard let load = zoneLoadScale[zone], let total = load.last, total > 0 else {
            return span.reduce(0.0) { $0 + inflowMW(zone: zone, hour: $1) }
        }
        return (annualInflowMWh[zone] ?? 0) * (load[span.upperBound] - load[span.lowerBound]) / total
    }

    func inputs(hour h: Int) -> HourInputs {
        let day = profiles.start.adding(days: h / 24)
        let net = grid.network
        var p = baseLoadP, q = baseLoadQ
        for l in 0..<net.loads.count {
            if !net.loads.status[l] || grid.loads[l].isReplacedExchange { p[l] = 0; q[l] = 0; continue }
            if grid.loads[l].isExchange { continue }
            let zone = grid.zoneOfBus[net.loads.bus[l]]
            if grid.loads[l].zoneShare > 0 {
                let scale = profiles.loadScale(zone: zone, hour: h, gridLoadMW: gridZoneLoadMW[zone] ?? 0)
                p[l] *= scale
                // ASSUMPTION: substations switch in compensation as load grows, so a load draws at
                // most its base-case reactive power (the grid's base case is a winter state).
                q[l] *= min(scale, 1)
            }
        }
        for d in grid.dataCentres where d.from > day { p[d.load] = 0; q[d.load] = 0 }
        let status = grid.status(on: day)
        var available = [Double](repeating: 0, count: grid.units.count)
        var minimum = available
        for g in 0..<available.count where status[g] {
            available[g] = grid.units[g].capacityMW * min(max(factor(grid.units[g].availability, hour: h), 0), 1)
            var share = grid.units[g].operation.minShare
            if grid.units[g].heatLed {
                // Both bounds follow the heat load: back-pressure output needs a heat sink.
                let w = heatingByZone[grid.zoneOfBus[net.generators.bus[g]]]?[h / 24] ?? 0
                if share > 0 { share = Self.summerMinShare + (share - Self.summerMinShare) * w }
                available[g] = min(available[g], grid.units[g].capacityMW * (Self.summerMaxShare + (1 - Self.summerMaxShare) * w))
            }
            minimum[g] = min(share * grid.units[g].capacityMW, available[g])
        }
        return HourInputs(date: day, hourOfDay: h % 24, loadP: p, loadQ: q, available: available, minimum: minimum, inService: status)
    }

    /// ASSUMPTION: a heat-led CHP plant's lowest output in summer, share of capacity (hot water
    /// and industrial steam only), and its highest (what a summer heat sink and condensing tails
    /// allow); both rise to the plant's `min_share` and full capacity at the coldest normal temperature.
    static let summerMinShare = 0.05
    static let summerMaxShare = 0.3

    /// How deep in the heating season a day is, 0 (a normal day at 17 °C or warmer) to 1 (the
    /// coldest month's normal temperature), from the zone's monthly normals (`ZoneClimate`).
    private static func heating(zone: String, day: CalendarDate) -> Double {
        let climate = ZoneClimate.of(zone)
        let start = CalendarDate(year: day.year, month: 1, day: 1)
        let days = CalendarDate(year: day.year + 1, month: 1, day: 1).dayNumber - start.dayNumber
        let t = climate.normalTemperature(dayOfYear: Double(day.dayNumber - start.dayNumber) + 0.5, daysInYear: days)
        let coldest = climate.monthlyMeanC.min() ?? 0
        return min(max((17 - t) / max(17 - coldest, 1), 0), 1)
    }

    private func factor(_ a: StudyGrid.Availability, hour h: Int) -> Double {
        switch a {
        case .constant(let x): return x
        case .wind(let zone): return profiles.wind[zone]?[h] ?? 0
        case .solar(let zone): return profiles.solar[zone]?[h] ?? 0
        case .inflow(let zone, let mean):
            guard let m = meanInflow[zone], m > 0, let s = profiles.inflowMW[zone] else { return mean }
            return mean * s[h] / m
        case .runOfRiver(let zone):
            guard let capacity = hydroCapacityMW[zone], capacity > 0 else { return 0 }
            return inflowMW(zone: zone, hour: h) / capacity
        case .load(let zone, let mean):
            guard let m = meanLoad[zone], m > 0, let s = profiles.loadMW[zone] else { return mean }
            return mean * s[h] / m
        }
    }
}
