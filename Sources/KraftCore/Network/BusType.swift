/// The role a bus plays in a power flow, numbered as in MATPOWER's `BUS_TYPE` column.
public enum BusType: Int, Sendable, Codable, CaseIterable {
    /// Load bus: P and Q injections given, voltage magnitude and angle solved.
    case pq = 1
    /// Generator bus: P injection and voltage magnitude given, Q and angle solved.
    case pv = 2
    /// Reference (slack) bus: voltage magnitude and angle given, P and Q solved.
    case ref = 3
    /// Out of service: excluded from every solve.
    case isolated = 4

    public var label: String {
        switch self {
        case .pq: "PQ"
        case .pv: "PV"
        case .ref: "REF"
        case .isolated: "NONE"
        }
    }
}
