import KraftIO
import Testing

/// The hourly load-factors file of `kraft bench --timeseries`.
@Suite("Load factors file")
struct LoadFactorsFileTests {
    @Test("hours in order after the header; comments, blanks and CRLF")
    func valid() throws {
        let f = try LoadFactorsFile.parse("# made up\nhour,factor\r\n0,0.75\n\n1, 1\n2,0.7e0\n", file: "f.csv")
        #expect(f == [0.75, 1, 0.7])
    }

    @Test("each mistake names the file, the line and what was expected", arguments: [
        ("0,1\n", 1, "expected the header 'hour,factor'"),
        ("hour,factor\n0,1,2\n", 2, "expected 'HOUR,FACTOR'"),
        ("hour,factor\n0,1\n2,1\n", 3, "hour '2' out of sequence (expected 1)"),
        ("hour,factor\n0,0\n", 2, "factor '0' of hour 0 is not a finite number > 0"),
        ("hour,factor\n0,inf\n", 2, "factor 'inf'"),
        ("hour,factor\n0,x\n", 2, "factor 'x'"),
    ])
    func invalid(text: String, line: Int, message: String) {
        #expect {
            try LoadFactorsFile.parse(text, file: "f.csv")
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.file == "f.csv" && e.line == line && e.message.contains(message)
        }
    }

    @Test("a file without hours is refused")
    func empty() {
        #expect(throws: InputError(file: "f.csv", line: nil, message: "no hours after the header (expected lines 'HOUR,FACTOR')")) {
            try LoadFactorsFile.parse("hour,factor\n", file: "f.csv")
        }
    }

    @Test("the benchmark's file: 8,760 factors between 0.7 and 1.0")
    func benchmarkFile() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let f = try LoadFactorsFile.read(path: "/" + path + "/Benchmarks/timeseries/load-factors-8760.csv")
        #expect(f.count == 8760)
        #expect(f.min() == 0.7 && f.max() == 1.0)
    }
}
