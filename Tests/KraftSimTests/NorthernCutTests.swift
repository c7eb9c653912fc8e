import Foundation
@testable import KraftSim
import Testing

/// Nordic44's cut between the north (SE1, SE2) and SE3. The equivalent's long SE1–SE3 line
/// (Porjus–Forsmark) counts in it: before it did, the line was in no cut and up to 650 MW (about
/// 400 on average in base-2025) reached SE3 from the north past the cut's trading capacity.
@Suite("Nordic44's northern cut")
struct NorthernCutTests {
    @Test("on a day of base-2025 (29 May) no more than the SE2→SE3 trading capacity reaches SE3 from SE1 and SE2 over all their lines, and it binds")
    func nothingPastTheCut() throws {
        let day = try BranchLimitShareTests.dispatch(share: 0.9, scenario: "base-2025.toml", day: "2025-05-29")
        // The scenario's capacity (2022's mean allocation), not the sidecar's 7,300 MW maximum.
        let capacity = try #require(day.problem.interfaces.first { $0.name == "SE2-SE3" }?.forwardMW)
        #expect(capacity == 6505)
        let zone = day.zoneOfBus, north: Set<String> = ["SE1", "SE2"]
        var most = 0.0
        for h in 0..<day.problem.hours {
            // Every AC branch with one end in the north and the other in SE3, counted southwards.
            var southward = 0.0
            for (k, branch) in day.problem.branches.enumerated() {
                if north.contains(zone[branch.from]) && zone[branch.to] == "SE3" { southward += day.solution.flowMW[h, k] }
                if north.contains(zone[branch.to]) && zone[branch.from] == "SE3" { southward -= day.solution.flowMW[h, k] }
            }
            #expect(southward <= capacity + 1e-5, "hour \(h): \(southward) MW from the north into SE3")
            most = max(most, southward)
        }
        #expect(most > capacity - 1, "the cut binds on 29 May 2025: at most \(most) MW")
    }
}
