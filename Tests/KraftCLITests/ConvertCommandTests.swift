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

    @Test("an output that is not .m is a usage error; an unreadable input is bad input")
    func errors() throws {
        let notM = try KraftProcess.run(["convert", KraftProcess.fixture("case9.m"), "/tmp/out.json"])
        #expect(notM.status == 64)
        let missing = try KraftProcess.run(["convert", "/nonexistent/in.m", "/tmp/kraft-out.m"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("/nonexistent/in.m: "))
    }
}
