/// The published figures the model is checked against: `certificates.csv` (quota in force,
/// reported quota-obligated use, consumer cost, the price implied by it, average prices) and
/// `certificates_price_observations.csv` (sub-annual price points), both as in
/// shared/data/sweden and copied, with their sources, to Scenarios/certificates/published/; and
/// `certificates_bank.csv` (the bank of the joint market after each year's cancellation, with
/// certificates issued and cancelled where published, each row with its source).
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
        /// The joint market's bank after the year's cancellation, and the certificates issued and
        /// cancelled for the year, millions (= TWh), where published.
        public var bankTWh: Double?
        public var issuedTWh: Double?
        public var cancelledTWh: Double?
    }

    public var years: [Int: Year]
    public var folder: String

    /// Reads `certificates.csv` and, when present, `certificates_price_observations.csv` and
    /// `certificates_bank.csv` in `folder`.
    public static func read(folder: String) throws(InputError) -> PublishedCertificateFigures {
        let file = folder + "/certificates.csv"
        let csv = try CSVRecords(path: file)
        let cols = try ["year", "quota_in_force_pct", "quota_obligated_consumption_twh_se", "consumer_cost_ore_per_kwh",
                        "implied_price_sek_per_mwh_derived", "avg_certificate_price_sek"].map { name throws(InputError) in
            try csv.column(name, file: file)
        }
        var years = [Int: Year]()
        for (line, fields) in csv.rows {
            func value(_ k: Int) throws(InputError) -> Double? { try number(csv, fields, cols[k], file: file, line: line) }
            let year = try yearField(fields[cols[0]], file: file, line: line)
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
        let bankFile = folder + "/certificates_bank.csv"
        if let bank = try? CSVRecords(path: bankFile) {
            let columns = try ["year", "bank_million", "issued_million", "cancelled_million"].map { name throws(InputError) in
                try bank.column(name, file: bankFile)
            }
            for (line, fields) in bank.rows {
                func value(_ k: Int) throws(InputError) -> Double? { try number(bank, fields, columns[k], file: bankFile, line: line) }
                let year = try yearField(fields[columns[0]], file: bankFile, line: line)
                years[year, default: Year(year: year)].bankTWh = try value(1)
                years[year, default: Year(year: year)].issuedTWh = try value(2)
                years[year, default: Year(year: year)].cancelledTWh = try value(3)
            }
        }
        return PublishedCertificateFigures(years: years, folder: folder)
    }

    /// The number in `column` of a row, nil when the field is empty or missing.
    private static func number(_ csv: CSVRecords, _ fields: [String], _ column: Int, file: String, line: Int) throws(InputError) -> Double? {
        let s = column < fields.count ? fields[column] : ""
        if s.isEmpty { return nil }
        guard let x = Double(s), x.isFinite else {
            throw InputError(file: file, line: line, message: "\(csv.header[column]): is \"\(s)\" (expected a number or nothing)")
        }
        return x
    }

    private static func yearField(_ s: String, file: String, line: Int) throws(InputError) -> Int {
        guard let year = Int(s) else { throw InputError(file: file, line: line, message: "year: is \"\(s)\" (expected a year)") }
        return year
    }
}
