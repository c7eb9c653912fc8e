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

    /// Every problem in the scenario at `path` (empty when it is valid).
    public static func problems(path: String) -> [ScenarioProblem] {
        let log = ProblemLog()
        _ = resolve(path: absolute(path), log: log)
        return log.problems
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

    static func absolute(_ path: String) -> String {
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
                let text = try ConfigValue.text(utf8: Array(data), file: sidecarPath)
                sidecar = try GridSidecar.parse(text, file: sidecarPath, network: network)
            } catch let problems as ScenarioProblems {
                for p in problems.problems { log.add(p.file, p.keyPath, p.message) }
            } catch let error as InputError {
                log.add(error)
            } catch {
                log.add(path, "sidecar", "cannot be read: \(error.localizedDescription)")
            }
        }
        let scenario = Scenario(name: name, description: merged.description, grid: grid, sidecar: merged.sidecar,
                                period: period, weather: merged.weather ?? .synthetic(seed: 1), closures: merged.closures,
                                commissionings: merged.commissionings, dataCentres: merged.dataCentres,
                                producers: merged.producers, certificates: merged.certificates, inputs: inputs)
        ScenarioReferences.check(scenario, context: GridContext(network: network, sidecar: sidecar),
                                 hasSidecar: sidecar != nil, log: log)
        return (scenario, network, sidecar)
    }

    /// Reads `path` and, first, what it extends; returns the merged partial scenario.
    private static func chain(path: String, visited: [String], inputs: inout [InputFile], log: ProblemLog) -> PartialScenario? {
        let data: Data
        do {
            let (bytes, file) = try InputHash.read(path)
            inputs.append(file)
            data = bytes
        } catch {
            log.add(visited.last ?? path, visited.isEmpty ? "" : "extends", "cannot read \(path)")
            return nil
        }
        let root: ConfigValue
        do {
            root = try ConfigValue.parse(toml: try ConfigValue.text(utf8: Array(data), file: path), file: path)
        } catch {
            log.add(error)
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
        return own.over(base)
    }
}
