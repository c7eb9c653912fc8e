import KraftIO
import KraftScenario
import KraftSim

/// What `kraft adequacy` prints or writes: a table for people, JSON and CSV for machines, and the
/// per-sample file a sweep shard leaves for `kraft sweep merge`. Every number comes from
/// `AdequacySummary`, so a merged sweep and a local run format the same values the same way.
public enum AdequacyReport {
    /// What a study was, for the header of every output.
    public struct Context: Sendable {
        public var scenario: String
        public var year: Int
        public var seed: Int
        public var model: AdequacyModel
        public var notes: [String]
        /// The base the study is compared with (`--against`), and its name.
        public var comparison: AdequacyComparison?
        public var baseName: String?
        public init(scenario: String, year: Int, seed: Int, model: AdequacyModel, notes: [String],
                    comparison: AdequacyComparison? = nil, baseName: String? = nil) {
            self.scenario = scenario; self.year = year; self.seed = seed; self.model = model; self.notes = notes
            self.comparison = comparison; self.baseName = baseName
        }
    }

    static func ci(_ e: Estimate, _ digits: Int) -> String { "\(fixed(e.low, digits))–\(fixed(e.high, digits))" }

    public static func table(_ s: AdequacySummary, context c: Context) -> String {
        var out = "Adequacy: \(c.scenario), \(c.year), \(s.samples) sampled years (samples \(s.firstSample)–\(s.firstSample + s.samples - 1), seed \(c.seed))\n\n"
        var t = TextTable(headers: ["area", "LOLE h/yr", "95 % CI", "EENS MWh/yr", "95 % CI", "events/yr", "95 % CI", "mean duration h", "95 % CI", "years with loss", "longest h"])
        for a in s.zones + [s.country] {
            t.append([a.name, fixed(a.lole.mean, 3), ci(a.lole, 3), fixed(a.eens.mean, 1), ci(a.eens, 1), fixed(a.events.mean, 3), ci(a.events, 3),
                      a.duration.map { fixed($0.mean, 2) } ?? "-", a.duration.map { ci($0, 2) } ?? "-", "\(a.yearsWithLoss)", "\(a.longestEventHours)"])
        }
        out += t.render()
        out += "\nSweden's reliability standard: LOLE 1 h/yr (Government decision, November 2022, on Ei R2021:05).\n"
        let top = s.country.concentration(top: 8)
        if !top.isEmpty {
            out += "\(s.country.name): shortfall hours concentrate in (month, hour of day: expected h/yr): "
                + top.map { "\(monthNames[$0.month - 1]) \($0.hour):00 \(fixed($0.hours, 3))" }.joined(separator: ", ") + "\n"
        } else {
            out += "\(s.country.name): no load shed in any sampled year (LOLE below \(fixed(3.0 / Double(max(s.samples, 1)), 3)) h/yr is not excluded: the chance of a year with loss is below 3/N at 95 %).\n"
        }
        out += "strategic reserve: \(fixed(s.reserveHours.mean, 2)) h/yr (\(ci(s.reserveHours, 2))), \(fixed(s.reserveMWh.mean, 1)) MWh/yr\n"
        if let cmp = c.comparison {
            out += "\nagainst \(c.baseName ?? "the base") on the same \(s.samples) samples (same weather and, for the units both have, the same outages):\n"
            var t = TextTable(headers: ["area", "base LOLE h/yr", "LOLE h/yr", "difference", "95 % CI", "base EENS MWh/yr", "EENS MWh/yr", "difference", "95 % CI", "real?"])
            for (a, (d, b)) in zip(s.zones + [s.country], zip(cmp.zones + [cmp.country], cmp.base.zones + [cmp.base.country])) {
                let l = AdequacyComparison.Area.interval(d.lole), e = AdequacyComparison.Area.interval(d.eens)
                t.append([a.name, fixed(b.lole.mean, 3), fixed(a.lole.mean, 3), fixed(d.lole.mean, 3), "\(fixed(l.low, 3))–\(fixed(l.high, 3))",
                          fixed(b.eens.mean, 1), fixed(a.eens.mean, 1), fixed(d.eens.mean, 1), "\(fixed(e.low, 1))–\(fixed(e.high, 1))",
                          d.isReal ? "yes" : "no"])
            }
            out += t.render()
        }
        out += "\nnotes:\n" + c.notes.map { "- \($0)\n" }.joined()
        return out
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func json(_ s: AdequacySummary, context c: Context) -> String {
        var j = JSONText(capacity: 1 << 14)
        func estimate(_ name: String, _ e: Estimate) {
            j.key(name); j.number(e.mean); j.raw(",")
            j.key(name.replacingOccurrences(of: "_h", with: "").replacingOccurrences(of: "_mwh", with: "").replacingOccurrences(of: "_per_year", with: "") + "_ci95")
            j.raw("["); j.number(e.low); j.raw(","); j.number(e.high); j.raw("],")
        }
        func area(_ a: AdequacySummary.Area) {
            j.raw("{")
            estimate("lole_h", a.lole)
            estimate("eens_mwh", a.eens)
            estimate("events_per_year", a.events)
            j.key("mean_duration_h"); if let d = a.duration { j.number(d.mean) } else { j.raw("null") }; j.raw(",")
            j.key("duration_ci95"); if let d = a.duration { j.raw("["); j.number(d.low); j.raw(","); j.number(d.high); j.raw("]") } else { j.raw("null") }; j.raw(",")
            j.key("years_with_loss"); j.number(a.yearsWithLoss); j.raw(",")
            j.key("longest_event_h"); j.number(a.longestEventHours); j.raw(",")
            j.key("concentration"); j.raw("[")
            for (k, cell) in a.concentration(top: 12).enumerated() {
                if k > 0 { j.raw(",") }
                j.raw("{"); j.key("month"); j.number(cell.month); j.raw(","); j.key("hour"); j.number(cell.hour); j.raw(",")
                j.key("lole_h"); j.number(cell.hours); j.raw("}")
            }
            j.raw("]}")
        }
        j.raw("{"); j.key("scenario"); j.string(c.scenario); j.raw(","); j.key("year"); j.number(c.year); j.raw(",")
        j.key("samples"); j.number(s.samples); j.raw(","); j.key("first_sample"); j.number(s.firstSample); j.raw(",")
        j.key("seed"); j.number(c.seed); j.raw(",")
        j.key("zones"); j.raw("{")
        for (k, a) in s.zones.enumerated() { if k > 0 { j.raw(",") }; j.raw("\n"); j.key(a.name); area(a) }
        j.raw("},\n"); j.key("sweden"); area(s.country); j.raw(",\n")
        j.key("strategic_reserve"); j.raw("{"); j.key("hours"); j.number(s.reserveHours.mean); j.raw(","); j.key("mwh"); j.number(s.reserveMWh.mean); j.raw("},\n")
        j.key("reliability_standard_lole_h"); j.number(1); j.raw(",\n")
        if let cmp = c.comparison {
            func pair(_ name: String, _ e: Estimate) {
                let i = AdequacyComparison.Area.interval(e)
                j.key(name); j.number(e.mean); j.raw(",")
                j.key(name.replacingOccurrences(of: "_h", with: "").replacingOccurrences(of: "_mwh", with: "") + "_ci95"); j.raw("["); j.number(i.low); j.raw(","); j.number(i.high); j.raw("]")
            }
            func compared(_ b: AdequacySummary.Area, _ d: AdequacyComparison.Area) {
                j.raw("{"); estimate("lole_h", b.lole); estimate("eens_mwh", b.eens)
                pair("lole_difference_h", d.lole); j.raw(","); pair("eens_difference_mwh", d.eens); j.raw(",")
                j.key("difference_is_real"); j.bool(d.isReal); j.raw("}")
            }
            j.key("against"); j.raw("{"); j.key("scenario"); j.string(c.baseName ?? ""); j.raw(","); j.key("zones"); j.raw("{")
            for (k, (b, d)) in zip(cmp.base.zones, cmp.zones).enumerated() { if k > 0 { j.raw(",") }; j.key(b.name); compared(b, d) }
            j.raw("},"); j.key("sweden"); compared(cmp.base.country, cmp.country); j.raw("},\n")
        }
        j.key("groups"); j.raw("[")
        for (k, g) in c.model.groups.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("\n{"); j.key("name"); j.string(g.name); j.raw(","); j.key("zone"); j.string(c.model.zones[g.zone]); j.raw(",")
            j.key("technology"); j.string(g.technology.rawValue); j.raw(","); j.key("capacity_mw"); j.number(g.capacityMW); j.raw(",")
            j.key("units"); j.number(g.units); j.raw(","); j.key("forced_outage_rate"); j.number(g.outage.rate); j.raw(",")
            j.key("mttr_h"); j.number(g.outage.mttrHours); j.raw(","); j.key("reserve"); j.bool(g.reserve); j.raw(",")
            j.key("source"); j.string(g.source); j.raw("}")
        }
        j.raw("],\n"); j.key("transfers"); j.raw("[")
        for (k, t) in c.model.transfers.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("name"); j.string(t.name); j.raw(","); j.key("from"); j.string(c.model.zones[t.from]); j.raw(",")
            j.key("to"); j.string(c.model.zones[t.to]); j.raw(","); j.key("forward_mw"); j.number(t.forwardMW); j.raw(",")
            j.key("backward_mw"); j.number(t.backwardMW); j.raw("}")
        }
        j.raw("],\n"); j.key("notes"); j.raw("[")
        for (k, n) in c.notes.enumerated() { if k > 0 { j.raw(",") }; j.string(n) }
        j.raw("]}\n")
        return j.text
    }

    public static func csv(_ s: AdequacySummary, context c: Context) -> String {
        var out = "area,samples,lole_h,lole_ci95_low,lole_ci95_high,eens_mwh,eens_ci95_low,eens_ci95_high,events_per_year,events_ci95_low,events_ci95_high,mean_duration_h,duration_ci95_low,duration_ci95_high,years_with_loss,longest_event_h\n"
        func n(_ x: Double) -> String { var j = JSONText(capacity: 16); j.number(x); return j.text }
        for a in s.zones + [s.country] {
            out += [a.name, "\(s.samples)", n(a.lole.mean), n(a.lole.low), n(a.lole.high), n(a.eens.mean), n(a.eens.low), n(a.eens.high),
                    n(a.events.mean), n(a.events.low), n(a.events.high), a.duration.map { n($0.mean) } ?? "", a.duration.map { n($0.low) } ?? "",
                    a.duration.map { n($0.high) } ?? "", "\(a.yearsWithLoss)", "\(a.longestEventHours)"].joined(separator: ",") + "\n"
        }
        return out
    }

    // MARK: per-sample file (sweep shards)

    /// One line per sample and area: `sample,area,loss_hours,unserved_mwh,events,reserve_hours,
    /// reserve_mwh,weather,short_hours` (short hours `;`-separated). Numbers in their shortest
    /// round-trip form, so reading the file back gives the samples bit for bit.
    public static func samplesCSV(_ results: [AdequacySampleResult], areas: [String]) -> String {
        var out = "sample,area,loss_hours,unserved_mwh,events,reserve_hours,reserve_mwh,weather,short_hours\n"
        for r in results {
            for (a, name) in areas.enumerated() {
                out += "\(r.sample),\(name),\(r.lossHours[a]),\(r.unservedMWh[a]),\(r.events[a]),\(r.reserveHours),\(r.reserveMWh),"
                out += r.weather.replacingOccurrences(of: ",", with: " ") + ","
                out += r.shortHours[a].map(String.init).joined(separator: ";") + "\n"
            }
        }
        return out
    }

    public struct SamplesFileError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a per-sample file back (`samplesCSV`), checking its areas are `areas` in order.
    public static func readSamples(_ text: String, file: String, areas: [String]) throws(SamplesFileError) -> [AdequacySampleResult] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == "sample,area,loss_hours,unserved_mwh,events,reserve_hours,reserve_mwh,weather,short_hours" else {
            throw SamplesFileError(description: "\(file):1: not a samples file of kraft adequacy (expected its header)")
        }
        lines.removeFirst()
        guard lines.count % areas.count == 0 else {
            throw SamplesFileError(description: "\(file): \(lines.count) rows, not a whole number of samples of \(areas.count) areas")
        }
        var out = [AdequacySampleResult]()
        for s in stride(from: 0, to: lines.count, by: areas.count) {
            var r = AdequacySampleResult(sample: 0, weather: "", lossHours: [], unservedMWh: [], events: [], shortHours: [], reserveHours: 0, reserveMWh: 0)
            for (a, name) in areas.enumerated() {
                let line = s + a + 2
                let f = lines[s + a].split(separator: ",", omittingEmptySubsequences: false)
                guard f.count == 9, let sample = Int(f[0]), f[1] == name, let hours = Int(f[2]), let mwh = Double(f[3]), mwh.isFinite,
                      let events = Int(f[4]), let rh = Int(f[5]), let rmwh = Double(f[6]), rmwh.isFinite else {
                    throw SamplesFileError(description: "\(file):\(line): malformed row (expected sample,\(name),loss_hours,unserved_mwh,events,reserve_hours,reserve_mwh,weather,short_hours)")
                }
                let short = f[8].isEmpty ? [] : f[8].split(separator: ";").compactMap { Int($0) }
                if a == 0 { r.sample = sample; r.weather = String(f[7]); r.reserveHours = rh; r.reserveMWh = rmwh }
                guard sample == r.sample, short.count == hours else {
                    throw SamplesFileError(description: "\(file):\(line): sample \(sample) does not match its other rows or its hours")
                }
                r.lossHours.append(hours); r.unservedMWh.append(mwh); r.events.append(events); r.shortHours.append(short)
            }
            out.append(r)
        }
        return out
    }
}
