/// The least load that must be shed in one hour of a zonal transport model, and where.
///
/// Each zone first serves its own load from its own generation (local first); what is left over
/// (and the imports from outside) flows to zones that are short, within the border limits. The
/// most that can be moved is a maximum flow from a source feeding every surplus (and import) to
/// a sink drawing every deficit; the total shed is the deficits less that flow, the least any
/// dispatch can shed: every cut of this network differs from the cut of the network without
/// local first by the same Σ min(generation, load), so both have the same minimum cut.
///
/// When several short zones compete for the same limited transfer, which of them sheds depends
/// on the order the augmenting paths are found (breadth first, zones in the model's order); the
/// national total does not.
struct TransportShortfall {
    let zoneCount: Int
    /// Node 0 is the source, 1…Z the zones, Z+1 the sink; capacities row-major, residual scratch.
    private var capacity: [Double]
    private var transferCapacity: [Double]
    private var parent: [Int]
    private var queue: [Int]

    init(model: AdequacyModel) {
        zoneCount = model.zones.count
        let n = zoneCount + 2
        transferCapacity = [Double](repeating: 0, count: n * n)
        for t in model.transfers {
            transferCapacity[(t.from + 1) * n + t.to + 1] += t.forwardMW
            transferCapacity[(t.to + 1) * n + t.from + 1] += t.backwardMW
        }
        capacity = transferCapacity
        parent = [Int](repeating: -1, count: n)
        queue = [Int](repeating: 0, count: n)
    }

    /// Shed load per zone, MW, written into `shed` (cleared first), for zone `margin` =
    /// generation − load and `imports` available from outside. Returns the total shed.
    mutating func solve(margin: [Double], imports: [Double], shed: inout [Double]) -> Double {
        let n = zoneCount + 2, sink = zoneCount + 1
        var deficit = 0.0
        for z in 0..<zoneCount {
            shed[z] = 0
            if margin[z] < 0 { deficit -= margin[z] }
        }
        guard deficit > 0 else { return 0 }
        capacity.withUnsafeMutableBufferPointer { c in
            transferCapacity.withUnsafeBufferPointer { t in
                for i in 0..<(n * n) { c[i] = t[i] }
            }
            for z in 0..<zoneCount {
                let m = margin[z]
                c[z + 1] = max(m, 0) + imports[z]                     // source → zone
                c[(z + 1) * n + sink] = max(-m, 0)                    // zone → sink
            }
        }
        // Edmonds–Karp: shortest augmenting paths first, ties by node order (deterministic).
        var moved = 0.0
        while true {
            for i in 0..<n { parent[i] = -1 }
            parent[0] = 0
            var head = 0, tail = 1
            queue[0] = 0
            while head < tail && parent[sink] < 0 {
                let u = queue[head]; head += 1
                for v in 0..<n where parent[v] < 0 && capacity[u * n + v] > 1e-9 {
                    parent[v] = u
                    queue[tail] = v; tail += 1
                }
            }
            guard parent[sink] >= 0 else { break }
            var push = Double.infinity
            var v = sink
            while v != 0 { let u = parent[v]; push = min(push, capacity[u * n + v]); v = u }
            v = sink
            while v != 0 {
                let u = parent[v]
                capacity[u * n + v] -= push
                capacity[v * n + u] += push
                v = u
            }
            moved += push
            if moved >= deficit - 1e-9 { break }
        }
        var total = 0.0
        for z in 0..<zoneCount {
            // What is left of the zone → sink edge is the zone's unserved load.
            let left = capacity[(z + 1) * n + sink]
            shed[z] = left > 1e-6 ? left : 0
            total += shed[z]
        }
        return total
    }
}
