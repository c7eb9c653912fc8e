import Foundation

/// A scenario as one TOML tree: the files of an `extends` chain merged as the loader merges them
/// (`ScenarioFileDecoder.appendedLists` appended, every other key replaced whole), relative paths
/// made absolute and `extends` removed. A sweep overrides keys of this tree and writes it as a
/// member file; `ScenarioLoader.load(tree:)` decodes it with the same decoder as any scenario.
public struct ScenarioTree: Sendable {
    public var root: ConfigValue
    /// The file name messages about this tree use.
    public var file: String
    /// The folder relative paths written into the tree (override values) are read against.
    public var folder: String
    /// Every file read to make the tree, with its SHA-256, the top file first.
    public var inputs: [InputFile]

    public init(root: ConfigValue, file: String, folder: String, inputs: [InputFile]) {
        self.root = root
        self.file = file
        self.folder = folder
        self.inputs = inputs
    }

    /// The merged tree of the scenario at `path`; syntax errors, unreadable files and cycles are
    /// problems (the values themselves are checked when the tree is decoded).
    public static func load(path: String) throws(ScenarioProblems) -> ScenarioTree {
        let log = ProblemLog()
        let absolute = ScenarioLoader.absolute(path)
        var inputs = [InputFile]()
        let (files, complete) = ScenarioLoader.chainFiles(path: absolute, inputs: &inputs, log: log)
        guard complete, log.problems.isEmpty else { throw ScenarioProblems(problems: log.problems) }
        var merged = [(key: String, value: ConfigValue, line: Int)]()
        for file in files.reversed() {
            guard case .table(let entries) = absolutePaths(file.root, folder: file.folder) else { continue }
            for (key, value, line) in entries where key != "extends" {
                if let i = merged.firstIndex(where: { $0.key == key }) {
                    if ScenarioFileDecoder.appendedLists.contains(key), case .array(let base) = merged[i].value, case .array(let own) = value {
                        merged[i].value = .array(base + own)
                    } else {
                        merged[i].value = value
                    }
                } else {
                    merged.append((key, value, line))
                }
            }
        }
        return ScenarioTree(root: .table(merged), file: absolute, folder: (absolute as NSString).deletingLastPathComponent, inputs: inputs)
    }

    /// `root` with every path key's string value read against `folder`.
    static func absolutePaths(_ root: ConfigValue, folder: String) -> ConfigValue {
        var root = root
        for path in ScenarioFileDecoder.pathKeys {
            root = root.replacing(path[...]) { value in
                switch value {
                case .string(let s): return .string(ScenarioFileDecoder.resolve(s, in: folder))
                // A list of paths (`adequacy.weather_folders`): each read against the folder.
                case .array(let items):
                    return .array(items.map { if case .string(let s) = $0 { .string(ScenarioFileDecoder.resolve(s, in: folder)) } else { $0 } })
                default: return value
                }
            }
        }
        return root
    }

    /// The tree with `value` at `path`; a path that names nothing in the tree is an error message
    /// (`OverridePath.Failure`), so a misspelt override never passes silently. A string set on a
    /// path key (`grid`, `sidecar`, `weather.folder`) is read against `relativeTo`.
    public func overriding(_ path: OverridePath, with value: ConfigValue, relativeTo folder: String) throws(OverridePath.Failure) -> ScenarioTree {
        var copy = self
        var value = value
        if ScenarioFileDecoder.pathKeys.contains(where: { $0.map(OverridePath.Step.key) == path.steps }), case .string(let s) = value {
            value = .string(ScenarioFileDecoder.resolve(s, in: folder))
        }
        copy.root = try path.set(value, in: root)
        return copy
    }
}

extension ConfigValue {
    /// The tree with `transform` applied to the value at the key path `keys`, when there is one.
    func replacing(_ keys: ArraySlice<String>, _ transform: (ConfigValue) -> ConfigValue) -> ConfigValue {
        guard let first = keys.first, case .table(var entries) = self,
              let i = entries.firstIndex(where: { $0.key == first }) else { return self }
        entries[i].value = keys.count == 1 ? transform(entries[i].value) : entries[i].value.replacing(keys.dropFirst(), transform)
        return .table(entries)
    }
}
