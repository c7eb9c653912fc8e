import Foundation
import KraftCore
import KraftIO

/// Loads a scenario file with the files it `extends`, validates all of them, and checks every
/// reference against the grid and its sidecar. Problems are collected, not stopped at: a user
/// fixing a file sees every mistake at once.
public enum ScenarioLoader {
    /// The validated scenario with its grid, or every problem found.
    public static func load(path: String) throws(ScenarioProblems) -> (scenario: Scenario, network: Network, sidecar: GridSidecar?) {
        let log = ProblemLog()
        let result = resolve(path: absolute(path), log: log)
        guard log.problems.isEmpty, let result else { throw ScenarioProblems(problems: log.problems) }
        return result
    }

    /// Every problem in the scenario at `path` (empty when it is valid). A file whose chain has
    /// a `[certificates]` table but no grid and no period is a certificate-settings file and is
    /// checked as one.
    public static func problems(path: String) -> [ScenarioProblem] {
        let file = absolute(path)
        let probe = ProblemLog()
        if let merged = chain(path: file, log: probe), merged.grid == nil, merged.period == nil, merged.certificates != nil {
            _ = certificates(merged, path: file, log: probe)
            return probe.problems
        }
        let log = ProblemLog()
        _ = resolve(path: file, log: log)
        return log.problems
    }

    /// The certificate settings of a scenario, or of a file with only a `[certificates]` table,
    /// following `extends`; the grid is not read.
    public static func certificateSettings(path: String) throws(ScenarioProblems) -> CertificateSettings {
        let log = ProblemLog()
        let file = absolute(path)
        let settings = chain(path: file, log: log).flatMap { certificates($0, path: file, log: log) }
        guard log.problems.isEmpty, let settings else { throw ScenarioProblems(problems: log.problems) }
        return settings
    }

    private static func certificates(_ merged: PartialScenario, path: String, log: ProblemLog) -> CertificateSettings? {
        guard let partial = merged.certificates else {
            log.add(path, "certificates", "is missing (expected a [certificates] table with at least quota_curve and end_year)")
            return nil
        }
        return partial.complete(file: path, log: log) { key in
            log.problems.contains { $0.keyPath == key || $0.keyPath.hasPrefix(key + ".") }
        }
    }

