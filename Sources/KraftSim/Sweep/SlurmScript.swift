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
        var s = "#!/bin/bash\n# Written by kraft sweep slurm for \(sweepFile)\n"
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
