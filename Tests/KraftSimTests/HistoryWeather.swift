import Foundation
import KraftScenario
import Testing

/// The weather folder of a history year, made for the tests by Tools/weather/make-history-weather
/// from shared/data/sweden/hourly into a temporary folder (never the one in Scenarios/, which a
/// user may have made with other options), once per year and process.
enum HistoryWeather {
    static let hourly = YearRunTests.root.deletingLastPathComponent().appendingPathComponent("shared/data/sweden/hourly")
    static var available: Bool { FileManager.default.fileExists(atPath: hourly.path) }

    private static let folders: [Int: Result<String, Error>] = Dictionary(uniqueKeysWithValues: [2019, 2023].map { year in
        (year, Result { try make(year) })
    })

    /// The folder for `year` (2019 or 2023), made by the script.
    static func folder(_ year: Int) throws -> String { try folders[year]!.get() }

    /// The scenario's weather with its folder replaced by the one made here (its seed kept).
    static func weather(_ year: Int) throws -> Weather { .csv(folder: try folder(year), fillSeed: year) }

    struct ScriptFailed: Error, CustomStringConvertible { var description: String }

    private static func make(_ year: Int) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-weather-\(year)-\(UUID().uuidString)").path
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        script.arguments = ["python3", YearRunTests.root.appendingPathComponent("Tools/weather/make-history-weather").path, "\(year)", "--output", out]
        let err = Pipe()
        script.standardOutput = FileHandle.nullDevice
        script.standardError = err
        try script.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        guard script.terminationStatus == 0 else { throw ScriptFailed(description: "make-history-weather \(year): \(message)") }
        return out
    }
}
