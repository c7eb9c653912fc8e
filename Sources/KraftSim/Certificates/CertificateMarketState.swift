import KraftScenario

/// What the market holds between years: the plants (with the years they earn certificates),
/// what is left of each supply-curve resource, and the bank.
struct CertificateMarketState {
    struct Plant {
        var area: CertificateMarketArea
        var twh: Double
        /// Years with certificates; nil if the plant earns none.
        var certificateYears: ClosedRange<Int>?
    }

    let supply: SupplyCurve
    var plants: [Plant]
    var remaining: [Double]
    var bank = 0.0
    /// What the last `build` commissioned, one entry per project row that built.
    var lastBuilt: [BuiltPlant] = []

    init(supply: SupplyCurve) {
        self.supply = supply
        plants = supply.existing.map {
            Plant(area: CertificateMarketArea(zone: $0.zone), twh: $0.twh, certificateYears: $0.commissioned...$0.certificatesUntil)
        }
        remaining = supply.projects.map(\.resourceTWh)
    }

    /// Commissions, in `year`, every project the price pays for, at most its row's yearly rate.
    mutating func build(year: Int, price: Double, inputs: CertificateInputs) {
        lastBuilt = []
        for (i, p) in supply.projects.enumerated() where remaining[i] > 1e-12 && inputs.builds(p, in: year, at: price) {
            let amount = min(p.maxBuildTWhPerYear, remaining[i])
            guard amount > 0 else { continue }
            remaining[i] -= amount
            let area = CertificateMarketArea(zone: p.zone)
            let until = inputs.certificatesUntil(area, commissioned: year)
            plants.append(Plant(area: area, twh: amount, certificateYears: until.map { year...$0 }))
            lastBuilt.append(BuiltPlant(zone: p.zone, technology: p.technology, year: year, twh: amount,
                                        capacityFactor: p.capacityFactor, certified: until != nil))
        }
    }

    /// Certificates issued in `year`: plants within their certificate years, in a market running then.
    func issued(year: Int, inputs: CertificateInputs) -> Double {
        var total = 0.0
        for p in plants where p.certificateYears?.contains(year) == true && inputs.active(p.area, in: year) {
            total += p.twh
        }
        return total
    }
}
