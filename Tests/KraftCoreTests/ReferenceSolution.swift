import Foundation
import KraftCore
import KraftIO
import Testing

/// Paths of test inputs, from this file's location so tests run from any working directory.
enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtureCases = root.appendingPathComponent("Tests/Fixtures/cases")
    static let references = root.appendingPathComponent("Tests/Fixtures/references")
    /// The larger cases beside the repository (`../shared/cases`); not shipped, tests skip without.
    static let sharedCases = root.deletingLastPathComponent().appendingPathComponent("shared/cases")

    static let shippedCases = ["case9", "case14", "case30", "case57", "case118", "case300"]
    static let largeCases = ["case1354pegase", "case_ACTIVSg2000", "case2383wp", "case9241pegase",
                             "case_ACTIVSg10k", "case_ACTIVSg70k"]

    static var sharedCasesPresent: Bool {
        FileManager.default.fileExists(atPath: sharedCases.appendingPathComponent("case9241pegase.m").path)
    }

    /// The case file: shipped fixture first, else `../shared/cases`.
    static func casePath(_ name: String) -> String {
        let shipped = fixtureCases.appendingPathComponent(name + ".m").path
        return FileManager.default.fileExists(atPath: shipped) ? shipped : sharedCases.appendingPathComponent(name + ".m").path
    }

    static func network(_ name: String) throws -> Network {
        try MatpowerReader.readNetwork(path: casePath(name))
    }
}

/// A solution made by MATPOWER 8.1 (legacy core) under Octave with `Tools/references/make-references`:
/// engineering units, external bus numbers, rows in file order.
struct ReferenceSolution: Decodable {
    struct Buses: Decodable { var id: [Int]; var type: [Int]; var vm: [Double]; var va_deg: [Double] }
    struct Generators: Decodable { var bus: [Int]; var status: [Int]; var pg: [Double]; var qg: [Double] }
    struct Branches: Decodable { var pf: [Double]; var qf: [Double]; var pt: [Double]; var qt: [Double] }
    var `case`: String
    var variant: String
    var converged: Bool
    var iterations: Int?
    var bus: Buses
    var gen: Generators
    var branch: Branches?

    static func load(_ caseName: String, _ variant: String) throws -> ReferenceSolution {
        let url = Paths.references.appendingPathComponent("\(caseName)/\(variant).json")
        return try JSONDecoder().decode(ReferenceSolution.self, from: Data(contentsOf: url))
    }
}

/// Tolerances the issue sets against MATPOWER: 1e-6 p.u. magnitude, 1e-5° angle, 1e-3 MW/MVAr.
struct Tolerances {
    var vm = 1e-6
    var vaDegrees = 1e-5
    var power = 1e-3
}

/// Largest difference of two angle lists in degrees, modulo 360 (MATPOWER wraps AC angles).
func angleDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { x, y in
        let d = (x - y).truncatingRemainder(dividingBy: 360)
        return min(abs(d), 360 - abs(d))
    }.max() ?? 0
}

func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Checks a result against a reference, element by element, in engineering units.
func expectMatches(_ result: PowerFlowResult, _ network: Network, _ ref: ReferenceSolution,
                   tolerances: Tolerances = Tolerances(), sourceLocation: SourceLocation = #_sourceLocation) {
    let base = network.baseMVA, degrees = 180 / Double.pi
    let label = "\(ref.case)/\(ref.variant)"
    #expect(result.converged == ref.converged, "\(label): converged", sourceLocation: sourceLocation)
    #expect(network.buses.id == ref.bus.id, "\(label): bus order", sourceLocation: sourceLocation)
    let dvm = maxDifference(result.vm, ref.bus.vm)
    let dva = angleDifference(result.va.map { $0 * degrees }, ref.bus.va_deg)
    let dpg = maxDifference(result.pg.map { $0 * base }, ref.gen.pg)
    let dqg = maxDifference(result.qg.map { $0 * base }, ref.gen.qg)
    #expect(dvm <= tolerances.vm, "\(label): |ΔVm| = \(dvm) p.u.", sourceLocation: sourceLocation)
    #expect(dva <= tolerances.vaDegrees, "\(label): |ΔVa| = \(dva)°", sourceLocation: sourceLocation)
    #expect(dpg <= tolerances.power, "\(label): |ΔPg| = \(dpg) MW", sourceLocation: sourceLocation)
    #expect(dqg <= tolerances.power, "\(label): |ΔQg| = \(dqg) MVAr", sourceLocation: sourceLocation)
    if let br = ref.branch {
        let dflow = [maxDifference(result.pf.map { $0 * base }, br.pf), maxDifference(result.qf.map { $0 * base }, br.qf),
                     maxDifference(result.pt.map { $0 * base }, br.pt), maxDifference(result.qt.map { $0 * base }, br.qt)].max()!
        #expect(dflow <= tolerances.power, "\(label): |Δflow| = \(dflow) MW/MVAr", sourceLocation: sourceLocation)
    }
}

/// Options as the reference variant was made.
func options(for variant: String, linearSolver: LinearSolverChoice = .auto) -> PowerFlowOptions {
    var o = PowerFlowOptions()
    o.linearSolver = linearSolver
    o.fallback = false
    switch variant {
    case "nr": break
    case "nr_flat": o.initialPoint = .flat
    case "nr_qlim": o.enforceQLimits = true
    case "fdxb": o.method = .fdxb
    case "fdbx": o.method = .fdbx
    case "dc": o.method = .dc
    default: fatalError("unknown variant \(variant)")
    }
    return o
}
