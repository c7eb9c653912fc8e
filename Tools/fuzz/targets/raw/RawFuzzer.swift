import FuzzSupport
import KraftIO

/// libFuzzer harness for the PSS/E RAW reader (revisions 29 to 35) and writer: each input is the
/// bytes of a RAW file, parsed, summarised in notes and turned into a network; a network that
/// reads is written as revision 33 and 35 and read again. An `InputError` is the reader rejecting
/// bad input, as it should; anything else (a trap, a sanitizer report, a timeout, runaway memory)
/// is a bug.
@main
enum RawFuzzer {
    static func main() {
        FuzzDriver.run { bytes in
            do throws(InputError) {
                let raw = try PSSERawReader.parse(bytes, file: "fuzz.raw")
                _ = raw.notes
                let network = try raw.network()
                if FuzzDriver.verbose { FuzzDriver.report("network: \(network.buses.count) buses, \(network.branches.count) branches") }
                for revision in [33, 35] {
                    let written = PSSERawWriter.write(network, revision: revision).text
                    // Values the reader accepted may still exceed its limits once multiplied by the
                    // base (a refusal then, not a crash).
                    _ = try? PSSERawReader.parse(written, file: "written.raw").network()
                }
            } catch {
                precondition(!error.message.isEmpty, "an InputError without a message")
                if FuzzDriver.verbose { FuzzDriver.report("InputError: \(error)") }
            }
        }
    }
}
