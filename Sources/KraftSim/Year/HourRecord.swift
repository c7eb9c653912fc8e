import KraftScenario

/// The figures of one hour of a year run: the dispatch's decisions checked by AC load flow.
/// Zone arrays follow `StudyGrid.zones`, border arrays `YearBorders.specs`, and technology
/// columns `YearRecordLayout.technologies`.
public struct HourRecord: Sendable {
    public var hour: Int
    public var converged: Bool
    public var iterations: Int
    /// Why the AC check failed, when it did.
    public var cause: String?

    public var zoneLoadMW: [Double]
    /// [zone][technology], MW.
    public var zoneGenerationMW: [[Double]]
    public var zoneNetExportMW: [Double]
    public var zonePrice: [Double]
    public var zoneUnservedMW: [Double]
    public var zoneCurtailedMW: [Double]
    public var zoneReactiveReserveMVAr: [Double]
    public var zoneKineticGWs: [Double]
    /// Lowest voltage in the zone, p.u. (nil when the AC check failed).
    public var zoneLowestVm: [Double?]

    public var loadMW: Double
    public var generationMW: Double
    public var netImportMW: Double
    /// Branch series and shunt losses from the AC flows (nil when the AC check failed).
    public var lossesMW: Double?
    public var unservedMW: Double
    public var curtailedMW: Double
    public var costEUR: Double
    public var emissionsT: Double
    public var kineticGWs: Double
    public var lowestVm: (bus: Int, vm: Double)?
    public var highestVm: (bus: Int, vm: Double)?

    public var borderFlowMW: [Double]
    public var borderCongested: [Bool]
    /// Apparent power at the more loaded end of each branch, MVA (0 when out of service).
    public var branchMVA: [Double]
    /// Voltage magnitude per bus, p.u. (empty when the AC check failed).
    public var vm: [Double]
    public var generatorMW: [Double]
    public var generatorCurtailedMW: [Double]
    /// Surplus the dispatch disposed of, MW: minimum output and fixed imports that neither load,
    /// exports nor links could take (the units backed off below their minimum by this much, or
    /// the fixed imports were cut), at `[dispatch]`'s surplus cost. 0 in a normal hour.
    public var surplusMW: Double = 0
    /// The same per zone (empty until set; indexed like `zoneLoadMW`).
    public var zoneSurplusMW: [Double] = []
    /// Buses whose voltage is outside their limits (`StudyGrid.vmin`/`vmax`) in the AC check:
    /// internal bus index, voltage and how far outside, p.u. (negative: below). Empty when the
    /// hour did not converge: its voltages are unknown, not inside.
    public var voltageViolations: [(bus: Int, vm: Double, excess: Double)] = []
    /// Reactive output per generator in the AC check, Mvar (empty when the hour did not converge,
    /// or the grid has no reactive support: `StudyGrid.Unit.support`).
    public var reactiveMvar: [Double] = []
    /// What the load flow said about this hour (reference moved, fallback used, ...).
    public var acNotes: [String] = []
}

/// The fixed column order of technologies in the year run's tables.
public enum YearRecordLayout {
    public static let technologies: [Technology] = [.nuclear, .hydro, .wind, .solar, .smallHydro, .chp, .thermal, .other]

    /// The column of a technology; reactive support (no active power) counts as other.
    static func column(_ technology: Technology) -> Int { technologies.firstIndex(of: technology) ?? technologies.count - 1 }
}
