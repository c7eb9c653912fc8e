/// The documented figures the synthetic profiles are calibrated to, with their labels from
/// `shared/data/sweden` (reported / DERIVED / ASSUMPTION), so a report can state them.
public struct ProfileTargets: Sendable, Equatable {
    /// Annual electricity use per Swedish zone, TWh (per 8,760-hour year; a leap year gets the
    /// same average MW). DERIVED in zones.csv: ENTSO-E load share 2016–2020 × 138 TWh national use 2019.
    public var zoneEnergyTWh: [String: Double]
    /// National peak hour, MW: reported, 26 883 MWh/h on 2016-01-15 08–09 (SvK Kraftbalansen 2016).
    public var nationalPeakMW: Double
    /// Installed wind, MW (reported, end-2023), its generation, TWh (reported, 2023), and the wind
    /// capacity that produced it: DERIVED as the mean of the start- and end-of-year capacity
    /// (16 251 − 2 000 added in 2023 / 2, zones.csv), as for solar.
    public var windInstalledMW: Double
    public var windEnergyTWh: Double
    public var windMeanCapacityMW: Double
    /// Installed solar, MW (reported, end-2023), generation 2023, TWh (reported), and the solar
    /// capacity that produced it: DERIVED as the mean of the start- and end-of-year capacity
    /// (3 970 − 1 598 added in 2023 / 2), since the fleet grew by two thirds during the year.
    public var solarInstalledMW: Double
    public var solarEnergyTWh: Double
    public var solarMeanCapacityMW: Double
    /// Hydro energy per Swedish zone, TWh/yr: DERIVED, the 2016–2020 mean of ENTSO-E A75 hydro
    /// generation (profiles/zone_generation_entsoe_2016_2020.csv), 65.2 TWh in total against the
    /// reported 65 TWh of a normal year. Over a year inflow and generation balance, so this is the
    /// inflow energy.
    public var hydroInflowTWh: [String: Double]
    /// For zones outside Sweden (no sourced figures): mean inflow as a share of the zone's hydro
    /// capacity in the grid. DERIVED proxy from Sweden: mean hydro output 2016–2020 (7 431 MW) /
    /// sum of the zones' largest hourly outputs (13 822 MW) = 0.538; ASSUMPTION that it applies
    /// to Norway and Finland.
    public var relativeInflowShare: Double

    /// Wind capacity factor for every zone: DERIVED, 34.5 TWh / (15 251 MW × 8 760 h), the 2023
    /// generation over the year's mean fleet (over the end-of-year fleet it was 0.242, too low for a
    /// fleet that grew by 2 GW during the year). Per-zone factors were not found (zones.csv has only
    /// max-hour proxies), so all zones share it.
    public var windCapacityFactor: Double { windEnergyTWh * 1e6 / (windMeanCapacityMW * 8760) }
    /// Solar capacity factor for every zone: DERIVED, 2023 generation / (mean 2023 capacity × 8 760 h).
    public var solarCapacityFactor: Double { solarEnergyTWh * 1e6 / (solarMeanCapacityMW * 8760) }
    /// Sweden's annual use, TWh: the sum of the zones.
    public var nationalEnergyTWh: Double { zoneEnergyTWh.values.reduce(0, +) }

    public static let sweden = ProfileTargets(
        zoneEnergyTWh: ["SE1": 10.3, "SE2": 16.3, "SE3": 86.9, "SE4": 24.5],
        nationalPeakMW: 26_883,
        windInstalledMW: 16_251, windEnergyTWh: 34.5, windMeanCapacityMW: 16_251 - 2_000.0 / 2,
        solarInstalledMW: 3_970, solarEnergyTWh: 3.1, solarMeanCapacityMW: 3_970 - 1_598.0 / 2,
        hydroInflowTWh: ["SE1": 19.282, "SE2": 35.188, "SE3": 9.514, "SE4": 1.186],
        relativeInflowShare: 7_431.18 / 13_822)

    /// One line per figure, with its label, for reports.
    public var lines: [String] {
        let zones = zoneEnergyTWh.keys.sorted()
        return [
            "consumption per zone (DERIVED, zones.csv 2019: load share × 138 TWh): "
                + zones.map { "\($0) \(zoneEnergyTWh[$0]!) TWh" }.joined(separator: ", "),
            "national peak \(Int(nationalPeakMW)) MW (reported, SvK, 2016-01-15 08–09)",
            "wind \(Int(windInstalledMW)) MW installed, \(windEnergyTWh) TWh from a mean \(Int(windMeanCapacityMW)) MW "
                + "in 2023 (reported; mean DERIVED): capacity factor \(rounded(windCapacityFactor)) in every zone (DERIVED)",
            "solar \(Int(solarInstalledMW)) MW installed, \(solarEnergyTWh) TWh from a mean \(Int(solarMeanCapacityMW)) MW "
                + "in 2023 (reported; mean DERIVED): capacity factor \(rounded(solarCapacityFactor)) in every zone (DERIVED)",
            "hydro inflow per zone (DERIVED, ENTSO-E A75 mean 2016–2020): "
                + hydroInflowTWh.keys.sorted().map { "\($0) \(hydroInflowTWh[$0]!) TWh" }.joined(separator: ", "),
            "zones outside Sweden: load relative to the grid's own loads (annual mean 1, ASSUMPTION); inflow "
                + "\(rounded(relativeInflowShare)) of the zone's hydro capacity on average (DERIVED from Sweden, ASSUMPTION elsewhere)",
        ]
    }

    private func rounded(_ x: Double) -> String { String((x * 1000).rounded() / 1000) }
}
