import Foundation
import KraftCore
import KraftIO
import KraftScenario

/// A scenario made ready for `kraft adequacy`: its study grid (the fleet placed, closures, data
/// centres and producers applied, as `kraft run` builds it) reduced to the zonal transport model
/// (`AdequacyModel`), and the weather year each sample draws.
///
/// - Generation: every generator of the grid belongs to one outage group: a named unit (a
///   reactor, the strategic reserve) is one unit; the rest of a zone's capacity of one technology
///   is sampled as units of `unit_mw`. What a group can give in an hour before forced outages is
///   what the year run makes available (`HourInputMaker`): wind and solar by the weather,
///   run-of-river by inflow, heat-led CHP by the heating season, reactors outside refuelling,
///   the reserve in its winter season, closed units not at all. Reservoir hydro at its capacity:
///   ASSUMPTION, the reservoirs hold the water for the hours that matter (no energy limit).
/// - Load: every consumption load and data centre of the zone, as the profiles drive them.
/// - Borders: the sidecar's trading capacities between zones (both ways), HVDC links inside the
///   grid at their capacity; zones joined by AC branches without a known capacity (inside
///   Norway, say) without a limit — as in the dispatch LP, where only the 30° angle holds them.
/// - Neighbours outside the grid (DK, DE, PL, LT, NL, GB, EE, RU): their links' import capacity
///   times `import_share` (default 1: ASSUMPTION, as the year run's price-taking neighbours, which
///   always sell at their price) feeds the zone they land in.
public struct AdequacyStudy: Sendable {
    public let model: AdequacyModel
    public let year: Int
    public let seed: Int
    public let notes: [String]
    let grid: StudyGrid
    let groupOfGenerator: [Int?]
    let demandLoads: [(load: Int, zone: Int)]
    let zonesOfProfiles: [String]
    /// Weather years read from CSV folders, in the order given (empty: synthetic per sample),
    /// turned into the model's hourly demand and availability once: building them is most of a
    /// synthetic sample's time (Benchmarks/RESULTS.md), and a CSV year is the same in every sample.
    private(set) var folders: [AdequacyWeatherYear] = []

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    public static func prepare(scenario base: Scenario, network: Network, sidecar: GridSidecar?, year: Int? = nil,
                               seed: Int? = nil) throws(Failure) -> AdequacyStudy {
        var scenario = base
        let y = year ?? base.period.from.year
        // A whole calendar year, and the fleet of that year (aggregates take the year's stock).
        scenario.period = Period(from: CalendarDate(year: y, month: 1, day: 1), to: CalendarDate(year: y, month: 12, day: 31))
        let settings = scenario.adequacy ?? AdequacySettings()
        let seed = seed ?? { if case .synthetic(let s) = scenario.weather { s } else { 1 } }()
        let grid = StudyGrid.build(scenario: scenario, network: network, sidecar: sidecar)
        let zones = grid.zones
        var notes = [String]()

        // Outage groups.
        var groupIndex = [String: Int](), groups = [AdequacyModel.Group]()
        var unitSize = [Double]()  // per group: MW of one unit of an aggregate, 0 for a named unit (one unit)
        var groupOfGenerator = [Int?](repeating: nil, count: grid.units.count)
        for g in 0..<grid.units.count where grid.units[g].capacityMW > 0 {
            guard let z = zones.firstIndex(of: grid.zoneOfBus[grid.network.generators.bus[g]]) else { continue }
            let tech = grid.units[g].technology, reserve = grid.units[g].reserve != nil
            let key = grid.units[g].name.map { "unit \($0)" } ?? "\(zones[z]) \(tech.rawValue)\(reserve ? " reserve" : "")"
            if let i = groupIndex[key] {
                groups[i].capacityMW += grid.units[g].capacityMW
                groupOfGenerator[g] = i
                continue
            }
            // The fleet file's unit or aggregate wins over the scenario's technology table, which
            // wins over the defaults.
            let fallback = ForcedOutageDefaults.entry(tech)
            let scenarioOverride = settings.forcedOutage[tech]
            let op = grid.units[g].operation
            // A published fleet factor spread over the year as a derating is drawn here as forced
            // outages of the same mean (the derating itself is undone in `weatherYear`).
            let fleetFactorRate = op.availabilityFromFleetFactor ? 1 - op.availability : nil
            let rate = op.forcedOutageRate ?? scenarioOverride?.rate ?? fleetFactorRate ?? fallback.outage.rate
            let mttr = op.mttrHours ?? scenarioOverride?.mttrHours ?? fallback.outage.mttrHours
            let unitMW = op.unitMW ?? scenarioOverride?.unitMW ?? fallback.unitMW
            let source = op.forcedOutageRate != nil || op.mttrHours != nil ? "fleet file"
                : scenarioOverride != nil ? "scenario [adequacy.forced_outage.\(tech.rawValue)]"
                : fleetFactorRate != nil ? "rate: 1 − the unit's availability outside refuelling (fleet [[energy_availability]]); MTTR: \(fallback.source)"
                : fallback.source
            groupIndex[key] = groups.count
            groupOfGenerator[g] = groups.count
            groups.append(AdequacyModel.Group(name: key, zone: z, technology: tech, units: 1,
                                              outage: OutageParameters(rate: rate, mttrHours: mttr), reserve: reserve,
                                              capacityMW: grid.units[g].capacityMW, source: source + (grid.units[g].name == nil ? "; unit \(Int(unitMW)) MW" : "")))
            unitSize.append(grid.units[g].name == nil ? unitMW : 0)
        }
        // An aggregate is as many units as its capacity holds (at least one), once it is summed.
        for i in groups.indices where unitSize[i] > 0 {
            groups[i].units = max(1, Int((groups[i].capacityMW / unitSize[i]).rounded()))
        }

        // Borders: the sidecar's cuts with a capacity (their branches may join other zone pairs
        // too: the SE1-FI cut holds a line from SE2), then pairs of zones joined by an in-service
        // branch that no such cut holds.
        var transfers = [AdequacyModel.Transfer]()
        var inCut = Set<Int>()
        for cut in sidecar?.interconnectors ?? [] where !cut.branches.isEmpty {
            guard let f = cut.capacityForwardMW ?? cut.capacityBackwardMW, let r = cut.capacityBackwardMW ?? cut.capacityForwardMW,
                  let from = zones.firstIndex(of: cut.fromZone), let to = zones.firstIndex(of: cut.toZone) else { continue }
            inCut.formUnion(cut.branches.map(\.branch))
            transfers.append(AdequacyModel.Transfer(name: cut.border, from: from, to: to, forwardMW: f, backwardMW: r))
        }
        var joined = Set<[Int]>()
        let net = grid.network
        for b in 0..<net.branches.count where net.branches.status[b] && !inCut.contains(b) {
            guard let a = zones.firstIndex(of: grid.zoneOfBus[net.branches.from[b]]),
                  let c = zones.firstIndex(of: grid.zoneOfBus[net.branches.to[b]]), a != c else { continue }
            joined.insert([min(a, c), max(a, c)])
        }
        let unknown = settings.unknownBorderMW ?? .infinity
        for pair in joined.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
            transfers.append(AdequacyModel.Transfer(name: "\(zones[pair[0]])-\(zones[pair[1]])", from: pair[0], to: pair[1],
                                                    forwardMW: unknown, backwardMW: unknown))
        }
        for link in grid.links {
            guard let a = zones.firstIndex(of: link.fromZone), let c = zones.firstIndex(of: link.toZone) else { continue }
            transfers.append(AdequacyModel.Transfer(name: link.border, from: a, to: c, forwardMW: link.forwardMW, backwardMW: link.backwardMW))
        }
        let unlimited = transfers.filter { !$0.forwardMW.isFinite }.map(\.name)
        if !unlimited.isEmpty {
            notes.append("borders without a known trading capacity are not limited (as in the dispatch LP): " + unlimited.joined(separator: ", "))
        }
        if let mw = settings.unknownBorderMW, !joined.isEmpty {
            notes.append("borders without a known trading capacity held to \(mw) MW each way ([adequacy] unknown_border_mw): "
                         + joined.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }).map { "\(zones[$0[0]])-\(zones[$0[1]])" }.joined(separator: ", "))
        }

        // Imports from neighbours outside the grid.
        let share = settings.importShare ?? 1
        var imports = [Double](repeating: 0, count: zones.count)
        for n in grid.neighbours {
            guard let z = zones.firstIndex(of: grid.zoneOfBus[n.bus]) else { continue }  // the zone the link lands in
            imports[z] += n.importMW * share
        }
        notes.append("imports from outside the grid: \(grid.neighbours.map { "\($0.border) \(Int($0.importMW)) MW" }.joined(separator: ", ")), times import_share \(share)\(settings.importShare == nil ? " (default, ASSUMPTION: neighbours sell their link's capacity, as in the year run)" : "")")

        // The loads that are consumption: the zone's own loads and data centres.
        let dataCentreLoads = Set(grid.dataCentres.map(\.load))
        var demandLoads = [(load: Int, zone: Int)]()
        var fixedExchanges = 0
        let neighbourLoads = Set(grid.neighbours.map(\.load)).union(grid.linkLoads)
        for l in 0..<net.loads.count {
            guard let z = zones.firstIndex(of: grid.zoneOfBus[net.loads.bus[l]]) else { continue }
            if grid.loads[l].zoneShare > 0 || dataCentreLoads.contains(l) { demandLoads.append((l, z)) }
            else if grid.loads[l].isExchange && !grid.loads[l].isReplacedExchange && !neighbourLoads.contains(l) && net.loads.p[l] != 0 {
                demandLoads.append((l, z))  // a fixed exchange stays as the grid file has it: an export is load the zone must carry
                fixedExchanges += 1
            }
        }
        if fixedExchanges > 0 { notes.append("\(fixedExchanges) fixed exchanges of the grid file kept at their value (an export counts as load of its zone)") }

        var model = AdequacyModel(zones: zones, groups: groups, transfers: transfers, importMW: imports, country: "SE")
        model.notes = notes

        // Weather.
        let profileZones = YearRun.profileZones(sidecar: sidecar)
        var folders = [(label: String, profiles: HourlyProfiles)]()
        var list = settings.weatherFolders
        var fillSeed: Int?
        if case .csv(let folder, let fill, _) = scenario.weather {
            if list.isEmpty { list = [folder] }
            fillSeed = fill
        }
        for folder in list {
            do {
                folders.append((folder, try Self.readWeatherYear(folder: folder, into: scenario.period, zones: profileZones,
                                                                 fill: fillSeed.map { SyntheticProfiles(seed: $0) })))
            } catch {
                throw Failure(description: error.description)
            }
        }
        var allNotes = notes
        allNotes.append(folders.isEmpty
            ? "weather: a synthetic year per sample, seed \(seed) + the sample's number (not real weather years)"
            : "weather: \(folders.count) CSV weather year\(folders.count == 1 ? "" : "s"), one drawn per sample (each year's hours laid on \(y) in order; the weekdays are \(y)'s)")
        var study = AdequacyStudy(model: model, year: y, seed: seed, notes: allNotes, grid: grid, groupOfGenerator: groupOfGenerator,
                                  demandLoads: demandLoads, zonesOfProfiles: profileZones)
        study.folders = folders.map { study.weatherYear($0.profiles, label: $0.label) }
        return study
    }

    /// The weather year sample `i` draws: a synthetic year with seed `seed + i`, or one of the
    /// CSV years chosen by the sample's own stream.
    public func weather(sample i: Int) -> AdequacyWeatherYear {
        let start = CalendarDate(year: year, month: 1, day: 1)
        guard folders.isEmpty else {
            var rng = SplitMix64(seed: seed, stream: "adequacy/\(i)/weather")
            return folders[Int(rng.next() % UInt64(folders.count))]
        }
        let s = seed &+ i
        let profiles = SyntheticProfiles(seed: s).make(start: start, hours: Period(from: start, to: CalendarDate(year: year, month: 12, day: 31)).hours,
                                                       zones: zonesOfProfiles)
        return weatherYear(profiles, label: "synthetic seed \(s)")
    }

    /// Demand per zone and each group's output before outages, hour by hour, as the year run
    /// makes them available.
    func weatherYear(_ profiles: HourlyProfiles, label: String) -> AdequacyWeatherYear {
        let maker = HourInputMaker(grid: grid, profiles: profiles)
        let hours = profiles.hours, zoneCount = model.zones.count
        var demand = [[Double]](repeating: [Double](repeating: 0, count: hours), count: zoneCount)
        var available = [[Double]](repeating: [Double](repeating: 0, count: hours), count: model.groups.count)
        for h in 0..<hours {
            let inputs = maker.inputs(hour: h)
            for (l, z) in demandLoads { demand[z][h] += inputs.loadP[l] }
            for g in 0..<inputs.available.count {
                guard let k = groupOfGenerator[g] else { continue }
                let op = grid.units[g].operation
                available[k][h] += op.availabilityFromFleetFactor ? inputs.available[g] / op.availability : inputs.available[g]
            }
        }
        return AdequacyWeatherYear(start: profiles.start, hours: hours, demandMW: demand, availableMW: available, label: label)
    }

    /// A CSV weather folder holding one whole calendar year (its year read from the first row of
    /// load.csv), laid on the study's year hour by hour: a leap day more is dropped from the end,
    /// one less is filled by repeating the last day. With `fill` (the scenario's `synthetic_seed`),
    /// what the folder lacks comes from that synthetic year, as in a run.
    static func readWeatherYear(folder: String, into period: Period, zones: [String],
                                fill: SyntheticProfiles? = nil) throws(InputError) -> HourlyProfiles {
        let file = folder + "/load.csv"
        let text = String(decoding: try FileBytes.contents(ofFile: file), as: UTF8.self)
        let rows = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: true)
        guard rows.count >= 2, let date = CalendarDate(parsing: String(rows[1].prefix(10))), date.month == 1, date.day == 1 else {
            throw InputError(file: file, line: 2, message: "does not start on 1 January (expected a whole calendar year of hours from YYYY-01-01T00:00)")
        }
        let own = Period(from: date, to: CalendarDate(year: date.year, month: 12, day: 31))
        let p = try ProfileCSVReader.read(folder: folder, start: own.from, hours: own.hours, zones: zones, fill: fill)
        let hours = period.hours
        func fit(_ d: [String: [Double]]) -> [String: [Double]] {
            d.mapValues { s in s.count >= hours ? Array(s[0..<hours]) : s + Array(s[(s.count - 24)..<s.count]) }
        }
        var laid = p
        laid.start = period.from
        laid.hours = hours
        laid.loadMW = fit(p.loadMW); laid.wind = fit(p.wind); laid.solar = fit(p.solar); laid.inflowMW = fit(p.inflowMW)
        return laid
    }
}
