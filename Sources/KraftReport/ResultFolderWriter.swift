import KraftCore
import KraftIO
import KraftSim

/// The one writer of result folders (docs/result-folder.md): each kind's files made from its
/// typed result — a study (`StudyResult`: kind "year" or "snapshot", with its N-1 section when
/// the study made one) or an adequacy sample block — and written all at once by `ResultFolder`,
/// `manifest.json` last, listing the files that were written. `ResultFolderReader` reads them back.
public enum ResultFolderWriter {
    /// A study's files in the order they are written (the manifest apart): `scenario.json`,
    /// `summary.json`, the per-hour and per-element tables, then the N-1 section
    /// (`contingency.csv`, `contingency.json`) when N-1 ran.
    public static func files(_ r: StudyResult) -> [(name: String, text: String)] {
        var files = YearReport.files(r.year)
        if let studies = r.contingency { files += contingencyFiles(studies, of: r.year) }
        return files
    }

    /// The N-1 section of a run's folder: hours counted from the run's first hour, as every
    /// other file of the folder counts them.
    static func contingencyFiles(_ studies: [HourContingency.Study], of year: YearResult) -> [(name: String, text: String)] {
        let renumbered = studies.map { s in
            var s = s
            s.hour = year.index(s.hour)
            if let failed = s.insteadOf { s.insteadOf?.hour = year.index(failed.hour) }
            return s
        }
        let unstudied = year.unstudiedHours.map {
            ContingencySection.Unstudied(hour: year.index($0.hour), time: HourContingency.moment(hour: $0.hour, start: year.start),
                                         reason: $0.reason, why: $0.why)
        }
        return ContingencySection.files(renumbered, unstudied: unstudied, scenarioName: year.scenario.name)
    }

    /// Writes a study's folder (see `ResultFolder.write` for the staging folder, `replacing` and
    /// what a killed run leaves).
    public static func write(_ r: StudyResult, kraftVersion: String, to path: String, replacing: Bool = false) throws(InputError) {
        try write(files(r), kind: r.year.kind, kraftVersion: kraftVersion, to: path, replacing: replacing)
    }

    /// An adequacy sample block's folder (kind "adequacy"): `adequacy.json` and `samples.csv`.
    public static func writeAdequacy(_ summary: AdequacySummary, context: AdequacyReport.Context, results: [AdequacySampleResult],
                                     areas: [String], kraftVersion: String, to path: String) throws(InputError) {
        try write([("adequacy.json", AdequacyReport.json(summary, context: context)),
                   ("samples.csv", AdequacyReport.samplesCSV(results, areas: areas))],
                  kind: "adequacy", kraftVersion: kraftVersion, to: path, replacing: false)
    }

    /// `files` and then `manifest.json` naming those the staging folder holds.
    static func write(_ files: [(name: String, text: String)], kind: String, kraftVersion: String, to path: String,
                      replacing: Bool) throws(InputError) {
        try ResultFolder.write(files, to: path, replacing: replacing) { written in
            ("manifest.json", ResultManifest.json(kind: kind, kraftVersion: kraftVersion, files: written))
        }
    }
}
