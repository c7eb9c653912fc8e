import KraftScenario

/// The model's stated assumptions for a year run, in one place so every output can name them.
/// Each is a default a scenario can override where the `[dispatch]` table has a key for it.
public enum Assumptions {
    // Prices of the areas outside the grid are `ExternalPrices`.

    /// Swedish nuclear fleet energy availability factor, mean of 2020–2024 (0.724, 0.846, 0.827,
    /// 0.779, 0.812): IAEA PRIS via PyPSA-Eur, shared/data/sweden/nuclear_availability_se.csv.
    public static let nuclearAvailability = 0.80

    /// ASSUMPTION: mean capacity factor of small hydro producers (shaped by the zone's inflow).
    public static let smallHydroCapacityFactor = 0.45
    /// ASSUMPTION: mean capacity factor of CHP producers (heat-led, shaped by the zone's load).
    public static let chpCapacityFactor = 0.5

    /// ASSUMPTION: CO2 emissions by technology, t/MWh: "thermal" stands for fossil condensing
    /// plants and gas turbines, "chp" for Swedish CHP (mostly biomass and waste).
    public static let emissions: [Technology: Double] = [.thermal: 0.65, .chp: 0.15, .other: 0.4]

    /// ASSUMPTION: no branch may carry more than a 30° angle difference drives through its
    /// reactance in the DC dispatch (a steady-state stability margin), radians; a rated branch is
    /// also held to its rating. The bound matters on the Nordic44 equivalent, whose long branches
    /// stand for whole corridors: held to their thermal ratings alone, they were sent flows the AC
    /// check could not carry (4,107 hours of base-2025 failed for want of reactive power).
    public static let maxAngleDifference = 30.0 * Double.pi / 180

    /// A zonal cut counts as congested in an hour when its shadow price (the cost one more MW of
    /// its capacity would save) exceeds this, EUR/MWh: a tenth of the default curtailment
    /// penalty. Not "when the dispatch sits at its limit": the LP has many dispatches of equal
    /// cost (hydro of one cost at several buses and hours), and in which of them a cut sits at its
    /// limit at no cost depends on CLP's path: two CLP settings gave a year 1,024 and 1,189 hours
    /// of SE3→SE4 at its limit, at the same prices and shadow prices (Benchmarks/RESULTS.md).
    public static let congestionShadowPriceEURPerMWh = 1e-3
}
