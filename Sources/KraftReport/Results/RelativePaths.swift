/// Paths as a report names them: relative to the scenario file's folder, never absolute. A result
/// folder records absolute paths (`scenario.json` `inputs`, the weather folder in notes), which
/// say where one machine kept the files, not what they are; relative to the scenario they read
/// the same wherever the repository is checked out, and a report leaks no home folder.
public struct RelativePaths: Sendable {
    /// The scenario file's folder, absolute, as components; nil when unknown (every path is then
    /// shortened to its file name).
    let base: [Substring]?

    /// `scenarioFile` is the first of `scenario.json`'s `inputs` (the scenario file itself).
    public init(scenarioFile: String?) {
        guard let file = scenarioFile, file.hasPrefix("/") else { base = nil; return }
        base = Array(Self.components(file).dropLast())
    }

    private static func components(_ path: String) -> [Substring] {
        var out = [Substring]()
        for c in path.split(separator: "/") where c != "." {
            if c == "..", !out.isEmpty { out.removeLast() } else if c != ".." { out.append(c) }
        }
        return out
    }

    /// `path` relative to the scenario's folder (`../grids/nordic44.m`); a relative path is kept as it is.
    public func relative(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let parts = Self.components(path)
        guard let base else { return parts.last.map(String.init) ?? path }
        var common = 0
        while common < min(base.count, parts.count), base[common] == parts[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        let rest = parts[common...].map(String.init)
        let joined = (up + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `text` with every absolute path in it (a word starting with `/` with at least two
    /// components, such as the weather folder in a note) made relative.
    public func text(_ text: String) -> String {
        var out = "", word = ""
        func flush() {
            if word.hasPrefix("/"), word.dropFirst().contains("/") {
                // a trailing full stop, colon or comma ends the sentence, not the path
                var path = Substring(word), tail = ""
                while let last = path.last, ".,:;".contains(last), path.count > 1 { tail = String(last) + tail; path = path.dropLast() }
                out += relative(String(path)) + tail
            } else {
                out += word
            }
            word = ""
        }
        for ch in text {
            if ch == " " || ch == "(" || ch == ")" || ch == "\"" || ch == "'" || ch == "\n" || ch == "\t" || ch == "[" || ch == "]" {
                flush()
                out.append(ch)
            } else {
                word.append(ch)
            }
        }
        flush()
        return out
    }
}

extension RunResult {
    /// The run with every input path and every absolute path in its texts (description, changes,
    /// weather source, notes, causes) made relative to the scenario file's folder.
    public var withRelativePaths: RunResult {
        let paths = RelativePaths(scenarioFile: scenario.inputs.first?.path)
        var run = self
        run.scenario.inputs = scenario.inputs.map { Input(path: paths.relative($0.path), sha256: $0.sha256) }
        run.scenario.description = paths.text(scenario.description)
        run.scenario.changes = scenario.changes.map(paths.text)
        run.scenario.weatherSource = paths.text(scenario.weatherSource)
        run.summary.notes = summary.notes.map(paths.text)
        run.nonconverged = nonconverged.map { Nonconverged(hour: $0.hour, time: $0.time, cause: paths.text($0.cause)) }
        return run
    }
}
