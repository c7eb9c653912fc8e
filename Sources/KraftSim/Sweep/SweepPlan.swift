import KraftIO
import KraftScenario

/// `sweep.json`, the plan a sweep's output folder carries so that `kraft sweep merge DIR` needs
/// nothing else: the sweep file and the base files with their SHA-256, the run options, the
/// override keys, and every member with its id and its values (written as `kraft sweep plan` shows them).
public enum SweepPlan {
    public static let format = "kraft-sweep"
    public static let version = 1

    public static func json(_ sweep: Sweep) -> String {
        var j = JSONText(capacity: 256 * (sweep.members.count + 8))
        j.raw("{"); j.key("format"); j.string(format); j.raw(","); j.key("version"); j.number(version); j.raw(",")
        j.key("name"); j.string(sweep.name); j.raw(",")
        j.key("sweep"); j.raw("{"); j.key("path"); j.string(sweep.file.path); j.raw(","); j.key("sha256"); j.string(sweep.file.sha256); j.raw("},")
        j.key("base_inputs"); j.inputs(sweep.base.inputs)
        if sweep.command != "run" { j.raw(","); j.key("command"); j.string(sweep.command) }
        j.raw(","); j.key("run_options"); j.raw("[")
        for (k, o) in sweep.runOptions.enumerated() { if k > 0 { j.raw(",") }; j.string(o) }
        j.raw("],"); j.key("keys"); j.raw("[")
        for (k, key) in sweep.keys.enumerated() { if k > 0 { j.raw(",") }; j.string(key) }
        j.raw("],"); j.key("members"); j.raw("[")
        for (k, m) in sweep.members.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("\n{"); j.key("index"); j.number(m.index); j.raw(","); j.key("id"); j.string(m.id); j.raw(",")
            j.key("values"); j.raw("{")
            for (n, key) in sweep.keys.enumerated() {
                if n > 0 { j.raw(",") }
                j.key(key)
                if let v = m.value(of: key) { j.string(v) } else { j.raw("null") }
            }
            j.raw("}}")
        }
        j.raw("]}\n")
        return j.text
    }

    /// The members shard `shard` of `count` runs (members are dealt round-robin).
    public static func members(of sweep: Sweep, shard: Int, of count: Int) -> [SweepMember] {
        sweep.members.filter { $0.shard(of: count) == shard }
    }
}
