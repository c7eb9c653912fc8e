import KraftCore

/// A small, fast JSON text builder for result files: numbers in their shortest round-trip form,
/// non-finite numbers as `null` (JSON has no NaN), strings escaped.
public struct JSONText {
    public private(set) var text = ""

    public init(capacity: Int = 1 << 16) { text.reserveCapacity(capacity) }

    public mutating func raw(_ s: String) { text += s }

    public mutating func number(_ x: Double) {
        // `write(to:)` appends the digits `String(x)` would hold without making that string first.
        if !x.isFinite { text += "null" } else if x == x.rounded() && abs(x) < 1e15 { text += String(Int(x)) } else { x.write(to: &text) }
    }

    public mutating func number(_ x: Int) { text += String(x) }

    public mutating func bool(_ b: Bool) { text += b ? "true" : "false" }

    public mutating func string(_ s: String) {
        text += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where c.value < 0x20: text += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
            default: text.unicodeScalars.append(c)
            }
        }
        text += "\""
    }

    /// `"key":` — the caller writes the value next.
    public mutating func key(_ k: String) {
        string(k)
        text += ":"
    }
}

extension JSONText {
    /// A non-convergence: `{"reason": …, "worst_buses": [{"id", "p_mismatch_mw", "q_mismatch_mvar"}]}`.
    public mutating func failure(_ failure: PowerFlowFailure, network: Network) {
        let base = network.baseMVA
        raw("{"); key("reason"); string(failure.reason); raw(",")
        key("worst_buses"); raw("[")
        for (k, m) in failure.worstBuses.enumerated() {
            if k > 0 { raw(",") }
            raw("{"); key("id"); number(network.buses.id[m.bus]); raw(",")
            key("p_mismatch_mw"); number(m.p * base); raw(",")
            key("q_mismatch_mvar"); number(m.q * base); raw("}")
        }
        raw("]}")
    }
}
