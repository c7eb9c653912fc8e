import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `kraft`: the command-line front of the simulator. Each subcommand lives in its own file.
@main
struct Kraft: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kraft",
        abstract: "Kraft, a decentralized energy-grid simulator: load flow, benchmarks and Swedish grid studies.",
        version: Kraft.version,
        subcommands: [PowerFlowCommand.self, BenchCommand.self, ConvertCommand.self, ValidateCommand.self, RunCommand.self,
                      ContingencyCommand.self, CertificatesCommand.self, SweepCommand.self, ReportCommand.self,
                      CompareCommand.self, ProfilesCommand.self, AdequacyCommand.self]
    )

    /// Written into every result folder's manifest.
    static let version = "0.2.0"

    static func main() {
        // A process started from a worker thread of another (libdispatch blocks signals on its
        // threads, and Foundation's Process passes the mask on) would otherwise ignore SIGINT,
        // SIGTERM and SIGHUP: a stopped sweep could not stop its `kraft run` children.
        var stop = sigset_t()
        sigemptyset(&stop)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stop, s) }
        pthread_sigmask(SIG_UNBLOCK, &stop, nil)
        MemoryPolicy.keepFreedMemory()
        Self.main(nil)
    }

}
