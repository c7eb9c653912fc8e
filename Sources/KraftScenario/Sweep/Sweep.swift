import Foundation
import KraftIO

/// A sweep: a base scenario and the members made from it by overriding keys of its merged tree.
/// Read from a sweep file (TOML, format in the README's "Sweeps and Slurm"):
///
/// ```toml
/// name = "R3/R4 closure × weather"        # optional, default: the file name
/// base = "../Scenarios/sweden/ringhals-3-4-close-2030.toml"
/// [run]                                    # the `kraft run` options of every member
/// at = "2030-01-15T08:00"                  # or period = 2030, or from/to; threads = N
/// [[axis]]                                 # axes combine as a full product …
/// keys = ["closure[unit=R3].date", "closure[unit=R4].date"]   # keys that move together
/// values = [[2028-01-01, 2028-01-01], [2032-01-01, 2034-01-01]]
/// [[axis]]
/// key = "weather.seed"
/// from = 1                                 # integers from … to (step 1), or values = [...]
/// to = 30
/// # … or an explicit list instead of axes, one table of overrides per member:
/// # [[member]]
/// # "weather.seed" = 7
/// ```
public struct Sweep: Sendable {
    /// Absolute path of the sweep file, and its SHA-256.
    public var file: InputFile
    public var name: String
    /// The base scenario's merged tree (its `inputs` name every file of its `extends` chain).
    public var base: ScenarioTree
    /// The `kraft run` options every member runs with, such as `["--at", "2030-01-15T08:00"]`.
    public var runOptions: [String]
    /// The command each member runs: `run` (a year run, the default) or `adequacy` (`[run] command
    /// = "adequacy"`: each member a block of samples, `adequacy.first_sample` its axis, merged by
    /// `kraft sweep merge` into the study of all of them).
    public var command: String = "run"
    /// Every key path the members override, in the order of the axes: the columns of the results.
    public var keys: [String]
    public var members: [SweepMember]

