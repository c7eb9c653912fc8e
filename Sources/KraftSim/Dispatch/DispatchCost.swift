/// The objective both dispatch methods minimise, evaluated on a result so that their costs are
/// computed the same way: generation at unit cost (with its offer steps), curtailment at the
/// curtailment cost, unserved energy at VoLL, surplus dumped at its cost, and price-taking
/// exchanges at the neighbour's price (imports cost, exports earn). Fixed exchanges cost nothing
/// here: they are not a decision.
extension DispatchProblem {
    public func cost(outputMW: HourMatrix<Double>, unservedMW: HourMatrix<Double>, externalMW: HourMatrix<Double>,
                     surplusMW: HourMatrix<Double> = HourMatrix(width: 0)) -> Double {
        var total = 0.0
        for h in 0..<hours {
            for (k, unit) in units.enumerated() {
                let p = outputMW[h, k]
                total += unit.energyCost(p, hour: h)
                if unit.curtailable { total += curtailmentCostEURPerMWh * (unit.pmax[h] - p) }
            }
            for b in 0..<busCount { total += unservedCostEURPerMWh * unservedMW[h, b] }
            if !surplusMW.isEmpty { for b in 0..<busCount { total += surplusCostEURPerMWh * surplusMW[h, b] } }
            for (k, ext) in externals.enumerated() {
                if case .priceTaking(let price) = ext.mode { total += price[h] * externalMW[h, k] }
            }
        }
        return total
    }
}
