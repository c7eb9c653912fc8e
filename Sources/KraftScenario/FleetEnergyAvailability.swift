import KraftCore

extension Fleet {
    /// A technology's energy availability factor by year in some zones, as published for a whole
    /// fleet (IAEA PRIS: the energy a fleet could have produced, as a share of its capacity × the
    /// hours). It sets how long each of its units there is out a year: the fleet-level
    /// `[[energy_availability]]` of a fleet file.
    ///
    /// Why the length of one outage and not a derating every hour: a Swedish reactor's lost energy
    /// is mostly its summer refuelling and the outages that run on from it (the fleet gives
    /// 4–5 GW in a summer month against 6.5–7 in a winter one), so a unit with a longer summer
    /// outage and its whole capacity in winter is nearer the real fleet than one at 0.8 all year.
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

        /// Days a unit is out in `year`: the factor's lost share of the year's days, rounded.
        public func outageDays(in year: Int) -> Int {
            Int(((1 - factor(in: year)) * (CalendarDate.isLeap(year) ? 366 : 365)).rounded())
        }

        /// Whether it sets the outage of `unit`.
        public func covers(_ unit: Unit) -> Bool { unit.technology == technology && zones.contains(unit.zone) }
    }

    /// Reads the `[[energy_availability]]` entries; each must name zones of the fleet and cover
    /// only units that give the first day of their outage (`refuelling_day`) and not its length.
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
            for u in units where entry.covers(u) {
                if u.operation.refuellingDay == nil {
                    log.add(file, "unit", "\"\(u.name)\" has no refuelling_day (expected the first day of its outage, whose length [[energy_availability]] sets)")
                }
                if u.operation.refuellingDays != 0 {
                    log.add(file, "unit", "\"\(u.name)\" gives refuelling_days (expected none: [[energy_availability]] sets the outage length of \(tech.rawValue) in \(u.zone))")
                }
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
