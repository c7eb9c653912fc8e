import ArgumentParser

/// Exit statuses `kraft` uses beyond success: 1 when a computation failed (e.g. did not
/// converge), 2 when the input was wrong.
enum ExitStatus {
    static let failed = ExitCode(1)
    static let badInput = ExitCode(2)
}
