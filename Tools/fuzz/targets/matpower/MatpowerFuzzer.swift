import FuzzSupport
import KraftIO

/// libFuzzer harness for the MATPOWER reader: each input is the bytes of a case file, parsed and
/// turned into a network. An `InputError` is the reader rejecting bad input, as it should;
/// anything else (a trap, a sanitizer report, a timeout, runaway memory) is a bug.
@main
enum MatpowerFuzzer {
    static func main() {
        FuzzDriver.run { bytes in
            do throws(InputError) {
                let network = try MatpowerReader.parse(bytes, file: "fuzz.m").network()
                if FuzzDriver.verbose { FuzzDriver.report("network: \(network.buses.count) buses, \(network.branches.count) branches") }
            } catch {
                precondition(!error.message.isEmpty, "an InputError without a message")
                if FuzzDriver.verbose { FuzzDriver.report("InputError: \(error)") }
            }
        }
    }
}
