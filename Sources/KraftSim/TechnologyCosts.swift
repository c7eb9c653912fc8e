import KraftScenario

/// Marginal costs by technology for merit-order dispatch, EUR/MWh. Assumptions (no scenario
/// sets them yet): weather-driven output is free, hydro is priced at a water value below nuclear
/// fuel, then combined heat and power, then other thermal plants.
public enum TechnologyCosts {
    public static let defaults: [Technology: Double] = [
        .wind: 0, .solar: 0, .smallHydro: 2, .hydro: 8, .nuclear: 12, .chp: 40, .thermal: 70,
    ]
    /// A technology the table does not name.
    public static let unknown = 50.0

    public static func cost(_ technology: Technology) -> Double { defaults[technology] ?? unknown }
}