    /// Reads and checks a sweep file: its own keys, the base scenario, every key path (each must
    /// exist in the base scenario). A member's values are checked when the member is decoded
    /// (`memberTree` then `ScenarioLoader.load(tree:)`), so one bad member fails alone.
    public static func load(path: String) throws(ScenarioProblems) -> Sweep {
        let absolute = ScenarioLoader.absolute(path)
        let log = ProblemLog()
        let root: ConfigValue, file: InputFile
        do {
            let (data, f) = try InputHash.read(absolute)
            file = f
            root = try ConfigValue.parse(toml: String(decoding: data, as: UTF8.self), file: absolute)
        } catch let error as InputError {
            throw ScenarioProblems(problems: [ScenarioProblem(file: absolute, keyPath: "", message: error.line.map { "line \($0): \(error.message)" } ?? error.message)])
        } catch {
            throw ScenarioProblems(problems: [ScenarioProblem(file: absolute, keyPath: "", message: "cannot read: \(error.localizedDescription)")])
        }
        let folder = (absolute as NSString).deletingLastPathComponent
        let top = TableReader(root, file: absolute, path: "", problems: log)
        let name = top.string("name") ?? ((absolute as NSString).lastPathComponent as NSString).deletingPathExtension
        let basePath = top.require(top.string("base"), "base", "the scenario file the members start from").map { ScenarioFileDecoder.resolve($0, in: folder) }
        let runTable = top.table("run")
        let command = runTable.flatMap { $0.choice("command", ["run", "adequacy"]) } ?? "run"
        let runOptions = runTable.map { self.runOptions($0, command: command) } ?? []
        if !top.has("run") { top.problem("run", "is missing (expected a [run] table with the kraft run options, such as at = \"2030-01-15T08:00\")") }
        let axes = top.tables("axis"), listed = top.tables("member")
        var points = [[(key: String, keyPath: String, value: ConfigValue)]]()
        if !axes.isEmpty && !listed.isEmpty {
            top.problem("member", "is given together with [[axis]] (expected either axes, combined as a full product, or an explicit list of members)")
        } else if !axes.isEmpty {
            // Counted before anything is expanded: the product of a few capped axes can still be
            // more members than memory holds.
            let counts = axes.map(axisCount)
            var total = 1, overflow = false
            for c in counts {
                let (m, o) = total.multipliedReportingOverflow(by: max(c, 1))
                total = o ? Int.max : m
                overflow = overflow || o
            }
            if overflow || total > maxMembers {
                top.problem("axis", "makes \(overflow ? "more than \(Int.max)" : String(total)) members (\(counts.map(String.init).joined(separator: " × "))), "
                            + "more than the limit of \(maxMembers) (expected at most \(maxMembers) members in one sweep: split it into several sweeps)")
            } else {
                points = product(axes.map(axisPoints))
            }
        } else if listed.count > maxMembers {
            top.problem("member", "lists \(listed.count) members, more than the limit of \(maxMembers) (expected at most \(maxMembers) members in one sweep: split it into several sweeps)")
        } else if !listed.isEmpty {
            points = listed.map { t in
                defer { t.finish() }
                return t.allEntries().map { (key: $0.key, keyPath: t.keyPath("\"\($0.key)\""), value: $0.value) }
            }
        } else {
            top.problem("axis", "is missing (expected [[axis]] tables or [[member]] tables)")
        }
        top.finish()

        var base: ScenarioTree?
        if let basePath {
            do { base = try ScenarioTree.load(path: basePath) } catch {
                for p in error.problems { log.add(absolute, "base", p.description) }
            }
        }
        // Parse every key once, and check each against the base tree with the first value it takes.
        var parsed = [String: OverridePath](), keys = [String]()
        for point in points {
            for (key, keyPath, value) in point where parsed[key] == nil && !log.problems.contains(where: { $0.keyPath == keyPath }) {
                do {
                    let path = try OverridePath(parsing: key)
                    if let base { _ = try base.overriding(path, with: value, relativeTo: folder) }
                    parsed[key] = path
                    keys.append(key)
                } catch {
                    log.add(absolute, keyPath, error.message)
                }
            }
        }
        guard log.problems.isEmpty, let base else { throw ScenarioProblems(problems: log.problems) }
        let members = points.enumerated().map { i, point in
            SweepMember(index: i + 1, overrides: point.map { (parsed[$0.key]!, $0.value) })
        }
        var duplicate = [String: Int]()
        for m in members {
            if let first = duplicate[m.hash] {
                log.add(absolute, "", "members \(first) and \(m.index) have the same overrides (expected every member to differ)")
            }
            duplicate[m.hash] = duplicate[m.hash] ?? m.index
        }
        guard log.problems.isEmpty else { throw ScenarioProblems(problems: log.problems) }
        var sweep = Sweep(file: file, name: name, base: base, runOptions: runOptions, keys: keys, members: members)
        sweep.command = command
        return sweep
    }

    /// The member's scenario: the base tree with its overrides, named `file` in messages.
    public func memberTree(_ member: SweepMember, file: String) throws(OverridePath.Failure) -> ScenarioTree {
        var tree = base
        let folder = (self.file.path as NSString).deletingLastPathComponent
        for (path, value) in member.overrides { tree = try tree.overriding(path, with: value, relativeTo: folder) }
        tree.file = file
        return tree
    }

    /// The member file `kraft run` reads: a header naming the sweep, its base files and their
    /// SHA-256, and the overrides, then the resolved scenario.
    public func memberFile(_ member: SweepMember) throws(OverridePath.Failure) -> String {
        let tree = try memberTree(member, file: "")
        var out = "# Kraft sweep member \(member.id) of \(file.path) (sha256 \(file.sha256))\n"
        for input in base.inputs { out += "# base: \(input.path) (sha256 \(input.sha256))\n" }
        for (path, value) in member.overrides { out += "# override: \(path) = \(TOMLWriter.inline(value))\n" }
        return out + "\n" + TOMLWriter.write(tree.root)
    }

