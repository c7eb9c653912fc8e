import Foundation
import KraftIO
import KraftSim

/// `kraft sweep merge DIR`: every member of a sweep's output folder in one tidy table, one row per
/// member with its override values and the `metrics` of its `summary.json`; members that failed
/// or never ran are rows too, with their status and error, never dropped. Beside it, the summary
/// grouped by each axis's values and the paired differences between members that differ in one
/// axis only (`SweepEffects`).
public struct SweepMerge {
    public enum Status: String, Sendable { case ok, failed, missing }

    public struct Row: Sendable {
        public var index: Int
        public var id: String
        public var status: Status
        /// Override values in the order of `keys`; nil where the member does not set the key.
        public var values: [String?]
        public var metrics: [String: Double]
        public var error: String?
    }

    public var name: String
    public var keys: [String]
    /// Metric names in the order the first complete member wrote them (then any others).
    public var metricNames: [String]
    public var rows: [Row]

    public var failed: [Row] { rows.filter { $0.status != .ok } }

    /// Each axis's groups and paired differences.
    public var effects: SweepEffects { SweepEffects(keys: keys, rows: rows, metricNames: metricNames) }

    /// Reads the plan and every member's state under `folder`.
    public static func read(folder: String) throws(InputError) -> SweepMerge {
        let layout = SweepLayout(folder: folder)
        let plan = try object(layout.planFile, what: "the sweep plan written by kraft sweep run")
        guard plan["format"] as? String == SweepPlan.format, let version = plan["version"] as? Int, version <= SweepPlan.version else {
            throw InputError(file: layout.planFile, line: nil, message: "is not a sweep plan of format \(SweepPlan.format) version ≤ \(SweepPlan.version)")
        }
        let keys = plan["keys"] as? [String] ?? []
        var metricNames = [String](), rows = [Row](), seen = Set<String>()
        for member in plan["members"] as? [[String: Any]] ?? [] {
            guard let id = member["id"] as? String, let index = member["index"] as? Int else {
                throw InputError(file: layout.planFile, line: nil, message: "members: an entry without id and index")
            }
            // The id names files under members/: only the form Kraft writes, never a path.
            guard isMemberID(id) else {
                throw InputError(file: layout.planFile, line: nil,
                                 message: "members: id \(Self.quoted(id)) is not a member id (expected 4 or more digits, '-' and 8 lowercase hex digits, such as 0003-1a2b3c4d)")
            }
            guard seen.insert(id).inserted else {
                throw InputError(file: layout.planFile, line: nil, message: "members: id \(id) appears more than once (expected every member id once)")
            }
            let values = member["values"] as? [String: Any] ?? [:]
            var row = Row(index: index, id: id, status: .missing, values: keys.map { values[$0] as? String }, metrics: [:], error: nil)
            if layout.isComplete(id) {
                do {
                    row.metrics = try metrics(resultFolder: layout.resultFolder(id))
                    row.status = .ok
                    for (name, _) in row.metrics.sorted(by: { $0.key < $1.key }) where !metricNames.contains(name) { metricNames.append(name) }
                } catch {
                    row.status = .failed
                    row.error = error.description
                }
            } else if let text = try? String(contentsOfFile: layout.failureFile(id), encoding: .utf8) {
                row.status = .failed
                row.error = text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else {
                row.error = "no result folder and no failure record under \(layout.membersFolder) (not run yet, or its shard was killed)"
            }
            rows.append(row)
        }
        return SweepMerge(name: plan["name"] as? String ?? "", keys: keys, metricNames: metricNames, rows: rows)
    }

    private static func quoted(_ s: String) -> String {
        var j = JSONText(capacity: 96)
        j.string(String(s.prefix(80)))
        return j.text
    }

    /// `0003-1a2b3c4d`: the form of `SweepMember.id` (digits, a hyphen, 8 lowercase hex digits).
    static func isMemberID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, (4...18).contains(parts[0].count), parts[1].count == 8 else { return false }
        return parts[0].utf8.allSatisfy { (0x30...0x39).contains($0) }
            && parts[1].utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The `metrics` of a result folder, after checking its manifest.
    static func metrics(resultFolder: String) throws(InputError) -> [String: Double] {
        let manifest = try object(resultFolder + "/manifest.json", what: "the result folder's manifest")
        guard manifest["format"] as? String == ResultManifest.format, let version = manifest["version"] as? Int, version <= ResultManifest.version else {
            throw InputError(file: resultFolder + "/manifest.json", line: nil,
                             message: "is not a result manifest of format \(ResultManifest.format) version ≤ \(ResultManifest.version)")
        }
        let summary = try object(resultFolder + "/summary.json", what: "the run's summary")
        guard let metrics = summary["metrics"] as? [String: Any] else {
            throw InputError(file: resultFolder + "/summary.json", line: nil, message: "metrics: is missing (expected a flat map of name → number)")
        }
        var out = [String: Double]()
        for (name, value) in metrics {
            guard let number = value as? NSNumber else {
                throw InputError(file: resultFolder + "/summary.json", line: nil, message: "metrics.\(name): is not a number")
            }
            out[name] = number.doubleValue
        }
        return out
    }

    private static func object(_ path: String, what: String) throws(InputError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: nil, message: "is missing (expected \(what))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw InputError(file: path, line: nil, message: "is not a JSON object (expected \(what))")
        }
        return object
    }

