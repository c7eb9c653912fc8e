import KraftCore

extension Fleet {
    /// A technology's energy availability factor by year in some zones, as published for a whole
    /// fleet (IAEA PRIS: the energy a fleet could have produced, as a share of its capacity × the
    /// hours): the fleet-level `[[energy_availability]]` of a fleet file. Each covered unit keeps
    /// its refuelling outage (`refuelling_day`, `refuelling_days`) and is available outside it at
    /// the share that makes its year's available energy the factor's.
    ///
    /// Why not one outage as long as the factor leaves out: 74 days a unit from 2025 put two or
    /// three reactors out together in April, June and October, and the year of base-2025 then failed
    /// its AC check in 4 hours (SE3 short of 2.7–3.3 Gvar) with its lowest voltage 0.839 p.u.; with
    /// 40-day summer outages and the rest spread as a derating, every hour converged (lowest
    /// 0.853) at the same nuclear energy (47.4 TWh). The market knows no voltage-stability limit on
    /// the cuts, which is what Svenska kraftnät lowers when reactors are out.
    public struct EnergyAvailability: Sendable, Equatable {
        public var technology: Technology
        public var zones: [String]
        /// The factor of each year given, 0…1.
        public var byYear: [Int: Double]

        /// Years after the last given take the mean of the last this many given years (ASSUMPTION:
        /// the recent record is the best guess of the next years; one bad or good year alone is not).
        public static let recentYears = 5

        /// The factor of `year`: its own, on the straight line between the given years around it,
        /// the first given before them, and after the last the mean of the last `recentYears`.
        public func factor(in year: Int) -> Double {
            let years = byYear.keys.sorted()
            guard let first = years.first, let last = years.last else { return 1 }
            if let a = byYear[year] { return a }
            if year < first { return byYear[first]! }
            if year > last {
                let recent = years.suffix(Self.recentYears)
                return recent.reduce(0) { $0 + byYear[$1]! } / Double(recent.count)
            }
            let before = years.last(where: { $0 < year })!, after = years.first(where: { $0 > year })!
            let a = byYear[before]!, b = byYear[after]!
            return a + (b - a) * Double(year - before) / Double(after - before)
        }

        /// The share of capacity available outside an outage of `outageDays` in `year`:
        /// factor × days of the year / (days − outageDays), at most 1 (after an outage longer than
        /// the factor leaves out, the unit is fully available and its year falls below the factor).
        public func availability(in year: Int, outageDays: Int) -> Double {
            let days = Double(CalendarDate.isLeap(year) ? 366 : 365)
            return min(1, factor(in: year) * days / (days - Double(min(outageDays, Int(days) - 1))))
        }

        /// Whether it sets the availability of `unit`.
        public func covers(_ unit: Unit) -> Bool { unit.technology == technology && zones.contains(unit.zone) }
    }

    /// Reads the `[[energy_availability]]` entries; each must name zones of the fleet, and a unit
    /// it covers must not give its own `availability`.
    static func energyAvailability(_ tables: [TableReader], zones fleetZones: [String], units: [Unit], file: String,
                                   log: ProblemLog) -> [EnergyAvailability] {
        var entries = [EnergyAvailability]()
        for t in tables {
            let tech = t.require(t.technology("technology", technologies), "technology",
                                 "one of \(technologies.map(\.rawValue).joined(separator: ", "))")
            var zones = [String]()
            switch t.rawValue("zones") {
            case .array(let items)?:
                for item in items {
                    guard case .string(let z) = item else { t.problem("zones", "holds \(item.kind) (expected zone names)"); continue }
                    guard fleetZones.contains(z) else {
                        t.problem("zones", "holds \"\(z)\" (expected zones of [meta] zones: \(fleetZones.joined(separator: ", ")))"); continue
                    }
                    zones.append(z)
                }
            case let v?: t.problem("zones", "is \(v.kind) (expected a list of zones, such as [\"SE3\"])")
            case nil: break
            }
            if zones.isEmpty { t.problem("zones", "is missing or empty (expected the zones whose units it covers, such as [\"SE3\"])") }
            var byYear = [Int: Double]()
            for (key, value, _) in t.rawEntries("factor") ?? [] {
                let x: Double? = switch value { case .integer(let i): Double(i); case .float(let f) where f.isFinite: f; default: nil }
                guard let year = Int(key), ScenarioFileDecoder.years.contains(year) else {
                    t.problem("factor.\(key)", "is not a year (expected keys such as 2019)"); continue
                }
                guard let x, x > 0, x <= 1 else {
                    t.problem("factor.\(key)", "is \(x.map { "\($0)" } ?? value.kind) (expected an availability factor above 0 and at most 1)"); continue
                }
                byYear[year] = x
            }
            if byYear.isEmpty { t.problem("factor", "is missing or empty (expected a factor per year, such as { 2019 = 0.851 })") }
            _ = t.string("source", maxLength: TableReader.maxDescriptionLength)
            t.finish()
            guard let tech, !zones.isEmpty, !byYear.isEmpty else { continue }
            let entry = EnergyAvailability(technology: tech, zones: zones, byYear: byYear)
            for u in units where entry.covers(u) && u.operation.availability != 1 {
                log.add(file, "unit", "\"\(u.name)\" gives availability (expected none: [[energy_availability]] sets it for \(tech.rawValue) in \(u.zone))")
            }
            entries.append(entry)
        }
        for (i, a) in entries.enumerated() {
            for b in entries[..<i] where a.technology == b.technology && !Set(a.zones).isDisjoint(with: b.zones) {
                log.add(file, "energy_availability", "covers \(a.technology.rawValue) in \(Set(a.zones).intersection(b.zones).sorted().joined(separator: ", ")) twice (expected each zone once)")
            }
        }
        return entries
    }
}
