import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// Year runs of the shipped Swedish scenarios over short winter spans (two weeks: a debug build
/// runs them in seconds); the full year's speed is a benchmark, not a test.
@Suite("Year runs", .serialized)
struct YearRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func run(_ name: String, from: String, to: String, threads: Int = 2, weather: Weather? = nil) throws -> YearResult {
        try run(path: root.appendingPathComponent("Scenarios/sweden/\(name).toml").path, from: from, to: to, threads: threads, weather: weather)
    }

    /// A shipped scenario with `extra` TOML appended through `extends` (a test's own variant).
    static func run(_ name: String, adding extra: String, from: String, to: String) throws -> YearResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("year-\(UUID().uuidString).toml")
        try "extends = \"\(root.appendingPathComponent("Scenarios/sweden/\(name).toml").path)\"\n\(extra)".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run(path: file.path, from: from, to: to)
    }

    /// `weather` replaces the scenario's.
    static func run(path: String, from: String, to: String, threads: Int = 2, weather: Weather? = nil) throws -> YearResult {
        var (s, network, sidecar) = try ScenarioLoader.load(path: path)
        if let weather { s.weather = weather }
        let period = Period(from: try #require(CalendarDate(parsing: from)), to: try #require(CalendarDate(parsing: to)))
        let (profiles, hours) = try YearRun.profiles(weather: s.weather, covering: period, sidecar: sidecar)
        return try YearRun.run(scenario: s, network: network, sidecar: sidecar, profiles: profiles, only: hours, threads: threads)
    }

    @Test("the energy balance closes every hour: generation + net imports − losses = load served")
    func energyBalance() throws {
        let r = try Self.run("base-2025", from: "2025-01-06", to: "2025-01-12")
        #expect(r.hours == 168)
        let converged = r.records.filter(\.converged)
        // Hours that fail the AC check are listed with their cause; nearly all of a winter week converge.
        #expect(r.nonconverged.count == r.hours - converged.count && r.nonconverged.allSatisfy { !$0.cause.isEmpty })
        #expect(converged.count >= r.hours * 95 / 100, "\(r.nonconverged.prefix(3))")
        for x in converged {
            // Losses come from the branch flows and shunts, not from the generation total.
            let losses = try #require(x.lossesMW)
            let gap = x.generationMW + x.netImportMW - losses - x.loadMW
            #expect(abs(gap) <= 1e-6 * x.loadMW, "hour \(x.hour): imbalance \(gap) MW")
            #expect(abs(x.zoneLoadMW.reduce(0, +) - x.loadMW) <= 1e-9 * x.loadMW)
            #expect(abs(x.zoneGenerationMW.joined().reduce(0, +) - x.generationMW) <= 1e-6 * x.loadMW)
            #expect(losses > 0 && losses < 0.1 * x.loadMW, "hour \(x.hour): losses \(losses) MW")
        }
        // The dispatch's balance per hour: output + imports + unserved = demand (the DC problem is lossless).
        let demand = r.records.map { $0.loadMW + $0.unservedMW }
        #expect(demand.allSatisfy { $0 > 10_000 }, "a Nordic winter hour has more than 10 GW of demand")
    }

    @Test("the energy balance closes in every converged hour of a week that sheds load")
    func energyBalanceWithUnservedEnergy() throws {
        // Mid-January 2025 of the default scenario with 8 GW more load at Forsmark is short in SE3:
        // the dispatch sheds load in its peak hours. An exchange carried as a load (Fenno-Skan's
        // export at bus 3020) once counted as demand the LP could shed while the AC check carried
        // it in full: 39 hours of a year missed the balance by up to 1,220 MW.
        let extra = "[[datacentre]]\nname = \"test load\"\nbus = 3000\ncapacity_mw = 8000\nutilisation = 1.0\nfrom = 2025-01-01\n"
        let r = try Self.run("base-2025", adding: extra, from: "2025-01-13", to: "2025-01-17")
        let shedding = r.records.filter { $0.unservedMW > 1 }
        #expect(shedding.count >= 4, "a week short of power: \(shedding.count) hours with unserved energy")
        let converged = r.records.filter(\.converged)
        #expect(converged.count >= r.hours * 9 / 10)
        for x in converged {
            let losses = try #require(x.lossesMW)
            let gap = x.generationMW + x.netImportMW - losses - x.loadMW
            #expect(abs(gap) <= max(0.01, 1e-6 * x.loadMW), "hour \(x.hour): imbalance \(gap) MW with \(x.unservedMW) MW unserved")
            #expect(x.loadMW > 0 && x.unservedMW >= 0)
        }
    }

    @Test("Fenno-Skan is dispatched within ±1,200 MW; SE4–DK2 and NordBalt are price-taking neighbours within their limits")
    func linksAndNeighbours() throws {
        let r = try Self.run("base-2025", from: "2025-01-06", to: "2025-01-12")
        let fennoSkan = try #require(r.borders.firstIndex { $0.name == "SE3-FI" })
        guard case .link(let k) = r.borders[fennoSkan].kind else { Issue.record("SE3-FI is not a link"); return }
        let link = r.grid.links[k]
        #expect(link.forwardMW == 1200 && link.backwardMW == 1200)
        #expect(r.grid.network.buses.id[link.fromBus] == 3020 && r.grid.network.buses.id[link.toBus] == 7000)
        // No fixed exchange is left at its ends (the grid file's +1,220 MW at 3020 and −1,220 MW at 7000).
        #expect(!WindowProblem.fixedExchangeLoads(r.grid).contains { [link.fromBus, link.toBus].contains(r.grid.network.loads.bus[$0]) })
        let flow = r.records.map { $0.borderFlowMW[fennoSkan] }
        #expect(flow.allSatisfy { abs($0) <= 1200 + 1e-6 }, "Fenno-Skan \(flow.min()!)…\(flow.max()!) MW")
        // It follows the dispatch: not one value all week.
        #expect(flow.max()! - flow.min()! > 100, "Fenno-Skan \(flow.min()!)…\(flow.max()!) MW")
        // Congested only at its limit (when the limit has a price, as for a cut), and in some hours.
        for (x, f) in zip(r.records, flow) {
            #expect(!x.borderCongested[fennoSkan] || abs(f) >= 1200 - 1e-6, "hour \(x.hour): congested at \(f) MW")
        }
        #expect(r.records.contains { $0.borderCongested[fennoSkan] })
        for (name, zone, forward, backward) in [("SE4-DK2", "DK2", 1300.0, 1700.0), ("SE4-LT", "LT", 700.0, 700.0)] {
            let b = try #require(r.borders.firstIndex { $0.name == name }, "\(name) is among the borders")
            guard case .neighbour(let e) = r.borders[b].kind else { Issue.record("\(name) is not a neighbour"); continue }
            let nbr = r.grid.neighbours[e]
            #expect(nbr.zone == zone && nbr.exportMW == forward && nbr.importMW == backward)
            #expect(nbr.priceEURPerMWh == ExternalPrices.mean(area: zone, year: 2025))
            let f = r.records.map { $0.borderFlowMW[b] }
            #expect(f.allSatisfy { $0 <= forward + 1e-6 && $0 >= -backward - 1e-6 }, "\(name) \(f.min()!)…\(f.max()!) MW")
        }
    }

    @Test("across Fenno-Skan the nodal prices are equal while it is within its limits; at a limit they differ by its shadow price's sign")
    func linkPrices() throws {
        let (s, network, sidecar) = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path)
        let period = Period(from: try #require(CalendarDate(parsing: "2025-01-06")), to: try #require(CalendarDate(parsing: "2025-01-12")))
        let (profiles, hours) = try YearRun.profiles(weather: s.weather, covering: period, sidecar: sidecar)
        let setup = YearRun.Setup(scenario: s, network: network, sidecar: sidecar, profiles: profiles)
        let (_, problem) = setup.problem(setup.window(of: hours.lowerBound))
        let k = try #require(problem.links.firstIndex { $0.name == "SE3-FI" })
        let link = problem.links[k]
        let solution = try DispatchLP.solve(problem)
        var within = 0
        for h in 0..<problem.hours {
            let f = solution.linkMW[h, k], d = solution.linkPriceDifferenceEURPerMWh[h, k]
            #expect(f <= link.forwardMW + 1e-6 && f >= -link.backwardMW - 1e-6)
            if f < link.forwardMW - 1e-6 && f > -link.backwardMW + 1e-6 {
                within += 1
                #expect(abs(d) < 1e-5, "hour \(h): \(f) MW within the limits, prices differ by \(d) EUR/MWh")
            } else if f >= link.forwardMW - 1e-6 {
                #expect(d >= -1e-5, "hour \(h): at the forward limit the to end cannot be cheaper (\(d))")
            } else {
                #expect(d <= 1e-5, "hour \(h): at the backward limit the from end cannot be cheaper (\(d))")
            }
        }
        // The week's dispatch in the year run (the same window) has Fenno-Skan off its limits in some hours.
        #expect(within > 0)
    }

    @Test("results are identical for any number of threads")
    func threadCountDoesNotMatter() throws {
        let one = try Self.run("base-2025", from: "2025-01-01", to: "2025-01-10", threads: 1)
        let two = try Self.run("base-2025", from: "2025-01-01", to: "2025-01-10", threads: 2)
        #expect(one.hours == 240 && two.hours == 240)
        for (a, b) in zip(one.records, two.records) {
            #expect(a.generatorMW == b.generatorMW && a.vm == b.vm && a.borderFlowMW == b.borderFlowMW
                    && a.zonePrice == b.zonePrice && a.iterations == b.iterations, "hour \(a.hour) differs")
        }
    }

    @Test("closing Ringhals 3–4 means more imports into SE3, a wider north–south price gap, more congestion on the cut from the north, less reserve and inertia")
    func ringhalsClosure() throws {
        let base = try Self.run("base-2025", from: "2030-01-07", to: "2030-01-20")
        let closed = try Self.run("ringhals-3-4-close-2030", from: "2030-01-07", to: "2030-01-20")
        let b = Dictionary(base.metrics, uniquingKeysWith: { a, _ in a })
        let c = Dictionary(closed.metrics, uniquingKeysWith: { a, _ in a })
        #expect(c["net_import_se3_twh"]! > b["net_import_se3_twh"]!)
        // The corridor from SE2 is held by its lines before the cut's trading capacity binds (the
        // cut itself is rarely congested): SE3's price moves further from SE2's.
        #expect(c["price_mean_se3_eur_mwh"]! - c["price_mean_se2_eur_mwh"]! > b["price_mean_se3_eur_mwh"]! - b["price_mean_se2_eur_mwh"]!)
        // The cut from the north is congested in more hours (183 → 204 in this fortnight); the
        // borders SE3 exports over (NO1, Fenno-Skan) in fewer, as SE3 has less to export.
        #expect(c["congested_hours_se2_se3"]! > b["congested_hours_se2_se3"]!)
        #expect(c["congested_hours_se3_no1"]! + c["congested_hours_se3_fi"]! <= b["congested_hours_se3_no1"]! + b["congested_hours_se3_fi"]!)
        // SE3's reactive reserve, hour by hour over the hours both AC checks solved (a minimum over
        // each run's own converged hours would compare different hours).
        let se3Index = try #require(base.grid.zones.firstIndex(of: "SE3"))
        let both = zip(base.records, closed.records).filter { $0.0.converged && $0.1.converged }
        #expect(both.count >= 48, "at least two days' hours to compare")
        let change = both.map { $0.1.zoneReactiveReserveMVAr[se3Index] - $0.0.zoneReactiveReserveMVAr[se3Index] }
        // The two reactors' own reactive range above their output is 0.5·S each, S = MW / 0.9:
        // 1,228 Mvar for R3 and R4. Part of it was in use in the base (the reactors held SE3's
        // voltage) and the machines that remain take up part of the load, so the hours both runs
        // solved lose less than all of it, but at least a fifth on average (about 295 Mvar in
        // this fortnight).
        let reactorsQmax = 0.5 * (1081 + 1130) / 0.9
        #expect(change.reduce(0, +) / Double(change.count) < -reactorsQmax / 5, "mean change \(change.reduce(0, +) / Double(change.count)) Mvar")
        #expect(change.filter { $0 < 0 }.count >= change.count * 3 / 4)
        // Without the reactors' voltage control more hours are short of reactive power.
        #expect(closed.nonconverged.count > base.nonconverged.count)
        let short = closed.nonconverged.filter { $0.cause.contains("short of reactive power") }
        #expect(short.count >= closed.nonconverged.count * 9 / 10)
        #expect(c["lowest_kinetic_energy_gws"]! < b["lowest_kinetic_energy_gws"]!)
        // SE3's lowest voltage (over the hours each run's AC check solved) falls without the reactors' voltage control.
        let se3 = { (r: YearResult) in r.zoneYears.first { $0.zone == "SE3" }!.lowestVm!.vm }
        #expect(se3(closed) < se3(base))
        // Two reactors of about 1.1 GW each: SE3's mean net import grows by at least 1 GW.
        let hours = Double(base.hours)
        #expect((c["net_import_se3_twh"]! - b["net_import_se3_twh"]!) * 1e6 / hours > 1000)
    }

    @Test("a closure that takes the reference bus's machines out moves the reference and says so")
    func oskarshamnClosureMovesReference() throws {
        let r = try Self.run("oskarshamn-3-close-2035", from: "2035-01-08", to: "2035-01-09")
        #expect(r.records.allSatisfy { $0.converged })
        // Bus 3300 (Oskarshamn) is the grid's reference. Its machine stays as a condenser without
        // O3's output, so the bus keeps a generator; but the reference leaves it (Q-limit
        // enforcement) in more hours than with O3 running over the same days, and the notes say so.
        func hoursMovedFrom3300(_ run: YearResult) -> Int {
            // One note per bus the reference moved to, with its number of hours (one move an hour).
            run.notes.filter { $0.contains("reference moved from bus 3300 to bus") }.reduce(0) { sum, note in
                if note.hasPrefix("load flow, every hour: ") { return sum + run.hours }
                let count = note.dropFirst("load flow, ".count).prefix { $0.isNumber }
                #expect(note.hasPrefix("load flow, \(count) of \(run.hours) hours: "), "\(note)")
                return sum + (Int(count) ?? 0)
            }
        }
        let open = try Self.run("base-2025", adding: "[period]\nyear = 2035\n", from: "2035-01-08", to: "2035-01-09")
        #expect(open.records.allSatisfy { $0.converged })
        let closed = hoursMovedFrom3300(r), running = hoursMovedFrom3300(open)
        #expect(closed > running, "the reference left bus 3300 in \(closed) hours with O3 closed, \(running) with O3 running")
        // O3 (the fleet's unit "O3", 1 400 MW) is out: it produces in no hour.
        let o3 = r.grid.units.indices.filter { r.grid.units[$0].name == "O3" }
        #expect(o3.count == 1 && o3.allSatisfy { r.grid.units[$0].capacityMW == 1400 })
        #expect(r.records.allSatisfy { record in o3.allSatisfy { record.generatorMW[$0] == 0 } })
    }
}
