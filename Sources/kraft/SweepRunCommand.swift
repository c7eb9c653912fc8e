import ArgumentParser
import Foundation
import KraftIO
import KraftScenario
import KraftSim
import Synchronization

/// `kraft sweep run`: one shard of a sweep, or all of it here with `--local`. Each member is a
/// child `kraft run` of its resolved scenario file, so a member that fails or crashes fails alone.
struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one shard of a sweep (--shard I/N), or every member here (--local).",
        discussion: """
        Members already complete (their result folder has manifest.json) are skipped, so a killed or \
        requeued shard re-run finishes only what is missing; what a killed member left half-written \
        is removed first. A failed member's error goes to OUTPUT/members/ID.failed. Exit status: 0 \
        every member of the shard complete, 1 some failed, 2 bad input.
        """
    )

    @Argument(help: "The sweep file (TOML).")
    var sweep: String

    @Option(help: ArgumentHelp("The shard to run, I of N (1 ≤ I ≤ N), such as 2/4.", valueName: "I/N"))
    var shard: String?

    @Flag(help: "Run every member on this machine (the same as --shard 1/1).")
    var local = false

    @Option(help: "Members run at once, each as its own process.")
    var jobs: Int = 1

    @Option(help: "The sweep's output folder (default: results/sweep-<file name>).")
    var output: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        guard local != (shard != nil) else { throw ValidationError("give either --shard I/N or --local") }
        if let shard, parsedShard(shard) == nil {
            throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, such as 2/4, got '\(shard)'")
        }
    }

    private func parsedShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, (1...n).contains(i) else { return nil }
        return (i, n)
    }

    func run() throws {
        let sweep = try loadSweep(self.sweep)
        let (index, count) = shard.flatMap(parsedShard) ?? (1, 1)
        let layout = SweepLayout(folder: absolutePath(output ?? defaultSweepFolder(sweep)))
        try writePlan(sweep, layout)
        let members = SweepPlan.members(of: sweep, shard: index, of: count)
        let todo = members.filter { !layout.isComplete($0.id) }
        print("sweep \(sweep.name), shard \(index)/\(count): \(members.count) members, \(members.count - todo.count) already complete, \(todo.count) to run")

        // Workers take the next member in turn; printing and counting happen under the same lock.
        let state = Mutex((next: 0, failures: 0))
        let kraft = kraftExecutable()
        ChildProcesses.shared.install()
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(todo.count, 1))) { _ in
            while let member = state.withLock({ s -> SweepMember? in
                guard s.next < todo.count, ChildProcesses.shared.stopSignal == nil else { return nil }
                s.next += 1
                return todo[s.next - 1]
            }) {
                let outcome = SweepMemberRun.run(member, of: sweep, layout: layout, kraft: kraft)
                state.withLock { s in
                    switch outcome {
                    case .completed(let seconds): print("\(member.id): complete (\(String(format: "%.2f", seconds)) s)")
                    case .failed(let message):
                        s.failures += 1
                        print("\(member.id): FAILED: \(message.split(separator: "\n").first ?? "")")
                    case .stopped: print("\(member.id): stopped")
                    }
                }
            }
        }
        if let signal = ChildProcesses.shared.stopSignal {
            // Every child has ended (each worker waited for its own): stop as the signal asked.
            printError("sweep stopped by signal \(signal); its running members were stopped with it (run again to finish)")
            Foundation.exit(128 + signal)
        }
        let failures = state.withLock { $0.failures }
        print("shard \(index)/\(count): \(members.count - failures) of \(members.count) members complete; results: \(layout.folder)")
        if failures > 0 { throw ExitStatus.failed }
    }

    /// Writes `sweep.json`; an output folder that already holds a different sweep is refused, so
    /// results of another sweep (or of an edited sweep file) are never mixed in or skipped as done.
    private func writePlan(_ sweep: Sweep, _ layout: SweepLayout) throws {
        let plan = SweepPlan.json(sweep)
        if let existing = try? String(contentsOfFile: layout.planFile, encoding: .utf8), existing != plan {
            printError("\(layout.planFile): holds a different sweep (the sweep file, its base or its members changed; expected a new --output, or remove the folder)")
            throw ExitStatus.badInput
        }
        do {
            try FileManager.default.createDirectory(atPath: layout.membersFolder, withIntermediateDirectories: true)
            try AtomicFile.write(plan, to: layout.planFile)
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.badInput
        } catch {
            printError("\(layout.membersFolder): cannot create: \(error.localizedDescription)")
            throw ExitStatus.badInput
        }
    }
}
