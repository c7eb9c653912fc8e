import Foundation
import Testing

/// `kraft convert` as a user runs it.
@Suite("kraft convert")
struct ConvertCommandTests {
    @Test("converting and solving the copy gives the original's answer")
    func roundTrip() throws {
        let target = try KraftProcess.temporaryFile(named: "copy.m", "")
        let convert = try KraftProcess.run(["convert", KraftProcess.fixture("case30.m"), target])
        #expect(convert.status == 0, "\(convert.stderr)")
        let original = try KraftProcess.run(["pf", KraftProcess.fixture("case30.m"), "--format", "csv"])
        let copy = try KraftProcess.run(["pf", target, "--format", "csv"])
        func vm(_ csv: String) -> [Double] {
            csv.split(separator: "\n").drop { $0 != "id,type,vm_pu,va_deg" }.dropFirst().prefix { !$0.hasPrefix("#") }
                .compactMap { Double($0.split(separator: ",")[2]) }
        }
        #expect(vm(original.stdout).count == 30)
        #expect(zip(vm(original.stdout), vm(copy.stdout)).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    /// Bus voltages of `kraft pf FILE --format csv`.
    static func vm(_ file: String) throws -> [Double] {
        let run = try KraftProcess.run(["pf", file, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").drop { $0 != "id,type,vm_pu,va_deg" }.dropFirst().prefix { !$0.hasPrefix("#") }
            .compactMap { Double($0.split(separator: ",")[2]) }
    }

    @Test("a .raw output is PSS/E RAW (33, or 34 and 35 with --revision) and solves as the original", arguments: [nil, "34", "35"])
    func rawOutput(revision: String?) throws {
        let target = try KraftProcess.temporaryFile(named: "copy.raw", "")
        let convert = try KraftProcess.run(["convert", KraftProcess.fixture("case118.m"), target] + (revision.map { ["--revision", $0] } ?? []))
        #expect(convert.status == 0, "\(convert.stderr)")
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.hasPrefix("0, 100, \(revision ?? "33"), 0, 1, 60 / PSS(R)E-\(revision ?? "33")"))
        let original = try Self.vm(KraftProcess.fixture("case118.m")), copy = try Self.vm(target)
        #expect(original.count == 118 && copy.count == 118)
        #expect(zip(original, copy).allSatisfy { abs($0 - $1) < 1e-10 })
        // And back from .raw to .raw in another revision.
        let again = try KraftProcess.temporaryFile(named: "again.raw", "")
        #expect(try KraftProcess.run(["convert", target, again, "--revision", "35"]).status == 0)
        #expect(zip(original, try Self.vm(again)).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    @Test("an output that is neither .m nor .raw, or --revision other than 33–35 or with a .m output, is a usage error; an unreadable input is bad input")
    func errors() throws {
        let notM = try KraftProcess.run(["convert", KraftProcess.fixture("case9.m"), "/tmp/out.json"])
        #expect(notM.status == 64)
        let revisionForM = try KraftProcess.run(["convert", KraftProcess.fixture("case9.m"), "/tmp/kraft-out.m", "--revision", "35"])
        #expect(revisionForM.status == 64 && revisionForM.stderr.contains("--revision is only for a .raw output"))
        let badRevision = try KraftProcess.run(["convert", KraftProcess.fixture("case9.m"), "/tmp/kraft-out.raw", "--revision", "32"])
        #expect(badRevision.status == 64 && badRevision.stderr.contains("33, 34 or 35"))
        let missing = try KraftProcess.run(["convert", "/nonexistent/in.m", "/tmp/kraft-out.m"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("/nonexistent/in.m: "))
    }
}
