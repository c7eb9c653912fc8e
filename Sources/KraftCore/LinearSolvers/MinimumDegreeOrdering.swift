/// A fill-reducing order for small symmetric patterns: exact minimum degree on the elimination
/// graph held as bit sets, the lowest-numbered node first among those of least degree.
///
/// Why not AMD for these: on a small grid SuiteSparse's AMD is a fixed cost of the cold solve
/// (case118: 150,000 instructions, an eighth of the cold solve, and its code in a library the
/// process has not touched yet), spent on bookkeeping (the quotient graph, element absorption,
/// approximate degrees) that pays off only on large graphs. With a few hundred nodes the explicit
/// elimination graph is a few kilobytes of bits, each elimination a few word-wide unions, and the
/// next node the first bit of the lowest non-empty degree bucket. Its fill is AMD's within a few
/// entries on the MATPOWER cases (case118: 265 entries of L against 266, case300: 661 against
/// 659). The block LU takes it up to `largestOrder` nodes and AMD above.
enum MinimumDegreeOrdering {
    /// The most nodes ordered here: the graph and the degree buckets are n²/64 words each
    /// (20 kB each at 400 nodes), and the elimination's unions O(n) words per fill entry.
    static let largestOrder = 400

    /// The order (`order[new] = old`) of the `n` nodes of the symmetric pattern `start`, `index`
    /// (CSC, the diagonal and duplicates allowed, both triangles present).
    static func order(n: Int, start: UnsafeBufferPointer<Int32>, index: UnsafeBufferPointer<Int32>,
                      into order: UnsafeMutableBufferPointer<Int32>) {
        guard n > 0 else { return }
        let words = (n + 63) / 64
        // Row i of `graph`: i's neighbours not yet eliminated, bit k & 63 of word k >> 6 for node
        // k; its degree is their count. Row d of `bucket`: the nodes not yet eliminated of degree
        // d (a degree is below n). Bucket rows are cleared as degrees reach them, so that a small
        // graph touches (page-faults in) a few rows only.
        let graph = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n * words)
        let bucket = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n * words)
        let degree = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        defer { graph.deallocate(); bucket.deallocate(); degree.deallocate() }
        graph.initialize(repeating: 0)
        var clearedRows = 0
        func place(_ i: Int, _ d: Int) {
            while clearedRows <= d {
                for w in 0..<words { bucket[clearedRows * words + w] = 0 }
                clearedRows += 1
            }
            bucket[d * words + (i >> 6)] |= 1 << UInt64(i & 63)
        }
        func remove(_ i: Int, _ d: Int) { bucket[d * words + (i >> 6)] &= ~(1 << UInt64(i & 63)) }

        for k in 0..<n {
            for p in Int(start[k])..<Int(start[k + 1]) {
                let i = Int(index[p])
                if i != k { graph[i * words + (k >> 6)] |= 1 << UInt64(k & 63) }
            }
        }
        var least = n
        for i in 0..<n {
            var count = 0
            for w in 0..<words { count += graph[i * words + w].nonzeroBitCount }
            degree[i] = count
            place(i, count)
            least = min(least, count)
        }
        for step in 0..<n {
            // The first node of the lowest non-empty bucket (one exists: n − step nodes are left).
            var v = -1
            while v < 0 {
                for w in 0..<words where bucket[least * words + w] != 0 {
                    v = (w << 6) | bucket[least * words + w].trailingZeroBitCount
                    break
                }
                if v < 0 { least += 1 }
            }
            order[step] = Int32(v)
            remove(v, least)
            // Each neighbour u of v gains v's other neighbours and loses v.
            let vRow = v * words, vBit: UInt64 = 1 << UInt64(v & 63), vWord = v >> 6
            for w in 0..<words {
                var bits = graph[vRow + w]
                while bits != 0 {
                    let u = (w << 6) | bits.trailingZeroBitCount
                    bits &= bits - 1
                    let uRow = u * words, uBit: UInt64 = 1 << UInt64(u & 63), uWord = u >> 6
                    var count = 0
                    for x in 0..<words {
                        var merged = graph[uRow + x] | graph[vRow + x]
                        if x == uWord { merged &= ~uBit }
                        if x == vWord { merged &= ~vBit }
                        graph[uRow + x] = merged
                        count += merged.nonzeroBitCount
                    }
                    remove(u, degree[u])
                    degree[u] = count
                    place(u, count)
                    least = min(least, count)
                }
            }
        }
    }
}
