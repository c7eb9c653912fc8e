import Foundation

/// The two sbatch scripts of a sweep on Slurm: a job array with one task per shard (the task's
/// `$SLURM_ARRAY_TASK_ID` is its shard, 1…N) and a merge job, submitted with
/// `--dependency=afterany:<array job>` so it runs whatever the shards' fate and lists any member
/// that failed. Slurm does the scheduling, requeueing and accounting; a requeued shard skips the
/// members already complete. The nodes must see `kraft`, the sweep's files and the output folder
/// at the same paths (a shared file system).
public struct SlurmScript: Sendable {
    public var kraft: String
    public var sweepFile: String
    public var output: String
    public var shards: Int
    public var jobName: String
    public var partition: String?
    public var time: String?
    public var memory: String?
    /// Members run at once inside one array task (`--cpus-per-task`).
    public var jobs: Int

    public init(kraft: String, sweepFile: String, output: String, shards: Int, jobName: String,
                partition: String?, time: String?, memory: String?, jobs: Int) {
        self.kraft = kraft
        self.sweepFile = sweepFile
        self.output = output
        self.shards = shards
        self.jobName = jobName
        self.partition = partition
        self.time = time
        self.memory = memory
        self.jobs = jobs
    }

    public var logFolder: String { output + "/slurm" }

    /// What makes the scripts unsafe to write, one line per value (empty when none): a control
    /// character (a newline would start a line of its own in the batch script) in any value written
    /// into it, and, in the `#SBATCH` option values sbatch reads itself (not the shell), anything
    /// but letters, digits and `._-:,+=/@%`. Every value on a shell line is also quoted.
    public var problems: [String] {
        var out = [String]()
        let values: [(String, String?)] = [("the sweep file's path", sweepFile), ("--output", output), ("the kraft executable's path", kraft),
                                           ("the job name (from the sweep file's name)", jobName),
                                           ("--partition", partition), ("--time", time), ("--mem", memory)]
        for (name, value) in values {
            guard let value else { continue }
            if let c = value.unicodeScalars.first(where: Self.isControl) {
                out.append("\(name) contains the control character U+\(String(format: "%04X", c.value)) (expected no control characters: it would be written into the batch script)")
            }
        }
        for (name, value) in [("--partition", partition), ("--time", time), ("--mem", memory)] {
            guard let value, !value.unicodeScalars.contains(where: Self.isControl) else { continue }
            if value.isEmpty || !value.unicodeScalars.allSatisfy(Self.isDirectiveScalar) {
                out.append("\(name) is \"\(value)\" (expected letters, digits and ._-:,+=/@% only, as an #SBATCH option value)")
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029
    }

    static func isDirectiveScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "._-:,+=/@%".unicodeScalars.contains(c)
    }

    public var arrayScript: String {
        var s = header(name: jobName, log: "\(logFolder)/shard-%a.out")
        s += "#SBATCH --array=1-\(shards)\n"
        s += "#SBATCH --cpus-per-task=\(jobs)\n"
        s += "#SBATCH --requeue\n"
        s += "set -eu\n"
        s += "exec \(quoted(kraft)) sweep run \(quoted(sweepFile)) --shard \"$SLURM_ARRAY_TASK_ID/\(shards)\" --jobs \(jobs) --output \(quoted(output))\n"
        return s
    }

    public var mergeScript: String {
        var s = header(name: jobName + "-merge", log: "\(logFolder)/merge.out")
        s += "set -eu\n"
        s += "exec \(quoted(kraft)) sweep merge \(quoted(output))\n"
        return s
    }

    private func header(name: String, log: String) -> String {
        precondition(problems.isEmpty, "SlurmScript written with unsafe values: \(problems)")
        var s = "#!/bin/bash\n# Written by kraft sweep slurm for \(quoted(sweepFile))\n"
        s += "#SBATCH --job-name=\(name)\n#SBATCH --output=\(log)\n"
        if let partition { s += "#SBATCH --partition=\(partition)\n" }
        if let time { s += "#SBATCH --time=\(time)\n" }
        if let memory { s += "#SBATCH --mem=\(memory)\n" }
        return s
    }

    /// A shell word: single-quoted unless it needs no quoting.
    private func quoted(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "/._-+:=,".unicodeScalars.contains($0) }
        return plain ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
