import Foundation
import KraftCore
import Testing
@testable import KraftIO

/// Every case in ../shared/cases (the large MATPOWER cases kept next to the repository, up to
/// the 70 000-bus ACTIVSg case) reads and builds. The folder is not part of the package, so
/// the suite is disabled where it is absent, e.g. in a fresh clone.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: TestPaths.sharedCases.path),
                "needs ../shared/cases next to the repository"))
struct MatpowerSharedCasesTests {
    /// Rows of bus, branch and gen, and generators out of service, from ../shared/cases/README.md.
    static let expected: [String: (buses: Int, branches: Int, generators: Int, generatorsOff: Int)] = [
        "case9": (9, 9, 3, 0), "case14": (14, 20, 5, 0), "case30": (30, 41, 6, 0), "case57": (57, 80, 7, 0),
        "case118": (118, 186, 54, 0), "case300": (300, 411, 69, 0), "case1354pegase": (1354, 1991, 260, 0),
        "case_ACTIVSg2000": (2000, 3206, 544, 112), "case2383wp": (2383, 2896, 327, 0),
        "case9241pegase": (9241, 16049, 1445, 0), "case_ACTIVSg10k": (10000, 12706, 2485, 548),
        "case_ACTIVSg70k": (70000, 88207, 10390, 2283),
    ]

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.sharedCases.path)) ?? []
        return names.filter { $0.hasSuffix(".m") }.sorted()
    }

    @Test(arguments: files)
    func readsAndBuilds(file: String) throws {
        let network = try MatpowerReader.readNetwork(path: TestPaths.sharedCases.appendingPathComponent(file).path)
        #expect(network.buses.count > 0)
        #expect(network.buses.type.contains(.ref))
        let name = String(file.dropLast(2))
        guard let counts = Self.expected[name] else { return }
        #expect(network.name == name)
        #expect(network.buses.count == counts.buses)
        #expect(network.branches.count == counts.branches)
        #expect(network.generators.count == counts.generators)
        #expect(network.generators.status.filter { !$0 }.count == counts.generatorsOff)
    }

    /// The ACTIVSg cases carry extra OPF columns (README: bus 17, gen 25, branch 21) and names.
    @Test func activsgExtraColumnsAreKept() throws {
        let matpower = try MatpowerReader.read(path: TestPaths.sharedCases.appendingPathComponent("case_ACTIVSg2000.m").path)
        #expect(matpower.bus.columns == 17 && matpower.gen.columns == 25 && matpower.branch.columns == 21)
        #expect(matpower.busNames?.count == 2000)
        #expect(matpower.busNames?.first == "ODESSA 2 0")
    }
}
