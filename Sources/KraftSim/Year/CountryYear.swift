/// A country's own totals over a run, apart from the whole Nordic model's: what a Swedish planner
/// reads first. The country is the set of bidding zones whose names start with its code (Sweden:
/// SE1–SE4).
public struct CountryYear: Sendable {
    public var code: String
    /// Production by technology (`YearRecordLayout.technologies`), MWh.
    public var generationMWh: [Double]
    public var loadMWh = 0.0
    public var unservedMWh = 0.0
    public var curtailedMWh = 0.0
    /// Net export over the country's borders with the rest of the model and the world, MWh.
    public var netExportMWh = 0.0
    /// Net export per border that leaves the country (+ out of the country), MWh, in border order.
    public var borderNetExportMWh: [(border: String, mwh: Double)] = []
    /// CO2 of the country's own plants, t.
    public var emissionsT = 0.0
    /// Hours a strategic reserve of the country produced, and its energy, MWh.
    public var reserveHours = 0
    public var reserveMWh = 0.0
    /// The country's hydro reservoirs together: content at the start and end of the run, TWh, and
    /// the water spilled (energy lost), TWh; 0 without a reservoir model.
    public var reservoirStartTWh = 0.0
    public var reservoirEndTWh = 0.0
    public var hydroSpillTWh = 0.0

    public init(_ r: YearResult, code: String) {
        self.code = code
        let grid = r.grid
        let zones = Set(grid.zones.filter { $0.hasPrefix(code) })
        let zoneIndex = grid.zones.indices.filter { zones.contains(grid.zones[$0]) }
        let gens = grid.units.indices.filter { zones.contains(grid.zoneOfBus[grid.network.generators.bus[$0]]) }
        let reserve = gens.filter { grid.units[$0].reserve != nil }
        generationMWh = .init(repeating: 0, count: YearRecordLayout.technologies.count)
        for record in r.records {
            for z in zoneIndex {
                for t in generationMWh.indices { generationMWh[t] += record.zoneGenerationMW[z][t] }
                loadMWh += record.zoneLoadMW[z]
                unservedMWh += record.zoneUnservedMW[z]
                curtailedMWh += record.zoneCurtailedMW[z]
                netExportMWh += record.zoneNetExportMW[z]
            }
            for g in gens { emissionsT += grid.units[g].emissions * record.generatorMW[g] }
            let reserveMW = reserve.reduce(0) { $0 + record.generatorMW[$1] }
            if reserveMW > 1e-6 { reserveHours += 1; reserveMWh += reserveMW }
        }
        for reservoir in r.reservoirs where zones.contains(reservoir.zone) {
            reservoirStartTWh += reservoir.startTWh
            reservoirEndTWh += reservoir.endTWh
            hydroSpillTWh += reservoir.spillTWh
        }
        for (k, spec) in r.borders.enumerated() {
            let fromIn = zones.contains(spec.fromZone), toIn = zones.contains(spec.toZone)
            guard fromIn != toIn else { continue }
            let sign = fromIn ? 1.0 : -1.0
            borderNetExportMWh.append((spec.name, r.records.reduce(0) { $0 + sign * $1.borderFlowMW[k] }))
        }
    }
}

extension YearResult {
    /// Sweden's own totals (zones SE1–SE4), nil when the grid has no Swedish zone.
    public var sweden: CountryYear? { grid.zones.contains { $0.hasPrefix("SE") } ? CountryYear(self, code: "SE") : nil }
}
