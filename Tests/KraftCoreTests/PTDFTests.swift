import Foundation
import KraftCore
import Testing

/// MATPOWER's `makePTDF`/`makeLODF` for one case (Tools/references/make-sensitivity-references).
struct SensitivityReference: Decodable {
    var `case`: String
    var slack_bus: Int
    var bus_id: [Int]
    var branch_from: [Int]
    var branch_to: [Int]
    /// 1-based branch rows whose outage splits the network.
    var bridges: [Int]
    var slack_weights: [Double]
    var ptdf: [[Double]]
    var ptdf_distributed: [[Double]]
    /// Bridge columns are null.
    var lodf: [[Double?]]

    static let cases = ["case9", "case30", "case118", "case300"]

    static func load(_ name: String) throws -> SensitivityReference {
        let url = Paths.references.appendingPathComponent("sensitivities/\(name).json")
        return try JSONDecoder().decode(SensitivityReference.self, from: Data(contentsOf: url))
    }
}

/// Largest |a − b| over a computed matrix and a reference given row by row.
func maxDifference(_ a: DenseMatrix, _ b: [[Double]]) -> Double {
    var worst = 0.0
    for r in 0..<a.rows { for c in 0..<a.columns { worst = max(worst, abs(a[r, c] - b[r][c])) } }
    return worst
}

@Suite("PTDF against MATPOWER's makePTDF")
struct PTDFTests {
    static let factorizations: [SensitivityOptions.Factorization] = [.dense, .klu]

    @Test("single slack, dense LAPACK and KLU", arguments: SensitivityReference.cases, factorizations)
    func singleSlack(caseName: String, factorization: SensitivityOptions.Factorization) throws {
        let network = try Paths.network(caseName)
        let reference = try SensitivityReference.load(caseName)
        #expect(network.buses.id == reference.bus_id)
        var options = SensitivityOptions()
        options.factorization = factorization
        let sensitivities = try DCSensitivities(network: network, options: options)
        #expect(sensitivities.factorizationName == factorization.rawValue)
        #expect(sensitivities.referenceBuses.map { network.buses.id[$0] } == [reference.slack_bus])
        let ptdf = try sensitivities.ptdf()
        #expect(ptdf.matrix.rows == network.branches.count && ptdf.matrix.columns == network.buses.count)
        let d = maxDifference(ptdf.matrix, reference.ptdf)
        #expect(d <= 1e-8, "\(caseName) \(factorization): |ΔPTDF| = \(d)")
    }

    @Test("distributed slack (weights by Pmax)", arguments: SensitivityReference.cases)
    func distributedSlack(caseName: String) throws {
        let network = try Paths.network(caseName)
        let reference = try SensitivityReference.load(caseName)
        let ptdf = try DCSensitivities(network: network).ptdf(slack: .weights(reference.slack_weights))
        let d = maxDifference(ptdf.matrix, reference.ptdf_distributed)
        #expect(d <= 1e-8, "\(caseName): |ΔPTDF| = \(d)")
        // Every column sums the weighted transfer to zero: an injection spread as the slack
        // is spread moves no flow.
        let total = reference.slack_weights.reduce(0, +)
        for r in 0..<ptdf.matrix.rows {
            let flow = (0..<ptdf.matrix.columns).reduce(0.0) { $0 + ptdf.matrix[r, $1] * reference.slack_weights[$1] / total }
            #expect(abs(flow) < 1e-10)
        }
    }

    @Test("a single slack bus other than the reference moves every column by that bus's column")
    func slackBus() throws {
        let network = try Paths.network("case30")
        let s = try DCSensitivities(network: network)
        let reference = try s.ptdf()
        let other = try s.ptdf(slack: .bus(5))
        for r in 0..<reference.matrix.rows {
            for c in 0..<reference.matrix.columns {
                #expect(abs(other.matrix[r, c] - (reference.matrix[r, c] - reference.matrix[r, 5])) < 1e-12)
            }
        }
    }

    @Test("over the memory budget: the full matrix is refused, the monitored rows are the full matrix's rows")
    func memoryBudget() throws {
        let network = try Paths.network("case118")
        var options = SensitivityOptions()
        options.memoryBudget = 100_000
        let s = try DCSensitivities(network: network, options: options)
        #expect(s.fullPTDFBytes == 186 * 118 * 8)
        #expect(throws: SensitivityError.exceedsMemoryBudget(requiredBytes: 186 * 118 * 8, budgetBytes: 100_000)) {
            try s.ptdf()
        }
        let monitored = [0, 7, 50, 185]
        let rows = try s.ptdf(monitored: monitored)
        #expect(rows.branches == monitored)
        let full = try DCSensitivities(network: network).ptdf()
        for (r, l) in monitored.enumerated() {
            #expect(zip(rows.matrix.row(r), full.matrix.row(l)).allSatisfy { abs($0 - $1) < 1e-13 })
        }
        #expect(throws: SensitivityError.self) { try s.ptdf(monitored: [186]) }
    }

    @Test("flow changes for many injection patterns (dgemm) match row-by-row sums")
    func flowChanges() throws {
        let network = try Paths.network("case14")
        let ptdf = try DCSensitivities(network: network).ptdf()
        var injections = DenseMatrix(rows: network.buses.count, columns: 3)
        for i in 0..<network.buses.count { injections[i, 0] = 1; injections[i, 1] = Double(i); injections[i, 2] = i == 3 ? -2 : 0 }
        let changes = ptdf.flowChanges(injections: injections)
        for r in 0..<ptdf.matrix.rows {
            for c in 0..<3 {
                let expected = (0..<network.buses.count).reduce(0.0) { $0 + ptdf.matrix[r, $1] * injections[$1, c] }
                #expect(abs(changes[r, c] - expected) < 1e-12)
            }
        }
    }
}
