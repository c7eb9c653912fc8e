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
        // Components by union–find over the in-service branches, then numbered in order of their
        // lowest bus; per component its size, lowest bus, and first reference and PV bus with a
        // generator. Flat arrays throughout (no array per component): a cold solve runs this once.
        var component = [Int](repeating: -1, count: n)
        var size = [Int](), first = [Int](), firstRef = [Int](), firstPV = [Int]()
        let br = network.branches
        types.withUnsafeBufferPointer { types in
        hasGen.withUnsafeBufferPointer { hasGen in
        component.withUnsafeMutableBufferPointer { component in
            let work = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2 * max(n, 1))
            defer { work.deallocate() }
            let parent = UnsafeMutableBufferPointer(rebasing: work[0..<n])
            let rootComponent = UnsafeMutableBufferPointer(rebasing: work[n..<2 * n])
            for i in 0..<n { parent[i] = i; rootComponent[i] = -1 }
            func root(_ i: Int) -> Int {
                var i = i
                while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
                return i
            }
            for l in 0..<br.count where br.status[l] && types[br.from[l]] != .isolated && types[br.to[l]] != .isolated {
                let a = root(br.from[l]), b = root(br.to[l])
                if a != b { parent[max(a, b)] = min(a, b) }
            }
            for i in 0..<n where types[i] != .isolated {
                let r = root(i)
                if rootComponent[r] < 0 {
                    rootComponent[r] = size.count
                    size.append(0); first.append(i); firstRef.append(-1); firstPV.append(-1)
                }
                let c = rootComponent[r]
                component[i] = c
                size[c] += 1
                if hasGen[i] && types[i] == .ref && firstRef[c] < 0 { firstRef[c] = i }
                if hasGen[i] && types[i] == .pv && firstPV[c] < 0 { firstPV[c] = i }
            }
        }}}

        // Per component: dead without a generator, else live, numbered in order; without a
        // reference its first PV bus becomes one. Notes in component order.
        let components = size.count
        var live = [Int](repeating: -1, count: components)
        var madeReference = [Int](repeating: -1, count: components)
        var liveCount = 0
        for c in 0..<components {
            guard firstRef[c] >= 0 || firstPV[c] >= 0 else {
                if size[c] > 1 || components > 1 {
                    notes.append("island of \(size[c]) bus(es) from bus \(network.buses.id[first[c]]) has no generator in service: de-energised")
                }
                continue
            }
            live[c] = liveCount
            liveCount += 1
            if firstRef[c] < 0 {
                madeReference[c] = firstPV[c]
                notes.append("bus \(network.buses.id[firstPV[c]]) made the reference of its island (\(size[c]) buses had no reference bus with a generator in service)")
            }
        }
        island = [Int](repeating: -1, count: n)
        for i in 0..<n {
            guard types[i] != .isolated else { dead.append(i); continue }
            let c = component[i]
            guard live[c] >= 0 else { dead.append(i); continue }
            island[i] = live[c]
            if i == madeReference[c] { ref.append(i); continue }
            switch types[i] {
            case .ref where hasGen[i]: ref.append(i)
            case .pv where hasGen[i]: pv.append(i)
            default: pq.append(i)
            }
        }
        islandCount = liveCount
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
