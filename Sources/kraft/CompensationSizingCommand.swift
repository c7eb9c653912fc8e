import Foundation
import KraftCore
import KraftIO
import KraftReport
import KraftScenario
import KraftSim

/// `kraft run --size-compensation PLACE`: the place checked against the grid, the bisection run
/// with its steps printed, and the answer with what it changes.
enum CompensationSizingCommand {
    /// A bus number of the grid or a site of its sidecar; a usage error naming both otherwise.
    static func location(_ place: String, network: Network, sidecar: GridSidecar?) throws -> Compensation.Location {
        if let id = Int(place) {
            guard network.busIndex[id] != nil else {
                printError("--size-compensation: \(id) is not a bus of the grid (expected a bus number of the grid or a site name of its sidecar)")
                throw ExitStatus.badInput
            }
            return .bus(id)
        }
        let sites = Set((sidecar?.siteOfBus ?? [:]).values)
        guard sites.contains(place) else {
            let known = sites.sorted().prefix(12).joined(separator: ", ")
            printError("--size-compensation: \"\(place)\" is not a site of the grid's sidecar (expected a bus number or one of \(known)\(sites.count > 12 ? ", …" : ""))")
            throw ExitStatus.badInput
        }
        return .site(place)
    }

    enum Outcome { case device(Compensation), noneNeeded, failed }

    /// Runs the bisection and prints it: the device to add, none when the run needs none, or
    /// failed (printed why) when none up to the limit passes or the run failed.
    static func size(scenario: Scenario, network: Network, sidecar: GridSidecar?, profiles: HourlyProfiles, only: Range<Int>,
                     place: Compensation.Location, label: String, threads: Int, scenarioPath: String) -> Outcome {
        let answer: CompensationSizing.Answer
        do {
            print("sizing a static compensator (±Mvar, no active power) at \(label): the period dispatched once, each range checked by AC load flow over its \(only.count) hours")
            let period = try CompensationSizing.Period(scenario: scenario, network: network, sidecar: sidecar, profiles: profiles,
                                                       only: only, place: place, threads: threads)
            answer = try CompensationSizing.size(period, place: place) { c in
                print("  ±\(Int(c.mvar)) Mvar: \(c.failedHours) hours fail, \(c.violationHours) hours with a voltage outside limits" + (c.passes ? " — passes" : ""))
            }
        } catch {
            printError("\(scenarioPath): \(error.description)")
            return .failed
        }
        let without = answer.without
        guard let mvar = answer.mvar, let with = answer.with else {
            printError("\(scenarioPath): no compensator at \(label) up to ±\(Int(answer.checks.last?.mvar ?? 0)) Mvar makes every hour converge with voltages inside limits (best: \(answer.checks.map(\.failedHours).min() ?? 0) hours fail); support at one place does not suffice")
            return .failed
        }
        func vm(_ x: Double?) -> String { x.map { fixed($0, 3) } ?? "-" }
        if mvar == 0 {
            print("answer: none needed at \(label): every hour converges with voltages inside limits without it (lowest voltage \(vm(without.lowestVm)) p.u.); the result folder below is the run as it stands\n")
            return .noneNeeded
        }
        print("""
        answer: ±\(Int(mvar)) Mvar at \(label) (bus \(answer.bus))
          hours whose AC check fails:          \(without.failedHours) → \(with.failedHours)
          hours with a voltage outside limits: \(without.violationHours) → \(with.violationHours)
          lowest voltage (p.u., converged):    \(vm(without.lowestVm)) → \(vm(with.lowestVm))
          highest voltage (p.u., converged):   \(vm(without.highestVm)) → \(vm(with.highestVm))
          the compensator's largest output:    \(Int(with.largestOutputMvar.rounded())) Mvar
        to keep it, add to the scenario:
          [[compensation]]
          type = "statcom"
          \(placeKey(answer.place))
          max_mvar = \(Int(mvar))
          min_mvar = -\(Int(mvar))
        the result folder below is the run with it

        """)
        return .device(CompensationSizing.device(at: place, mvar: mvar, origin: Origin(file: scenarioPath, keyPath: "--size-compensation")))
    }

    static func placeKey(_ place: Compensation.Location) -> String {
        switch place {
        case .bus(let b): "bus = \(b)"
        case .site(let s): "site = \"\(s)\""
        }
    }
}
