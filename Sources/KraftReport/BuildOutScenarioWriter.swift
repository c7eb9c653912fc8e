import Foundation
import KraftScenario

/// Writes a scenario file that `extends` a base scenario and adds a certificate setting's
/// build-out as `[[producer]]` tables, so `kraft run` on it shows where the new plants curtail
/// and congest. The file says how it was made, so it can be regenerated.
public enum BuildOutScenarioWriter {
    public static func text(extends base: String, name: String, header: [String], producers: [Producer]) -> String {
        var out = header.map { "# \($0)\n" }.joined()
        out += "extends = \(quoted(base))\nname = \(quoted(name))\n"
        for p in producers {
            guard case .zone(let zone) = p.location else { continue }
            out += "\n[[producer]]\ntechnology = \(quoted(p.technology.rawValue))\nzone = \(quoted(zone))\n"
            out += "capacity_mw = \(fixed(p.capacityMW, 1))\nspread = \(quoted(p.spread.rawValue))\n"
            out += "curtailable = \(p.curtailable)\n"
            if let from = p.from { out += "from = \(from)\n" }
        }
        return out
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
