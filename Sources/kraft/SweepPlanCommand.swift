import ArgumentParser
import KraftReport
import KraftScenario
import KraftSim

/// `kraft sweep plan`: the members of a sweep, their ids, values and shards.
struct SweepPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the members of a sweep with their ids, override values and shard.",
        discussion: "Exit status: 0 printed, 2 bad input (every problem of the sweep file is printed)."
    )

    @Argument(help: "The sweep file (TOML).")
    var sweep: String

    @Option(help: "Number of shards the members are dealt into (round-robin).")
    var shards: Int = 1

    @Option(help: "Write the plan to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1, got \(shards)") }
    }

    func run() throws {
        let sweep = try loadSweep(self.sweep)
        var table = TextTable(headers: ["member", "shard"] + sweep.keys)
        for m in sweep.members {
            table.append([m.id, "\(m.shard(of: shards))/\(shards)"] + sweep.keys.map { m.value(of: $0) ?? "-" })
        }
        var text = "sweep \(sweep.name): \(sweep.members.count) members of \(sweep.base.file)\n"
        text += "kraft \(sweep.command) options: \(sweep.runOptions.joined(separator: " "))\n\n" + table.render()
        try emit(text, to: output)
    }
}
