import Foundation
import KraftReport
import Testing

/// `kraft sweep merge`'s grouped summary and paired differences on a sweep folder written here by
/// hand: a closure axis of two keys that move together (R3 and R4 dates) × a weather-seed axis of
/// four values, eight members with known metrics, one of them failed. Every expected number below
/// is computed by hand in the comments.
@Suite("Sweep merge: groups and paired differences")
struct SweepEffectsTests {
    static let keys = ["closure[unit=R3].date", "closure[unit=R4].date", "weather.seed"]
    static let early = ["2028-01-01", "2028-01-01"], late = ["2032-01-01", "2034-01-01"]
    /// (closure, seed, SE3 price, unserved MWh); nil price: the member failed.
    static let members: [(closure: [String], seed: Int, price: Double?, unserved: Double)] = [
        (early, 1, 50, 0), (early, 2, 60, 10), (early, 3, 55, 5), (early, 4, 70, 20),
        (late, 1, 44, 0), (late, 2, 51, 4), (late, 3, 52, 5), (late, 4, nil, 0),
    ]
    static func id(_ k: Int) -> String { String(format: "%04d-%08x", k + 1, 0xabc0 + k) }

    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-sweep-effects-\(UUID().uuidString)").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/members", withIntermediateDirectories: true)
        var plan = "{\"format\":\"kraft-sweep\",\"version\":1,\"name\":\"closure x weather\",\"keys\":[\"closure[unit=R3].date\",\"closure[unit=R4].date\",\"weather.seed\"],\"members\":["
        for (k, m) in members.enumerated() {
            plan += (k > 0 ? "," : "") + "{\"index\":\(k + 1),\"id\":\"\(id(k))\",\"values\":{\"closure[unit=R3].date\":\"\(m.closure[0])\",\"closure[unit=R4].date\":\"\(m.closure[1])\",\"weather.seed\":\"\(m.seed)\"}}"
            if let price = m.price {
                let result = dir + "/members/" + id(k)
                try fm.createDirectory(atPath: result, withIntermediateDirectories: true)
                try "{\"format\":\"kraft-result\",\"version\":1,\"kind\":\"snapshot\"}".write(toFile: result + "/manifest.json", atomically: true, encoding: .utf8)
                try "{\"metrics\":{\"price_mean_se3_eur_mwh\":\(price),\"unserved_energy_mwh\":\(m.unserved),\"load_twh\":140}}"
                    .write(toFile: result + "/summary.json", atomically: true, encoding: .utf8)
            } else {
                try "kraft run exited with status 1\n".write(toFile: dir + "/members/\(id(k)).failed", atomically: true, encoding: .utf8)
            }
        }
        try (plan + "]}").write(toFile: dir + "/sweep.json", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("the two closure keys are one axis, the seed another; values in first-seen order")
    func axes() throws {
        let effects = try SweepMerge.read(folder: Self.folder()).effects
        #expect(effects.axes == [SweepAxis(keys: [0, 1], values: ["2028-01-01, 2028-01-01", "2032-01-01, 2034-01-01"]),
                                 SweepAxis(keys: [2], values: ["1", "2", "3", "4"])])
        #expect(effects.axisName(0) == "closure[unit=R3].date + closure[unit=R4].date")
    }

    @Test("grouped by each axis's value: mean, sample sd, min, max over the complete members, computed by hand")
    func groups() throws {
        let effects = try SweepMerge.read(folder: Self.folder()).effects
        func group(_ axis: Int, _ value: String) throws -> SweepEffects.Group {
            try #require(effects.groups.first { $0.axis == axis && $0.value == value })
        }
        // early: 50, 60, 55, 70 → mean 58.75; squares 76.5625 + 1.5625 + 14.0625 + 126.5625 = 218.75, / 3 → sd √72.916…
        let early = try group(0, "2028-01-01, 2028-01-01")
        #expect(early.members.count == 4)
        let p = try #require(early.metrics["price_mean_se3_eur_mwh"])
        #expect(p.count == 4 && p.mean == 58.75 && p.min == 50 && p.max == 70)
        #expect(abs(p.sd! - (218.75 / 3).squareRoot()) < 1e-12)
        #expect(p.atMin == Self.id(0) && p.atMax == Self.id(3))
        // late: 44, 51, 52 (seed 4 failed, so not counted) → mean 49; 25 + 4 + 9 = 38, / 2 → sd √19
        let late = try group(0, "2032-01-01, 2034-01-01")
        #expect(late.members == [Self.id(4), Self.id(5), Self.id(6)])
        let q = try #require(late.metrics["price_mean_se3_eur_mwh"])
        #expect(q.count == 3 && q.mean == 49 && abs(q.sd! - 19.0.squareRoot()) < 1e-12)
        // seed 4: one complete member → no sd (never NaN)
        let seed4 = try #require(try group(1, "4").metrics["price_mean_se3_eur_mwh"])
        #expect(seed4.count == 1 && seed4.mean == 70 && seed4.sd == nil)
        // a metric equal in every member: sd exactly 0
        let load = try #require(early.metrics["load_twh"])
        #expect(load.count == 4 && load.mean == 140 && load.sd == 0 && load.min == 140 && load.max == 140)
    }

    @Test("paired differences: members that differ in one axis only, the closure's effect per seed and its spread")
    func differences() throws {
        let effects = try SweepMerge.read(folder: Self.folder()).effects
        let closure = try #require(effects.differences.first { $0.axis == 0 })
        #expect(closure.from == "2028-01-01, 2028-01-01" && closure.to == "2032-01-01, 2034-01-01")
        // seeds 1–3 pair; seed 4's late member failed, so it has no pair
        #expect(closure.pairs.map(\.context) == ["weather.seed = 1", "weather.seed = 2", "weather.seed = 3"])
        #expect(closure.pairs.map(\.from) == [Self.id(0), Self.id(1), Self.id(2)])
        #expect(closure.pairs.map(\.to) == [Self.id(4), Self.id(5), Self.id(6)])
        // price: 44 − 50 = −6, 51 − 60 = −9, 52 − 55 = −3 → mean −6; deviations 0, −3, 3 → 18 / 2 = 9 → sd 3
        #expect(closure.pairs.map { $0.differences["price_mean_se3_eur_mwh"] } == [-6, -9, -3])
        let price = try #require(closure.metrics["price_mean_se3_eur_mwh"])
        #expect(price.count == 3 && price.mean == -6 && price.sd == 3 && price.min == -9 && price.max == -3)
        #expect(price.atMin == "weather.seed = 2" && price.atMax == "weather.seed = 3")
        // unserved: 0 − 0, 4 − 10, 5 − 5 → 0, −6, 0: mean −2; deviations 2, −4, 2 → 24 / 2 = 12 → sd √12
        let unserved = try #require(closure.metrics["unserved_energy_mwh"])
        #expect(unserved.mean == -2 && abs(unserved.sd! - 12.0.squareRoot()) < 1e-12 && unserved.min == -6 && unserved.max == 0)
        // the seed axis: seed 2 − seed 1 under each closure: 60 − 50 = 10, 51 − 44 = 7 → mean 8.5, sd √4.5
        let seed2 = try #require(effects.differences.first { $0.axis == 1 && $0.to == "2" })
        #expect(seed2.from == "1" && seed2.pairs.count == 2)
        #expect(seed2.pairs.map(\.context) == ["closure[unit=R3].date = 2028-01-01; closure[unit=R4].date = 2028-01-01",
                                               "closure[unit=R3].date = 2032-01-01; closure[unit=R4].date = 2034-01-01"])
        let s2 = try #require(seed2.metrics["price_mean_se3_eur_mwh"])
        #expect(s2.mean == 8.5 && abs(s2.sd! - 4.5.squareRoot()) < 1e-12)
        // seed 4 − seed 1: only under the early closure (70 − 50)
        let seed4 = try #require(effects.differences.first { $0.axis == 1 && $0.to == "4" })
        #expect(seed4.pairs.count == 1 && seed4.metrics["price_mean_se3_eur_mwh"]?.mean == 20 && seed4.metrics["price_mean_se3_eur_mwh"]?.sd == nil)
    }

    @Test("the merged files hold the groups and differences; the printed table shows the closure's effect")
    func files() throws {
        let dir = try Self.folder()
        let merge = try SweepMerge.read(folder: dir)
        try merge.write(to: dir)
        for name in SweepMerge.files { #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name) is written") }
        let differences = try String(contentsOfFile: dir + "/sweep-differences.csv", encoding: .utf8).split(separator: "\n")
        #expect(differences[0] == "axis,keys,from,to,metric,pairs,mean,sd,min,max")
        #expect(differences.contains("1,closure[unit=R3].date + closure[unit=R4].date,\"2028-01-01, 2028-01-01\",\"2032-01-01, 2034-01-01\",price_mean_se3_eur_mwh,3,-6,3,-9,-3"))
        let groups = try String(contentsOfFile: dir + "/sweep-groups.csv", encoding: .utf8).split(separator: "\n")
        #expect(groups.contains("2,weather.seed,4,price_mean_se3_eur_mwh,1,70,,70,70"), "one member: the sd field is empty")
        let pairs = try String(contentsOfFile: dir + "/sweep-pairs.csv", encoding: .utf8).split(separator: "\n")
        #expect(pairs.contains("1,closure[unit=R3].date + closure[unit=R4].date,\"2028-01-01, 2028-01-01\",\"2032-01-01, 2034-01-01\",weather.seed = 2,\(Self.id(1)),\(Self.id(5)),price_mean_se3_eur_mwh,-9"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/sweep-results.json"))) as? [String: Any])
        let jsonDifferences = try #require(json["differences"] as? [[String: Any]])
        let first = try #require((jsonDifferences.first?["metrics"] as? [String: Any])?["price_mean_se3_eur_mwh"] as? [String: Double])
        #expect(first == ["n": 3, "mean": -6, "sd": 3, "min": -9, "max": -3])
        #expect(!(try String(contentsOfFile: dir + "/sweep-results.json", encoding: .utf8)).lowercased().contains("nan"))
        let report = merge.report
        #expect(report.contains("2032-01-01, 2034-01-01 − 2028-01-01, 2028-01-01: 3 pairs of members with the same weather.seed"))
        let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("price_mean_se3_eur_mwh") && $0.contains("weather.seed = 2") })
        #expect(line.split(separator: " ", omittingEmptySubsequences: true).prefix(5) == ["price_mean_se3_eur_mwh", "-6.0000", "3.0000", "-9.0000", "-3.0000"])
        #expect(!report.contains("load_twh  140.0000  0.0000"), "a metric equal in every member is left out of the axis tables")
    }
}
