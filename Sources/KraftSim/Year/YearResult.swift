import KraftCore
import KraftScenario

/// A finished year run: every hour's record and the yearly figures made from them.
public struct YearResult: Sendable {
    public var scenario: Scenario
    public var grid: StudyGrid
    public var borders: [BorderSpec]
    /// First day of the run; hour `h` is `start` + h hours.
    public var start: CalendarDate
    public var records: [HourRecord]
    public var syntheticWeather: Bool
    public var weatherSource: String
    public var kineticThresholdGWs: Double
    public var notes: [String]
    /// The peak-load and lowest-inertia hours (`HourContingency.criticalHours`) with their grids
    /// as dispatched in the run, for the N-1 section; empty for a result not made by `YearRun`.
    public var criticalHours: [CriticalHour] = []
    /// Each zone's hydro reservoirs over the run as dispatched (zones the fleet gives reservoirs;
    /// empty when the run does not cover whole weeks).
    public var reservoirs: [ReservoirYear] = []

    public struct CriticalHour: Sendable {
        public var reason: String
        /// Hour of the run's profiles.
        public var hour: Int
        /// The hour's grid as dispatched: served loads, running units at their output.
        public var network: Network
        /// Per generator, its share of the AC slack (all zero: the reference bus takes it).
        public var slackWeights: [Double]
        /// The hour (of the run's profiles) this one stands in for, whose AC check failed, and why.
        public var insteadOf: (hour: Int, cause: String)?

        public init(reason: String, hour: Int, network: Network, slackWeights: [Double], insteadOf: (hour: Int, cause: String)? = nil) {
            self.reason = reason
            self.hour = hour
            self.network = network
            self.slackWeights = slackWeights
            self.insteadOf = insteadOf
        }
    }

    /// An hour N-1 should have studied but could not (hour of the run's profiles).
    public struct UnstudiedHour: Sendable {
        public var hour: Int
        public var reason: String
        public var why: String
    }

    /// The critical hours N-1 could not study, with why (`HourContingency.criticalHours`).
    public var unstudiedHours: [UnstudiedHour] = []

    /// Windows (weeks) the run dispatched as linear programs or by merit order: each once.
    public var dispatchedWindows = 0

    public var hours: Int { records.count }

    /// "snapshot" for a run of one hour, "year" otherwise (docs/result-folder.md).
    public var kind: String { records.count == 1 ? "snapshot" : "year" }

    /// The 0-based index within the run of hour `h` of the profiles (result files count from the
    /// run's first hour).
    public func index(_ h: Int) -> Int { h - (records.first?.hour ?? 0) }

    /// `YYYY-MM-DDTHH:00` of hour `h`.
    public func time(_ h: Int) -> String {
        let hour = h % 24
        return "\(start.adding(days: h / 24))T\(hour < 10 ? "0" : "")\(hour):00"
    }

    public struct ZoneYear: Sendable {
        public var zone: String
        public var loadMWh = 0.0
        public var generationMWh: [Double]
        public var netExportMWh = 0.0
        public var meanPrice = 0.0
        public var unservedMWh = 0.0
        public var curtailedMWh = 0.0
        public var minReactiveReserveMVAr: Double?
        public var lowestVm: (bus: Int, vm: Double)?
    }

    public struct BorderYear: Sendable {
        public var spec: BorderSpec
        public var meanFlowMW = 0.0
        public var maxFlowMW = 0.0
        public var congestedHours = 0
        public var forwardMWh = 0.0
        public var backwardMWh = 0.0
    }

    public var zoneYears: [ZoneYear] {
        let nz = grid.zones.count, nt = YearRecordLayout.technologies.count
        var out = grid.zones.map { ZoneYear(zone: $0, generationMWh: .init(repeating: 0, count: nt)) }
        for r in records {
            for z in 0..<nz {
                out[z].loadMWh += r.zoneLoadMW[z]
                for t in 0..<nt { out[z].generationMWh[t] += r.zoneGenerationMW[z][t] }
                out[z].netExportMWh += r.zoneNetExportMW[z]
                out[z].meanPrice += r.zonePrice[z] / Double(max(hours, 1))
                out[z].unservedMWh += r.zoneUnservedMW[z]
                out[z].curtailedMWh += r.zoneCurtailedMW[z]
                if r.converged {
                    out[z].minReactiveReserveMVAr = min(out[z].minReactiveReserveMVAr ?? .infinity, r.zoneReactiveReserveMVAr[z])
                }
            }
        }
        // Lowest voltage per zone and where.
        let zoneOfBus = grid.zoneOfBus.map { grid.zones.firstIndex(of: $0) }
        for r in records where r.converged {
            for b in 0..<r.vm.count where r.vm[b] > 0 {
                guard let z = zoneOfBus[b] else { continue }
                if out[z].lowestVm.map({ r.vm[b] < $0.vm }) ?? true { out[z].lowestVm = (grid.network.buses.id[b], r.vm[b]) }
            }
        }
        return out
    }

    public var borderYears: [BorderYear] {
        var out = borders.map { BorderYear(spec: $0) }
        for r in records {
            for k in 0..<borders.count {
                let f = r.borderFlowMW[k]
                out[k].meanFlowMW += f / Double(max(hours, 1))
                if abs(f) > abs(out[k].maxFlowMW) { out[k].maxFlowMW = f }
                if r.borderCongested[k] { out[k].congestedHours += 1 }
                if f > 0 { out[k].forwardMWh += f } else { out[k].backwardMWh -= f }
            }
        }
        return out
    }

