/// Reactive support a scenario adds at a bus or a named site (`[[compensation]]`): the answer a
/// planner gives to a closure that leaves an area short of reactive power. None of it produces
/// active power; only a synchronous condenser adds inertia.
public struct Compensation: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A rotating machine without a prime mover: a reactive range and kinetic energy.
        case synchronousCondenser = "synchronous_condenser"
        /// A static var compensator: a reactive range, no inertia.
        case svc
        /// A voltage-source converter: a reactive range, no inertia.
        case statcom
        /// Capacitor or reactor steps switched in to hold the voltage.
        case switchedShunt = "switched_shunt"
    }
    public enum Location: Sendable, Equatable { case bus(Int), site(String) }

    public var name: String
    public var kind: Kind
    public var location: Location
    /// The reactive range, Mvar: `minMvar` ≤ 0 (absorbing) ≤ `maxMvar` (producing). A switched
    /// shunt's range is the sum of its steps (capacitors up, reactors down).
    public var minMvar: Double
    public var maxMvar: Double
    /// Kinetic energy of a synchronous condenser, MWs (0 for the static kinds).
    public var inertiaMWs: Double
    /// A switched shunt's steps, Mvar each (positive: capacitor; negative: reactor); empty otherwise.
    public var stepsMvar: [Double]
    /// First day in service (nil: from the start of the period).
    public var from: CalendarDate?
    public var origin: Origin

    public init(name: String, kind: Kind, location: Location, minMvar: Double, maxMvar: Double, inertiaMWs: Double = 0,
                stepsMvar: [Double] = [], from: CalendarDate? = nil, origin: Origin) {
        self.name = name
        self.kind = kind
        self.location = location
        self.minMvar = minMvar
        self.maxMvar = maxMvar
        self.inertiaMWs = inertiaMWs
        self.stepsMvar = stepsMvar
        self.from = from
        self.origin = origin
    }

    /// What a person reads: "synchronous condenser C1: −300 to +500 Mvar at site Ringhals from 2030-01-01".
    public var summary: String {
        let place: String = switch location { case .bus(let b): "bus \(b)"; case .site(let s): "site \(s)" }
        let range = "\(Int(minMvar.rounded())) to +\(Int(maxMvar.rounded())) Mvar"
        return "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")) \(name): \(range) at \(place)" + (from.map { " from \($0)" } ?? "")
    }
}

/// Voltage limits a scenario sets (`[voltage_limits]`), in p.u. of each bus's base voltage: for
/// every bus, per voltage level (the grid file's base kV) and per bus; the most specific wins.
public struct VoltageLimitSettings: Sendable, Equatable {
    public struct Band: Sendable, Equatable {
        public var minPU: Double
        public var maxPU: Double
        public init(minPU: Double, maxPU: Double) {
            self.minPU = minPU
            self.maxPU = maxPU
        }
    }
    /// Every bus (nil: the sidecar's and the defaults).
    public var all: Band?
    /// By the grid file's base kV.
    public var levels: [Double: Band] = [:]
    /// By bus number.
    public var buses: [Int: Band] = [:]
    public var origin: Origin

    public init(all: Band? = nil, levels: [Double: Band] = [:], buses: [Int: Band] = [:], origin: Origin) {
        self.all = all
        self.levels = levels
        self.buses = buses
        self.origin = origin
    }
}
