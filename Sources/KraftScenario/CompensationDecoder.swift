/// Decodes `[[compensation]]` and `[voltage_limits]` tables of a scenario file, logging every
/// problem against the file and key (the grid references are checked in `ScenarioReferences`).
enum CompensationDecoder {
    /// The largest reactive range accepted, Mvar (a whole zone's worth of support).
    static let largestMvar = 100_000.0
    /// ASSUMPTION: a synchronous condenser given only its producing limit absorbs half of it
    /// (under-excited machines reach about −0.5 of their rating).
    static let condenserAbsorbingShare = 0.5
    /// Voltage limits accepted, p.u.
    static let limitRange = 0.5...1.5

    static func compensation(_ t: TableReader, file: String, years: ClosedRange<Int>) -> Compensation? {
        defer { t.finish() }
        let kinds = Compensation.Kind.allCases.map(\.rawValue)
        let kind = t.require(t.choice("type", kinds), "type", "one of \(kinds.joined(separator: ", "))").flatMap(Compensation.Kind.init)
        let location = ScenarioFileDecoder.busOrPlace(t, placeKey: "site", what: "a bus number or a site name from the grid sidecar")
            .map { $0.bus.map(Compensation.Location.bus) ?? .site($0.place!) }
        let name = t.string("name")
        let from = t.date("from", years: years)
        guard let kind else {
            // Read the other keys anyway so they are checked and not reported as unknown.
            for key in ["max_mvar", "min_mvar", "h_s", "inertia_mws", "steps", "step_mvar"] { _ = t.rawValue(key) }
            return nil
        }
        var minMvar = 0.0, maxMvar = 0.0, inertia = 0.0, steps = [Double]()
        if kind == .switchedShunt {
            for key in ["max_mvar", "min_mvar"] where t.has(key) {
                t.problem(key, "is given for a switched shunt (expected steps and step_mvar; the range is their sum)")
                _ = t.rawValue(key)
            }
            let count = t.require(t.integer("steps", in: 1...1000), "steps", "the number of steps, such as 4")
            let size = t.require(t.number("step_mvar", in: -largestMvar...largestMvar, unit: "Mvar"), "step_mvar",
                                 "the Mvar of one step (positive: capacitor, negative: reactor)")
            if let size, size == 0 { t.problem("step_mvar", "is 0 (expected a step of some Mvar, positive for a capacitor, negative for a reactor)") }
            guard let count, let size, size != 0 else { return nil }
            if abs(size) * Double(count) > largestMvar {
                t.problem("steps", "gives \(Int(abs(size) * Double(count))) Mvar in all (expected at most \(Int(largestMvar)) Mvar)")
                return nil
            }
            steps = Array(repeating: size, count: count)
            minMvar = min(0, size * Double(count))
            maxMvar = max(0, size * Double(count))
        } else {
            for key in ["steps", "step_mvar"] where t.has(key) {
                t.problem(key, "is given for a \(kind.rawValue) (expected only for a switched_shunt)")
                _ = t.rawValue(key)
            }
            let upper = t.require(t.number("max_mvar", in: 0...largestMvar, exclusiveLower: true, unit: "Mvar"), "max_mvar",
                                  "the largest reactive output in Mvar, such as 300")
            let lower = t.number("min_mvar", in: -largestMvar...0, unit: "Mvar")
            guard let upper else {
                for key in ["h_s", "inertia_mws"] { _ = t.rawValue(key) }
                return nil
            }
            maxMvar = upper
            minMvar = lower ?? (kind == .synchronousCondenser ? -condenserAbsorbingShare * upper : -upper)
        }
        if kind == .synchronousCondenser {
            let h = t.number("h_s", in: 0...20, exclusiveLower: true, unit: "s")
            let mws = t.number("inertia_mws", in: 0...1e6, exclusiveLower: true, unit: "MWs")
            switch (t.has("h_s"), t.has("inertia_mws")) {
            case (true, true):
                t.problem("h_s", "is given together with inertia_mws (expected one of them)")
                return nil
            case (false, false):
                t.problem("h_s", "is missing (expected the inertia constant in s on the rating max_mvar, such as 2.5, or inertia_mws)")
                return nil
            default:
                guard let value = h.map({ $0 * maxMvar }) ?? mws else { return nil }
                inertia = value
            }
        } else {
            for key in ["h_s", "inertia_mws"] where t.has(key) {
                t.problem(key, "is given for a \(kind.rawValue), which has no rotating mass (expected only for a synchronous_condenser)")
                _ = t.rawValue(key)
            }
        }
        guard let location else { return nil }
        let place: String = switch location { case .bus(let b): "bus \(b)"; case .site(let s): s }
        return Compensation(name: name ?? "\(kind.rawValue) at \(place)", kind: kind, location: location, minMvar: minMvar, maxMvar: maxMvar,
                            inertiaMWs: inertia, stepsMvar: steps, from: from, origin: Origin(file: file, keyPath: t.path))
    }

    static func voltageLimits(_ t: TableReader, file: String) -> VoltageLimitSettings {
        defer { t.finish() }
        var settings = VoltageLimitSettings(origin: Origin(file: file, keyPath: t.path))
        settings.all = band(t, optional: true)
        for level in t.tables("level") {
            defer { level.finish() }
            let kv = level.require(level.number("base_kv", in: 0...2000, exclusiveLower: true, unit: "kV"), "base_kv",
                                   "the base voltage of the level in the grid file, such as 420")
            let b = band(level, optional: false)
            guard let kv, let b else { continue }
            if settings.levels[kv] != nil { level.problem("base_kv", "is \(kv), a level already given (expected each level once)"); continue }
            settings.levels[kv] = b
        }
        for bus in t.tables("bus") {
            defer { bus.finish() }
            let id = bus.require(bus.integer("bus", in: 1...Int(Int32.max)), "bus", "a bus number of the grid")
            let b = band(bus, optional: false)
            guard let id, let b else { continue }
            if settings.buses[id] != nil { bus.problem("bus", "is \(id), a bus already given (expected each bus once)"); continue }
            settings.buses[id] = b
        }
        return settings
    }

    /// `min_pu` and `max_pu` of a table, both or (when `optional`) neither; min below max.
    private static func band(_ t: TableReader, optional: Bool) -> VoltageLimitSettings.Band? {
        let lo = t.number("min_pu", in: limitRange, unit: "p.u.")
        let hi = t.number("max_pu", in: limitRange, unit: "p.u.")
        switch (t.has("min_pu"), t.has("max_pu")) {
        case (false, false):
            if !optional { t.problem("min_pu", "is missing (expected min_pu and max_pu, such as 0.90 and 1.05)") }
            return nil
        case (true, false): t.problem("max_pu", "is missing (expected with min_pu, such as 1.05)"); return nil
        case (false, true): t.problem("min_pu", "is missing (expected with max_pu, such as 0.90)"); return nil
        case (true, true): break
        }
        guard let lo, let hi else { return nil }
        guard lo < hi else { t.problem("max_pu", "is \(hi), not above min_pu = \(lo) (expected max_pu greater than min_pu)"); return nil }
        return VoltageLimitSettings.Band(minPU: lo, maxPU: hi)
    }
}
