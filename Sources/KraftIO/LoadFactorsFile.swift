/// Hourly load scale factors for a time series, one hour per line after the header `hour,factor`:
/// `HOUR,FACTOR`, HOUR counting 0, 1, 2, … in order and FACTOR a finite number > 0 (1 is the
/// case's load). Blank lines and lines starting with `#` are ignored. The benchmark's file is
/// `Benchmarks/timeseries/load-factors-8760.csv`.
public enum LoadFactorsFile {
    public static func read(path: String) throws(InputError) -> [Double] {
        try parse(String(decoding: FileBytes.contents(ofFile: path), as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> [Double] {
        var factors = [Double]()
        var sawHeader = false
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimming(" \t")
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> InputError { InputError(file: file, line: index + 1, message: message) }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimming(" \t") }
            guard sawHeader else {
                guard fields == ["hour", "factor"] else { throw fail("expected the header 'hour,factor', got '\(line)'") }
                sawHeader = true
                continue
            }
            guard fields.count == 2 else { throw fail("expected 'HOUR,FACTOR', got '\(line)'") }
            guard let hour = Int(fields[0]), hour == factors.count else {
                throw fail("hour '\(fields[0])' out of sequence (expected \(factors.count))")
            }
            guard let factor = Double(fields[1]), factor.isFinite, factor > 0 else {
                throw fail("factor '\(fields[1])' of hour \(hour) is not a finite number > 0")
            }
            factors.append(factor)
        }
        guard !factors.isEmpty else {
            throw InputError(file: file, line: nil, message: sawHeader ? "no hours after the header (expected lines 'HOUR,FACTOR')"
                                                                  : "empty (expected the header 'hour,factor' and one line per hour)")
        }
        return factors
    }
}
