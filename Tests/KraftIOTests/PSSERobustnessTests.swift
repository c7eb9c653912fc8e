import Foundation
import Testing
@testable import KraftIO

/// Damaged RAW files give an `InputError` or a network, never a crash: the test file cut at
/// every byte, and every other byte replaced by characters the syntax gives meaning to.
@Suite struct PSSERobustnessTests {
    static let bytes = Array((RawFile()
        .with(.transformer, PSSETransformerTests.threeWinding + PSSETransformerTests.transformer(cw: 3, cz: 3, cm: 2))
        .with(.twoTerminalDC, ["'DC', 1, 5.0, 200.0, 500.0", "1", "2"])
        .with(.switchedShunt, ["3,1,0,1,1.05,0.95,0,100.0,'',25.0"])
        .with(.owner, ["1,'OWNER'"])).text.utf8)

    /// Reads `bytes`; `true` when they gave a network, `false` for an `InputError` with a message.
    private func outcome(_ bytes: [UInt8]) -> Bool {
        do {
            _ = try PSSERawReader.parse(bytes, file: "cut.raw").network()
            return true
        } catch {
            #expect(!error.message.isEmpty && error.file == "cut.raw")
            return false
        }
    }

    @Test func cutAtEveryByte() {
        var accepted = 0
        for end in 0..<Self.bytes.count where outcome(Array(Self.bytes[..<end])) { accepted += 1 }
        // Only cuts inside or after the last lines (the final groups' end records or Q) still make a case.
        #expect(accepted < 80, "\(accepted) cut files accepted")
        #expect(outcome(Self.bytes))
    }

    @Test(arguments: [UInt8(ascii: "'"), UInt8(ascii: "/"), UInt8(ascii: "\n"), UInt8(ascii: "x")])
    func bytesReplaced(by replacement: UInt8) {
        for k in stride(from: replacement % 2 == 0 ? 0 : 1, to: Self.bytes.count, by: 2) where Self.bytes[k] != replacement {
            var damaged = Self.bytes
            damaged[k] = replacement
            _ = outcome(damaged)
        }
    }
}
