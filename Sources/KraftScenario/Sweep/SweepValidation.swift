import Foundation

extension Sweep {
    /// Whether the TOML file at `path` is a sweep file (it names a `base` scenario) rather than a
    /// scenario, so `kraft validate` can check either kind.
    public static func isSweepFile(path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? ConfigValue.parse(toml: String(decoding: data, as: UTF8.self), file: path) else { return false }
        return root["base"] != nil
    }

    /// Every problem of a sweep file: its own (keys, base scenario, key paths that do not exist),
    /// then every member's scenario decoded and checked like a scenario file, each problem named
    /// `SWEEP (member ID: overrides): key.path: what is wrong`.
    public static func problems(path: String) -> [ScenarioProblem] {
        let sweep: Sweep
        do { sweep = try load(path: path) } catch { return error.problems }
        var problems = [ScenarioProblem]()
        let cache = ScenarioLoader.LoadCache()  // the grid, sidecar and fleet are parsed once, not per member
        for member in sweep.members {
            let overrides = member.overrides.map { "\($0.path) = \(TOMLWriter.inline($0.value))" }.joined(separator: ", ")
            let name = "\(sweep.file.path) (member \(member.id): \(overrides))"
            do {
                _ = try ScenarioLoader.load(tree: sweep.memberTree(member, file: name), cache: cache)
            } catch let error as ScenarioProblems {
                problems += error.problems.map { ScenarioProblem(file: name, keyPath: $0.keyPath, message: $0.message) }
            } catch {
                problems.append(ScenarioProblem(file: name, keyPath: "", message: "\(error)"))
            }
        }
        return problems
    }
}
