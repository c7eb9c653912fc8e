/// Fixed shunt admittances as parallel arrays, in per unit at 1 p.u. voltage
/// (MATPOWER's `GS`/`BS` divided by the base: positive `b` injects reactive power).
public struct ShuntTable: Sendable {
    /// Internal bus index.
    public var bus: [Int] = []
    public var g: [Double] = []
    public var b: [Double] = []
    public var status: [Bool] = []

    public init() {}

    public var count: Int { bus.count }

    public mutating func append(bus: Int, g: Double, b: Double, status: Bool = true) {
        self.bus.append(bus)
        self.g.append(g)
        self.b.append(b)
        self.status.append(status)
    }
}
