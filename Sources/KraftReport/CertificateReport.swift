import KraftIO
import KraftScenario
import KraftSim

/// `kraft certificates` output: several settings side by side (one table per quantity, one
/// column per setting), the build-out per zone and technology, and — for a setting that names
/// published figures — the model year by year beside them.
public enum CertificateReport {
    public struct Entry {
        public var name: String
        public var run: CertificateRun
        public var published: PublishedCertificateFigures?

        public init(name: String, run: CertificateRun, published: PublishedCertificateFigures?) {
            self.name = name
            self.run = run
            self.published = published
        }
    }

    /// The quantities printed per year, with their unit and how they are formatted.
    /// `always`: printed also after the end year (plants are still built on market revenue alone).
    static let quantities: [(title: String, digits: Int, always: Bool, value: @Sendable (CertificateYear) -> Double)] = [
        ("certificate price, SEK/MWh", 1, false, \.priceSEKPerMWh),
        ("bank at year end, TWh", 2, false, \.bankEndTWh),
        ("new renewable production commissioned, TWh/year", 2, true, \.newBuildTWh),
        ("consumer cost, SEK/MWh of obligated use (quota x price)", 2, false, \.consumerCostSEKPerMWh),
        ("consumer cost, MSEK (quota x price x obligated use)", 0, false, \.consumerCostMSEK),
    ]

    public static func table(_ entries: [Entry]) -> String {
        var out = ""
        for q in quantities {
            out += q.title + "\n"
            var t = TextTable(headers: ["year"] + entries.map(\.name))
            for (i, y) in entries[0].run.years.enumerated() {
                t.append([String(y.year)] + entries.map { e in
                    let year = e.run.years[i]
                    return year.active || q.always ? fixed(q.value(year), q.digits) : "-"
                })
            }
            out += t.render(indent: "  ") + "\n"
        }
        out += "summary\n"
        var s = TextTable(headers: ["", ] + entries.map(\.name))
        s.append(["bank runs out"] + entries.map { $0.run.bankRunsOut.map(String.init) ?? "never" })
        s.append(["end year"] + entries.map { String($0.run.settings.endYear) })
        s.append(["consumer cost 2003-2045, MSEK"] + entries.map { fixed($0.run.years.reduce(0) { $0 + $1.consumerCostMSEK }, 0) })
        s.append(["fee paid for shortfall, MSEK"] + entries.map { fixed($0.run.years.reduce(0) { $0 + $1.shortfallTWh * $1.feeSEKPerMWh }, 0) })
        for key in buildKeys(entries) {
            s.append(["new \(key.label), TWh/year"] + entries.map { fixed(total($0.run, key), 2) })
        }
        s.append(["new total, TWh/year"] + entries.map { fixed($0.run.years.reduce(0) { $0 + $1.newBuildTWh }, 2) })
        out += s.render(indent: "  ") + "\n"
        for e in entries {
            out += "assumptions of \(e.name):\n" + e.run.assumptions.map { "  - \($0)\n" }.joined()
            if let p = e.published { out += "\n" + history(e.run, p) }
        }
        return out
    }

    /// The model beside the published figures, every year with a published figure.
    public static func history(_ run: CertificateRun, _ published: PublishedCertificateFigures) -> String {
        var t = TextTable(headers: ["year", "quota", "published", "obligated TWh (DERIVED)", "reported",
                                    "price", "implied (DERIVED)", "observed", "cost öre/kWh", "published", "bank TWh", "published",
                                    "observations"])
        t.alignments[t.alignments.count - 1] = .left
        for y in run.years {
            guard let p = published.years[y.year], y.active || p.quota != nil else { continue }
            t.append([String(y.year), fixed(y.quota * 100, 1), p.quota.map { fixed($0 * 100, 1) } ?? "",
                      fixed(y.obligatedTWh, 1), p.obligatedTWh.map { fixed($0, 1) } ?? "",
                      fixed(y.priceSEKPerMWh, 0), p.impliedPriceSEKPerMWh.map { fixed($0, 0) } ?? "",
                      p.averagePriceSEKPerMWh.map { fixed($0, 0) } ?? "",
                      fixed(y.consumerCostOrePerKWh, 2), p.consumerCostOrePerKWh.map { fixed($0, 1) } ?? "",
                      fixed(y.bankEndTWh, 1), p.bankTWh.map { fixed($0, 1) } ?? "", p.observations.joined(separator: "; ")])
        }
        return "model beside the published figures (\(published.folder)); quota in %, prices SEK/MWh\n"
            + "  quota-obligated use is not published per year: the model DERIVES it as national use x (1 - exempt share);\n"
            + "  the 'reported' column shows the years the data has a figure; the published bank is the joint market's reserve\n"
            + "  after each year's cancellation (certificates_bank.csv, each row with its source)\n"
            + t.render(indent: "  ") + "\n"
    }

