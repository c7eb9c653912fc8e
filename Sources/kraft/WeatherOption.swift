import ArgumentParser
import KraftScenario

/// `--weather`: runs a scenario on other weather than its `[weather]` names — a history scenario
/// on synthetic hours, or any scenario on a CSV folder — without editing the file.
struct WeatherOption: ParsableArguments {
    @Option(help: ArgumentHelp("Weather instead of the scenario's: synthetic:SEED (a seeded synthetic year) or csv:FOLDER "
                               + "(a folder of hourly CSV files, docs/profiles.md; zones and files it lacks come from the "
                               + "scenario's synthetic seed).", valueName: "source"))
    var weather: String?

    func validate() throws { _ = try parsed(replacing: .synthetic(seed: 1)) }

    /// The weather named, or nil when the option is not given. A CSV folder is filled from the
    /// seed of the scenario's `weather`: its synthetic seed, or the seed it fills its own folder from.
    func parsed(replacing scenarioWeather: Weather) throws -> Weather? {
        guard let weather else { return nil }
        if weather.hasPrefix("synthetic:"), let seed = Int(weather.dropFirst("synthetic:".count)), (0...Int(Int32.max)).contains(seed) {
            return .synthetic(seed: seed)
        }
        if weather.hasPrefix("csv:"), weather.count > "csv:".count {
            let seed: Int? = switch scenarioWeather {
            case .synthetic(let seed): seed
            case .csv(_, let fill, _): fill
            }
            return .csv(folder: String(weather.dropFirst("csv:".count)), fillSeed: seed)
        }
        throw ValidationError("--weather must be synthetic:SEED (SEED from 0 to \(Int32.max)) or csv:FOLDER, got '\(weather)'")
    }
}
