/// A summary metric's name and unit as people read them, from its key's unit suffix
/// (docs/result-folder.md): `unserved_energy_mwh` → ("unserved energy", "MWh"), and the number of
/// decimals that suits the unit.
public struct MetricLabel: Equatable, Sendable {
    public var name: String
    public var unit: String
    public var decimals: Int

    static let suffixes: [(suffix: String, unit: String, decimals: Int)] = [
        ("_eur_mwh", "EUR/MWh", 2), ("_twh", "TWh", 3), ("_mwh", "MWh", 0), ("_mvar", "Mvar", 0), ("_mw", "MW", 0),
        ("_pu", "p.u.", 4), ("_gws", "GWs", 1), ("_eur", "EUR", 0), ("_t", "t", 0), ("_pct", "%", 1),
    ]

    public init(key: String) {
        var name = key, unit = "", decimals = 2
        if let s = Self.suffixes.first(where: { key.hasSuffix($0.suffix) }) {
            name = String(key.dropLast(s.suffix.count)); unit = s.unit; decimals = s.decimals
        } else if key.contains("hours") {
            unit = "h"; decimals = 0
        }
        name = name.replacingOccurrences(of: "_", with: " ")
        // zone codes upper case; two zones in a row are a border, from → to
        let zones: Set<String> = ["se1", "se2", "se3", "se4", "no1", "no2", "no3", "no4", "no5", "fi", "dk1", "dk2", "de", "pl", "lt", "nl", "ee", "ru"]
        var words = [String]()
        for word in name.split(separator: " ").map(String.init) {
            if zones.contains(word), let last = words.last, zones.contains(last.lowercased()) {
                words[words.count - 1] = "\(last)→\(word.uppercased())"
            } else {
                words.append(zones.contains(word) ? word.uppercased() : word)
            }
        }
        name = words.joined(separator: " ")
        self.name = name
        self.unit = unit
        self.decimals = decimals
    }

    /// "name (unit)".
    public var header: String { unit.isEmpty ? name : "\(name) (\(unit))" }

    public func format(_ x: Double) -> String { grouped(fixed(x, decimals)) }
}

/// Digits grouped by thousands with thin spaces for reading: 1234567.5 → "1 234 567.5".
func grouped(_ s: String) -> String {
    let negative = s.hasPrefix("-")
    let body = negative ? String(s.dropFirst()) : s
    let parts = body.split(separator: ".", maxSplits: 1)
    guard let whole = parts.first, whole.count > 4, whole.allSatisfy(\.isNumber) else { return s }
    var out = ""
    for (k, ch) in whole.reversed().enumerated() { if k > 0 && k % 3 == 0 { out.append(" ") }; out.append(ch) }
    return (negative ? "-" : "") + String(out.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
}
