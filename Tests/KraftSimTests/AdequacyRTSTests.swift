import Foundation
import KraftScenario
@testable import KraftSim
import Testing

/// The IEEE Reliability Test System (RTS-79), generating system only (one area, no network):
/// 32 units, 3,405 MW, with the forced outage rates and mean times to repair of the RTS paper's
/// Table 6, and its 8,736-hour chronological load (peak 2,850 MW; weekly, daily and hourly
/// percentages of Tables 1–3; weeks start on Monday; winter weeks 1–8 and 44–52, summer 18–30,
/// spring and fall the rest).
///
/// Published reference (IEEE RTS Task Force, "IEEE Reliability Test System", IEEE Trans. PAS-98,
/// 1979, section on the generating system; repeated by Allan, Billinton and Abdel-Gawad, "The IEEE
/// Reliability Test System – Extensions to and Evaluation of the Generating System", IEEE Trans.
/// Power Systems 1(4), 1986): LOLE 9.39418 h/yr for the hourly load model, EENS 1,176 MWh/yr.
/// Conditions: every unit available as its two-state model says (no scheduled maintenance, no
/// energy limit on the hydro units), load shed whenever available capacity is below load. The
/// papers were not re-read for this test; the exact COPT of the system rebuilt here reproduces
/// both figures (9.394175 h/yr, 1,176.3 MWh/yr), which the first test checks.
@Suite("Adequacy on the IEEE RTS-79")
struct AdequacyRTSTests {
    static let publishedLOLE = 9.39418
    static let publishedEENS = 1176.0

    /// (count, MW, forced outage rate, MTTR h) per unit type, RTS-79 Table 6.
    static let units: [(Int, Double, Double, Double)] = [
        (5, 12, 0.02, 60), (4, 20, 0.10, 50), (6, 50, 0.01, 20), (4, 76, 0.02, 40), (3, 100, 0.04, 50),
        (4, 155, 0.04, 40), (3, 197, 0.05, 50), (1, 350, 0.08, 100), (2, 400, 0.12, 150),
    ]

    static let weekly: [Double] = [86.2, 90.0, 87.8, 83.4, 88.0, 84.1, 83.2, 80.6, 74.0, 73.7, 71.5, 72.7, 70.4, 75.0, 72.1, 80.0, 75.4,
                                   83.7, 87.0, 88.0, 85.6, 81.1, 90.0, 88.7, 89.6, 86.1, 75.5, 81.6, 80.1, 88.0, 72.2, 77.6, 80.0, 72.9,
                                   72.6, 70.5, 78.0, 69.5, 72.4, 72.4, 74.3, 74.4, 80.0, 88.1, 88.5, 90.9, 94.0, 89.0, 94.2, 97.0, 100.0, 95.2]
    static let daily: [Double] = [93, 100, 98, 96, 94, 77, 75]
    /// Hourly percentages (hour 0 = midnight–1 am): winter, summer, spring/fall; weekday then weekend.
    static let hourly: [[Double]] = [
        [67, 63, 60, 59, 59, 60, 74, 86, 95, 96, 96, 95, 95, 95, 93, 94, 99, 100, 100, 96, 91, 83, 73, 63],
        [78, 72, 68, 66, 64, 65, 66, 70, 80, 88, 90, 91, 90, 88, 87, 87, 91, 100, 99, 97, 94, 92, 87, 81],
        [64, 60, 58, 56, 56, 58, 64, 76, 87, 95, 99, 100, 99, 100, 100, 97, 96, 96, 93, 92, 92, 93, 87, 72],
        [74, 70, 66, 65, 64, 62, 62, 66, 81, 86, 91, 93, 93, 92, 91, 91, 92, 94, 95, 95, 100, 93, 88, 80],
        [63, 62, 60, 58, 59, 65, 72, 85, 95, 99, 100, 99, 93, 92, 90, 88, 90, 92, 96, 98, 96, 90, 80, 70],
        [75, 73, 69, 66, 65, 65, 68, 74, 83, 89, 92, 94, 91, 90, 90, 86, 85, 88, 92, 100, 97, 95, 90, 85],
    ]

