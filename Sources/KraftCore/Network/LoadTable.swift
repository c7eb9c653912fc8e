/// Constant-power loads as parallel arrays, in per unit.
public struct LoadTable: Sendable {
    /// Internal bus index.
    public var bus: [Int] = []
    public var p: [Double] = []
    public var q: [Double] = []
    public var status: [Bool] = []

    public init() {}

    public var count: Int { bus.count }

    public mutating func append(bus: Int, p: Double, q: Double, status: Bool = true) {
        self.bus.append(bus)
        self.p.append(p)
        self.q.append(q)
        self.status.append(status)
    }
}
