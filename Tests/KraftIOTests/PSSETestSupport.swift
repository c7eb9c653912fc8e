import Foundation
import Testing
@testable import KraftIO

/// A small PSS/E RAW revision 33 file, assembled group by group so that a test can replace one
/// group's records and leave the rest valid: three buses (1: 400 kV swing, 2: 400 kV load bus,
/// 3: 130 kV generator bus), a load on bus 2, two generators, a line 1–2 and a transformer 2–3.
struct RawFile {
    var identification = "0,   100.00, 33, 0, 1, 50.00     / PSS(R)E-33.5    TEST CASE"
    var titles = ["KRAFT TEST CASE, WITH A COMMA / AND A SLASH", "SECOND TITLE LINE"]
    var groups: [PSSEDataGroup: [String]] = [
        .bus: [
            "     1,'ONE         ', 400.0000,3,   1,   1,   1,1.02000,   0.0000,1.10000,0.90000,1.10000,0.90000",
            "     2,'TWO         ', 400.0000,1,   1,   1,   1,1.00000,  -2.0000,1.10000,0.90000,1.10000,0.90000",
            "     3,'THREE       ', 130.0000,2,   2,   1,   1,1.01000,  -3.0000,1.05000,0.95000,1.10000,0.90000",
        ],
        .load: ["     2,'1 ',1,   1,   1,    50.000,    20.000,     0.000,     0.000,     0.000,     0.000,   1,1,0"],
        .generator: [
            "     1,'1 ',     0.000,     0.000,   999.000,  -999.000,1.02000,     0,   100.000, 0.00000E+0, 1.00000E+0, 0.00000E+0, 0.00000E+0,1.00000,1,  100.0,   200.000,     0.000,   1,1.0000",
            "     3,'1 ',    40.000,    10.000,    50.000,   -50.000,1.01000,     0,   100.000, 0.00000E+0, 1.00000E+0, 0.00000E+0, 0.00000E+0,1.00000,1,  100.0,    80.000,     0.000,   1,1.0000",
        ],
        .branch: ["     1,     2,'1 ', 1.00000E-2, 1.00000E-1,   0.02000,  500.00,  600.00,  700.00,  0.00000,  0.00000,  0.00000,  0.00000,1,1,   0.00,   1,1.0000"],
        .transformer: [
            "     2,     3,     0,'1 ',1,1,1, 0.00000E+0, 0.00000E+0,2,'T23         ',1,   1,1.0000,   0,1.0000,   0,1.0000,   0,1.0000,'            '",
            " 0.00000E+0, 5.00000E-2,   100.00",
            "1.00000,   0.000,   0.000,   300.00,   400.00,   500.00, 0,      0, 1.10000, 0.90000, 1.10000, 0.90000,  33, 0, 0.00000, 0.00000,  0.000",
            "1.00000,   0.000",
        ],
    ]
    /// What follows the last group (`Q`, nothing, ...).
    var terminator = "Q"
    var lineBreak = "\n"

    /// The whole file; every group ends with PSS/E's `0 / END OF ... DATA` record.
    var text: String {
        var lines = [identification] + titles
        for group in PSSERawLayout(revision: 33)!.groups {
            lines += groups[group] ?? []
            lines.append("0 / END OF \(group.name.uppercased()) DATA")
        }
        if !terminator.isEmpty { lines.append(terminator) }
        return lines.joined(separator: lineBreak) + lineBreak
    }

    /// A copy with `group`'s records replaced.
    func with(_ group: PSSEDataGroup, _ records: [String]) -> RawFile {
        var copy = self
        copy.groups[group] = records
        return copy
    }

    /// A copy with `old` replaced by `new` in the whole text; records an issue when `old` is absent.
    func replacing(_ old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let t = text
        #expect(t.contains(old), "'\(old)' is not in the RAW file", sourceLocation: sourceLocation)
        return t.replacingOccurrences(of: old, with: new)
    }
}

/// Parses RAW text as a file named `test.raw`.
func parseRaw(_ text: String) throws(InputError) -> PSSERawCase {
    try PSSERawReader.parse(text, file: "test.raw")
}

/// Parses RAW text and builds its network, expecting an `InputError` at `line` whose message
/// contains every one of `fragments`.
func expectRawError(_ text: String, line: Int?, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let network = try parseRaw(text).network()
        Issue.record("expected an error, got a network of \(network.buses.count) buses", sourceLocation: sourceLocation)
    } catch {
        #expect(error.file == "test.raw", sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }
}

/// `a` and `b` agree to a relative 1e-12 (or absolutely, near zero).
func nearlyEqual(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
