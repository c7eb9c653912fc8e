import Foundation
import KraftReport

/// Sample result folders (SampleResultFolder on the shipped Nordic44 grid) written once per test
/// process into a temporary folder, and a plain CSV reader for computing expected values
/// independently of the report module's reader.
enum SampleFolders {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let grid = root.appendingPathComponent("Scenarios/grids/nordic44.m").path
    static let sidecar = root.appendingPathComponent("Scenarios/grids/nordic44.sidecar.toml").path

    static let base: String = make(variant: 0)
    static let variant: String = make(variant: 1)

    static func make(variant: Int) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-report-\(UUID().uuidString)/run\(variant)").path
        try! SampleResultFolder.write(grid: grid, sidecar: sidecar, to: dir, variant: variant)
        return dir
    }

    /// A copy of the base sample that a test may damage.
    static func copy() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-report-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: base, toPath: dir)
        return dir
    }

    /// Rows of a CSV file as dictionaries, header → field.
    static func csv(_ folder: String, _ file: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}
