import ArgumentParser
import KraftCore
import KraftIO
import KraftReport
import KraftScenario
import KraftSim

/// `kraft profiles`: the hourly profiles a scenario runs on.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "The hourly profiles (load, wind, solar, inflow) a scenario runs on.",
        subcommands: [ProfilesExportCommand.self]
    )
}

/// `kraft profiles export`: the profiles a run would use, as a CSV weather folder.
struct ProfilesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the hourly profiles a run of the scenario would use as a CSV weather folder (docs/profiles.md).",
        discussion: """
        The folder has load.csv, wind.csv, solar.csv and inflow.csv for every zone of the grid and \
        every hour of the calendar years the period lies in (what a run reads), synthetic or read, \
        every load and inflow in MW (the zones a synthetic year keeps relative to the grid are turned \
        into MW on the scenario's grid and fleet): a template to fill with measured series. A run on \
        the folder (--weather csv:DIR) is the run on the scenario's own weather. The folder appears \
        whole or not at all. Exit status: 0 written, 2 bad input or an existing folder.
        """
    )

    @Argument(help: "The scenario file (TOML).")
    var scenario: String

    @Option(help: "The folder to create.")
    var output: String

    @Option(help: ArgumentHelp("Export this calendar year instead of the scenario's period.", valueName: "year"))
    var period: Int?

    @OptionGroup var weather: WeatherOption

    @Flag(help: "Replace the folder if it exists.")
    var overwrite = false

    func validate() throws {
        if let period, !(1950...2100).contains(period) { throw ValidationError("--period must be a year from 1950 to 2100, got \(period)") }
    }

    func run() throws {
        var loaded: (scenario: Scenario, network: Network, sidecar: GridSidecar?)
        do { loaded = try ScenarioLoader.load(path: scenario) } catch {
            for p in error.problems { printError(p.description) }
            throw ExitStatus.badInput
        }
        if let w = try weather.parsed(replacing: loaded.scenario.weather) { loaded.scenario.weather = w }
        var span = loaded.scenario.period
        if let period { span = Period(from: CalendarDate(year: period, month: 1, day: 1), to: CalendarDate(year: period, month: 12, day: 31)) }
        do {
            let (profiles, _) = try YearRun.profiles(weather: loaded.scenario.weather, covering: span, sidecar: loaded.sidecar)
            let mw = ProfileExport.inMW(profiles, scenario: loaded.scenario, network: loaded.network, sidecar: loaded.sidecar)
            try ResultFolder.write(ProfileExport.files(mw).sorted { $0.key < $1.key }.map { (name: $0.key, text: $0.value) },
                                   to: output, replacing: overwrite)
            print("\(output): \(profiles.hours) hours from \(profiles.start), zones \(profiles.zones.joined(separator: ", "))")
            print("weather: \(profiles.source)")
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
    }
}
