/// The objective both dispatch methods minimise, evaluated on a result so that their costs are
/// computed the same way: generation at unit cost, curtailment at the curtailment cost, unserved
/// energy at VoLL, surplus dumped at its cost, and price-taking exchanges at the neighbour's price (imports cost, exports
/// earn). Fixed exchanges cost nothing here: they are not a decision.
extension DispatchProblem {
    public func cost(outputMW: [Double], unservedMW: [Double], externalMW: [Double], surplusMW: [Double] = []) -> Double {
        var total = 0.0
        let u = units.count, e = externals.count
        for h in 0..<hours {
            for (k, unit) in units.enumerated() {
                let p = outputMW[h * u + k]
                total += unit.cost * p
                if unit.curtailable { total += curtailmentCostEURPerMWh * (unit.pmax[h] - p) }
            }
            for b in 0..<busCount { total += unservedCostEURPerMWh * unservedMW[h * busCount + b] }
            if !surplusMW.isEmpty { for b in 0..<busCount { total += surplusCostEURPerMWh * surplusMW[h * busCount + b] } }
            for (k, ext) in externals.enumerated() {
                if case .priceTaking(let price) = ext.mode { total += price[h] * externalMW[h * e + k] }
            }
        }
        return total
    }
}
