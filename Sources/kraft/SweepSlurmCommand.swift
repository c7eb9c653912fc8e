import ArgumentParser
import Foundation
import KraftIO
import KraftScenario
import KraftSim

/// `kraft sweep slurm`: the sweep as a Slurm job array (one task per shard) and a merge job that
/// runs after it; `--submit` hands both to `sbatch`.
struct SweepSlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write sbatch scripts for a sweep (a job array of shards and a merge job); --submit submits them.",
        discussion: """
        Writes OUTPUT/slurm/array.sbatch (array task I runs kraft sweep run --shard I/N) and \
        OUTPUT/slurm/merge.sbatch (kraft sweep merge OUTPUT), submitted with \
        --dependency=afterany:<array job> so the merge lists failed members too. The compute nodes \
        must see this kraft, the sweep's files and OUTPUT at the same paths. Exit status: 0 written \
        (and submitted), 1 sbatch failed, 2 bad input.
        """
    )

    @Argument(help: "The sweep file (TOML).")
    var sweep: String

    @Option(help: "Number of shards: array tasks.")
    var shards: Int

    @Option(help: "The sweep's output folder (default: results/sweep-<file name>).")
    var output: String?

    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Time limit per array task (sbatch --time), such as 01:00:00.")
    var time: String?

    @Option(help: "Memory per array task (sbatch --mem), such as 2G.")
    var mem: String?

    @Option(help: "Members run at once inside one array task (its --cpus-per-task).")
    var jobs: Int = 1

    @Flag(help: "Submit both jobs with sbatch and print their job ids.")
    var submit = false

    func validate() throws {
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1, got \(shards)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        let sweep = try loadSweep(self.sweep)
        let folder = absolutePath(output ?? defaultSweepFolder(sweep))
        let name = "kraft-" + ((sweep.file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let script = SlurmScript(kraft: kraftExecutable(), sweepFile: sweep.file.path, output: folder, shards: min(shards, sweep.members.count),
                                 jobName: name, partition: partition, time: time, memory: mem, jobs: jobs)
        guard script.problems.isEmpty else {
            for p in script.problems { printError("kraft sweep slurm: \(p)") }
            throw ExitStatus.badInput
        }
        let arrayFile = script.logFolder + "/array.sbatch", mergeFile = script.logFolder + "/merge.sbatch"
        do {
            try FileManager.default.createDirectory(atPath: script.logFolder, withIntermediateDirectories: true)
            try AtomicFile.write(script.arrayScript, to: arrayFile)
            try AtomicFile.write(script.mergeScript, to: mergeFile)
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.badInput
        } catch {
            printError("\(script.logFolder): cannot create: \(error.localizedDescription)")
            throw ExitStatus.badInput
        }
        print("wrote \(arrayFile) (\(script.shards) array tasks for \(sweep.members.count) members) and \(mergeFile)")
        guard submit else { return }
        let array = try sbatch([arrayFile])
        print("array job: \(array)")
        let merge = try sbatch(["--dependency=afterany:\(array)", mergeFile])
        print("merge job: \(merge)")
    }

    /// Runs `sbatch --parsable ARGS` and returns the job id it prints (`ID` or `ID;CLUSTER`).
    private func sbatch(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            printError("sbatch: cannot run: \(error.localizedDescription)")
            throw ExitStatus.failed
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let id = text.split(separator: "\n").last.map { String($0.split(separator: ";")[0]) } ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            printError("sbatch \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)): \(errors.trimmingCharacters(in: .whitespacesAndNewlines))")
            throw ExitStatus.failed
        }
        return id
    }
}