    public static func json(_ entries: [Entry]) -> String {
        var j = JSONText()
        j.raw("{"); j.key("settings"); j.raw("[")
        for (k, e) in entries.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{"); j.key("name"); j.string(e.name); j.raw(",")
            j.key("end_year"); j.number(e.run.settings.endYear); j.raw(",")
            j.key("bank_runs_out"); if let y = e.run.bankRunsOut { j.number(y) } else { j.raw("null") }; j.raw(",")
            j.key("assumptions"); j.raw("[")
            for (i, a) in e.run.assumptions.enumerated() { if i > 0 { j.raw(",") }; j.string(a) }
            j.raw("],"); j.key("new_build_twh"); j.raw("{")
            for (i, key) in buildKeys([e]).enumerated() { if i > 0 { j.raw(",") }; j.key(key.label); j.number(total(e.run, key)) }
            j.raw("},"); j.key("years"); j.raw("[")
            for (i, y) in e.run.years.enumerated() {
                if i > 0 { j.raw(",") }
                j.raw("{")
                for (c, (name, value)) in columns(y).enumerated() { if c > 0 { j.raw(",") }; j.key(name); j.number(value) }
                j.raw(","); j.key("active"); j.bool(y.active); j.raw("}")
            }
            j.raw("]}")
        }
        j.raw("]}\n")
        return j.text
    }

    /// One row per setting and year.
    public static func csv(_ entries: [Entry]) -> String {
        let keys = buildKeys(entries)
        var out = (["setting"] + columns(entries[0].run.years[0]).map(\.0) + keys.map { "new_twh_\($0.zone)_\($0.technology.rawValue)" })
            .joined(separator: ",") + "\n"
        for e in entries {
            for y in e.run.years {
                let values = columns(y).map { number($0.1) } + keys.map { number(y.newBuild[$0] ?? 0) }
                out += ([csvField(e.name)] + values).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func columns(_ y: CertificateYear) -> [(String, Double)] {
        [("year", Double(y.year)), ("quota", y.quota), ("obligated_twh", y.obligatedTWh), ("norway_quota", y.norwayQuota),
         ("norway_obligated_twh", y.norwayObligatedTWh), ("demand_twh", y.demandTWh), ("issued_twh", y.issuedTWh),
         ("used_for_quota_twh", y.usedForQuotaTWh), ("cancelled_twh", y.cancelledTWh), ("shortfall_twh", y.shortfallTWh),
         ("bank_start_twh", y.bankStartTWh), ("bank_end_twh", y.bankEndTWh), ("price_sek_per_mwh", y.priceSEKPerMWh),
         ("fee_sek_per_mwh", y.feeSEKPerMWh), ("new_twh", y.newBuildTWh),
         ("consumer_cost_sek_per_mwh", y.consumerCostSEKPerMWh), ("consumer_cost_msek", y.consumerCostMSEK)]
    }

    static func buildKeys(_ entries: [Entry]) -> [BuildKey] {
        Set(entries.flatMap { $0.run.years.flatMap { $0.newBuild.keys } }).sorted()
    }

    static func total(_ run: CertificateRun, _ key: BuildKey) -> Double {
        run.years.reduce(0) { $0 + ($1.newBuild[key] ?? 0) }
    }

    private static func number(_ x: Double) -> String {
        var j = JSONText(capacity: 16)
        j.number(x)
        return j.text
    }

    private static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
    }
}