    /// The yearly figures every run of this kind has, by name (see docs/result-folder.md).
    public var metrics: [(name: String, value: Double)] {
        let zones = zoneYears, borderYears = borderYears
        var m = [(String, Double)]()
        let converged = records.filter(\.converged)
        m.append(("load_twh", records.reduce(0) { $0 + $1.loadMW } / 1e6))
        m.append(("generation_twh", records.reduce(0) { $0 + $1.generationMW } / 1e6))
        m.append(("net_import_twh", records.reduce(0) { $0 + $1.netImportMW } / 1e6))
        m.append(("unserved_energy_mwh", records.reduce(0) { $0 + $1.unservedMW }))
        m.append(("surplus_energy_mwh", records.reduce(0) { $0 + $1.surplusMW }))
        m.append(("curtailment_mwh", records.reduce(0) { $0 + $1.curtailedMW }))
        m.append(("losses_twh", converged.reduce(0) { $0 + ($1.lossesMW ?? 0) } / 1e6))
        m.append(("total_cost_eur", records.reduce(0) { $0 + $1.costEUR }))
        m.append(("emissions_t", records.reduce(0) { $0 + $1.emissionsT }))
        m.append(("lowest_voltage_pu", converged.compactMap(\.lowestVm?.vm).min() ?? 0))
        m.append(("highest_voltage_pu", converged.compactMap(\.highestVm?.vm).max() ?? 0))
        m.append(("lowest_kinetic_energy_gws", records.map(\.kineticGWs).min() ?? 0))
        m.append(("hours_below_kinetic_threshold", Double(records.filter { $0.kineticGWs < kineticThresholdGWs }.count)))
        m.append(("kinetic_threshold_gws", kineticThresholdGWs))
        m.append(("nonconverged_hours", Double(records.count - converged.count)))
        m.append(("converged_hours", Double(converged.count)))
        m.append(("voltage_violation_hours", Double(converged.filter { !$0.voltageViolations.isEmpty }.count)))
        m.append(("largest_voltage_violation_pu", converged.flatMap { $0.voltageViolations.map { abs($0.excess) } }.max() ?? 0))
        for b in borderYears {
            m.append(("congested_hours_" + b.spec.name.lowercased().replacingOccurrences(of: "-", with: "_"), Double(b.congestedHours)))
        }
        if let se = sweden {
            for (t, name) in YearRecordLayout.technologies.enumerated() { m.append(("sweden_\(name.rawValue)_twh", se.generationMWh[t] / 1e6)) }
            m.append(("sweden_generation_twh", se.generationMWh.reduce(0, +) / 1e6))
            m.append(("sweden_load_twh", se.loadMWh / 1e6))
            m.append(("sweden_net_export_twh", se.netExportMWh / 1e6))
            m.append(("sweden_unserved_energy_mwh", se.unservedMWh))
            m.append(("sweden_emissions_t", se.emissionsT))
            m.append(("sweden_strategic_reserve_hours", Double(se.reserveHours)))
            m.append(("sweden_strategic_reserve_mwh", se.reserveMWh))
            m.append(("sweden_hydro_spill_twh", se.hydroSpillTWh))
            m.append(("sweden_reservoir_start_twh", se.reservoirStartTWh))
            m.append(("sweden_reservoir_end_twh", se.reservoirEndTWh))
            for b in se.borderNetExportMWh {
                m.append(("sweden_net_export_" + b.border.lowercased().replacingOccurrences(of: "-", with: "_") + "_twh", b.mwh / 1e6))
            }
        }
        for z in zones {
            let key = z.zone.lowercased()
            m.append(("price_mean_\(key)_eur_mwh", z.meanPrice))
            m.append(("net_import_\(key)_twh", -z.netExportMWh / 1e6))
            m.append(("min_reactive_reserve_\(key)_mvar", z.minReactiveReserveMVAr ?? 0))
        }
        return m
    }

    /// The yearly figures made from the AC check, so summed or taken over the converged hours
    /// only (`converged_hours` of them): a reader must see the count beside them, and two runs
    /// with different counts cannot be compared on them as they stand.
    public static let convergedOnlyMetrics: Set<String> = [
        "losses_twh", "lowest_voltage_pu", "highest_voltage_pu", "voltage_violation_hours", "largest_voltage_violation_pu",
    ]

    /// Whether metric `name` is taken over the converged hours only (`convergedOnlyMetrics` and
    /// the zones' `min_reactive_reserve_<zone>_mvar`).
    public static func isConvergedOnly(_ name: String) -> Bool {
        convergedOnlyMetrics.contains(name) || (name.hasPrefix("min_reactive_reserve_") && name.hasSuffix("_mvar"))
    }

    /// Per bus (internal index): hours outside its limits, and the farthest below and above, p.u.
    public var busViolations: [(hours: Int, lowestBelow: Double?, highestAbove: Double?)] {
        var out = [(hours: Int, lowestBelow: Double?, highestAbove: Double?)](repeating: (0, nil, nil), count: grid.network.buses.count)
        for r in records {
            for v in r.voltageViolations {
                out[v.bus].hours += 1
                if v.excess < 0 { out[v.bus].lowestBelow = min(out[v.bus].lowestBelow ?? 0, v.excess) }
                else { out[v.bus].highestAbove = max(out[v.bus].highestAbove ?? 0, v.excess) }
            }
        }
        return out
    }

    /// Hours whose AC check failed, with the cause.
    public var nonconverged: [(hour: Int, cause: String)] {
        records.filter { !$0.converged }.map { ($0.hour, $0.cause ?? "did not converge") }
    }
}
