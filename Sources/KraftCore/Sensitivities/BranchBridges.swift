/// The branches whose outage splits the network (bridges of the bus graph), found with Tarjan's
/// low-link depth-first search in O(buses + branches).
///
/// The graph is the in-service branches between buses that are not isolated; parallel branches
/// are separate edges, so two lines side by side are never bridges (MATPOWER's `find_bridges`
/// merges them into one edge). The search is iterative, so a 70,000-bus radial feeder cannot
/// overflow the stack.
public enum BranchBridges {
    /// One flag per branch: true when taking it out of service leaves its two ends in different
    /// islands. Out-of-service branches and self-loops are never bridges.
    public static func find(network: Network) -> [Bool] {
        let n = network.buses.count, br = network.branches, m = br.count
        let live = network.buses.type.map { $0 != .isolated }
        // Adjacency in compressed form: for bus u, (neighbour, branch) pairs.
        var degree = [Int](repeating: 0, count: n + 1)
        func usable(_ l: Int) -> Bool {
            br.status[l] && br.from[l] != br.to[l] && live[br.from[l]] && live[br.to[l]]
        }
        for l in 0..<m where usable(l) {
            degree[br.from[l] + 1] += 1
            degree[br.to[l] + 1] += 1
        }
        for i in 0..<n { degree[i + 1] += degree[i] }
        var fill = degree
        var neighbour = [Int](repeating: 0, count: degree[n]), edge = neighbour
        for l in 0..<m where usable(l) {
            let f = br.from[l], t = br.to[l]
            neighbour[fill[f]] = t; edge[fill[f]] = l; fill[f] += 1
            neighbour[fill[t]] = f; edge[fill[t]] = l; fill[t] += 1
        }

        var bridge = [Bool](repeating: false, count: m)
        var order = [Int](repeating: -1, count: n), low = order
        var counter = 0
        // Stack frames: (bus, branch it was reached by, next adjacency position).
        var stack = [(bus: Int, via: Int, next: Int)]()
        for root in 0..<n where live[root] && order[root] < 0 {
            order[root] = counter; low[root] = counter; counter += 1
            stack.append((root, -1, degree[root]))
            while let top = stack.last {
                let u = top.bus
                if top.next < degree[u + 1] {
                    stack[stack.count - 1].next += 1
                    let v = neighbour[top.next], l = edge[top.next]
                    if l == top.via { continue }
                    if order[v] < 0 {
                        order[v] = counter; low[v] = counter; counter += 1
                        stack.append((v, l, degree[v]))
                    } else {
                        low[u] = min(low[u], order[v])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.bus] = min(low[parent.bus], low[u])
                        if low[u] > order[parent.bus] { bridge[top.via] = true }
                    }
                }
            }
        }
        return bridge
    }
}
