import Foundation
import Testing
@testable import KraftIO

/// Where the test inputs are, worked out from this file's location so that the tests run from
/// any working directory.
enum TestPaths {
    /// The package root: this file is `<root>/Tests/KraftIOTests/TestSupport.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The MATPOWER cases that ship with the package.
    static let fixtureCases = root.appendingPathComponent("Tests/Fixtures/cases")
    /// The larger MATPOWER cases kept next to the repository (`../shared/cases`), not shipped.
    static let sharedCases = root.deletingLastPathComponent().appendingPathComponent("shared/cases")

    static func fixture(_ name: String) -> String {
        fixtureCases.appendingPathComponent(name).path
    }
}

/// A small valid case (3 buses, 2 generators, 2 branches, a load and a shunt on bus 3) that the
/// error tests break one piece at a time.
let tinyCase = """
    function mpc = tiny
    mpc.version = '2';
    mpc.baseMVA = 100;
    mpc.bus = [
    \t1\t3\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9;
    \t2\t2\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9;
    \t3\t1\t90\t30\t0\t19\t1\t1\t0\t345\t1\t1.1\t0.9;
    ];
    mpc.gen = [
    \t1\t72.3\t27.03\t300\t-300\t1.04\t100\t1\t250\t10;
    \t2\t163\t6.54\t300\t-300\t1.025\t100\t1\t300\t10;
    ];
    mpc.branch = [
    \t1\t2\t0.01\t0.085\t0.176\t250\t250\t250\t0\t0\t1;
    \t2\t3\t0.017\t0.092\t0.158\t250\t250\t250\t0\t0\t1;
    ];

    """

/// `tinyCase` with `old` replaced by `new`; records an issue when `old` is not in it, so that a
/// test cannot silently check the unchanged case.
func tiny(replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(tinyCase.contains(old), "'\(old)' is not in the tiny case", sourceLocation: sourceLocation)
    return tinyCase.replacingOccurrences(of: old, with: new)
}

/// Parses `text` as a case file named `test.m`.
func parse(_ text: String) throws(InputError) -> MatpowerCase {
    try MatpowerReader.parse(text, file: "test.m")
}

/// Parses `text` and builds its network, expecting an `InputError` at `line` (nil: none) whose
/// message contains every one of `fragments`.
func expectError(_ text: String, line: Int?, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let network = try parse(text).network()
        Issue.record("expected an error, got a network of \(network.buses.count) buses", sourceLocation: sourceLocation)
    } catch {
        #expect(error.file == "test.m", sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }
}

/// The 1-based line of the first line of `text` that contains `marker`.
func line(of marker: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let index = lines.firstIndex(where: { $0.contains(marker) }) else {
        Issue.record("'\(marker)' is not in the text", sourceLocation: sourceLocation)
        return 0
    }
    return index + 1
}
