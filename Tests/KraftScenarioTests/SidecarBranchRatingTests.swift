import Foundation
import KraftCore
import KraftIO
import KraftScenario
import Testing

/// Branch ratings from a sidecar's `[[branch]]` entries: the shipped Nordic44 sidecar rates each
/// of the equivalent's lines as whole parallel circuits of its voltage level (the rule of
/// Tools/nordic44/make-sidecar, recomputed here from the grid's reactances and the sidecar's
/// coordinates), and bad entries are problems naming file and key.
@Suite("Sidecar branch ratings")
struct SidecarBranchRatingTests {
    /// Great-circle distance, km, on a sphere of 6371 km.
    static func distanceKm(_ a: GridSidecar.Coordinates, _ b: GridSidecar.Coordinates) -> Double {
        let r = Double.pi / 180
        let h = pow(sin((b.latitude - a.latitude) * r / 2), 2)
            + cos(a.latitude * r) * cos(b.latitude * r) * pow(sin((b.longitude - a.longitude) * r / 2), 2)
        return 2 * 6371 * asin(h.squareRoot())
    }

    @Test("every Nordic44 line is rated as the whole number of circuits its reactance implies; transformers and station ties are not")
    func shippedRule() throws {
        let (network, sidecar) = try SidecarCoordinatesTests.load()
        let br = network.branches
        var rated = 0
        // nordic44.m lists its 67 lines first, then its 12 transformers (Scenarios/grids/README.md).
        #expect(br.count == 79)
        for l in 0..<br.count {
            let from = br.from[l], to = br.to[l]
            guard l < 67, br.x[l] > 0.001 else {
                #expect(sidecar.ratingOfBranch[l] == nil, "branch row \(l + 1) is a transformer or a station tie")
                continue
            }
            let kv = network.buses.baseKV[from]
            let (perCircuit, ohmPerKm) = kv >= 380 ? (1787.0, 0.246) : (1000.0, 0.30)
            let length = Self.distanceKm(try #require(sidecar.coordinatesOfBus[from]), try #require(sidecar.coordinatesOfBus[to]))
            let circuits = max(1, (length * 1.2 * ohmPerKm / (br.x[l] * kv * kv / network.baseMVA)).rounded())
            #expect(sidecar.ratingOfBranch[l] == circuits * perCircuit, "branch row \(l + 1)")
            rated += 1
        }
        #expect(rated == 59 && sidecar.ratingOfBranch.count == 59)
        // By hand: Forsmark-Porjus (row 2), 733 km, 733 * 1.2 * 0.246 = 216 ohm against the
        // branch's 0.09 * 420^2 / 100 = 159 ohm: one circuit. Hjälta-Tenhult (rows 8-10),
        // 636 km, 188 ohm against 42.3: four circuits each.
        #expect(sidecar.ratingOfBranch[1] == 1787)
        #expect((7...9).allSatisfy { sidecar.ratingOfBranch[$0] == 4 * 1787 })
    }

    @Test("a rating for a branch the grid rates, out of range, repeated, missing or not above zero is a problem")
    func problems() throws {
        let (network, _) = try SidecarCoordinatesTests.load()
        var rated = network
        rated.branches.rateA[2] = 20  // 2,000 MVA on 100 MVA base
        let text = """
            [[branch]]
            branch = 3
            rating_mva = 1787.0

            [[branch]]
            branch = 500
            rating_mva = 1.0

            [[branch]]
            branch = 2
            rating_mva = 1787.0

            [[branch]]
            branch = 2
            rating_mva = 1000.0

            [[branch]]
            branch = 4

            [[branch]]
            branch = 5
            rating_mva = 0
            """
        do {
            _ = try GridSidecar.parse(text, file: "s.toml", network: rated)
            Issue.record("bad ratings accepted")
        } catch {
            #expect(error.problems.map(\.description) == [
                "s.toml: branch[1].branch: is row 3, which the grid file rates at 2000.0 MVA (expected a branch without a rating: the sidecar rates only those)",
                "s.toml: branch[2].branch: is 500, not a branch row of the grid (expected 1 to \(network.branches.count))",
                "s.toml: branch[4].branch: is row 2, rated already by an earlier [[branch]] (expected one rating per branch)",
                "s.toml: branch[5].rating_mva: is missing (expected a rating in MVA)",
                "s.toml: branch[6].rating_mva: is 0.0 (expected a rating above 0 MVA)",
            ])
        }
    }
}
