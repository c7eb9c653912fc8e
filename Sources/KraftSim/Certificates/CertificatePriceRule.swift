/// How the certificate price clears a year.
///
/// Rule: the price of year t is the lowest price p, between 0 and the year's fee, such that the
/// expected bank stays non-negative in every year of the horizon (t to t + horizon − 1, not past
/// the end year) if p were expected to hold all that time — with the plants already built, plus
/// every project that p (with the expected market price) would pay for over its certificate
/// years, commissioned in each of those years as fast as its row allows. The horizon is, unless
/// a setting says otherwise, the entitlement (15 years): the market looks as far ahead as an
/// investor in a plant commissioned today has to, so build-out is decided against the price
/// expected over a new plant's certificate years, and certificates are banked ahead of quotas
/// that rise later in the horizon faster than plants can be built.
///
/// - If even the fee cannot keep the bank non-negative in year t itself, the price is the fee
///   (obligated parties pay the fee for what is missing).
/// - A shortfall that no price could prevent — the bank runs short in year k even with every
///   eligible project built as fast as it can, e.g. after the stop rule — ends the horizon at
///   k − 1: it does not set today's price. (Pricing it would need the fee of year k, which the
///   statute ties to the price of the year before.)
/// - Without banking the condition is each year's own balance.
///
/// The expected bank is monotone in p, so p is found by bisection to 0.01 SEK/MWh. The rule
/// assumes the price is expected to stay where it is (no expected rise at the discount rate, as a
/// perfect-foresight market would price a bankable certificate); with it the published prices'
/// decline over 2009–2019 comes out, which a rising expected path does not give.
enum CertificatePriceRule {
    static func clear(year t: Int, fee: Double, state: CertificateMarketState, inputs: CertificateInputs) -> Double {
        var last = min(t + inputs.horizon - 1, inputs.settings.endYear)
        guard last >= t else { return 0 }
        if let short = expectedBanks(year: t, last: last, price: .infinity, state: state, inputs: inputs)
            .firstIndex(where: { $0 < -1e-9 }) {
            if short == 0 { return fee }
            last = t + short - 1
        }
        func ok(_ p: Double) -> Bool {
            expectedBanks(year: t, last: last, price: p, state: state, inputs: inputs).allSatisfy { $0 >= -1e-9 }
        }
        if ok(0) { return 0 }
        if !ok(fee) { return fee }
        var lo = 0.0, hi = fee
        while hi - lo > 0.01 {
            let mid = (lo + hi) / 2
            if ok(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// The expected bank at the end of each year t...last if the price stayed `price`
    /// (`.infinity`: every eligible project is built as fast as its row allows).
    static func expectedBanks(year t: Int, last: Int, price: Double, state: CertificateMarketState,
                              inputs: CertificateInputs) -> [Double] {
        var projected = state
        var bank = state.bank
        var banks = [Double]()
        banks.reserveCapacity(max(0, last - t + 1))
        for s in t...last {
            projected.build(year: s, price: price, inputs: inputs)
            if !inputs.settings.banking { bank = 0 }
            bank += projected.issued(year: s, inputs: inputs) - inputs.demandTWh(s)
            banks.append(bank)
        }
        return banks
    }
}
