import Foundation
import KraftIO
import KraftScenario
import KraftSim

/// Runs one sweep member as a child `kraft run` of its resolved scenario file and records the
/// outcome under the sweep's layout. The child is the same executable and code path as a user's
/// `kraft run`; a crash or a bad member ends only that process.
enum SweepMemberRun {
    enum Outcome {
        case completed(seconds: Double)
        case failed(String)
        /// Not run, or ended, because the sweep was stopped by a signal.
        case stopped
    }

    static func run(_ member: SweepMember, of sweep: Sweep, layout: SweepLayout, kraft: String) -> Outcome {
        let start = Date()
        for name in layout.clearStale(member.id) { print("\(member.id): removed \(name), left by an interrupted run") }
        let failure: String
        do {
            try AtomicFile.write(try sweep.memberFile(member), to: layout.scenarioFile(member.id))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: kraft)
            process.arguments = sweep.command == "adequacy"
                ? ["adequacy", layout.scenarioFile(member.id), "--result-folder", layout.resultFolder(member.id)] + sweep.runOptions
                : ["run", layout.scenarioFile(member.id), "--output", layout.resultFolder(member.id)] + sweep.runOptions
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            guard try ChildProcesses.shared.run(process) else { return .stopped }
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            ChildProcesses.shared.ended(process)
            // Stopped by a signal to the sweep: not this member's failure; its leftovers are
            // cleared when the member is run again.
            if ChildProcesses.shared.stopSignal != nil && !layout.isComplete(member.id) { return .stopped }
            // Exit 1 with a result folder is a run that completed with a finding (a load flow that
            // did not converge is in its summary); without a folder, the member failed.
            if layout.isComplete(member.id) {
                layout.clearFailure(member.id)
                return .completed(seconds: Date().timeIntervalSince(start))
            }
            let how = process.terminationReason == .uncaughtSignal ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
            failure = "kraft \(sweep.command) \(how)\n" + text
        } catch {
            failure = "cannot run the member: \(error)"
        }
        do { try layout.recordFailure(member.id, message: failure) } catch { print("\(member.id): \(error.description)") }
        return .failed(failure)
    }
}
