import Foundation
import KraftCore
import KraftScenario
@testable import KraftSim
import Testing

/// `kraft adequacy`'s Monte Carlo against systems whose loss-of-load expectation can be computed
/// exactly: one area of identical units under a constant load (the capacity outage probability
/// table is a binomial distribution), and two areas joined by a tie line (every combination of
/// outages enumerated). Seeds are fixed, so each check is deterministic; each compares the exact
/// value with the 95 % confidence interval the study reports.
@Suite("Adequacy against exact results")
struct AdequacyExactTests {
    /// `units` units of `mw` each with forced outage rate `rate`; MTTR 1/(1 − rate) h makes every
    /// hour's state independent of the last (the chain forgets its state each hour).
    static func area(_ zone: Int, name: String, units: Int, mw: Double, rate: Double) -> AdequacyModel.Group {
        AdequacyModel.Group(name: name, zone: zone, technology: .thermal, units: units,
                            outage: OutageParameters(rate: rate, mttrHours: 1 / (1 - rate)), capacityMW: Double(units) * mw)
    }

    static func year(hours: Int, demand: [Double], groups: [AdequacyModel.Group]) -> AdequacyWeatherYear {
        AdequacyWeatherYear(start: CalendarDate(year: 2030, month: 1, day: 1), hours: hours,
                            demandMW: demand.map { [Double](repeating: $0, count: hours) },
                            availableMW: groups.map { [Double](repeating: $0.capacityMW, count: hours) }, label: "constant")
    }

    static func binomial(_ n: Int, _ k: Int, _ p: Double) -> Double {
        var c = 1.0
        for i in 0..<k { c = c * Double(n - i) / Double(i + 1) }
        return c * pow(p, Double(k)) * pow(1 - p, Double(n - k))
    }

    static func summary(_ model: AdequacyModel, _ weather: AdequacyWeatherYear, samples: Int, seed: Int = 7, threads: Int = 2) -> AdequacySummary {
        let results = AdequacyRun.run(model: model, samples: 0..<samples, seed: seed, threads: threads, weather: { _ in weather })
        return AdequacySummary(results: results, zones: model.zones, countryName: "all", start: weather.start)
    }

    @Test("one area, N identical units, constant load: LOLE and EENS of the binomial COPT within the 95 % interval, which shrinks as 1/√N")
    func singleArea() {
        let n = 10, mw = 100.0, rate = 0.1, load = 850.0, hours = 500
        let model = AdequacyModel(zones: ["A"], groups: [Self.area(0, name: "A units", units: n, mw: mw, rate: rate)], country: "A")
        let weather = Self.year(hours: hours, demand: [load], groups: model.groups)
        // Exact: load is shed when two or more units are out; the shortfall is (load − capacity left).
        var lolp = 0.0, epns = 0.0
        for k in 0...n {
            let short = load - Double(n - k) * mw
            if short > 0 { lolp += Self.binomial(n, k, rate); epns += Self.binomial(n, k, rate) * short }
        }
        let exactLOLE = lolp * Double(hours), exactEENS = epns * Double(hours)
        let small = Self.summary(model, weather, samples: 100), large = Self.summary(model, weather, samples: 400)
        for s in [small, large] {
            #expect(s.zones[0].lole.low <= exactLOLE && exactLOLE <= s.zones[0].lole.high, "LOLE \(s.zones[0].lole) vs exact \(exactLOLE)")
            #expect(s.zones[0].eens.low <= exactEENS && exactEENS <= s.zones[0].eens.high, "EENS \(s.zones[0].eens) vs exact \(exactEENS)")
            #expect(s.country.lole == s.zones[0].lole)
        }
        // Four times the samples: half the interval (within 15 %, the standard deviation is itself estimated).
        let ratio = (small.zones[0].lole.high - small.zones[0].lole.low) / (large.zones[0].lole.high - large.zones[0].lole.low)
        #expect(abs(ratio - 2) < 0.3, "interval ratio \(ratio)")
        #expect(small.zones[0].lole.standardError > 0)
    }

    @Test("two areas and a tie line: LOLE and EENS per area against every combination of outages enumerated")
    func twoAreas() {
        // A: 6 × 100 MW for 480 MW of load; B: 5 × 150 MW for 560 MW; a 120 MW tie, 200 MW back.
        let (nA, mwA, rA, lA) = (6, 100.0, 0.08, 480.0)
        let (nB, mwB, rB, lB) = (5, 150.0, 0.06, 560.0)
        let tieAB = 120.0, tieBA = 200.0, hours = 400
        let groups = [Self.area(0, name: "A units", units: nA, mw: mwA, rate: rA), Self.area(1, name: "B units", units: nB, mw: mwB, rate: rB)]
        let model = AdequacyModel(zones: ["A", "B"], groups: groups,
                                  transfers: [AdequacyModel.Transfer(name: "A-B", from: 0, to: 1, forwardMW: tieAB, backwardMW: tieBA)], country: "")
        var exact = (lolpA: 0.0, lolpB: 0.0, epnsA: 0.0, epnsB: 0.0, lolpAny: 0.0)
        for kA in 0...nA {
            for kB in 0...nB {
                let p = Self.binomial(nA, kA, rA) * Self.binomial(nB, kB, rB)
                let mA = Double(nA - kA) * mwA - lA, mB = Double(nB - kB) * mwB - lB
                // Each area first serves itself; a surplus helps the other within the tie.
                let shedA = mA < 0 ? max(-mA - min(max(mB, 0), tieBA), 0) : 0
                let shedB = mB < 0 ? max(-mB - min(max(mA, 0), tieAB), 0) : 0
                if shedA > 0 { exact.lolpA += p; exact.epnsA += p * shedA }
                if shedB > 0 { exact.lolpB += p; exact.epnsB += p * shedB }
                if shedA > 0 || shedB > 0 { exact.lolpAny += p }
            }
        }
        let s = Self.summary(model, Self.year(hours: hours, demand: [lA, lB], groups: groups), samples: 300)
        let h = Double(hours)
        for (area, lole, eens) in [(s.zones[0], exact.lolpA * h, exact.epnsA * h), (s.zones[1], exact.lolpB * h, exact.epnsB * h)] {
            #expect(lole > 1, "the test system must shed load in \(area.name)")
            #expect(area.lole.low <= lole && lole <= area.lole.high, "\(area.name) LOLE \(area.lole) vs exact \(lole)")
            #expect(area.eens.low <= eens && eens <= area.eens.high, "\(area.name) EENS \(area.eens) vs exact \(eens)")
        }
        // The tie matters: without it, A would shed far more often.
        let isolated = AdequacyModel(zones: ["A", "B"], groups: groups, country: "")
        let alone = Self.summary(isolated, Self.year(hours: hours, demand: [lA, lB], groups: groups), samples: 300)
        #expect(alone.zones[0].lole.low > s.zones[0].lole.high)
    }

