/// The eligible generation a market starts from and the new renewable projects it can call on:
/// per zone and technology, each row labelled with its source or as an ASSUMPTION.
public struct SupplyCurve: Sendable {
    /// Plants already producing when the model starts, with the last year they earn certificates.
    public struct Existing: Sendable {
        public var zone: String
        public var technology: Producer.Technology
        public var commissioned: Int
        public var twh: Double
        public var certificatesUntil: Int
        public var basis: String
        public var line: Int
    }

    /// A resource that can be built: its cost, how much of it there is and how fast it can come.
    public struct Project: Sendable {
        public var zone: String
        public var technology: Producer.Technology
        /// First year a plant of this row can be commissioned.
        public var firstYear: Int
        /// Levelised cost in `firstYear`, SEK/MWh.
        public var costSEKPerMWh: Double
        /// Yearly change of the cost, as a fraction (−0.03 is 3 % cheaper every year).
        public var costChangePerYear: Double
        /// Annual production of the whole resource, TWh.
        public var resourceTWh: Double
        /// Most that can be commissioned in one year, TWh of annual production.
        public var maxBuildTWhPerYear: Double
        /// Annual production / (capacity × 8760 h), to turn TWh into MW for the grid.
        public var capacityFactor: Double
        public var basis: String
        public var line: Int

        public func cost(in year: Int) -> Double {
            var c = costSEKPerMWh
            for _ in firstYear..<max(firstYear, year) { c *= 1 + costChangePerYear }
            return c
        }
    }

    public var existing: [Existing]
    public var projects: [Project]
    /// Where the rows came from, for reports.
    public var source: String

    public init(existing: [Existing], projects: [Project], source: String) {
        self.existing = existing
        self.projects = projects
        self.source = source
    }

    /// No existing plants and no projects: what a setting without a supply curve runs on.
}
