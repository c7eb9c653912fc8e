import KraftCore

/// A grid read from a case file of any supported format, with what the reader wants the user to
/// know about parts the solver does not model.
public struct CaseFile: Sendable {
    public var name: String
    public var network: Network
    public var notes: [String]
    /// Milliseconds spent reading and checking the file.
    public var readMilliseconds: Double

    /// Reads `path`, choosing the format by its extension (`.m`: MATPOWER; `.raw`: PSS/E RAW
    /// revisions 29 to 35, whose notes say what the conversion skipped or approximated).
    public static func load(path: String) throws(InputError) -> CaseFile {
        var clock = Stopwatch()
        let lower = path.lowercased()
        if lower.hasSuffix(".raw") {
            let raw = try PSSERawReader.read(path: path)
            let network = try raw.network()
            return CaseFile(name: raw.name, network: network, notes: raw.notes, readMilliseconds: clock.lap())
        }
        guard lower.hasSuffix(".m") else {
            throw InputError(file: path, line: nil, message: "unsupported case format (expected a MATPOWER .m or a PSS/E .raw file)")
        }
        let mpc = try MatpowerReader.read(path: path)
        let network = try mpc.network()
        var notes = [String]()
        if let dc = mpc.dcline, dc.rows > 0 {
            notes.append("\(dc.rows) DC line(s) in mpc.dcline read but not modelled in the AC solve (as MATPOWER's runpf without toggle_dcline)")
        }
        return CaseFile(name: mpc.name, network: network, notes: notes, readMilliseconds: clock.lap())
    }
}
