import Foundation
import KraftCore
import KraftIO
import Testing

/// The Nordic44 grid (PSS/E RAW revision 33, `N44_BC.raw`, GPL-3.0 data kept beside the
/// repository in `../shared/data/nordic/nordic44`, read in place and never copied) against
/// MATPOWER 8.1's own `psse2mpc` conversion and `runpf` (legacy core):
/// `Tests/Fixtures/references/nordic44/nr.json`, made by `Tools/references/make-nordic44-reference`.
@Suite("Nordic44 (PSS/E RAW) against MATPOWER")
struct Nordic44AgreementTests {
    static let raw = Paths.root.deletingLastPathComponent().appendingPathComponent("shared/data/nordic/nordic44/N44_BC.raw")
    static var present: Bool { FileManager.default.fileExists(atPath: raw.path) }

    /// The mismatch MATPOWER computed at the voltages stored in the RAW file.
    struct StoredMismatch: Decodable {
        struct Values: Decodable { var bus: [Int]; var p_mw: [Double]; var q_mvar: [Double] }
        var stored_mismatch: Values
    }

    @Test("Newton–Raphson solution", .enabled(if: present, "../shared/data/nordic/nordic44/N44_BC.raw is absent"))
    func solution() throws {
        let network = try PSSERawReader.readNetwork(path: Self.raw.path)
        let reference = try ReferenceSolution.load("nordic44", "nr")
        #expect(network.buses.count == 44 && network.branches.count == 79 && network.generators.count == 80)
        let result = PowerFlowSolver(network: network, options: options(for: "nr")).solve()
        expectMatches(result, network, reference)
        #expect(result.iterations == reference.iterations, "same Newton iterations as MATPOWER")
    }

    @Test("mismatch at the stored state", .enabled(if: present, "../shared/data/nordic/nordic44/N44_BC.raw is absent"))
    func storedMismatch() throws {
        let network = try PSSERawReader.readNetwork(path: Self.raw.path)
        let url = Paths.references.appendingPathComponent("nordic44/nr.json")
        let reference = try JSONDecoder().decode(StoredMismatch.self, from: Data(contentsOf: url)).stored_mismatch
        #expect(network.buses.id == reference.bus)

        // S = V ∘ conj(Ybus V) at the file's voltages, minus the specified injections (in-service
        // generators' PG + jQG less the loads), as MATPOWER's makeSbus.
        let computed = AdmittanceMatrix(network: network).injections(vm: network.buses.vm, va: network.buses.va)
        let demand = network.busDemand()
        var p = demand.p.map { -$0 }, q = demand.q.map { -$0 }
        for g in 0..<network.generators.count where network.generators.status[g] {
            p[network.generators.bus[g]] += network.generators.pg[g]
            q[network.generators.bus[g]] += network.generators.qg[g]
        }
        let base = network.baseMVA
        let misP = (0..<p.count).map { (computed.p[$0] - p[$0]) * base }
        let misQ = (0..<q.count).map { (computed.q[$0] - q[$0]) * base }
        let dp = maxDifference(misP, reference.p_mw), dq = maxDifference(misQ, reference.q_mvar)
        #expect(dp <= 1e-6, "|ΔP mismatch| = \(dp) MW")
        #expect(dq <= 1e-6, "|ΔQ mismatch| = \(dq) MVAr")
        // The stored state is not a solution: the largest mismatch is tens of MW.
        #expect(misP.map(abs).max()! > 10)
    }

    @Test("notes for the skipped parts", .enabled(if: present, "../shared/data/nordic/nordic44/N44_BC.raw is absent"))
    func notes() throws {
        let raw = try PSSERawReader.read(path: Self.raw.path)
        #expect(raw.skippedGroups.map(\.name) == ["owner"])
        #expect(raw.notes.count == 2, "\(raw.notes)")
        #expect(raw.titles.count == 2 && raw.baseMVA == 1000)
    }
}