    /// `2030-01-15T08:00` (or `T08`): a valid calendar date in the scenario years and a whole hour,
    /// as `kraft run --at` takes it.
    static func isMoment(_ s: String) -> Bool {
        let parts = s.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = CalendarDate(parsing: String(parts[0])), ScenarioFileDecoder.years.contains(date.year) else { return false }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(clock[0]), (0...23).contains(hour) else { return false }
        return clock.count == 1 || clock[1] == "00"
    }

    private static func runOptions(_ t: TableReader, command: String) -> [String] {
        defer { t.finish() }
        var options = [String]()
        if command == "adequacy" {
            // `kraft adequacy` studies whole years: --period and --threads, and the outage seed.
            for key in ["at", "from", "to"] where t.has(key) {
                t.problem(key, "is given with command = \"adequacy\" (expected period = YEAR: an adequacy study samples whole years)")
            }
            if let year = t.integer("period", in: ScenarioFileDecoder.years) { options += ["--period", String(year)] }
            if let threads = t.integer("threads", in: 1...1024) { options += ["--threads", String(threads)] }
            if let seed = t.integer("seed", in: 0...Int(Int32.max)) { options += ["--seed", String(seed)] }
            return options
        }
        if t.has("seed") { t.problem("seed", "is given for kraft run members (expected only with command = \"adequacy\"; a run's weather seed is weather.seed)") }
        if t.has("at") {
            switch t.rawValue("at") {
            case .string(let s)?:
                if Self.isMoment(s) { options += ["--at", s] } else {
                    t.problem("at", "is \"\(s)\", not a date and hour (expected a moment such as \"2030-01-15T08:00\": a calendar date in "
                              + "\(ScenarioFileDecoder.years.lowerBound) to \(ScenarioFileDecoder.years.upperBound), hour 00 to 23, minutes 00)")
                }
            case let .dateTime(d, time, _)?:
                if time.minute == 0 && ScenarioFileDecoder.years.contains(d.year) {
                    options += ["--at", "\(d)T\(String(format2: time.hour)):\(String(format2: time.minute))"]
                } else {
                    t.problem("at", "is \(d)T\(String(format2: time.hour)):\(String(format2: time.minute)) (expected a whole hour such as \"2030-01-15T08:00\" "
                              + "in \(ScenarioFileDecoder.years.lowerBound) to \(ScenarioFileDecoder.years.upperBound))")
                }
            case let other?: t.problem("at", "is \(other.kind) (expected a moment such as \"2030-01-15T08:00\")")
            case nil: break
            }
        }
        if let year = t.integer("period", in: ScenarioFileDecoder.years) { options += ["--period", String(year)] }
        if let from = t.date("from", years: ScenarioFileDecoder.years) { options += ["--from", from.description] }
        if let to = t.date("to", years: ScenarioFileDecoder.years) { options += ["--to", to.description] }
        if let threads = t.integer("threads", in: 1...1024) { options += ["--threads", String(threads)] }
        if t.has("at") && (t.has("period") || t.has("from")) {
            t.problem("at", "is given together with a period (expected either one moment or a period)")
        }
        return options
    }

    /// The most members a sweep may have (the product of its axes, or its `[[member]]` list):
    /// checked before any member is made, so `kraft sweep plan`, `run` and `validate` refuse a
    /// larger sweep at once instead of growing until they are killed.
    public static let maxMembers = 10_000

    /// How many points an axis has, read without expanding it (0 when it is malformed: its
    /// problem is reported when it is expanded).
    private static func axisCount(_ t: TableReader) -> Int {
        if case .array(let list)? = t.rawValue("values") { return list.count }
        guard case .integer(let from)? = t.rawValue("from"), case .integer(let to)? = t.rawValue("to"), from <= to else { return 0 }
        var step = 1
        if case .integer(let s)? = t.rawValue("step"), s >= 1 { step = s }
        let (span, o) = to.subtractingReportingOverflow(from)
        return o ? Int.max : span / step + 1
    }

