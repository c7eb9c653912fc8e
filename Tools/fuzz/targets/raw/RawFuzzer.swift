import FuzzSupport
import KraftIO

/// libFuzzer harness for the PSS/E RAW reader: each input is the bytes of a RAW file, parsed,
/// summarised in notes and turned into a network. An `InputError` is the reader rejecting bad
/// input, as it should; anything else (a trap, a sanitizer report, a timeout, runaway memory) is
/// a bug.
@main
enum RawFuzzer {
    static func main() {
        FuzzDriver.run { bytes in
            do throws(InputError) {
                let raw = try PSSERawReader.parse(bytes, file: "fuzz.raw")
                _ = raw.notes
                let network = try raw.network()
                if FuzzDriver.verbose { FuzzDriver.report("network: \(network.buses.count) buses, \(network.branches.count) branches") }
            } catch {
                precondition(!error.message.isEmpty, "an InputError without a message")
                if FuzzDriver.verbose { FuzzDriver.report("InputError: \(error)") }
            }
        }
    }
}
