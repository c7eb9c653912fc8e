import ArgumentParser
import KraftReport

/// `kraft sweep merge`: one table of every member's results.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a sweep's member results into sweep-results.csv/.json and sweep-report.txt.",
        discussion: """
        One row per member with its override values and the metrics of its summary.json; failed and \
        missing members are rows too, with their error, and are listed on standard error. Exit status: \
        0 every member complete, 1 some failed or missing (the tables are written all the same), 2 bad input.
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
        print("merged: \(folder)/sweep-results.csv, \(folder)/sweep-results.json, \(folder)/sweep-report.txt")
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
