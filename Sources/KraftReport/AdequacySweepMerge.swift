import Foundation
import KraftIO
import KraftScenario
import KraftSim

/// `kraft sweep merge` of a sweep whose members are blocks of adequacy samples (`[run] command =
/// "adequacy"`): every complete member's `samples.csv` read back bit for bit, the samples put in
/// their order, and the study's statistics computed from all of them — what one `kraft adequacy`
/// run of the same samples with the same seed prints, since every sample depends only on its
/// number and the seed.
public struct AdequacySweepMerge {
    public var summary: AdequacySummary
    public var context: AdequacyReport.Context
    /// Members without a result (failed or not run), with why.
    public var incomplete: [(id: String, reason: String)]

    /// Whether the sweep in `folder` runs adequacy members (its plan says `"command": "adequacy"`).
    public static func isAdequacy(folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: SweepLayout(folder: folder).planFile),
              let plan = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        return plan["command"] as? String == "adequacy"
    }

    public static func read(folder: String) throws(InputError) -> AdequacySweepMerge {
        let layout = SweepLayout(folder: folder)
        guard let data = FileManager.default.contents(atPath: layout.planFile),
              let plan = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw InputError(file: layout.planFile, line: nil, message: "is missing or not JSON (expected the sweep plan written by kraft sweep run)")
        }
        let options = plan["run_options"] as? [String] ?? []
        func option(_ name: String) -> Int? { options.firstIndex(of: name).flatMap { $0 + 1 < options.count ? Int(options[$0 + 1]) : nil } }
        var complete = [String](), incomplete = [(id: String, reason: String)]()
        for member in plan["members"] as? [[String: Any]] ?? [] {
            guard let id = member["id"] as? String, SweepMerge.isMemberID(id) else {
                throw InputError(file: layout.planFile, line: nil, message: "members: an entry without a member id")
            }
            if layout.isComplete(id) { complete.append(id) } else {
                let failure = (try? String(contentsOfFile: layout.failureFile(id), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                incomplete.append((id, failure ?? "not run yet (no result folder and no failure record)"))
            }
        }
        guard let first = complete.first else {
            throw InputError(file: layout.membersFolder, line: nil, message: "holds no complete member (expected at least one finished shard)")
        }
        // The study's model and notes, from a member's scenario (they differ only in their samples).
        let study: AdequacyStudy, name: String
        do {
            let loaded = try ScenarioLoader.load(path: layout.scenarioFile(first))
            study = try AdequacyStudy.prepare(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar,
                                              year: option("--period"), seed: option("--seed"))
            name = loaded.scenario.name
        } catch let error as ScenarioProblems {
            throw InputError(file: layout.scenarioFile(first), line: nil, message: error.problems.map(\.description).joined(separator: "; "))
        } catch {
            throw InputError(file: layout.scenarioFile(first), line: nil, message: "\(error)")
        }
        let areas = study.model.zones + ["Sweden"]
        var results = [AdequacySampleResult]()
        for id in complete {
            let file = layout.resultFolder(id) + "/samples.csv"
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw InputError(file: file, line: nil, message: "is missing (expected the samples of an adequacy member)")
            }
            do { results += try AdequacyReport.readSamples(String(decoding: bytes, as: UTF8.self), file: file, areas: areas) } catch {
                throw InputError(file: file, line: nil, message: error.description)
            }
        }
        results.sort { $0.sample < $1.sample }
        for (a, b) in zip(results, results.dropFirst()) where a.sample == b.sample {
            throw InputError(file: layout.membersFolder, line: nil, message: "sample \(a.sample) is in two members (expected each member's first_sample to start its own block)")
        }
        let summary = AdequacySummary(results: results, zones: study.model.zones, countryName: "Sweden",
                                      start: CalendarDate(year: study.year, month: 1, day: 1))
        return AdequacySweepMerge(summary: summary,
                                  context: AdequacyReport.Context(scenario: name, year: study.year, seed: study.seed, model: study.model, notes: study.notes),
                                  incomplete: incomplete)
    }

    /// Writes `adequacy.json`, `adequacy.csv` and `adequacy.txt` into `folder` as one set (links
    /// through `.adequacy-merge/current`, switched by one rename, as the sweep's own merge does).
    public func write(to folder: String) throws(InputError) {
        try AtomicFile.writeLinkedSet([(name: "adequacy.json", text: AdequacyReport.json(summary, context: context)),
                                       (name: "adequacy.csv", text: AdequacyReport.csv(summary, context: context)),
                                       (name: "adequacy.txt", text: AdequacyReport.table(summary, context: context))],
                                      in: folder, set: "adequacy-merge")
    }
}
