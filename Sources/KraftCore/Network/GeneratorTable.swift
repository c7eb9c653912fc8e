/// Generators as parallel arrays, powers in per unit.
public struct GeneratorTable: Sendable {
    /// Internal bus index.
    public var bus: [Int] = []
    public var pg: [Double] = []
    public var qg: [Double] = []
    public var qmax: [Double] = []
    public var qmin: [Double] = []
    /// Voltage magnitude set-point, p.u.
    public var vg: [Double] = []
    /// Machine base, MVA.
    public var mBase: [Double] = []
    public var status: [Bool] = []
    public var pmax: [Double] = []
    public var pmin: [Double] = []

    public init() {}

    public var count: Int { bus.count }

    public mutating func append(bus: Int, pg: Double, qg: Double = 0, qmax: Double = .infinity,
                                qmin: Double = -.infinity, vg: Double = 1, mBase: Double = 100,
                                status: Bool = true, pmax: Double = .infinity, pmin: Double = 0) {
        self.bus.append(bus)
        self.pg.append(pg)
        self.qg.append(qg)
        self.qmax.append(qmax)
        self.qmin.append(qmin)
        self.vg.append(vg)
        self.mBase.append(mBase)
        self.status.append(status)
        self.pmax.append(pmax)
        self.pmin.append(pmin)
    }
}
