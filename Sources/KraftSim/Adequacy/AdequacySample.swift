import KraftCore
import KraftScenario

/// What one sampled year gave, per zone and for the country (index `zones.count`): enough to
/// compute every statistic of a study and to merge samples run apart (a sweep's shards) into
/// exactly what one run of all of them gives.
public struct AdequacySampleResult: Sendable, Equatable {
    /// The sample's number (its seeds follow from it).
    public var sample: Int
    /// Which weather year it drew.
    public var weather: String
    /// Hours with load shed.
    public var lossHours: [Int]
    /// Energy not served, MWh.
    public var unservedMWh: [Double]
    /// Loss-of-load events: runs of consecutive hours with load shed.
    public var events: [Int]
    /// The hours (0-based, of the year) with load shed.
    public var shortHours: [[Int]]
    /// Hours the country's strategic reserve ran to save load, and its energy, MWh.
    public var reserveHours: Int
    public var reserveMWh: Double

    public init(sample: Int, weather: String, lossHours: [Int], unservedMWh: [Double], events: [Int], shortHours: [[Int]],
                reserveHours: Int, reserveMWh: Double) {
        self.sample = sample; self.weather = weather; self.lossHours = lossHours; self.unservedMWh = unservedMWh
        self.events = events; self.shortHours = shortHours; self.reserveHours = reserveHours; self.reserveMWh = reserveMWh
    }
}

/// One sampled year: forced outages drawn for every unit, then every hour dispatched on the
/// transport model, the strategic reserve last.
enum AdequacySample {
    /// The random stream of one unit in one sample: the study's seed, the sample's number and the
    /// unit's name, so a unit's outages in sample i are the same in every scenario that has it
    /// (common random numbers: a closure and its base differ by the closure, not by the draw).
    static func stream(seed: Int, sample: Int, group: String, unit: Int) -> SplitMix64 {
        SplitMix64(seed: seed, stream: "adequacy/\(sample)/\(group)/\(unit)")
    }

    static func run(model: AdequacyModel, weather: AdequacyWeatherYear, sample: Int, seed: Int) -> AdequacySampleResult {
        let hours = weather.hours, zoneCount = model.zones.count
        var normal = [Double](repeating: 0, count: zoneCount * hours)
        var reserve = [Double](repeating: 0, count: zoneCount * hours)
        var hasReserve = false
        var down = [Int32](repeating: 0, count: hours + 1)
        for (g, group) in model.groups.enumerated() {
            let available = weather.availableMW[g]
            for h in 0..<hours + 1 { down[h] = 0 }
            if group.outage.rate > 0 {
                for k in 0..<group.units {
                    var rng = stream(seed: seed, sample: sample, group: group.name, unit: k)
                    for r in group.outage.downIntervals(hours: hours, rng: &rng) {
                        down[r.lowerBound] += 1
                        down[r.upperBound] -= 1
                    }
                }
            }
            let units = Double(group.units), base = group.zone * hours
            var out: Int32 = 0
            if group.reserve { hasReserve = true }
            for h in 0..<hours {
                out += down[h]
                let mw = out == 0 ? available[h] : available[h] * (1 - Double(out) / units)
                if group.reserve { reserve[base + h] += mw } else { normal[base + h] += mw }
            }
        }

        var flow = TransportShortfall(model: model)
        let country = model.countryZones
        let areas = zoneCount + 1
        var lossHours = [Int](repeating: 0, count: areas), events = lossHours
        var unserved = [Double](repeating: 0, count: areas)
        var shortHours = [[Int]](repeating: [], count: areas)
        var wasShort = [Bool](repeating: false, count: areas)
        var margin = [Double](repeating: 0, count: zoneCount), shed = margin
        var reserveHours = 0, reserveMWh = 0.0
        for h in 0..<hours {
            var anyShort = false
            for z in 0..<zoneCount {
                margin[z] = normal[z * hours + h] - weather.demandMW[z][h]
                if margin[z] < 0 { anyShort = true }
            }
            var total = 0.0
            if anyShort {
                total = flow.solve(margin: margin, imports: model.importMW, shed: &shed)
                if total > 0 && hasReserve {
                    // The strategic reserve last: only what load would otherwise be shed calls it.
                    let before = country.reduce(0.0) { $0 + shed[$1] }
                    for z in 0..<zoneCount { margin[z] += reserve[z * hours + h] }
                    total = flow.solve(margin: margin, imports: model.importMW, shed: &shed)
                    let after = country.reduce(0.0) { $0 + shed[$1] }
                    if before - after > 1e-6 { reserveHours += 1; reserveMWh += before - after }
                }
            }
            // The zones' shed, then the country's: the sum over its zones.
            var countryShed = 0.0
            if total > 0 { for z in country { countryShed += shed[z] } }
            for a in 0..<areas {
                let mw = a == zoneCount ? countryShed : total > 0 ? shed[a] : 0
                let short = mw > 0
                if short {
                    lossHours[a] += 1
                    unserved[a] += mw
                    shortHours[a].append(h)
                    if !wasShort[a] { events[a] += 1 }
                }
                wasShort[a] = short
            }
        }
        return AdequacySampleResult(sample: sample, weather: weather.label, lossHours: lossHours, unservedMWh: unserved, events: events,
                                    shortHours: shortHours, reserveHours: reserveHours, reserveMWh: reserveMWh)
    }
}