    static var load: [Double] {
        var out = [Double]()
        for w in 0..<52 {
            let season = w < 8 || w >= 43 ? 0 : (17...29).contains(w) ? 1 : 2
            for d in 0..<7 {
                let table = hourly[2 * season + (d >= 5 ? 1 : 0)]
                for h in 0..<24 { out.append(2850 * weekly[w] / 100 * daily[d] / 100 * table[h] / 100) }
            }
        }
        return out
    }

    /// LOLE and EENS of the hourly load by the capacity outage probability table (exact).
    static func exact() -> (lole: Double, eens: Double) {
        var p = [1.0]  // p[k]: probability of k MW out
        for (count, mw, rate, _) in units {
            for _ in 0..<count {
                let m = Int(mw)
                var next = [Double](repeating: 0, count: p.count + m)
                for (k, x) in p.enumerated() { next[k] += x * (1 - rate); next[k + m] += x * rate }
                p = next
            }
        }
        // Suffix sums: P(k or more MW out) and the expected MW out over those states.
        let installed = Double(p.count - 1)
        var tail0 = [Double](repeating: 0, count: p.count + 1), tail1 = tail0
        for k in stride(from: p.count - 1, through: 0, by: -1) { tail0[k] = tail0[k + 1] + p[k]; tail1[k] = tail1[k + 1] + Double(k) * p[k] }
        var lole = 0.0, eens = 0.0
        for l in load {
            // Load is shed when installed − k < l, that is for k ≥ k0.
            let k0 = min(max(Int((installed - l).rounded(.down)) + 1, 0), p.count)
            lole += tail0[k0]
            eens += (l - installed) * tail0[k0] + tail1[k0]
        }
        return (lole, eens)
    }

    @Test("the exact COPT of the rebuilt load and fleet gives the published LOLE and EENS (the test system is the published one)")
    func exactMatchesPublished() {
        let (lole, eens) = Self.exact()
        #expect(Self.load.count == 8736)
        #expect(abs(Self.load.max()! - 2850) < 1e-9)
        #expect(abs(lole - Self.publishedLOLE) < 0.001 * Self.publishedLOLE, "exact LOLE \(lole)")
        #expect(abs(eens - Self.publishedEENS) < 0.01 * Self.publishedEENS, "exact EENS \(eens)")
    }

    @Test("sequential Monte Carlo of 1,500 years: the published LOLE and EENS inside the 95 % intervals")
    func monteCarlo() {
        let groups = Self.units.enumerated().map { i, u in
            AdequacyModel.Group(name: "type \(i + 1) \(Int(u.1)) MW", zone: 0, technology: .thermal, units: u.0,
                                outage: OutageParameters(rate: u.2, mttrHours: u.3), capacityMW: Double(u.0) * u.1)
        }
        let model = AdequacyModel(zones: ["RTS"], groups: groups, country: "RTS")
        let load = Self.load
        let weather = AdequacyWeatherYear(start: CalendarDate(year: 2001, month: 1, day: 1), hours: load.count, demandMW: [load],
                                          availableMW: groups.map { [Double](repeating: $0.capacityMW, count: load.count) }, label: "RTS-79")
        let results = AdequacyRun.run(model: model, samples: 0..<1500, seed: 1979, threads: 2, weather: { _ in weather })
        let s = AdequacySummary(results: results, zones: model.zones, countryName: "RTS", start: weather.start)
        let a = s.zones[0]
        #expect(a.lole.low <= Self.publishedLOLE && Self.publishedLOLE <= a.lole.high, "LOLE \(a.lole)")
        #expect(a.eens.low <= Self.publishedEENS && Self.publishedEENS <= a.eens.high, "EENS \(a.eens)")
        // Shortfalls concentrate where the RTS load peaks: December weeks, 17–19 h.
        let top = a.concentration(top: 3)
        #expect(top.allSatisfy { $0.month == 12 || $0.month == 1 }, "\(top)")
        #expect(a.duration.map { $0.mean > 1 } ?? false)
    }
}
