/// What a generator of a study is, by the names the grid sidecar, the fleet file, the scenario's
/// producers and the result folder use: the raw value is the file's string, read once where the
/// file is read (an unknown name is a problem naming its file and key) and written back unchanged.
public enum Technology: String, Sendable, CaseIterable, CustomStringConvertible {
    case nuclear, hydro, wind, solar
    case smallHydro = "small_hydro"
    case chp, thermal
    /// A grid machine without a technology in the sidecar, or one whose output the fleet took over.
    case other
    /// Reactive support on the study grid (`Compensation.Kind`): no active power.
    case synchronousCondenser = "synchronous_condenser"
    case svc, statcom
    case switchedShunt = "switched_shunt"

    /// The file's name, also in string interpolation.
    public var description: String { rawValue }

    /// What a fleet file's unit or aggregate may be.
    public static let fleet: [Technology] = [.nuclear, .hydro, .wind, .solar, .chp, .thermal]
    /// What a grid sidecar's generator may be.
    public static let grid: [Technology] = [.nuclear, .hydro, .wind, .solar, .smallHydro, .chp, .thermal, .other]

    /// Whether its machines spin in synchronism with the grid (inertia, voltage control): wind
    /// and solar come in through converters.
    public var isSynchronous: Bool { self != .wind && self != .solar }

    public init(_ producer: Producer.Technology) {
        self = switch producer {
        case .wind: .wind
        case .solar: .solar
        case .smallHydro: .smallHydro
        case .chp: .chp
        }
    }

    public init(_ support: Compensation.Kind) {
        self = switch support {
        case .synchronousCondenser: .synchronousCondenser
        case .svc: .svc
        case .statcom: .statcom
        case .switchedShunt: .switchedShunt
        }
    }
}

extension TableReader {
    /// `key` as one of `choices` (a problem naming the key and the choices otherwise).
    func technology(_ key: String, _ choices: [Technology]) -> Technology? {
        choice(key, choices.map(\.rawValue)).flatMap(Technology.init(rawValue:))
    }
}
