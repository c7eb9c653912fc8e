import KraftIO

/// Reads a supply-curve CSV. One row per existing plant group or candidate resource:
///
///     kind,zone,technology,year,twh,certificates_until,cost_sek_per_mwh,cost_change_pct_per_year,max_build_twh_per_year,capacity_factor,basis
///
/// `kind` is `existing` (capacity_factor may be empty; year = commissioning year, twh = annual production, certificates_until
/// = last year it earns certificates) or `project` (year = first year it can be built, twh =
/// annual production of the whole resource, cost and build rate as named). `basis` says where
/// the row comes from, or that it is an ASSUMPTION; it must not be empty.
public enum SupplyCurveFile {
    static let columns = ["kind", "zone", "technology", "year", "twh", "certificates_until", "cost_sek_per_mwh",
                          "cost_change_pct_per_year", "max_build_twh_per_year", "capacity_factor", "basis"]

    public static func read(path: String) throws(InputError) -> SupplyCurve {
        try parse(CSVRecords(path: path), file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> SupplyCurve {
        try parse(CSVRecords(text: text, file: file), file: file)
    }

    private static func parse(_ csv: CSVRecords, file: String) throws(InputError) -> SupplyCurve {
        var index = [String: Int]()
        for name in columns { index[name] = try csv.column(name, file: file) }
        var existing = [SupplyCurve.Existing](), projects = [SupplyCurve.Project]()
        for (line, fields) in csv.rows {
            func problem(_ column: String, _ message: String) -> InputError {
                InputError(file: file, line: line, message: "\(column): \(message)")
            }
            func field(_ column: String) -> String { let i = index[column]!; return i < fields.count ? fields[i] : "" }
            func number(_ column: String, _ range: ClosedRange<Double>, _ what: String) throws(InputError) -> Double {
                let s = field(column)
                guard let x = Double(s), x.isFinite, range.contains(x) else {
                    throw problem(column, "is \"\(s)\" (expected \(what))")
                }
                return x
            }
            func year(_ column: String) throws(InputError) -> Int {
                let s = field(column)
                guard let y = Int(s), (1950...2100).contains(y) else { throw problem(column, "is \"\(s)\" (expected a year such as 2015)") }
                return y
            }
            guard fields.count == csv.header.count else {
                throw InputError(file: file, line: line, message: "has \(fields.count) fields (expected \(csv.header.count), as the header)")
            }
            let zone = field("zone")
            guard !zone.isEmpty else { throw problem("zone", "is empty (expected a zone such as SE2 or NO)") }
            guard let technology = Producer.Technology(rawValue: field("technology")) else {
                throw problem("technology", "is \"\(field("technology"))\" (expected one of \(Producer.Technology.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let basis = field("basis")
            guard !basis.isEmpty else { throw problem("basis", "is empty (expected the row's source, or ASSUMPTION and why)") }
            switch field("kind") {
            case "existing":
                let commissioned = try year("year")
                let until = try year("certificates_until")
                guard until >= commissioned else { throw problem("certificates_until", "is \(until), before year = \(commissioned) (expected a later year)") }
                existing.append(.init(zone: zone, technology: technology, commissioned: commissioned,
                                      twh: try number("twh", 0...1000, "annual production in TWh, 0 or more"),
                                      certificatesUntil: until, basis: basis, line: line))
            case "project":
                projects.append(.init(zone: zone, technology: technology, firstYear: try year("year"),
                                      costSEKPerMWh: try number("cost_sek_per_mwh", 0...1e5, "a cost in SEK/MWh, 0 or more"),
                                      costChangePerYear: try number("cost_change_pct_per_year", -50...50, "a yearly change in percent, -50 to 50") / 100,
                                      resourceTWh: try number("twh", 0...1000, "the resource's annual production in TWh, 0 or more"),
                                      maxBuildTWhPerYear: try number("max_build_twh_per_year", 0...1000, "TWh a year, 0 or more"),
                                      capacityFactor: try number("capacity_factor", 0.01...1, "a capacity factor from 0.01 to 1"), basis: basis, line: line))
            default:
                throw problem("kind", "is \"\(field("kind"))\" (expected existing or project)")
            }
        }
        return SupplyCurve(existing: existing, projects: projects, source: file)
    }
}
