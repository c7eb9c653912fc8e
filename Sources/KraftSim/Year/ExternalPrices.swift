import KraftScenario

/// Hourly day-ahead prices of the price areas outside the grid (DK1, DK2, DE, PL, LT and any
/// other a link reaches), made from an annual mean and a documented shape, so that exports and
/// imports follow the hours, days and seasons as the real prices do.
///
/// price(h) = mean × month[m] × weekday[d] × hour[h] / c, with c chosen so that the mean over
/// the calendar year is exactly `mean`.
///
/// - Annual means (EUR/MWh), DERIVED: the means of the real hourly series in
///   shared/data/sweden/hourly (SMARD for DE, DK1, DK2, PL; Nord Pool for LT), 2019 and 2023.
///   PL in 2019 (prices only from 20 November) and LT in 2023 (no series) are filled by a stated
///   rule: the area's ratio to DE in the other year (ASSUMPTION). Years without a series take the
///   nearest documented year: up to 2021 the 2019 means, from 2022 on the 2023 means (ASSUMPTION:
///   a planner studying a future year should set `[dispatch] neighbour_prices_eur_mwh`, which
///   replaces the mean and keeps the shape). Areas without a series (NL, GB, RU) take DE's mean,
///   EE Lithuania's (ASSUMPTION).
/// - Shape, DERIVED: the German price of 2019 and 2023 averaged by month, weekday and hour of
///   day (CET), each relative to its year's mean: the winter months dearer, weekends cheaper, a
///   morning and an evening peak. ASSUMPTION: every external area shares this shape.
public enum ExternalPrices {
    public static let means: [Int: [String: Double]] = [
        2019: ["DE": 37.67, "DK1": 38.49, "DK2": 39.84, "PL": 37.67 * 111.66 / 95.18, "LT": 46.12],
        2023: ["DE": 95.18, "DK1": 86.83, "DK2": 81.26, "PL": 111.66, "LT": 95.18 * 46.12 / 37.67],
    ]

    static let month = [1.275, 1.242, 0.945, 1.02, 0.931, 0.93, 0.934, 0.985, 1.004, 0.949, 1.023, 0.784]
    /// Monday first.
    static let weekday = [1.049, 1.089, 1.102, 1.109, 1.064, 0.846, 0.742]
    static let hourOfDay = [0.848, 0.806, 0.781, 0.774, 0.811, 0.946, 1.107, 1.179, 1.139, 1.043, 0.967, 0.903,
                            0.838, 0.809, 0.85, 0.934, 1.073, 1.251, 1.385, 1.337, 1.203, 1.098, 1.005, 0.913]

    /// The documented year whose means stand for `year`.
    public static func meanYear(for year: Int) -> Int { year <= 2021 ? 2019 : 2023 }

    /// The annual mean of an area in `year`, EUR/MWh: the area's own, or DE's for an area without
    /// a series (ASSUMPTION, stated in the run's notes).
    public static func mean(area: String, year: Int) -> Double {
        let table = means[meanYear(for: year)]!
        return table[standIn[area] ?? area] ?? table["DE"]!
    }

    /// Areas without a series of their own priced as a neighbour's (ASSUMPTION): Estonia as
    /// Lithuania (one Baltic price zone in most hours). NL, GB and RU take DE's mean.
    static let standIn = ["EE": "LT"]

    /// The shape factor of an hour, before normalisation.
    static func rawFactor(date: CalendarDate, hour: Int) -> Double {
        // 1970-01-01 (day 0) was a Thursday: index 3 with Monday first.
        let d = ((date.dayNumber + 3) % 7 + 7) % 7
        return month[date.month - 1] * weekday[d] * hourOfDay[hour]
    }

    /// The normalisation of a calendar year: the mean raw factor over its hours.
    static func normaliser(year: Int) -> Double {
        let first = CalendarDate(year: year, month: 1, day: 1).dayNumber
        let days = CalendarDate(year: year + 1, month: 1, day: 1).dayNumber - first
        var sum = 0.0
        for day in 0..<days {
            let date = CalendarDate(dayNumber: first + day)
            for h in 0..<24 { sum += rawFactor(date: date, hour: h) }
        }
        return sum / Double(days * 24)
    }

    /// The hourly price of an area with annual mean `mean` on `date` at `hour` (0–23, CET).
    public static func price(mean: Double, date: CalendarDate, hour: Int, normaliser: Double) -> Double {
        mean * rawFactor(date: date, hour: hour) / normaliser
    }
}
