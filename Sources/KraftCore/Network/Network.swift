/// A power network in per unit, stored as one struct of arrays per element kind.
///
/// Elements refer to buses by their internal index `0..<buses.count`; the external bus numbers of
/// the source file are kept in `buses.id` and looked up through `busIndex`. Per-unit conversion
/// happens once, when the network is built: powers are divided by `baseMVA`, angles are radians.
/// Out-of-service elements stay in the model with their status flag cleared, so that a
/// contingency or an event only flips a flag.
public struct Network: Sendable {
    /// System base in MVA; every power in the model is in units of it.
    public var baseMVA: Double
    public var name: String
    public var buses: BusTable
    public var loads: LoadTable
    public var shunts: ShuntTable
    public var branches: BranchTable
    public var generators: GeneratorTable
    /// External bus number → internal index.
    public var busIndex: [Int: Int]

    public init(name: String, baseMVA: Double, buses: BusTable, loads: LoadTable = LoadTable(),
                shunts: ShuntTable = ShuntTable(), branches: BranchTable, generators: GeneratorTable) {
        self.name = name
        self.baseMVA = baseMVA
        self.buses = buses
        self.loads = loads
        self.shunts = shunts
        self.branches = branches
        self.generators = generators
        var index = [Int: Int](minimumCapacity: buses.count)
        for (i, id) in buses.id.enumerated() { index[id] = i }
        self.busIndex = index
    }

    /// Net complex power demand per bus (loads in service), in per unit.
    public func busDemand() -> (p: [Double], q: [Double]) {
        var p = [Double](repeating: 0, count: buses.count)
        var q = [Double](repeating: 0, count: buses.count)
        for l in 0..<loads.count where loads.status[l] {
            p[loads.bus[l]] += loads.p[l]
            q[loads.bus[l]] += loads.q[l]
        }
        return (p, q)
    }

    /// Shunt admittance per bus (shunts in service) at 1 p.u. voltage, in per unit.
    public func busShunt() -> (g: [Double], b: [Double]) {
        var g = [Double](repeating: 0, count: buses.count)
        var b = [Double](repeating: 0, count: buses.count)
        for s in 0..<shunts.count where shunts.status[s] {
            g[shunts.bus[s]] += shunts.g[s]
            b[shunts.bus[s]] += shunts.b[s]
        }
        return (g, b)
    }
}
