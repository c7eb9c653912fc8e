import KraftIO

/// The published figures the model is checked against: `certificates.csv` (quota in force,
/// reported quota-obligated use, consumer cost, the price implied by it, average prices) and
/// `certificates_price_observations.csv` (sub-annual price points), both as in
/// shared/data/sweden and copied, with their sources, to Scenarios/certificates/published/.
public struct PublishedCertificateFigures: Sendable {
    public struct Year: Sendable {
        public var year: Int
        public var quota: Double?
        public var obligatedTWh: Double?
        public var consumerCostOrePerKWh: Double?
        public var impliedPriceSEKPerMWh: Double?
        public var averagePriceSEKPerMWh: Double?
        /// Price points published for periods in this year, as written ("179 -> 14").
        public var observations: [String] = []
    }

    public var years: [Int: Year]
    public var folder: String

    /// Reads `certificates.csv` and, when present, `certificates_price_observations.csv` in `folder`.
    public static func read(folder: String) throws(InputError) -> PublishedCertificateFigures {
        let file = folder + "/certificates.csv"
        let csv = try CSVRecords(path: file)
        let cols = try ["year", "quota_in_force_pct", "quota_obligated_consumption_twh_se", "consumer_cost_ore_per_kwh",
                        "implied_price_sek_per_mwh_derived", "avg_certificate_price_sek"].map { name throws(InputError) in
            try csv.column(name, file: file)
        }
        var years = [Int: Year]()
        for (line, fields) in csv.rows {
            func value(_ k: Int) throws(InputError) -> Double? {
                let s = cols[k] < fields.count ? fields[cols[k]] : ""
                if s.isEmpty { return nil }
                guard let x = Double(s), x.isFinite else {
                    throw InputError(file: file, line: line, message: "\(csv.header[cols[k]]): is \"\(s)\" (expected a number or nothing)")
                }
                return x
            }
            guard let year = Int(fields[cols[0]]) else {
                throw InputError(file: file, line: line, message: "year: is \"\(fields[cols[0]])\" (expected a year)")
            }
            years[year] = Year(year: year, quota: try value(1).map { $0 / 100 }, obligatedTWh: try value(2),
                               consumerCostOrePerKWh: try value(3), impliedPriceSEKPerMWh: try value(4),
                               averagePriceSEKPerMWh: try value(5))
        }
        let observationsFile = folder + "/certificates_price_observations.csv"
        if let obs = try? CSVRecords(path: observationsFile),
           let period = obs.header.firstIndex(of: "period"), let value = obs.header.firstIndex(of: "value") {
            for (_, fields) in obs.rows where fields.count > max(period, value) {
                guard let year = Int(fields[period].prefix(4)) else { continue }
                years[year, default: Year(year: year)].observations.append("\(fields[period]): \(fields[value])")
            }
        }
        return PublishedCertificateFigures(years: years, folder: folder)
    }
}
