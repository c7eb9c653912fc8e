/// The data groups of a PSS/E RAW file; each ends with a record `0` (`0 / END OF ... DATA`),
/// and a record `Q` ends the file. Which groups a revision has, and in which order, is
/// `PSSERawLayout.groups` (the cases here are in revision 33's order, with the groups of 34 and
/// 35 added where those revisions put them).
public enum PSSEDataGroup: Int, CaseIterable, Sendable {
    case systemWide, bus, load, fixedShunt, generator, branch, switchingDevice, transformer, area, twoTerminalDC, vscDC
    case impedanceCorrection, multiTerminalDC, multiSection, zone, interAreaTransfer, owner
    case facts, switchedShunt, gne, inductionMachine, substation

    /// The name PSS/E's documentation gives the group, for messages.
    public var name: String {
        switch self {
        case .systemWide: "system-wide"
        case .bus: "bus"
        case .load: "load"
        case .fixedShunt: "fixed shunt"
        case .generator: "generator"
        case .branch: "non-transformer branch"
        case .switchingDevice: "system switching device"
        case .transformer: "transformer"
        case .area: "area interchange"
        case .twoTerminalDC: "two-terminal DC line"
        case .vscDC: "VSC DC line"
        case .impedanceCorrection: "transformer impedance correction"
        case .multiTerminalDC: "multi-terminal DC line"
        case .multiSection: "multi-section line grouping"
        case .zone: "zone"
        case .interAreaTransfer: "inter-area transfer"
        case .owner: "owner"
        case .facts: "FACTS device"
        case .switchedShunt: "switched shunt"
        case .gne: "GNE device"
        case .inductionMachine: "induction machine"
        case .substation: "substation"
        }
    }

    /// Whether Kraft reads the group's records (the others are skipped with a note).
    var isRead: Bool {
        switch self {
        case .bus, .load, .fixedShunt, .generator, .branch, .switchingDevice, .transformer, .area, .twoTerminalDC, .zone,
             .switchedShunt:
            true
        default:
            false
        }
    }

    /// Why a skipped group does not matter, or what is lost, for the note that reports it.
    var skipReason: String {
        switch self {
        case .owner: "ownership does not enter the power flow"
        case .interAreaTransfer: "scheduled transfers do not enter the power flow"
        case .impedanceCorrection: "transformer impedances are used as given, without correction tables (as MATPOWER's psse2mpc)"
        case .multiSection: "the sections are read as the branches they are (as MATPOWER's psse2mpc)"
        case .systemWide: "solution parameters and rating-set names do not change the network"
        case .substation: "node-breaker detail inside substations is not modelled; the buses and branches of the bus-branch "
            + "data are the network"
        default: "not modelled: its devices are left out of the network (as MATPOWER's psse2mpc)"
        }
    }
}
