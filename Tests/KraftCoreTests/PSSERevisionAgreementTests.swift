import Foundation
import KraftCore
import KraftIO
import Testing

/// Public PSS/E RAW files of revisions 29 to 35 (`Tests/Fixtures/psse`, sources and licences in
/// the NOTICE there) solved by Kraft against MATPOWER 8.1's own `psse2mpc` + `runpf` (legacy
/// core), `Tests/Fixtures/references/raw`, made by `Tools/references/make-raw-references`.
/// Where a file has two-terminal DC lines or transformer magnetizing admittance, the reference is
/// `nr_kraft_model.json`: psse2mpc's conversion with Kraft's two stated modelling differences
/// applied (DC lines as fixed injections, magnetizing admittance as a shunt), so that everything
/// else is MATPOWER's. Tolerances as for the MATPOWER cases (1e-6 p.u., 1e-5°, 1e-3 MW/MVAr).
@Suite("PSS/E RAW revisions against MATPOWER")
struct PSSERevisionAgreementTests {
    static let fixtures = Paths.root.appendingPathComponent("Tests/Fixtures/psse")

    static func path(_ name: String) -> String {
        fixtures.appendingPathComponent(name + ".raw").path
    }

    /// The reference variant for `name`: the Kraft-model one where the file needs it.
    static func reference(_ name: String) throws -> ReferenceSolution {
        let kraftModel = Paths.references.appendingPathComponent("raw/\(name)/nr_kraft_model.json").path
        return try ReferenceSolution.load("raw/\(name)", FileManager.default.fileExists(atPath: kraftModel) ? "nr_kraft_model" : "nr")
    }

    @Test("revisions 29, 30 and 33 solve as psse2mpc + runpf solve them",
          arguments: [("t_psse_case2", 29), ("t_psse_case3", 30), ("IEEE_14_bus", 33), ("IEEE_24_bus", 33), ("t_case9_save2psse", 33)])
    func matpowerSolution(name: String, revision: Int) throws {
        let raw = try PSSERawReader.read(path: Self.path(name))
        #expect(raw.revision == revision)
        let network = try raw.network()
        let result = PowerFlowSolver(network: network, options: options(for: "nr")).solve()
        expectMatches(result, network, try Self.reference(name))
    }

    @Test("revision 35 files solve as MATPOWER solves the same network's revision 33 file",
          arguments: [("IEEE_14_bus_rev35", "IEEE_14_bus"), ("IEEE_24_bus_rev35", "IEEE_24_bus")])
    func revision35(name: String, revision33: String) throws {
        let raw = try PSSERawReader.read(path: Self.path(name))
        #expect(raw.revision == 35)
        let network = try raw.network()
        let result = PowerFlowSolver(network: network, options: options(for: "nr")).solve()
        expectMatches(result, network, try Self.reference(revision33))
    }

    /// What `kraft convert` writes (revision 33) from case14, case118 and case300, read by Kraft
    /// and by psse2mpc: both give MATPOWER's solution of the original `.m` case. The written files
    /// are committed (the psse2mpc references were made from them) and must still be what the
    /// writer writes.
    @Test("a written revision 33 file solves as MATPOWER solves the original case", arguments: ["case14", "case118", "case300"])
    func writtenFile(name: String) throws {
        let original = try Paths.network(name)
        let written = PSSERawWriter.write(original, revision: 33).text
        let committed = try String(contentsOfFile: Self.path("written/" + name), encoding: .utf8)
        #expect(written == committed, "the writer no longer writes Tests/Fixtures/psse/written/\(name).raw; regenerate it and its reference")

        let network = try PSSERawReader.parse(written, file: name + ".raw").network()
        let result = PowerFlowSolver(network: network, options: options(for: "nr")).solve()
        // psse2mpc + runpf on the written file, branch flows included (same branch order).
        expectMatches(result, network, try ReferenceSolution.load("raw/written/\(name)", "nr"))
        // MATPOWER on the original case: buses and generators (the written file puts the lines
        // before the transformers, so branch rows are in another order).
        var originalReference = try ReferenceSolution.load(name, "nr")
        originalReference.branch = nil
        expectMatches(result, network, originalReference)
    }
}
