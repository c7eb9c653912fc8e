import ArgumentParser
import Foundation
import KraftCore
import KraftIO
import KraftReport
import KraftScenario
import KraftSim

/// `kraft adequacy`: loss-of-load expectation by zone over sampled years of weather and forced
/// outages, on a zonal transport model of the scenario's grid and fleet.
struct AdequacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adequacy",
        abstract: "Loss-of-load expectation (LOLE) and expected energy not served (EENS) by zone, by Monte Carlo over sampled years.",
        discussion: """
        Each sampled year draws its own weather (a synthetic year with seed S + the sample's number, \
        or a CSV weather year from [adequacy] weather_folders) and its own forced outages of every unit \
        (a two-state Markov chain per unit: forced outage rate and mean time to repair by technology, \
        overridable), then every hour is dispatched on a transport model between zones within their \
        trading capacities, the strategic reserve last. Samples run in parallel and are the same for \
        any --threads. Exit status: 0 done, 2 bad input, 64 usage error.
        """
    )

    @Argument(help: "The scenario file (TOML).")
    var scenario: String

    @Option(help: "Sampled years (default: [adequacy] samples, else 100).")
    var samples: Int?

    @Option(help: ArgumentHelp("The first sample's number; samples are numbered from it (default: [adequacy] first_sample, else 0).", valueName: "k"))
    var firstSample: Int?

    @Option(help: "Seed of the outages and of synthetic weather (default: the scenario's weather seed, else 1).")
    var seed: Int?

    @Option(help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Study this calendar year instead of the scenario's (its fleet, closures and weather year).", valueName: "year"))
    var period: Int?

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Write a result folder (manifest.json, adequacy.json, samples.csv) for `kraft sweep merge`.", valueName: "dir"))
    var resultFolder: String?

    @Option(help: ArgumentHelp("Compare with this base scenario on the same samples (same weather, same outages of the units both have): differences with paired 95 % intervals.", valueName: "base"))
    var against: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    func validate() throws {
        if let samples, !(1...AdequacySettings.maxSamples).contains(samples) {
            throw ValidationError("--samples must be from 1 to \(AdequacySettings.maxSamples), got \(samples)")
        }
        if let firstSample, !(0...Int(Int32.max)).contains(firstSample) { throw ValidationError("--first-sample must be from 0 to \(Int32.max), got \(firstSample)") }
        if let seed, !(0...Int(Int32.max)).contains(seed) { throw ValidationError("--seed must be from 0 to \(Int32.max), got \(seed)") }
        if let period, !(1950...2100).contains(period) { throw ValidationError("--period must be a year from 1950 to 2100, got \(period)") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be from 1 to 1024, got \(threads)") }
    }

    func run() throws {
        let loaded: (scenario: Scenario, network: Network, sidecar: GridSidecar?)
        do { loaded = try ScenarioLoader.load(path: scenario) } catch {
            for p in error.problems { printError(p.description) }
            throw ExitStatus.badInput
        }
        if let resultFolder, FileManager.default.fileExists(atPath: resultFolder) {
            printError(InputError(file: resultFolder, line: nil, message: "already exists (expected a new folder)").description)
            throw ExitStatus.badInput
        }
        let study: AdequacyStudy
        do { study = try AdequacyStudy.prepare(scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar, year: period, seed: seed) } catch {
            printError("\(scenario): \(error.description)")
            throw ExitStatus.badInput
        }
        let settings = loaded.scenario.adequacy ?? AdequacySettings()
        let count = samples ?? settings.samples ?? 100
        let first = firstSample ?? settings.firstSample ?? 0
        guard first <= Int(Int32.max) - count else {
            printError("\(scenario): samples \(first) to \(first + count - 1) run past \(Int32.max) (expected a smaller first sample)")
            throw ExitStatus.badInput
        }
        let bar = ProgressBar(total: count, label: "samples")
        let clock = ContinuousClock(), started = clock.now
        let results = AdequacyRun.run(model: study.model, samples: first..<first + count, seed: study.seed, threads: threads,
                                      weather: { study.weather(sample: $0) }, progress: { bar.advance(by: $0) })
        bar.finish()
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        printError(String(format: "%d samples in %.1f s (%.1f ms per sample per thread, %d threads)", count, seconds,
                          seconds * 1000 * Double(min(threads, count)) / Double(count), min(threads, count)))
        let start = CalendarDate(year: study.year, month: 1, day: 1)
        let summary = AdequacySummary(results: results, zones: study.model.zones, countryName: "Sweden", start: start)
        var context = AdequacyReport.Context(scenario: loaded.scenario.name, year: study.year, seed: study.seed, model: study.model, notes: study.notes)
        if let against {
            let base: (scenario: Scenario, network: Network, sidecar: GridSidecar?)
            do { base = try ScenarioLoader.load(path: against) } catch {
                for p in error.problems { printError(p.description) }
                throw ExitStatus.badInput
            }
            let baseStudy: AdequacyStudy
            do { baseStudy = try AdequacyStudy.prepare(scenario: base.scenario, network: base.network, sidecar: base.sidecar, year: study.year, seed: study.seed) } catch {
                printError("\(against): \(error.description)")
                throw ExitStatus.badInput
            }
            guard baseStudy.model.zones == study.model.zones else {
                printError("\(against): its zones \(baseStudy.model.zones.joined(separator: ", ")) are not the scenario's \(study.model.zones.joined(separator: ", ")) (expected a base on the same grid)")
                throw ExitStatus.badInput
            }
            let baseBar = ProgressBar(total: count, label: "base samples")
            let baseResults = AdequacyRun.run(model: baseStudy.model, samples: first..<first + count, seed: study.seed, threads: threads,
                                              weather: { baseStudy.weather(sample: $0) }, progress: { baseBar.advance(by: $0) })
            baseBar.finish()
            let baseSummary = AdequacySummary(results: baseResults, zones: baseStudy.model.zones, countryName: "Sweden", start: start)
            context.comparison = AdequacyComparison(results: results, baseResults: baseResults, base: baseSummary,
                                                    zones: study.model.zones, countryName: "Sweden")
            context.baseName = base.scenario.name
        }
        if let resultFolder {
            do {
                try ResultFolderWriter.writeAdequacy(summary, context: context, results: results, areas: study.model.zones + ["Sweden"],
                                                     kraftVersion: Kraft.version, to: resultFolder)
            } catch {
                printError(error.description)
                throw ExitStatus.badInput
            }
        }
        let text = switch format {
        case .table: AdequacyReport.table(summary, context: context)
        case .json: AdequacyReport.json(summary, context: context)
        case .csv: AdequacyReport.csv(summary, context: context)
        }
        try emit(text, to: output)
    }
}
