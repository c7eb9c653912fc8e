import KraftCore
import KraftIO
import KraftScenario

/// What a planner reads from one solved moment: per zone balance, flows on the cuts between
/// zones, voltages, the most loaded branches, reactive reserve and kinetic energy.
public struct SnapshotResult: Sendable {
    public struct Zone: Sendable, Equatable {
        public var zone: String
        public var loadMW: Double
        /// Generation by technology, MW, technologies sorted by name.
        public var generationMW: [(technology: String, mw: Double)]
        /// Power leaving the zone over branches to other zones, MW (negative: importing).
        public var netExportMW: Double
        /// Qmax − Qg summed over synchronous units in service, MVAr.
        public var reactiveReserveMVAr: Double
        /// Σ H·S of synchronous units in service, GWs.
        public var kineticEnergyGWs: Double
        public var lowestVoltage: (bus: Int, vm: Double)?

        public var totalGenerationMW: Double { generationMW.reduce(0) { $0 + $1.mw } }

        public static func == (a: Zone, b: Zone) -> Bool {
            a.zone == b.zone && a.loadMW == b.loadMW && a.netExportMW == b.netExportMW
        }
    }

    public struct Cut: Sendable, Equatable {
        public var border: String
        /// Flow from the first zone to the second, MW.
        public var flowMW: Double
        public var capacityMW: Double?
    }

    public struct BranchLoading: Sendable, Equatable {
        public var branch: Int
        public var fromBus: Int
        public var toBus: Int
        /// Apparent power at the more loaded end, MVA.
        public var mva: Double
        /// Percent of rate A, when the branch has one.
        public var percentOfRateA: Double?
    }

    public var scenario: String
    public var moment: Moment
    public var model: SnapshotModel
    public var flow: PowerFlowResult
    public var zones: [Zone]
    public var cuts: [Cut]
    public var mostLoaded: [BranchLoading]
    public var lowestVoltage: (bus: Int, vm: Double)?
    public var notes: [String]
    public var inputs: [InputFile]
    public var synthetic: Bool
}

/// Solves one moment of a scenario: the snapshot model, then AC load flow with reactive limits.
public enum SnapshotRun {
    /// `profiles` must contain `moment` (see `profiles(for:sidecar:at:)`).
    public static func run(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles,
                           at moment: Moment) -> SnapshotResult {
        let model = SnapshotModel.build(scenario: scenario, network: network, sidecar: sidecar, profiles: profiles, at: moment)
        var options = PowerFlowOptions()
        options.enforceQLimits = true
        let flow = PowerFlowSolver(network: model.network, options: options).solve()
        return summarize(scenario: scenario, model: model, flow: flow, sidecar: sidecar, moment: moment)
    }

    /// The scenario's profiles for the calendar year of `moment`, for the grid's zones (a CSV
    /// folder must cover that year).
    public static func profiles(for scenario: Scenario, sidecar: GridSidecar?, at moment: Moment) throws(InputError) -> HourlyProfiles {
        let zones = Set((sidecar?.zoneOfBus ?? [:]).values.filter { !$0.isEmpty }).sorted()
        let year = Period(from: CalendarDate(year: moment.date.year, month: 1, day: 1),
                          to: CalendarDate(year: moment.date.year, month: 12, day: 31))
        return try HourlyProfiles.make(weather: scenario.weather, period: year, zones: zones)
    }

    static func summarize(scenario: Scenario, model: SnapshotModel, flow: PowerFlowResult, sidecar: GridSidecar?,
                          moment: Moment) -> SnapshotResult {
        let net = model.network, mva = net.baseMVA
        let zoneNames = Array(Set(model.zoneOfBus.filter { !$0.isEmpty })).sorted()
        var inertia = [Int: Double]()
        for g in sidecar?.generators ?? [] { if let h = g.inertiaSeconds, let s = g.machineBaseMVA { inertia[g.index] = h * s } }
        let demand = net.busDemand()
        var zones = [SnapshotResult.Zone]()
        for zone in zoneNames {
            let buses = Set((0..<net.buses.count).filter { model.zoneOfBus[$0] == zone })
            var byTechnology = [String: Double]()
            var reserve = 0.0, kinetic = 0.0
            for g in 0..<net.generators.count where net.generators.status[g] && buses.contains(net.generators.bus[g]) {
                byTechnology[model.technology[g], default: 0] += flow.pg[g] * mva
                if TechnologyCosts.isSynchronous(model.technology[g]) && !model.added[g] {
                    reserve += (net.generators.qmax[g] - flow.qg[g]) * mva
                    kinetic += (inertia[g] ?? 0) / 1000
                }
            }
            var export = 0.0
            for l in 0..<net.branches.count where net.branches.status[l] {
                let f = buses.contains(net.branches.from[l]), t = buses.contains(net.branches.to[l])
                if f && !t { export += flow.pf[l] * mva }
                if t && !f { export += flow.pt[l] * mva }
            }
            let lowest = buses.filter { flow.vm[$0] > 0 }.min { flow.vm[$0] < flow.vm[$1] }.map { (net.buses.id[$0], flow.vm[$0]) }
            zones.append(SnapshotResult.Zone(zone: zone, loadMW: buses.reduce(0) { $0 + demand.p[$1] } * mva,
                              generationMW: byTechnology.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                              netExportMW: export, reactiveReserveMVAr: reserve, kineticEnergyGWs: kinetic, lowestVoltage: lowest))
        }
        let cuts = (sidecar?.interconnectors ?? []).filter { !$0.branches.isEmpty }.map { c in
            SnapshotResult.Cut(border: c.border, flowMW: c.branches.reduce(0) { sum, e in
                sum + (net.branches.from[e.branch] == e.fromZoneBus ? flow.pf[e.branch] : flow.pt[e.branch]) * mva
            }, capacityMW: c.capacityForwardMW)
        }
        let loading = (0..<net.branches.count).filter { net.branches.status[$0] }.map { l -> SnapshotResult.BranchLoading in
            let s = max((flow.pf[l] * flow.pf[l] + flow.qf[l] * flow.qf[l]).squareRoot(),
                        (flow.pt[l] * flow.pt[l] + flow.qt[l] * flow.qt[l]).squareRoot()) * mva
            let rate = net.branches.rateA[l] * mva
            return SnapshotResult.BranchLoading(branch: l, fromBus: net.buses.id[net.branches.from[l]], toBus: net.buses.id[net.branches.to[l]],
                                 mva: s, percentOfRateA: rate > 0 ? 100 * s / rate : nil)
        }.sorted { ($0.percentOfRateA ?? -1, $0.mva) > ($1.percentOfRateA ?? -1, $1.mva) }
        let lowest = (0..<net.buses.count).filter { flow.vm[$0] > 0 }.min { flow.vm[$0] < flow.vm[$1] }
            .map { (net.buses.id[$0], flow.vm[$0]) }
        return SnapshotResult(scenario: scenario.name, moment: moment, model: model, flow: flow, zones: zones, cuts: cuts,
                              mostLoaded: Array(loading.prefix(10)), lowestVoltage: lowest,
                              notes: model.notes + flow.notes, inputs: scenario.inputs, synthetic: scenario.weather.isSynthetic)
    }
}
