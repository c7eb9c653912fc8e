import ArgumentParser

/// `kraft`: the command-line front of the simulator. Each subcommand lives in its own file.
@main
struct Kraft: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kraft",
        abstract: "Kraft, a decentralized energy-grid simulator: load flow, benchmarks and Swedish grid studies.",
        version: Kraft.version,
        subcommands: [PowerFlowCommand.self, BenchCommand.self, ConvertCommand.self, ValidateCommand.self, RunCommand.self,
                      ContingencyCommand.self, CertificatesCommand.self, SweepCommand.self, ReportCommand.self,
                      CompareCommand.self, SampleResultCommand.self]
    )

    /// Written into every result folder's manifest.
    static let version = "0.2.0"

}
