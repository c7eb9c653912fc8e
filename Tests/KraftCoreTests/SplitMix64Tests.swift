import KraftCore
import Testing

/// The one seeded generator of the package (the synthetic profiles, the adequacy study and the
/// tests' generated inputs draw from it).
@Suite struct SplitMix64Tests {
    @Test("SplitMix64 reproduces the published reference output")
    func reference() {
        // First outputs of SplitMix64 from state 0 (Vigna's reference splitmix64.c).
        var g = SplitMix64(state: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("a named stream is the same for the same seed and name, another for another name")
    func streams() {
        func first(_ seed: Int, _ name: String) -> [UInt64] {
            var g = SplitMix64(seed: seed, stream: name)
            return (0..<4).map { _ in g.next() }
        }
        #expect(first(7, "2030/wind/SE3") == first(7, "2030/wind/SE3"))
        #expect(first(7, "2030/wind/SE3") != first(7, "2030/wind/SE4"))
        #expect(first(7, "2030/wind/SE3") != first(8, "2030/wind/SE3"))
    }
}
