/// What the synthetic generator knows about a zone's climate and demand: monthly normal
/// temperatures, the latitude of its load centre, how strongly its load follows the cold, and
/// when its spring flood comes. One value per bidding zone of the Nordic44 grid; any other zone
/// name gets `fallback` (Stockholm's climate at 60° N).
///
/// Sources and labels:
/// - Monthly mean temperatures (°C, January…December), one city per zone. Third-party climate
///   tables, rounded to whole degrees except Sundsvall (1991–2020 normals to 0.1 °C):
///   SE1 Luleå — visitlulea.se/en/planera/vaeder/temperatur (monthly averages);
///   SE2 Sundsvall — climatsetvoyages.com/climat/suede/sundsvall (1991–2020 means);
///   SE3 Stockholm — klima.org/schweden/klima-stockholm (mean of the monthly min and max);
///   SE4 Malmö — climatestotravel.com/climate/sweden/malmo (mean of the monthly min and max).
///   ASSUMPTION: one city stands for its whole zone. The Norwegian and Finnish zones borrow the
///   Swedish city with the most similar climate (ASSUMPTION, no sourced normals): NO1 Oslo and
///   FI Helsinki ≈ Stockholm, NO2 Kristiansand and NO5 Bergen ≈ Malmö, NO3 Trondheim ≈
///   Sundsvall, NO4 Tromsø ≈ Luleå.
/// - Latitude of the load centre (degrees north): ASSUMPTION, read off a map.
/// - `heatingSensitivity`: relative load rise per 10 K of heating degrees below 17 °C — ASSUMPTION,
///   smaller in the industrial north (SE1, SE2), larger where electric heating is common (SE3,
///   Norway). The national amplitude is then fitted to the reported peak (see `SyntheticProfiles`).
/// - `floodDay`: day of the year the spring-flood inflow peaks — ASSUMPTION: earlier in the south
///   (snowmelt in April), later in the mountains and the north (June).
struct ZoneClimate: Sendable {
    var monthlyMeanC: [Double]
    var latitude: Double
    var heatingSensitivity: Double
    var floodDay: Double

    static let lulea: [Double] = [-10, -9, -5, 0, 7, 13, 16, 14, 8, 3, -4, -8]
    static let sundsvall: [Double] = [-6.3, -6.0, -1.8, 2.9, 8.0, 12.9, 16.1, 14.8, 10.2, 4.2, -0.9, -4.4]
    static let stockholm: [Double] = [-3, -3, -0.5, 4.5, 10, 15.5, 18, 16.5, 12, 7, 2.5, -0.5]
    static let malmo: [Double] = [1, 1, 3, 7, 12.5, 15.5, 18, 18, 13.5, 9.5, 5, 2]

    static let zones: [String: ZoneClimate] = [
        "SE1": ZoneClimate(monthlyMeanC: lulea, latitude: 66.0, heatingSensitivity: 0.25, floodDay: 165),
        "SE2": ZoneClimate(monthlyMeanC: sundsvall, latitude: 63.0, heatingSensitivity: 0.30, floodDay: 155),
        "SE3": ZoneClimate(monthlyMeanC: stockholm, latitude: 59.5, heatingSensitivity: 0.45, floodDay: 120),
        "SE4": ZoneClimate(monthlyMeanC: malmo, latitude: 56.0, heatingSensitivity: 0.40, floodDay: 100),
        "NO1": ZoneClimate(monthlyMeanC: stockholm, latitude: 60.0, heatingSensitivity: 0.50, floodDay: 145),
        "NO2": ZoneClimate(monthlyMeanC: malmo, latitude: 59.0, heatingSensitivity: 0.50, floodDay: 150),
        "NO3": ZoneClimate(monthlyMeanC: sundsvall, latitude: 63.5, heatingSensitivity: 0.45, floodDay: 160),
        "NO4": ZoneClimate(monthlyMeanC: lulea, latitude: 68.0, heatingSensitivity: 0.40, floodDay: 170),
        "NO5": ZoneClimate(monthlyMeanC: malmo, latitude: 60.5, heatingSensitivity: 0.50, floodDay: 160),
        "FI": ZoneClimate(monthlyMeanC: stockholm, latitude: 61.5, heatingSensitivity: 0.40, floodDay: 125),
    ]

    static let fallback = ZoneClimate(monthlyMeanC: stockholm, latitude: 60.0, heatingSensitivity: 0.40, floodDay: 140)

    static func of(_ zone: String) -> ZoneClimate { zones[zone] ?? fallback }

    /// Normal temperature on a (fractional, 0-based) day of the year: linear between mid-month
    /// values, wrapping around the new year.
    func normalTemperature(dayOfYear day: Double, daysInYear: Int) -> Double {
        let monthLength = Double(daysInYear) / 12
        let x = day / monthLength - 0.5  // 0 at mid-January
        let i = Int(x.rounded(.down))
        let f = x - Double(i)
        let a = monthlyMeanC[(i % 12 + 12) % 12], b = monthlyMeanC[((i + 1) % 12 + 12) % 12]
        return a + (b - a) * f
    }
}