    /// One axis as its points: each a list of (key, where it was written, value).
    private static func axisPoints(_ t: TableReader) -> [[(key: String, keyPath: String, value: ConfigValue)]] {
        defer { t.finish() }
        let keys: [String]
        if t.has("key") && t.has("keys") {
            t.problem("keys", "is given together with key (expected one of them)")
            return []
        } else if let key = t.string("key") {
            keys = [key]
        } else if t.has("keys") {
            guard case .array(let list)? = t.rawValue("keys"), !list.isEmpty, list.allSatisfy({ if case .string = $0 { true } else { false } }) else {
                t.problem("keys", "is not a list of key paths (expected such as [\"closure[unit=R3].date\", \"closure[unit=R4].date\"])")
                return []
            }
            keys = list.map { if case .string(let s) = $0 { s } else { "" } }
        } else {
            t.problem("key", "is missing (expected the key path the axis varies, such as weather.seed)")
            return []
        }
        var values = [ConfigValue]()
        if t.has("values") {
            if t.has("from") || t.has("to") { t.problem("values", "is given together with from/to (expected one of them)") }
            guard case .array(let list)? = t.rawValue("values"), !list.isEmpty else {
                t.problem("values", "is not a list (expected the values the axis takes, such as [1, 2, 3])")
                return []
            }
            values = list
        } else if t.has("from") || t.has("to") {
            let from = t.require(t.integer("from"), "from", "the first integer of the range")
            let to = t.require(t.integer("to"), "to", "the last integer of the range")
            let step = t.integer("step", in: 1...Int(Int32.max)) ?? 1
            guard let from, let to else { return [] }
            guard from <= to, (to - from) / step < 1_000_000 else { t.problem("to", "is \(to) (expected at least from = \(from), and at most a million steps)"); return [] }
            values = stride(from: from, through: to, by: step).map(ConfigValue.integer)
        } else {
            t.problem("values", "is missing (expected values = [...], or integers from = A to = B)")
            return []
        }
        return values.enumerated().compactMap { i, value in
            let here = t.keyPath("values") + "[\(i + 1)]"
            guard keys.count > 1 else { return [(keys[0], t.keyPath("key"), value)] }
            guard case .array(let tuple) = value, tuple.count == keys.count else {
                t.problem("values[\(i + 1)]", "is \(TOMLWriter.inline(value)) (expected a list of \(keys.count) values, one per key)")
                return nil
            }
            return zip(keys, tuple).map { ($0, here, $1) }
        }
    }

    /// Every combination of one point per axis, the first axis varying slowest.
    private static func product<T>(_ axes: [[[T]]]) -> [[T]] {
        axes.reduce([[]]) { acc, axis in acc.flatMap { prefix in axis.map { prefix + $0 } } }
    }
}

/// One member of a sweep: its position, its overrides and the id made from them.
public struct SweepMember: Sendable {
    /// 1-based position in the sweep.
    public var index: Int
    public var overrides: [(path: OverridePath, value: ConfigValue)]

    /// SHA-256 (hex) of the overrides written canonically (`path = value` lines, sorted).
    public var hash: String {
        let canonical = overrides.map { "\($0.path) = \(TOMLWriter.inline($0.value))\n" }.sorted().joined()
        return InputHash.hex(Data(canonical.utf8))
    }

    /// `0003-1a2b3c4d`: the position, readable, then 8 hex digits of `hash`; the same sweep file
    /// always gives the same ids, and an id names its overrides whatever the sweep's order.
    public var id: String {
        let n = String(index)
        return String(repeating: "0", count: max(0, 4 - n.count)) + n + "-" + hash.prefix(8)
    }

    /// The shard (1…`count`) that runs this member: members are dealt round-robin.
    public func shard(of count: Int) -> Int { (index - 1) % count + 1 }

    /// The value of `key` in this member, written as TOML, or nil when it does not override it.
    public func value(of key: String) -> String? {
        overrides.first { $0.path.description == key }.map { TOMLWriter.inline($0.value) }
    }
}
