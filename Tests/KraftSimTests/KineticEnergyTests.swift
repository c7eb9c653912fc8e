import Foundation
import KraftCore
@testable import KraftSim
import Testing

/// How much of a running machine's kinetic energy spins: a unit (one turbine-generator) whole, an
/// aggregate of plants in proportion to its output.
@Suite("Kinetic energy")
struct KineticEnergyTests {
    @Test("a named unit spins whole at any output once running, an aggregate in proportion, a condenser whole without output")
    func shares() {
        // A reactor at its minimum stable output (0.6 of 1,000 MW) is synchronised: all of its inertia.
        #expect(HourCheck.spinningShare(outputMW: 600, capacityMW: 1000, namedUnit: true, support: false) == 1)
        // Below the running threshold (1 % of capacity, at least 1 MW) it is off.
        #expect(HourCheck.spinningShare(outputMW: 5, capacityMW: 1000, namedUnit: true, support: false) == 0)
        // An aggregate at 600 of 1,000 MW commits 0.6 of its plants.
        #expect(HourCheck.spinningShare(outputMW: 600, capacityMW: 1000, namedUnit: false, support: false) == 0.6)
        #expect(HourCheck.spinningShare(outputMW: 0, capacityMW: 1000, namedUnit: false, support: false) == 0)
        #expect(HourCheck.spinningShare(outputMW: 0, capacityMW: 0, namedUnit: false, support: true) == 1)
    }

    @Test("in a week of August 2025, SE3's kinetic energy holds every running reactor's whole, also when the reactors follow the price down")
    func reactorsSpinWhole() throws {
        let r = try YearRunTests.run("base-2025", from: "2025-08-18", to: "2025-08-24")
        let se3 = try #require(r.grid.zones.firstIndex(of: "SE3"))
        let reactors = r.grid.units.indices.filter {
            r.grid.units[$0].technology == .nuclear && r.grid.units[$0].name != nil
                && r.grid.zoneOfBus[r.grid.network.generators.bus[$0]] == "SE3"
        }
        #expect(reactors.count >= 6)
        var partLoad = 0
        for x in r.records {
            let running = reactors.filter { HourCheck.isRunning(outputMW: x.generatorMW[$0], capacityMW: r.grid.units[$0].capacityMW) }
            let whole = running.reduce(0) { $0 + r.grid.units[$1].inertiaMWs } / 1000
            let produced = running.reduce(0) { $0 + x.generatorMW[$1] }, capacity = running.reduce(0) { $0 + r.grid.units[$1].capacityMW }
            if produced < 0.75 * capacity { partLoad += 1 }
            #expect(x.zoneKineticGWs[se3] >= whole - 1e-9, "hour \(x.hour): SE3 \(x.zoneKineticGWs[se3]) GWs, its running reactors alone \(whole)")
        }
        // The week has hours where the running reactors make under 3/4 of their capacity: there
        // a share by output would have left more than a quarter of their inertia out.
        #expect(partLoad > 0)
    }
}
