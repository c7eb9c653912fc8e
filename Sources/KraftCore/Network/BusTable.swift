/// Buses as parallel arrays. Voltages are the stored operating point (initial guess or result).
public struct BusTable: Sendable {
    /// External bus number, unique.
    public var id: [Int] = []
    public var type: [BusType] = []
    /// Voltage magnitude, p.u.
    public var vm: [Double] = []
    /// Voltage angle, radians.
    public var va: [Double] = []
    public var baseKV: [Double] = []
    public var area: [Int] = []
    public var zone: [Int] = []
    public var vmax: [Double] = []
    public var vmin: [Double] = []
    /// Optional names (MATPOWER `bus_name`); empty when the source has none.
    public var name: [String] = []

    public init() {}

    public var count: Int { id.count }

    public mutating func append(id: Int, type: BusType, vm: Double, va: Double, baseKV: Double,
                                area: Int = 1, zone: Int = 1, vmax: Double = 1.1, vmin: Double = 0.9) {
        self.id.append(id)
        self.type.append(type)
        self.vm.append(vm)
        self.va.append(va)
        self.baseKV.append(baseKV)
        self.area.append(area)
        self.zone.append(zone)
        self.vmax.append(vmax)
        self.vmin.append(vmin)
    }
}
