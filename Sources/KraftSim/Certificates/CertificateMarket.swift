import KraftScenario

/// The Swedish electricity-certificate market (with Norway as an option), year by year from 2003
/// to 2045: quota demand, certificates issued to eligible plants, new projects from the supply
/// curve, the clearing price (CertificatePriceRule), cancellation against the quota, the fee for
/// a shortfall, and the bank.
public enum CertificateMarket {
    public static func run(_ settings: CertificateSettings, supply: SupplyCurve) -> CertificateRun {
        let inputs = CertificateInputs(settings)
        var state = CertificateMarketState(supply: supply)
        var years = [CertificateYear]()
        var built = [BuiltPlant]()
        var previousPrice: Double?
        for t in CertificateAssumptions.years {
            let bankStart = state.bank
            let active = inputs.active(.sweden, in: t)
            let fee = active ? settings.penaltySEKPerMWh
                ?? previousPrice.map { CertificateAssumptions.feeFactor * $0 } ?? CertificateAssumptions.firstFeeSEKPerMWh : 0
            let price = active ? CertificatePriceRule.clear(year: t, fee: fee, state: state, inputs: inputs) : 0
            state.build(year: t, price: price, inputs: inputs)
            built += state.lastBuilt
            let issued = state.issued(year: t, inputs: inputs)
            let demand = inputs.demandTWh(t)
            let available = bankStart + issued
            let used = min(demand, available)
            var bankEnd = available - used
            var cancelled = 0.0
            if active && (!settings.banking || t == settings.endYear) {
                cancelled = bankEnd
                bankEnd = 0
            }
            state.bank = bankEnd
            var newBuild = [BuildKey: Double]()
            for b in state.lastBuilt { newBuild[BuildKey(zone: b.zone, technology: b.technology), default: 0] += b.twh }
            years.append(CertificateYear(
                year: t, active: active, quota: inputs.quota(t), obligatedTWh: inputs.obligatedTWh(t),
                norwayQuota: inputs.norwayQuota(t), norwayObligatedTWh: inputs.norwayObligatedTWh(t),
                demandTWh: demand, issuedTWh: issued, usedForQuotaTWh: used, cancelledTWh: cancelled,
                shortfallTWh: demand - used, bankStartTWh: bankStart, bankEndTWh: bankEnd,
                priceSEKPerMWh: price, feeSEKPerMWh: fee, newBuild: newBuild))
            if active { previousPrice = price }
        }
        return CertificateRun(settings: settings, years: years, built: built,
                              assumptions: CertificateAssumptions.lines(for: settings, supply: supply))
    }
}
