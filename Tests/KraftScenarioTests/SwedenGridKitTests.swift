import Foundation
import KraftCore
import KraftIO
import KraftScenario
import Testing

/// The shipped Swedish GridKit grid (`Scenarios/grids/sweden-gridkit.m` and its sidecar, made by
/// `Tools/gridkit/make-grid`): it loads, its sidecar resolves, its base case solves as PYPOWER
/// solves it (`Tests/Fixtures/sweden-gridkit/nr.json`, `Tools/gridkit/check-grid --write-fixture`),
/// its zone cuts join the zones they name, and its zone loads are Nordic44's.
@Suite("Sweden from GridKit")
struct SwedenGridKitTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func load(_ name: String) throws -> (network: Network, sidecar: GridSidecar) {
        let network = try CaseFile.load(path: path("Scenarios/grids/\(name).m")).network
        let file = path("Scenarios/grids/\(name).sidecar.toml")
        return (network, try GridSidecar.parse(try String(contentsOfFile: file, encoding: .utf8), file: file, network: network))
    }

    /// PYPOWER's solution, engineering units, rows in file order.
    struct Reference: Decodable {
        struct Buses: Decodable { var id: [Int]; var vm: [Double]; var va_deg: [Double] }
        struct Generators: Decodable { var pg: [Double]; var qg: [Double] }
        struct Branches: Decodable { var pf: [Double]; var qf: [Double]; var pt: [Double]; var qt: [Double] }
        var converged: Bool
        var bus: Buses
        var gen: Generators
        var branch: Branches
    }

    static func largest(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? .infinity }

    @Test("the grid loads: Swedish buses keep their Nordic44 numbers, 3300 is the reference")
    func gridLoads() throws {
        let network = try CaseFile.load(path: Self.path("Scenarios/grids/sweden-gridkit.m")).network
        #expect(network.buses.count == 217 && network.branches.count == 297 && network.generators.count == 144)
        for id in [3000, 3020, 3100, 3115, 3200, 3244, 3245, 3249, 3300, 3359, 3360, 3701, 8500, 8600, 8700, 7000, 5101, 6500, 6701, 7100] {
            #expect(network.busIndex[id] != nil, "bus \(id)")
        }
        let ref = (0..<network.buses.count).filter { network.buses.type[$0] == .ref }
        #expect(ref.map { network.buses.id[$0] } == [3300])
        // Every GridKit line has a rating; only Nordic44's own branches keep rating 0 (unlimited).
        let rated = (0..<network.branches.count).filter { network.branches.rateA[$0] > 0 }.count
        #expect(rated == 297 - 46, "\(rated) rated branches")
    }

    @Test("the sidecar loads without problems and names every bus, generator and reactor")
    func sidecarLoads() throws {
        let (network, sidecar) = try Self.load("sweden-gridkit")
        #expect(sidecar.zoneOfBus.count == network.buses.count)
        #expect(sidecar.coordinatesOfBus.count == network.buses.count)
        #expect(sidecar.generators.map(\.index) == Array(0..<network.generators.count))
        #expect(sidecar.units.count == 10)
        for u in sidecar.units {
            #expect(!u.generators.isEmpty, "unit \(u.name)")
            #expect(u.generators.allSatisfy { sidecar.generators[$0].technology == .nuclear }, "unit \(u.name)")
        }
        let zone = { (id: Int) in sidecar.zoneOfBus[network.busIndex[id]!] }
        #expect(zone(3000) == "SE3" && zone(3300) == "SE3" && zone(3359) == "SE3")
        #expect(zone(8500) == "SE4" && zone(8700) == "SE4" && zone(3115) == "SE1")
        #expect(Set(sidecar.interconnectors.map(\.border)).count == sidecar.interconnectors.count)
    }

    @Test("the base case converges and Kraft agrees with PYPOWER to 1e-6")
    func powerFlow() throws {
        let network = try CaseFile.load(path: Self.path("Scenarios/grids/sweden-gridkit.m")).network
        let url = Self.root.appendingPathComponent("Tests/Fixtures/sweden-gridkit/nr.json")
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        var options = PowerFlowOptions()
        options.tolerance = 1e-10
        options.fallback = false
        let result = PowerFlowSolver(network: network, options: options).solve()
        #expect(result.converged && ref.converged)
        #expect(network.buses.id == ref.bus.id)
        let base = network.baseMVA, degrees = 180 / Double.pi
        #expect(Self.largest(result.vm, ref.bus.vm) <= 1e-6)
        #expect(Self.largest(result.va.map { $0 * degrees }, ref.bus.va_deg) <= 1e-6)
        // Powers to 1e-6 p.u. (on 100 MVA: 1e-4 MW/MVAr).
        #expect(Self.largest(result.pg.map { $0 * base }, ref.gen.pg) <= 1e-4)
        #expect(Self.largest(result.qg.map { $0 * base }, ref.gen.qg) <= 1e-4)
        #expect(Self.largest(result.pf.map { $0 * base }, ref.branch.pf) <= 1e-4)
        #expect(Self.largest(result.qt.map { $0 * base }, ref.branch.qt) <= 1e-4)
        #expect(result.vm.min()! >= 0.95 && result.vm.max()! <= 1.05, "base-case voltages \(result.vm.min()!)–\(result.vm.max()!)")
    }

    @Test("each zone cut branch joins a bus of each of the two zones, from_zone end as named")
    func cuts() throws {
        let (network, sidecar) = try Self.load("sweden-gridkit")
        let cuts = sidecar.interconnectors.filter { !$0.branches.isEmpty }
        #expect(Set(cuts.map(\.border)).isSuperset(of: ["SE1-SE2", "SE2-SE3", "SE3-SE4", "SE1-FI", "SE3-NO1", "SE1-NO4", "SE2-NO3", "SE2-NO4"]))
        for c in cuts {
            for (l, fromBus) in c.branches {
                let ends = [network.branches.from[l], network.branches.to[l]]
                let other = ends[0] == fromBus ? ends[1] : ends[0]
                #expect(sidecar.zoneOfBus[fromBus] == c.fromZone, "\(c.border) branch \(l + 1)")
                #expect(sidecar.zoneOfBus[other] == c.toZone, "\(c.border) branch \(l + 1)")
            }
        }
        let links = sidecar.interconnectors.filter { $0.modelledAs == "hvdc_link" }
        #expect(links.map(\.border).sorted() == ["SE3-FI", "SE3-SE4-SVL"])
    }

    @Test("zone loads equal Nordic44's")
    func zoneLoads() throws {
        func totals(_ name: String) throws -> [String: Double] {
            let (network, sidecar) = try Self.load(name)
            let p = network.busDemand().p
            var t = [String: Double]()
            for i in 0..<network.buses.count { t[sidecar.zoneOfBus[i]!, default: 0] += p[i] * network.baseMVA }
            return t
        }
        let a = try totals("sweden-gridkit"), b = try totals("nordic44")
        #expect(Set(a.keys) == Set(b.keys))
        for (zone, mw) in b { #expect(abs((a[zone] ?? 0) - mw) <= 1e-6, "\(zone): \(a[zone] ?? 0) MW, Nordic44 \(mw) MW") }
    }

    @Test("the GridKit scenarios are their Nordic44 twins but for grid, sidecar, name and the branch limit share")
    func scenariosExtendTheirTwins() throws {
        // A [dispatch] table replaces the base's whole, so each file repeats its base's keys: this
        // catches one it forgot (the 2019 price series, zonal pricing).
        for (twin, base) in [("base-2025-gridkit", "base-2025"), ("history-2019-gridkit", "history-2019")] {
            let (g, network, sidecar) = try ScenarioLoader.load(path: Self.path("Scenarios/sweden/\(twin).toml"))
            let (b, _, _) = try ScenarioLoader.load(path: Self.path("Scenarios/sweden/\(base).toml"))
            #expect(network.buses.count == 217 && sidecar != nil, "\(twin)")
            #expect(g.dispatch.branchLimitShare == 0.8 && g.dispatch.pricing == .zonal, "\(twin)")
            var expected = b.dispatch
            expected.branchLimitShare = g.dispatch.branchLimitShare
            expected.origin = g.dispatch.origin
            #expect(g.dispatch == expected, "\(twin)")
            #expect(g.period == b.period && g.weather == b.weather && g.closures == b.closures && g.fleet == b.fleet, "\(twin)")
        }
    }
}
