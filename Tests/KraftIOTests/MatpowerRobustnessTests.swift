import Foundation
import KraftCore
import Testing
@testable import KraftIO

/// Damaged files never crash the reader: whatever the bytes, reading ends in a case or an
/// `InputError` (a trap would end the test process).
@Suite struct MatpowerRobustnessTests {
    /// Bytes that matter to the grammar, inserted or substituted at random places.
    private static let syntax = Array("[]{}();,.'\"%\n\t -+eE0123456789Inf NaN ... %{ mpc.bus = [".utf8)

    @Test(arguments: 0..<4)
    func randomDamageToCase9(seed: UInt64) throws {
        let original = try Array(Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("case9.m"))))
        var random = SplitMix64(state: seed)  // seeded, so that a failure can be replayed
        var accepted = 0
        for _ in 0..<500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(Self.syntax.randomElement(using: &random) ?? 0, at: at)
                case 2: bytes[at] = Self.syntax.randomElement(using: &random) ?? 0
                default: bytes.removeSubrange(at..<min(at + Int.random(in: 1...200, using: &random), bytes.count))
                }
            }
            do {
                _ = try MatpowerReader.parse(bytes, file: "damaged.m").network()
                accepted += 1
            } catch {
                #expect(error.file == "damaged.m")
                #expect(!error.message.isEmpty)
            }
        }
        // Many damages hit only comments or keep the case valid; most must be caught.
        #expect(accepted < 500)
    }
}
