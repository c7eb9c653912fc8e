/// Which buses are reference, PV and PQ in a solve, island by island (MATPOWER's `bustypes`,
/// extended to several islands).
///
/// A bus of type REF or PV counts as such only while a generator in service stands on it;
/// otherwise it is PQ. Each island (connected by in-service branches) needs a reference: if it has
/// none, its first PV bus becomes one, and an island with no generator at all is de-energised.
/// Every such decision is written to `notes`, so a report can say what was done.
public struct BusClassification: Sendable, Equatable {
    public var ref: [Int] = []
    public var pv: [Int] = []
    public var pq: [Int] = []
    /// De-energised buses: type NONE, or in an island without a generator in service.
    public var dead: [Int] = []
    /// Island number per bus (0-based, in order of the lowest bus index), or -1 for a dead bus.
    public var island: [Int]
    public var islandCount = 0
    public var notes: [String] = []

    /// Classifies `network`'s buses with the given bus types and generator statuses (which the
    /// Q-limit loop changes between solves).
    public init(network: Network, types: [BusType]? = nil, generatorOn: [Bool]? = nil) {
        let n = network.buses.count
        let types = types ?? network.buses.type
        let genOn = generatorOn ?? network.generators.status
        var hasGen = [Bool](repeating: false, count: n)
        for g in 0..<network.generators.count where genOn[g] { hasGen[network.generators.bus[g]] = true }

        var parent = Array(0..<n)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        let br = network.branches
        for l in 0..<br.count where br.status[l] && types[br.from[l]] != .isolated && types[br.to[l]] != .isolated {
            let a = root(br.from[l]), b = root(br.to[l])
            if a != b { parent[max(a, b)] = min(a, b) }
        }

        island = [Int](repeating: -1, count: n)
        var members = [[Int]]()
        // Island of each root (an array, not a dictionary: no hashing per bus).
        var islandOfRoot = [Int](repeating: -1, count: n)
        for i in 0..<n where types[i] != .isolated {
            let r = root(i)
            if islandOfRoot[r] >= 0 { members[islandOfRoot[r]].append(i) } else {
                islandOfRoot[r] = members.count
                members.append([i])
            }
        }
        var live = 0
        for buses in members {
            let refs = buses.filter { types[$0] == .ref && hasGen[$0] }
            var pvs = buses.filter { types[$0] == .pv && hasGen[$0] }
            guard !refs.isEmpty || !pvs.isEmpty else {
                dead += buses
                if buses.count > 1 || members.count > 1 {
                    notes.append("island of \(buses.count) bus(es) from bus \(network.buses.id[buses[0]]) has no generator in service: de-energised")
                }
                continue
            }
            for i in buses { island[i] = live }
            live += 1
            if refs.isEmpty {
                let r = pvs.removeFirst()
                notes.append("bus \(network.buses.id[r]) made the reference of its island (\(buses.count) buses had no reference bus with a generator in service)")
                ref.append(r)
            } else {
                ref += refs
            }
            pv += pvs
            pq += buses.filter { !(types[$0] == .ref || types[$0] == .pv) || !hasGen[$0] }
        }
        islandCount = live
        for i in 0..<n where types[i] == .isolated { dead.append(i) }
        ref.sort(); pv.sort(); pq.sort(); dead.sort()
    }

    /// Final role of each bus after classification.
    public func types(count n: Int) -> [BusType] {
        var t = [BusType](repeating: .isolated, count: n)
        for i in pq { t[i] = .pq }
        for i in pv { t[i] = .pv }
        for i in ref { t[i] = .ref }
        return t
    }
}
