/// How the certificate price clears a year.
///
/// Rule: the price of year t is the lowest price p, between 0 and the year's fee, such that the
/// expected bank stays non-negative in every year of the horizon (t to t + horizon − 1, not past
/// the end year) if p held all that time — with the plants already built, plus every project
/// that p (with the expected market price) would pay for in each of those years, built as fast
/// as its row allows. If even the fee cannot keep the bank non-negative, the price is the fee
/// (obligated parties pay the fee for what is missing). Without banking the condition is each
/// year's own balance. The bank at the price is monotone in p, so p is found by bisection to
/// 0.01 SEK/MWh.
enum CertificatePriceRule {
    static func clear(year t: Int, fee: Double, state: CertificateMarketState, inputs: CertificateInputs) -> Double {
        func ok(_ p: Double) -> Bool { lowestBank(year: t, price: p, state: state, inputs: inputs) >= -1e-9 }
        if ok(0) { return 0 }
        if !ok(fee) { return fee }
        var lo = 0.0, hi = fee
        while hi - lo > 0.01 {
            let mid = (lo + hi) / 2
            if ok(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// The lowest expected bank over the horizon if the price stayed `price`.
    static func lowestBank(year t: Int, price: Double, state: CertificateMarketState, inputs: CertificateInputs) -> Double {
        let last = min(t + inputs.horizon - 1, inputs.settings.endYear)
        guard last >= t else { return 0 }
        var projected = state
        var lowest = Double.infinity
        var bank = state.bank
        for s in t...last {
            projected.build(year: s, price: price, inputs: inputs)
            if !inputs.settings.banking { bank = 0 }
            bank += projected.issued(year: s, inputs: inputs) - inputs.demandTWh(s)
            lowest = min(lowest, bank)
        }
        return lowest
    }
}
