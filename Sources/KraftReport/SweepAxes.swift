/// The axes of a sweep, read back from its members' values: the keys that move together (the
/// sweep file's `[[axis]]` with `keys = [...]`) form one axis, and each axis has the points its
/// members take. `sweep.json` lists keys and values, not axes, so they are recovered: two keys
/// belong to one axis when each one's value fixes the other's in every member (a one-to-one map).
/// Keys of different axes of a full product never are, since every value of one axis meets every
/// value of the other. An explicit `[[member]]` list is read the same way.
public struct SweepAxis: Sendable, Equatable {
    /// Indices into the sweep's `keys`, in key order.
    public var keys: [Int]
    /// The axis's points as labels (its keys' values joined by ", "), in the order members first take them.
    public var values: [String]

    public init(keys: [Int], values: [String]) {
        self.keys = keys
        self.values = values
    }

    /// The label of a member's point on this axis; a key the member does not set reads "(not set)".
    public func value(of row: [String?]) -> String {
        keys.map { row[$0] ?? SweepAxis.unset }.joined(separator: ", ")
    }

    static let unset = "(not set)"

    /// The axes of members whose values (in key order) are `rows`, in the order of their first key.
    public static func axes(keyCount: Int, rows: [[String?]]) -> [SweepAxis] {
        func column(_ k: Int) -> [String] { rows.map { $0[k] ?? unset } }
        /// True when the values of keys `a` and `b` determine each other in every member.
        func together(_ a: Int, _ b: Int) -> Bool {
            var forward = [String: String](), backward = [String: String]()
            for (x, y) in zip(column(a), column(b)) {
                if let seen = forward[x], seen != y { return false }
                if let seen = backward[y], seen != x { return false }
                forward[x] = y
                backward[y] = x
            }
            return true
        }
        var groups = [[Int]]()
        for k in 0..<keyCount {
            if let g = groups.firstIndex(where: { together($0[0], k) }) { groups[g].append(k) } else { groups.append([k]) }
        }
        return groups.map { keys in
            var axis = SweepAxis(keys: keys, values: [])
            var seen = Set<String>()
            for row in rows { let v = axis.value(of: row); if seen.insert(v).inserted { axis.values.append(v) } }
            return axis
        }
    }
}
