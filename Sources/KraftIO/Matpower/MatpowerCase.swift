/// The data of a MATPOWER case file (format version 2) exactly as written: numbers not yet
/// checked for meaning, units not yet converted, every column kept.
///
/// A `MatpowerCase` comes out of `MatpowerReader`, which guarantees its shape: `baseMVA`, `bus`,
/// `gen` and `branch` are present, every matrix is rectangular, `bus` has at least one row and 13
/// columns, and a non-empty `gen` has at least 10 columns and a non-empty `branch` at least 11
/// (the columns a power flow uses; MATPOWER writes 21, 13 and more after an OPF). Whether the
/// values make a network is checked by `network()`.
///
/// The extra columns (OPF results, ACTIVSg extensions), `gencost` and `dcline` are kept so that
/// a writer or a later stage can use them without reading the file again.
public struct MatpowerCase: Sendable {
    /// The path the case was read from (or the name given to `MatpowerReader.parse`), for messages.
    public var file: String
    /// The case name: the function name of `function mpc = case9`, else the file name without `.m`.
    public var name: String
    /// The value of `mpc.version`, always `"2"` for a case the reader accepted.
    public var version: String
    /// `mpc.baseMVA`, the system base in MVA, and the line it is assigned on.
    public var baseMVA: Double
    public var baseMVALine: Int
    public var bus: MatpowerMatrix
    public var gen: MatpowerMatrix
    public var branch: MatpowerMatrix
    /// Generator cost data, when the file has `mpc.gencost`.
    public var gencost: MatpowerMatrix?
    /// DC lines, when the file has `mpc.dcline` (MATPOWER's power flow ignores them too unless the
    /// case is converted with `toggle_dcline`).
    public var dcline: MatpowerMatrix?
    /// `mpc.bus_name`, one name per bus row, and the line it is assigned on.
    public var busNames: [String]?
    public var busNamesLine: Int?

    public init(file: String, name: String, version: String, baseMVA: Double, baseMVALine: Int,
                bus: MatpowerMatrix, gen: MatpowerMatrix, branch: MatpowerMatrix,
                gencost: MatpowerMatrix? = nil, dcline: MatpowerMatrix? = nil,
                busNames: [String]? = nil, busNamesLine: Int? = nil) {
        self.file = file
        self.name = name
        self.version = version
        self.baseMVA = baseMVA
        self.baseMVALine = baseMVALine
        self.bus = bus
        self.gen = gen
        self.branch = branch
        self.gencost = gencost
        self.dcline = dcline
        self.busNames = busNames
        self.busNamesLine = busNamesLine
    }
}
