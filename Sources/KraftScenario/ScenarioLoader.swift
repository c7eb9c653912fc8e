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
        var inputs = [InputFile]()
        if let merged = chain(path: file, visited: [], inputs: &inputs, log: probe),
           merged.grid == nil, merged.period == nil, merged.certificates != nil {
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
        var inputs = [InputFile]()
        let merged = chain(path: file, visited: [], inputs: &inputs, log: log)
        let settings = merged.flatMap { certificates($0, path: file, log: log) }
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
            log.add(file, "", error.line.map { "line \($0): \(error.message)" } ?? error.message)
        }
        return log.problems
    }

    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : ScenarioFileDecoder.normalised(FileManager.default.currentDirectoryPath + "/" + path)
    }

    private static func resolve(path: String, log: ProblemLog) -> (Scenario, Network, GridSidecar?)? {
        var inputs = [InputFile]()
        guard let merged = chain(path: path, visited: [], inputs: &inputs, log: log) else { return nil }
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
            network = try CaseFile.load(path: grid).network
            inputs.append(try InputHash.read(grid).file)
        } catch let error as InputError {
            log.add(path, "grid", "cannot be read: \(error.description)")
            return nil
        } catch {
            log.add(path, "grid", "cannot be read: \(error.localizedDescription)")
            return nil
        }
        var sidecar: GridSidecar?
        if let sidecarPath = merged.sidecar {
            do {
                let (data, file) = try InputHash.read(sidecarPath)
                inputs.append(file)
                sidecar = try GridSidecar.parse(String(decoding: data, as: UTF8.self), file: sidecarPath, network: network)
            } catch let problems as ScenarioProblems {
                for p in problems.problems { log.add(p.file, p.keyPath, p.message) }
            } catch {
                log.add(path, "sidecar", "cannot be read: \(error.localizedDescription)")
            }
        }
        let certificates = merged.certificates == nil ? nil : self.certificates(merged, path: path, log: log)
        let scenario = Scenario(name: name, description: merged.description, grid: grid, sidecar: merged.sidecar,
                                period: period, weather: merged.weather ?? .synthetic(seed: 1), closures: merged.closures,
                                commissionings: merged.commissionings, dataCentres: merged.dataCentres,
                                producers: merged.producers, certificates: certificates,
                                dispatch: merged.dispatch ?? DispatchSettings(), base: merged.baseName,
                                changes: merged.changes, inputs: inputs)
        ScenarioReferences.check(scenario, context: GridContext(network: network, sidecar: sidecar),
                                 hasSidecar: sidecar != nil, log: log)
        return (scenario, network, sidecar)
    }

    /// Reads `path` and, first, what it extends; returns the merged partial scenario.
    private static func chain(path: String, visited: [String], inputs: inout [InputFile], log: ProblemLog) -> PartialScenario? {
        let text: String
        do {
            let (data, file) = try InputHash.read(path)
            inputs.append(file)
            text = String(decoding: data, as: UTF8.self)
        } catch {
            log.add(visited.last ?? path, visited.isEmpty ? "" : "extends", "cannot read \(path)")
            return nil
        }
        let root: ConfigValue
        do {
            root = try ConfigValue.parse(toml: text, file: path)
        } catch {
            log.add(path, "", error.line.map { "line \($0): \(error.message)" } ?? error.message)
            return nil
        }
        let folder = (path as NSString).deletingLastPathComponent
        let own = ScenarioFileDecoder.decode(root, file: path, folder: folder, problems: log)
        guard let parent = own.extends else { return own }
        if let start = visited.firstIndex(of: parent) ?? (parent == path ? visited.count : nil) {
            let cycle = (Array(visited[start...]) + [path, parent]).map { ($0 as NSString).lastPathComponent }
            log.add(path, "extends", "forms a cycle: \(cycle.joined(separator: " → ")) (expected a chain that ends in a file without extends)")
            return nil
        }
        guard let base = chain(path: parent, visited: visited + [path], inputs: &inputs, log: log) else { return nil }
        var merged = own.over(base)
        merged.baseName = base.name
        merged.changes = own.changeLines
        return merged
    }
}
