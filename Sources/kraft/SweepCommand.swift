import ArgumentParser
import Foundation
import KraftScenario

/// `kraft sweep`: many variants of one scenario, planned, run in shards (here or as a Slurm job
/// array) and merged into one table. Each subcommand lives in its own `Sweep*Command.swift`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run many variants of a scenario: plan, run shards, merge, or submit to Slurm.",
        discussion: "The sweep file format is in the README, section \"Sweeps and Slurm\".",
        subcommands: [SweepPlanCommand.self, SweepRunCommand.self, SweepMergeCommand.self, SweepSlurmCommand.self]
    )
}

/// Reads a sweep file, or prints every problem and exits with status 2.
func loadSweep(_ path: String) throws -> Sweep {
    do { return try Sweep.load(path: path) } catch {
        for p in error.problems { printError(p.description) }
        throw ExitStatus.badInput
    }
}

/// The default output folder of a sweep: `results/sweep-<file name>`.
func defaultSweepFolder(_ sweep: Sweep) -> String {
    let stem = ((sweep.file.path as NSString).lastPathComponent as NSString).deletingPathExtension
    return "results/sweep-\(stem)"
}

/// `path` made absolute against the working folder (scripts and child processes need absolute paths).
func absolutePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}

/// The running `kraft` executable, which sweeps start once per member and write into Slurm scripts:
/// Foundation's path of the main executable (which it takes from /proc/self/exe on Linux and from
/// the loader on macOS), symbolic links resolved; the first argument made absolute should
/// Foundation not know it.
func kraftExecutable() -> String {
    if let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path, FileManager.default.isExecutableFile(atPath: path) {
        return path
    }
    return absolutePath(CommandLine.arguments[0])
}
