/// Starting voltages for an iterative solve, as MATPOWER's `runpf` builds them.
enum InitialVoltages {
    /// Magnitudes and angles for `point`; PV and reference magnitudes come from the set-point of
    /// their generators in service (the last one at a bus wins, as in MATPOWER).
    static func make(_ point: InitialPoint, network: Network, buses: BusClassification,
                     generatorOn: [Bool], dcAngles: () -> [Double]) -> (vm: [Double], va: [Double]) {
        let n = network.buses.count
        var vm: [Double], va: [Double]
        switch point {
        case .case:
            vm = network.buses.vm
            va = network.buses.va
        case .flat:
            vm = [Double](repeating: 1, count: n)
            va = [Double](repeating: 0, count: n)
        case .dc:
            vm = [Double](repeating: 1, count: n)
            va = dcAngles()
        }
        var controlled = [Bool](repeating: false, count: n)
        for i in buses.ref { controlled[i] = true }
        for i in buses.pv { controlled[i] = true }
        let gens = network.generators
        for g in 0..<gens.count where generatorOn[g] && controlled[gens.bus[g]] {
            vm[gens.bus[g]] = gens.vg[g]
        }
        for i in buses.dead { vm[i] = 0; va[i] = 0 }
        return (vm, va)
    }
}
