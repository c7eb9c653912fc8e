import Foundation
import KraftCore
import Testing

@Suite("LODF against MATPOWER's makeLODF, and bridges")
struct LODFTests {
    @Test("every column that does not island, dense LAPACK and KLU", arguments: SensitivityReference.cases, PTDFTests.factorizations)
    func matches(caseName: String, factorization: SensitivityOptions.Factorization) throws {
        let network = try Paths.network(caseName)
        let reference = try SensitivityReference.load(caseName)
        var options = SensitivityOptions()
        options.factorization = factorization
        options.batchColumns = 64
        let lodf = try DCSensitivities(network: network, options: options).lodf()
        let bridges = Set(reference.bridges.map { $0 - 1 })
        #expect(lodf.islanding == (0..<network.branches.count).map { bridges.contains($0) })
        var worst = 0.0
        for r in 0..<lodf.matrix.rows {
            for c in 0..<lodf.matrix.columns {
                if let expected = reference.lodf[r][c] {
                    worst = max(worst, abs(lodf.matrix[r, c] - expected))
                    #expect(lodf.value(row: r, column: c) == lodf.matrix[r, c])
                } else {
                    #expect(lodf.value(row: r, column: c) == nil)
                    #expect(lodf.matrix[r, c] == 0, "islanding columns hold zeros, not NaN or Inf")
                }
            }
        }
        #expect(worst <= 1e-8, "\(caseName) \(factorization): |ΔLODF| = \(worst)")
    }

    @Test("bridges found by depth-first search are MATPOWER's (one outage at a time, find_islands)", arguments: SensitivityReference.cases)
    func bridges(caseName: String) throws {
        let network = try Paths.network(caseName)
        let reference = try SensitivityReference.load(caseName)
        let found = BranchBridges.find(network: network)
        #expect(found.indices.filter { found[$0] }.map { $0 + 1 } == reference.bridges)
    }

    @Test("parallel branches are not bridges; an out-of-service branch is not either")
    func parallel() throws {
        var buses = BusTable()
        for i in 1...4 { buses.append(id: i, type: i == 1 ? .ref : .pq, vm: 1, va: 0, baseKV: 100) }
        var branches = BranchTable()
        branches.append(from: 0, to: 1, r: 0, x: 0.1, b: 0)
        branches.append(from: 0, to: 1, r: 0, x: 0.2, b: 0)   // parallel to 0
        branches.append(from: 1, to: 2, r: 0, x: 0.1, b: 0)   // bridge
        branches.append(from: 2, to: 3, r: 0, x: 0.1, b: 0)   // bridge
        branches.append(from: 3, to: 0, r: 0, x: 0.1, b: 0, status: false)
        var gens = GeneratorTable()
        gens.append(bus: 0, pg: 0)
        let network = Network(name: "parallel", baseMVA: 100, buses: buses, branches: branches, generators: gens)
        #expect(BranchBridges.find(network: network) == [false, false, true, true, false])
        let lodf = try DCSensitivities(network: network).lodf()
        #expect(lodf.islanding == [false, false, true, true, false])
        // Outage of one of the parallel pair moves all its flow to the other.
        #expect(abs(lodf.matrix[1, 0] - 1) < 1e-12 && abs(lodf.matrix[0, 1] - 1) < 1e-12)
        #expect(lodf.matrix.values.allSatisfy { $0.isFinite })
    }

    @Test("monitored rows over a small budget equal the full matrix's rows")
    func monitoredRows() throws {
        let network = try Paths.network("case118")
        let full = try DCSensitivities(network: network).lodf()
        var options = SensitivityOptions()
        options.memoryBudget = 20_000
        let s = try DCSensitivities(network: network, options: options)
        #expect(throws: SensitivityError.self) { try s.lodf() }
        let monitored = [3, 40, 100]
        let rows = try s.lodf(monitored: monitored)
        for (r, l) in monitored.enumerated() {
            for c in 0..<full.matrix.columns { #expect(abs(rows.matrix[r, c] - full.matrix[l, c]) < 1e-13) }
        }
        #expect(rows.islanding == full.islanding)
    }

    @Test("LODF predicts the DC flows of a solve without the branch")
    func againstDCResolve() throws {
        let network = try Paths.network("case30")
        var options = PowerFlowOptions()
        options.method = .dc
        let base = PowerFlowSolver(network: network, options: options).solve()
        let lodf = try DCSensitivities(network: network).lodf()
        for k in [0, 5, 20] where !lodf.islanding[k] {
            var outaged = network
            outaged.branches.status[k] = false
            let after = PowerFlowSolver(network: outaged, options: options).solve()
            for l in 0..<network.branches.count where l != k {
                #expect(abs(after.pf[l] - (base.pf[l] + lodf.matrix[l, k] * base.pf[k])) < 1e-10)
            }
        }
    }
}
