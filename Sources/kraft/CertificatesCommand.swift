import ArgumentParser
import Foundation
import KraftIO
import KraftReport
import KraftScenario
import KraftSim

/// `kraft certificates`: runs the electricity-certificate market for one or more settings and
/// prints them side by side; optionally writes the build-out as producers of a grid scenario.
struct CertificatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates",
        abstract: "Run the electricity-certificate market for settings files and compare them side by side.",
        discussion: """
        Each SETTINGS file is a scenario with a [certificates] table, or a file with only a \
        [certificates] table (it may extend another). Printed per year and setting: the certificate \
        price, the bank, new renewable production, and the consumer cost; then the build-out per \
        zone and technology, the year the bank runs out, and the assumptions used. A setting with \
        published = "folder" also prints the model beside the published figures. \
        Exit status: 0 done, 2 bad input.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: "Settings files (TOML).")
    var settings: [String]

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Write a grid scenario that extends BASE and adds the build-out of the (single) setting as producers.", valueName: "file"))
    var writeScenario: String?

    @Option(help: ArgumentHelp("The scenario the written scenario extends (default: the settings file).", valueName: "base"))
    var base: String?

    @Option(help: "First commissioning year taken into the written scenario (the shipped base-2025 already has the wind and solar installed at end-2023).")
    var buildOutSince: Int = 2024

    @Option(help: "How each zone's new capacity is spread over its buses: load or equal.")
    var spread: String = "load"

    func validate() throws {
        if writeScenario != nil && settings.count != 1 {
            throw ValidationError("--write-scenario takes exactly one settings file, got \(settings.count)")
        }
        if Producer.Spread(rawValue: spread) == nil {
            throw ValidationError("--spread must be load or equal, got '\(spread)'")
        }
    }

    func run() throws {
        var entries = [CertificateReport.Entry]()
        var failed = false
        for file in settings {
            do {
                entries.append(try entry(file))
            } catch let problems as ScenarioProblems {
                for p in problems.problems { printError(p.description) }
                failed = true
            } catch let error as InputError {
                printError(error.description)
                failed = true
            }
        }
        if failed { throw ExitStatus.badInput }
        let text = switch format {
        case .table: CertificateReport.table(entries)
        case .json: CertificateReport.json(entries)
        case .csv: CertificateReport.csv(entries)
        }
        try emit(text, to: output)
        if let target = writeScenario { try writeBuildOut(entries[0], settingsFile: settings[0], to: target) }
    }

    private func entry(_ file: String) throws -> CertificateReport.Entry {
        let s = try ScenarioLoader.certificateSettings(path: file)
        // Without plants and projects every year is short and the fee compounds: refuse, don't print it.
        guard let curve = s.supplyCurve else {
            throw InputError(file: file, line: nil, message: "[certificates] has no supply_curve: the market needs the eligible plants and candidate projects (for Sweden: supply_curve = \"Scenarios/certificates/supply-curve-sweden.csv\", relative to the settings file)")
        }
        let supply = try SupplyCurveFile.read(path: curve)
        let published = try s.published.map { path throws(InputError) in try PublishedCertificateFigures.read(folder: path) }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return CertificateReport.Entry(name: name, run: CertificateMarket.run(s, supply: supply), published: published)
    }

    /// The build-out since `--build-out-since` as producers in the Swedish zones SE1–SE4.
    private func writeBuildOut(_ entry: CertificateReport.Entry, settingsFile: String, to target: String) throws {
        let basePath = ScenarioLoader.absolute(base ?? settingsFile)
        let targetFolder = (ScenarioLoader.absolute(target) as NSString).deletingLastPathComponent
        let producers = BuildOutProducers.producers(entry.run, years: buildOutSince...CertificateAssumptions.years.upperBound,
                                                    zones: ["SE1", "SE2", "SE3", "SE4"], spread: Producer.Spread(rawValue: spread)!,
                                                    file: target)
        let header = [
            "Generated by: kraft certificates \(settingsFile) --write-scenario \(target)\(base.map { " --base \($0)" } ?? "") --build-out-since \(buildOutSince) --spread \(spread)",
            "The renewable build-out of certificate setting '\(entry.name)' commissioned from \(buildOutSince) on, as",
            "distributed producers (MW = TWh x 10^6 / (8760 h x capacity factor of the supply-curve row)), one per",
            "zone, technology and commissioning year, in service from 1 January of that year; Norwegian plants are",
            "left out, and so are plants commissioned before \(buildOutSince): the base is taken to have them already",
            "(base-2025 has the wind and solar installed at end-2023). The assumptions of the market run are those",
            "`kraft certificates` prints for the setting.",
        ]
        let text = BuildOutScenarioWriter.text(extends: relativePath(basePath, from: targetFolder),
                                               name: "Certificate build-out: \(entry.name)", header: header, producers: producers)
        try emit(text, to: target)
    }

    /// `path` relative to `folder` when they share a prefix folder, else absolute.
    private func relativePath(_ path: String, from folder: String) -> String {
        let a = path.split(separator: "/"), b = folder.split(separator: "/")
        var common = 0
        while common < a.count - 1, common < b.count, a[common] == b[common] { common += 1 }
        guard common > 0 else { return path }
        return (Array(repeating: "..", count: b.count - common) + a[common...].map(String.init)).joined(separator: "/")
    }
}