    /// The problems one scenario file's text has on its own (syntax, unknown keys, types, ranges),
    /// without following `extends` or reading the grid: the entry point for fuzzing the reader.
    public static func problems(text: String, file: String) -> [ScenarioProblem] {
        let log = ProblemLog()
        do {
            let root = try ConfigValue.parse(toml: text, file: file)
            _ = ScenarioFileDecoder.decode(root, file: file, folder: "/", problems: log)
        } catch {
            log.add(error)
        }
        return log.problems
    }

    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : ScenarioFileDecoder.normalised(FileManager.default.currentDirectoryPath + "/" + path)
    }

    /// The validated scenario of an already merged tree (a sweep member), or every problem found,
    /// reported against `tree.file`.
    /// With `cache`, grid, sidecar and fleet files already parsed for an earlier tree are reused
    /// (the members of one sweep being validated share them).
    public static func load(tree: ScenarioTree, cache: LoadCache? = nil) throws(ScenarioProblems) -> (scenario: Scenario, network: Network, sidecar: GridSidecar?) {
        let log = ProblemLog()
        let partial = ScenarioFileDecoder.decode(tree.root, file: tree.file, folder: tree.folder, problems: log)
        let result = finish(partial, path: tree.file, inputs: tree.inputs, log: log, cache: cache)
        guard log.problems.isEmpty, let result else { throw ScenarioProblems(problems: log.problems) }
        return result
    }

    private static func resolve(path: String, log: ProblemLog) -> (Scenario, Network, GridSidecar?)? {
        var inputs = [InputFile]()
        guard let merged = chain(path: path, inputs: &inputs, log: log) else { return nil }
        return finish(merged, path: path, inputs: inputs, log: log)
    }

    /// `path` merged over what it extends, with the extended scenario's name and what `path`
    /// changes against it; nil (and the reason logged) when the chain is broken.
    private static func chain(path: String, inputs: inout [InputFile], log: ProblemLog) -> PartialScenario? {
        let (files, complete) = chainFiles(path: path, inputs: &inputs, log: log)
        // Every file read is checked, even when the chain breaks further down.
        let partials = files.map { ScenarioFileDecoder.decode($0.root, file: $0.path, folder: $0.folder, problems: log) }
        guard complete, let base = partials.last else { return nil }
        var merged = partials.dropLast().reversed().reduce(base) { $1.over($0) }
        if partials.count > 1 {
            merged.baseName = partials.dropFirst().dropLast().reversed().reduce(base) { $1.over($0) }.name
            merged.changes = partials[0].changeLines
        }
        return merged
    }

    private static func chain(path: String, log: ProblemLog) -> PartialScenario? {
        var inputs = [InputFile]()
        return chain(path: path, inputs: &inputs, log: log)
    }

    /// Parsed grid, sidecar and fleet files kept for reuse while the members of one sweep are
    /// checked (the files are taken not to change meanwhile); only files read without a problem.
    public final class LoadCache: @unchecked Sendable {
        fileprivate var networks = [String: (Network, InputFile)]()
        fileprivate var files = [String: (Any, InputFile)]()
        public init() {}
    }

    /// Checks the required values of a merged scenario, reads its grid and sidecar and checks
    /// every reference against them.
    private static func finish(_ merged: PartialScenario, path: String, inputs: [InputFile], log: ProblemLog, cache: LoadCache? = nil) -> (Scenario, Network, GridSidecar?)? {
        var inputs = inputs
        /// A required value of the merged scenario; missing is reported unless a file already
        /// has a problem under that key (then the value was written, but wrong).
        func required<T>(_ value: T?, _ key: String, _ what: String) -> T? {
            if value == nil && !log.problems.contains(where: { $0.keyPath == key || $0.keyPath.hasPrefix(key + ".") }) {
                log.add(path, key, "is missing (expected \(what))")
            }
            return value
        }
        let name = required(merged.name, "name", "a name for the scenario")
        let grid = required(merged.grid, "grid", "the path of the grid case file")
        let period = required(merged.period, "period", "a [period] table with year, or from and to")
        guard let name, let grid, let period else { return nil }

        let network: Network
        do {
            if let (n, file) = cache?.networks[grid] {
                network = n
                inputs.append(file)
            } else {
                network = try CaseFile.load(path: grid).network
                let file = try InputHash.read(grid).file
                inputs.append(file)
                cache?.networks[grid] = (network, file)
            }
        } catch let error as InputError {
            log.add(path, "grid", "cannot be read: \(error.description)")
            return nil
        } catch {
            log.add(path, "grid", "\(grid) cannot be read: \(error.localizedDescription)")
            return nil
        }
        var sidecar = merged.sidecar.flatMap { file in
            readDataFile(file, key: "sidecar", scenario: path, inputs: &inputs, log: log, cache: cache, cacheKey: "sidecar\u{0}\(file)\u{0}\(grid)") { text throws(ScenarioProblems) in
                try GridSidecar.parse(text, file: file, network: network)
            }
        }
        // A scenario's border capacities replace the sidecar's (later files win).
        for b in merged.borders {
            guard let i = sidecar?.interconnectors.firstIndex(where: { $0.border == b.border }) else {
                let known = sidecar?.interconnectors.map(\.border).joined(separator: ", ") ?? "none: the scenario has no sidecar"
                log.add(b.origin.file, b.origin.keyPath + ".name", "is \"\(b.border)\", not a border of the grid sidecar (expected one of \(known))")
                continue
            }
            sidecar!.interconnectors[i].capacityForwardMW = b.forwardMW
            sidecar!.interconnectors[i].capacityBackwardMW = b.backwardMW
        }
        var fleet = merged.fleet.flatMap { file in
            readDataFile(file, key: "fleet", scenario: path, inputs: &inputs, log: log, cache: cache, cacheKey: "fleet\u{0}\(file)\u{0}\(grid)") { text throws(ScenarioProblems) in
                try Fleet.parse(text, file: file, network: network)
            }
        }
        // A scenario's inflow factors scale the fleet's annual inflow of their zones (a later
        // file's factor for a zone replaces an earlier one's).
        var latest = [String: InflowFactor]()
        for f in merged.inflowFactors { latest[f.zone] = f }
        let inflowFactors = merged.inflowFactors.filter { latest[$0.zone] == $0 }
        let inflowZones = Set(fleet?.aggregates.filter { $0.inflowTWh != nil }.map(\.zone) ?? [])
        for f in inflowFactors {
            guard inflowZones.contains(f.zone) else {
                let known = inflowZones.isEmpty ? "none: the scenario's fleet gives no inflow" : inflowZones.sorted().joined(separator: ", ")
                log.add(f.origin.file, f.origin.keyPath + ".zone", "is \"\(f.zone)\", not a zone whose hydro inflow the fleet file gives (expected one of \(known))")
                continue
            }
            for i in fleet!.aggregates.indices where fleet!.aggregates[i].zone == f.zone {
                fleet!.aggregates[i].inflowTWh = fleet!.aggregates[i].inflowTWh.map { $0 * f.factor }
            }
        }
        let prices = merged.dispatch?.neighbourPriceSeries.flatMap { file in
            readDataFile(file, key: "dispatch.neighbour_price_series", scenario: path, inputs: &inputs, log: log, cache: cache,
                         cacheKey: "prices\u{0}\(file)") { text throws(ScenarioProblems) in
                try PriceSeries.parse(text, file: file)
            }
        }
        if let prices, prices.year != period.from.year || prices.year != period.to.year {
            log.add(path, "dispatch.neighbour_price_series", "covers \(prices.year), the period \(period.from) to \(period.to) (expected a series of the period's year)")
        }
        let certificates = merged.certificates == nil ? nil : self.certificates(merged, path: path, log: log)
        let scenario = Scenario(name: name, description: merged.description, grid: grid, sidecar: merged.sidecar,
                                neighbourPrices: prices, fleet: fleet, fleetPath: merged.fleet, period: period, weather: merged.weather ?? .synthetic(seed: 1), closures: merged.closures,
                                commissionings: merged.commissionings, dataCentres: merged.dataCentres,
                                producers: merged.producers, compensation: merged.compensation,
                                voltageLimits: merged.voltageLimits, borders: merged.borders,
                                inflowFactors: inflowFactors, certificates: certificates,
                                dispatch: merged.dispatch ?? DispatchSettings(), base: merged.baseName,
                                changes: merged.changes, inputs: inputs)
        var withAdequacy = scenario
        withAdequacy.adequacy = merged.adequacy
        ScenarioReferences.check(scenario, context: GridContext(network: network, sidecar: sidecar, fleet: fleet),
                                 hasSidecar: sidecar != nil, log: log)
        ScenarioReferences.checkVoltageLevels(scenario, network: network, log: log)
        return (withAdequacy, network, sidecar)
    }

    /// A data file a scenario names (the sidecar, the fleet, a price series), read, hashed into
    /// `inputs` and parsed (once per cache key while a sweep's members are checked); nil with its
    /// problems logged when it cannot be.
    private static func readDataFile<T>(_ file: String, key: String, scenario: String, inputs: inout [InputFile], log: ProblemLog,
                                        cache: LoadCache? = nil, cacheKey: String = "",
                                        parse: (String) throws(ScenarioProblems) -> T) -> T? {
        if let (value, input) = cache?.files[cacheKey], let value = value as? T {
            inputs.append(input)
            return value
        }
        do {
            let (data, input) = try InputHash.read(file)
            inputs.append(input)
            let value = try parse(try ConfigValue.text(utf8: Array(data), file: file))
            cache?.files[cacheKey] = (value, input)
            return value
        } catch let problems as ScenarioProblems {
            for p in problems.problems { log.add(p.file, p.keyPath, p.message) }
        } catch let error as InputError {
            log.add(error)
        } catch {
            log.add(scenario, key, "\(file) cannot be read: \(error.localizedDescription)")
        }
        return nil
    }

    /// One parsed file of an `extends` chain.
    struct ChainFile {
        let path: String
        let root: ConfigValue
        var folder: String { (path as NSString).deletingLastPathComponent }
    }

    /// `path` and the files it extends, in that order (the base last), each read, hashed and
    /// parsed; `complete` is false (and the reason logged) when one cannot be read or parsed, or
    /// the chain is a cycle.
    static func chainFiles(path: String, inputs: inout [InputFile], log: ProblemLog) -> (files: [ChainFile], complete: Bool) {
        var files = [ChainFile]()
        var next: String? = path
        while let current = next {
            let data: Data
            do {
                let (bytes, file) = try InputHash.read(current)
                inputs.append(file)
                data = bytes
            } catch {
                log.add(files.last?.path ?? current, files.isEmpty ? "" : "extends", "cannot read \(current)")
                return (files, false)
            }
            let root: ConfigValue
            do {
                root = try ConfigValue.parse(toml: try ConfigValue.text(utf8: Array(data), file: current), file: current)
            } catch {
                log.add(error)
                return (files, false)
            }
            files.append(ChainFile(path: current, root: root))
            // A wrongly typed `extends` is reported by the decoder; the chain just ends there.
            guard case .string(let parent)? = root["extends"] else { break }
            let resolved = ScenarioFileDecoder.resolve(parent, in: files.last!.folder)
            if let start = files.firstIndex(where: { $0.path == resolved }) {
                let cycle = (files[start...].map(\.path) + [resolved]).map { ($0 as NSString).lastPathComponent }
                log.add(current, "extends", "forms a cycle: \(cycle.joined(separator: " → ")) (expected a chain that ends in a file without extends)")
                return (files, false)
            }
            next = resolved
        }
        return (files, true)
    }
}
