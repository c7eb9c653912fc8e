/// The `[adequacy]` table of a scenario: what `kraft adequacy` samples and how. Every key is
/// optional; the command's options (`--samples`, `--seed`) win over the file's. A file that
/// `extends` another and has its own `[adequacy]` replaces the base's table whole.
///
/// ```toml
/// [adequacy]
/// samples = 1000                 # sampled years (default 100)
/// first_sample = 0               # the samples are first_sample ..< first_sample + samples (a sweep shards them)
/// import_share = 1.0             # share of the links to neighbours outside the grid available for import
/// unknown_border_mw = 0          # limit of borders without a known capacity (default: unlimited)
/// weather_folders = ["../weather/1991", "../weather/1992"]   # CSV weather years to draw from
/// [adequacy.forced_outage.nuclear]                            # per technology: override the defaults
/// rate = 0.05                    # forced outage rate, share of time out
/// mttr_h = 168                   # mean time to repair, hours
/// unit_mw = 1000                 # size of one unit of a zone aggregate
/// ```
public struct AdequacySettings: Sendable, Equatable {
    /// The forced outage model of one technology (or one unit): a two-state Markov chain with
    /// mean down time `mttrHours` and stationary probability of being down `rate`.
    public struct Outage: Sendable, Equatable {
        public var rate: Double?
        public var mttrHours: Double?
        public var unitMW: Double?
        public init(rate: Double? = nil, mttrHours: Double? = nil, unitMW: Double? = nil) {
            self.rate = rate; self.mttrHours = mttrHours; self.unitMW = unitMW
        }
    }

    public var samples: Int?
    public var firstSample: Int?
    public var importShare: Double?
    /// The limit, MW each way, of borders the grid's sidecar gives no trading capacity for (nil:
    /// unlimited, as in the dispatch LP): 0 studies the zones with only their known borders.
    public var unknownBorderMW: Double?
    /// Absolute paths of CSV weather folders (each a whole calendar year, see docs/profiles.md);
    /// empty: the scenario's `[weather]`, a synthetic year per sample when it is synthetic.
    public var weatherFolders: [String] = []
    public var forcedOutage: [Technology: Outage] = [:]
    public var origin: Origin?

    public init() {}

    /// The most samples one run may ask for (a year each: 100,000 years at a few ms each is
    /// minutes per core; beyond that, shard with `kraft sweep`).
    public static let maxSamples = 1_000_000
}

extension ScenarioFileDecoder {
    static func adequacy(_ t: TableReader, file: String, folder: String) -> AdequacySettings {
        defer { t.finish() }
        var a = AdequacySettings()
        a.origin = Origin(file: file, keyPath: t.path)
        a.samples = t.integer("samples", in: 1...AdequacySettings.maxSamples)
        a.firstSample = t.integer("first_sample", in: 0...Int(Int32.max))
        a.importShare = t.number("import_share", in: 0...1)
        a.unknownBorderMW = t.number("unknown_border_mw", in: 0...1_000_000, unit: "MW")
        if t.has("weather_folders") {
            if case .array(let list)? = t.rawValue("weather_folders"), !list.isEmpty,
               list.allSatisfy({ if case .string(let s) = $0 { !s.isEmpty && s.count <= TableReader.maxPathLength } else { false } }) {
                a.weatherFolders = list.map { if case .string(let s) = $0 { resolve(s, in: folder) } else { "" } }
            } else {
                t.problem("weather_folders", "is not a list of folder paths (expected such as [\"../weather/1991\", \"../weather/1992\"])")
            }
        }
        if let outages = t.table("forced_outage") {
            for (tech, _) in outages.allEntries() {
                guard let technology = Technology(rawValue: tech), Fleet.technologies.contains(technology), let o = outages.table(tech) else {
                    outages.problem(tech, "is not a technology table (expected one of \(Fleet.technologies.map(\.rawValue).joined(separator: ", ")), each a table with rate, mttr_h, unit_mw)")
                    continue
                }
                defer { o.finish() }
                a.forcedOutage[technology] = AdequacySettings.Outage(
                    rate: o.number("rate", in: 0...1, exclusiveLower: false),
                    mttrHours: o.number("mttr_h", in: 1...100_000, unit: "h"),
                    unitMW: o.number("unit_mw", in: 0...100_000, exclusiveLower: true, unit: "MW"))
            }
        }
        return a
    }
}
