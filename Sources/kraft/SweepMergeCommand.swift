import ArgumentParser
import KraftReport

/// `kraft sweep merge`: one table of every member's results.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a sweep's member results: one table, the summary per axis value, paired differences.",
        discussion: """
        sweep-results.csv/.json: one row per member with its override values and the metrics of its \
        summary.json; failed and missing members are rows too, with their error, and are listed on \
        standard error. sweep-groups.csv: every metric's mean, sd, min and max over the complete members \
        at each value of each axis. sweep-differences.csv and sweep-pairs.csv: for each axis, the members \
        at each later value paired with the member at its first value that has the same values on every \
        other axis (for example the closure's effect per weather seed), each pair's difference and their \
        mean, sd, min and max. sweep-report.txt (also printed) has the tables for axes of at most 4 values. \
        Exit status: 0 every member complete, 1 some failed or missing (the files are written all the same), \
        2 bad input.
        """
    )

    @Argument(help: "The sweep's output folder (the --output of kraft sweep run).")
    var folder: String

    func run() throws {
        if AdequacySweepMerge.isAdequacy(folder: folder) { return try mergeAdequacy() }
        let merge: SweepMerge
        do {
            merge = try SweepMerge.read(folder: folder)
            try merge.write(to: folder)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        print(merge.report, terminator: "")
        print("merged: " + SweepMerge.files.map { "\(folder)/\($0)" }.joined(separator: ", "))
        for r in merge.failed { printError("\(r.id): \(r.status.rawValue): \(r.error ?? "")") }
        if !merge.failed.isEmpty { throw ExitStatus.failed }
    }

    /// An adequacy sweep: the samples of every member in one study (`adequacy.json`, `.csv`, `.txt`).
    private func mergeAdequacy() throws {
        let merge: AdequacySweepMerge
        do {
            merge = try AdequacySweepMerge.read(folder: folder)
            try merge.write(to: folder)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        print(AdequacyReport.table(merge.summary, context: merge.context), terminator: "")
        print("merged: \(folder)/adequacy.json, \(folder)/adequacy.csv, \(folder)/adequacy.txt (\(merge.summary.samples) samples)")
        for m in merge.incomplete { printError("\(m.id): \(m.reason)") }
        if !merge.incomplete.isEmpty { throw ExitStatus.failed }
    }
}
