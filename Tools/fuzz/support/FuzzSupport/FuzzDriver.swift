import CLibFuzzer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libFuzzer with a harness written as a closure.
///
/// SwiftPM gives every executable a `main` of its own, so libFuzzer's `main` never runs; each
/// harness therefore has an `@main` that calls `FuzzDriver.run`, which hands the command line to
/// libFuzzer's driver (`LLVMFuzzerRunDriver`): all libFuzzer flags, `-merge=1`, fork mode and
/// running single inputs work as with a plain libFuzzer binary.
public enum FuzzDriver {
    /// Whether `KRAFT_FUZZ_VERBOSE` is set: harnesses then say what each input gave, to triage a
    /// finding or check that the seeds reach as far as meant:
    /// `KRAFT_FUZZ_VERBOSE=1 .build-fuzz/fuzz-matpower -runs=0 Tools/fuzz/corpus/matpower`.
    public static let verbose = getenv("KRAFT_FUZZ_VERBOSE") != nil

    /// Fuzzes `body` with libFuzzer and exits with libFuzzer's status. `body` gets one input's
    /// bytes per call; a trap, a sanitizer report, a timeout or too much memory in it is a finding.
    public static func run(_ body: @escaping ([UInt8]) -> Void) -> Never {
        harness = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzDriver.harness?(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        }
        exit(status)
    }

    /// One line on standard error.
    public static func report(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// The harness `run` was given; libFuzzer calls back through a C function pointer, which
    /// cannot capture it. Set once, before libFuzzer starts, and only read after.
    nonisolated(unsafe) private static var harness: (([UInt8]) -> Void)?
}
