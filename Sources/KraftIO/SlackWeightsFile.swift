/// Participation weights for distributed slack, one generator per line: `GEN,WEIGHT`, where GEN
/// is the generator's 1-based row in the case file and WEIGHT a finite number ≥ 0. Blank lines
/// and lines starting with `#` are ignored; generators not listed weigh 0.
public enum SlackWeightsFile {
    public static func read(path: String, generatorCount: Int) throws(InputError) -> [Double] {
        try parse(String(decoding: FileBytes.contents(ofFile: path), as: UTF8.self), file: path,
                  generatorCount: generatorCount)
    }

    public static func parse(_ text: String, file: String, generatorCount: Int) throws(InputError) -> [Double] {
        var weights = [Double](repeating: 0, count: generatorCount)
        var seen = [Int: Int]()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimming(" \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",").map { $0.trimming(" \t") }
            func fail(_ message: String) -> InputError { InputError(file: file, line: index + 1, message: message) }
            guard fields.count == 2 else { throw fail("expected 'GEN,WEIGHT', got '\(line)'") }
            guard let generator = Int(fields[0]), (1...generatorCount).contains(generator) else {
                throw fail("generator '\(fields[0])' is not a generator row of the case (expected 1 to \(generatorCount))")
            }
            guard let weight = Double(fields[1]), weight.isFinite, weight >= 0 else {
                throw fail("weight '\(fields[1])' of generator \(generator) is not a finite number ≥ 0")
            }
            if let first = seen[generator] { throw fail("generator \(generator) is listed twice (first on line \(first))") }
            seen[generator] = index + 1
            weights[generator - 1] = weight
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw InputError(file: file, line: nil, message: "no generator has a positive weight")
        }
        return weights
    }
}