    @Test("a unit's outage chain is down the share of hours its rate says, for MTTR hours at a time")
    func outageChain() {
        let p = OutageParameters(rate: 0.05, mttrHours: 50)
        var rng = SplitMix64(seed: 3, stream: "chain")
        var downHours = 0, outages = 0
        let years = 400, hours = 8760
        for _ in 0..<years {
            for r in p.downIntervals(hours: hours, rng: &rng) { downHours += r.count; outages += 1 }
        }
        let share = Double(downHours) / Double(years * hours)
        #expect(abs(share - 0.05) < 0.004, "down share \(share)")
        // Durations cut at the year's ends are shorter: the mean is a little below 50 h.
        let meanDuration = Double(downHours) / Double(outages)
        #expect(meanDuration > 45 && meanDuration < 52, "mean outage \(meanDuration) h")
    }

    @Test("the same samples for any number of threads, and a sample's result does not depend on which others run")
    func threadsAndShards() {
        let groups = [Self.area(0, name: "A units", units: 8, mw: 100, rate: 0.1), Self.area(1, name: "B units", units: 4, mw: 200, rate: 0.05)]
        let model = AdequacyModel(zones: ["SE1", "SE2"], groups: groups,
                                  transfers: [AdequacyModel.Transfer(name: "SE1-SE2", from: 0, to: 1, forwardMW: 100, backwardMW: 100)])
        let weather = Self.year(hours: 300, demand: [620, 650], groups: groups)
        let one = AdequacyRun.run(model: model, samples: 0..<24, seed: 11, threads: 1, weather: { _ in weather })
        let three = AdequacyRun.run(model: model, samples: 0..<24, seed: 11, threads: 3, weather: { _ in weather })
        #expect(one == three)
        let shards = AdequacyRun.run(model: model, samples: 0..<10, seed: 11, threads: 2, weather: { _ in weather })
            + AdequacyRun.run(model: model, samples: 10..<24, seed: 11, threads: 2, weather: { _ in weather })
        #expect(shards == one)
        #expect(one.contains { $0.lossHours[2] > 0 }, "the system must shed load for the check to mean something")
        // Sweden's figures: hours with either zone short, energy summed.
        for r in one {
            #expect(r.lossHours[2] == Set(r.shortHours[0] + r.shortHours[1]).count)
            #expect(abs(r.unservedMWh[2] - r.unservedMWh[0] - r.unservedMWh[1]) < 1e-6)
        }
    }

    @Test("the strategic reserve last: it runs exactly in the hours load would otherwise be shed, and sheds what it cannot cover")
    func reserveLast() {
        let units = Self.area(0, name: "SE3 units", units: 10, mw: 100, rate: 0.1)
        var reserve = AdequacyModel.Group(name: "unit reserve", zone: 0, technology: .thermal, units: 1,
                                          outage: OutageParameters(rate: 0, mttrHours: 1), reserve: true, capacityMW: 200)
        let with = AdequacyModel(zones: ["SE3"], groups: [units, reserve])
        let without = AdequacyModel(zones: ["SE3"], groups: [units])
        reserve.reserve = false
        let asPlant = AdequacyModel(zones: ["SE3"], groups: [units, reserve])
        let hours = 300, demand = 950.0
        let w2 = Self.year(hours: hours, demand: [demand], groups: with.groups), w1 = Self.year(hours: hours, demand: [demand], groups: without.groups)
        let a = AdequacyRun.run(model: with, samples: 0..<40, seed: 5, threads: 2, weather: { _ in w2 })
        let b = AdequacyRun.run(model: without, samples: 0..<40, seed: 5, threads: 2, weather: { _ in w1 })
        let c = AdequacyRun.run(model: asPlant, samples: 0..<40, seed: 5, threads: 2, weather: { _ in w2 })
        for (x, (y, z)) in zip(a, zip(b, c)) {
            // The units' outages are the same in the three (same names, same seeds).
            #expect(x.reserveHours == y.lossHours[0])
            #expect(abs(x.reserveMWh - (y.unservedMWh[0] - x.unservedMWh[0])) < 1e-6)
            #expect(x.lossHours == z.lossHours && abs(x.unservedMWh[0] - z.unservedMWh[0]) < 1e-6)
        }
        #expect(b.contains { $0.lossHours[0] > 0 } && a.contains { $0.lossHours[0] > 0 } && a.contains { $0.reserveHours > $0.lossHours[0] })
    }
}