    // MARK: Output

    /// `member,index,status,<keys>,<metrics>,error`: one row per member in sweep order.
    public var csv: String {
        var out = (["member", "index", "status"] + keys + metricNames + ["error"]).map(Self.field).joined(separator: ",") + "\n"
        for r in rows {
            var fields = [r.id, String(r.index), r.status.rawValue] + r.values.map { $0 ?? "" }
            fields += metricNames.map { r.metrics[$0].map(Self.number) ?? "" }
            fields.append(r.error.map { $0.replacingOccurrences(of: "\n", with: " | ") } ?? "")
            out += fields.map(Self.field).joined(separator: ",") + "\n"
        }
        return out
    }

    public var json: String { json(effects) }

    func json(_ effects: SweepEffects) -> String {
        var j = JSONText(capacity: 1024 * (rows.count + 1))
        j.raw("{"); j.key("name"); j.string(name); j.raw(",")
        j.key("keys"); j.raw("["); for (k, key) in keys.enumerated() { if k > 0 { j.raw(",") }; j.string(key) }; j.raw("],")
        j.key("metrics"); j.raw("["); for (k, m) in metricNames.enumerated() { if k > 0 { j.raw(",") }; j.string(m) }; j.raw("],")
        j.key("members"); j.raw("[")
        for (k, r) in rows.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("\n{"); j.key("id"); j.string(r.id); j.raw(","); j.key("index"); j.number(r.index); j.raw(",")
            j.key("status"); j.string(r.status.rawValue); j.raw(","); j.key("values"); j.raw("{")
            for (n, key) in keys.enumerated() {
                if n > 0 { j.raw(",") }
                j.key(key); if let v = r.values[n] { j.string(v) } else { j.raw("null") }
            }
            j.raw("},"); j.key("metrics"); j.raw("{")
            for (n, m) in metricNames.filter({ r.metrics[$0] != nil }).enumerated() { if n > 0 { j.raw(",") }; j.key(m); j.number(r.metrics[m]!) }
            j.raw("},"); j.key("error"); if let e = r.error { j.string(e) } else { j.raw("null") }
            j.raw("}")
        }
        j.raw("],\n")
        effects.json(&j)
        j.raw("}\n")
        return j.text
    }

    /// The comparison across members, for a person: counts, then per metric the spread and the
    /// members at either end, then each axis's values side by side and the paired differences of
    /// each change of an axis (`SweepEffects.report`), then every member that failed or is missing
    /// with its error.
    public var report: String { report(effects) }

    func report(_ effects: SweepEffects) -> String {
        let ok = rows.filter { $0.status == .ok }
        var out = "sweep \(name): \(rows.count) members, \(ok.count) complete, "
        out += "\(rows.count { $0.status == .failed }) failed, \(rows.count { $0.status == .missing }) missing\n"
        if !ok.isEmpty {
            var table = TextTable(headers: ["metric", "min", "mean", "max", "member at min", "member at max"])
            for m in metricNames {
                let present = ok.compactMap { r in r.metrics[m].map { (r.id, $0) } }
                guard let low = present.min(by: { $0.1 < $1.1 }), let high = present.max(by: { $0.1 < $1.1 }) else { continue }
                let mean = present.reduce(0) { $0 + $1.1 } / Double(present.count)
                table.append([m, Self.short(low.1), Self.short(mean), Self.short(high.1), low.0, high.0])
            }
            out += "\n" + table.render()
            out += effects.report()
        }
        if !failed.isEmpty {
            out += "\nmembers not complete:\n"
            for r in failed { out += "  \(r.id) \(r.status.rawValue): " + (r.error ?? "").replacingOccurrences(of: "\n", with: "\n    ") + "\n" }
        }
        return out
    }

    /// The files the merge writes, in order.
    public static let files = ["sweep-results.csv", "sweep-results.json", "sweep-report.txt", "sweep-groups.csv",
                               "sweep-differences.csv", "sweep-pairs.csv"]

    /// Writes `files` into `folder`.
    public func write(to folder: String) throws(InputError) {
        try write(to: folder, writer: nil)
    }

    /// As `write(to:)`; `writer` replaces the writing of one temporary file (for tests).
    func write(to folder: String, writer: ((String, String) throws -> Void)?) throws(InputError) {
        // One set that changes at once (`.sweep-merge/current`, one rename): a full disk, a target
        // that cannot be replaced or a kill at any point leaves the earlier merge's files as they were.
        let effects = effects
        let texts = [csv, json(effects), report(effects), effects.groupsCSV, effects.differencesCSV, effects.pairsCSV]
        let files = zip(Self.files, texts).map { (name: $0, text: $1) }
        if let writer { try AtomicFile.writeLinkedSet(files, in: folder, set: "sweep-merge", writer: writer) } else {
            try AtomicFile.writeLinkedSet(files, in: folder, set: "sweep-merge")
        }
    }

    /// Exact (shortest round-trip) text of a number, as in the members' JSON.
    private static func number(_ x: Double) -> String {
        var j = JSONText(capacity: 24)
        j.number(x)
        return j.text
    }

    static func short(_ x: Double) -> String { abs(x) >= 100 ? fixed(x, 0) : fixed(x, 4) }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
