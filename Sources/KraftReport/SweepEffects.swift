import KraftIO

/// What a sweep says about each of its axes, from its complete members' metrics:
///
/// - **groups**: for each axis and each of its values, every metric's spread over the members at
///   that value (the summary grouped by the axis);
/// - **differences**: for each axis and each of its values after the first, the members paired
///   with the member at the axis's first value that has the same values on every other axis
///   (they differ in this axis only), each pair's difference (member − its partner at the first
///   value) and the spread of those differences. For a closure × weather sweep that is the
///   closure's effect per weather seed, and how much it varies with the weather.
///
/// A member that failed or is missing is in no group and no pair; a pair needs both its members
/// complete, and a metric a member lacks is left out of that member's figures only.
public struct SweepEffects: Sendable {
    /// Count, mean, sample standard deviation (n − 1; nil below two values), lowest and highest,
    /// and where the lowest and highest are (a member id or a pair's context).
    public struct Spread: Sendable, Equatable {
        public var count: Int
        public var mean: Double
        public var sd: Double?
        public var min: Double
        public var max: Double
        public var atMin: String
        public var atMax: String

        /// `values` with their labels; nil when there is none. Equal values give mean = that value and sd = 0 exactly.
        public init?(_ values: [(label: String, value: Double)]) {
            guard let low = values.min(by: { $0.value < $1.value }), let high = values.max(by: { $0.value < $1.value }) else { return nil }
            count = values.count
            min = low.value
            max = high.value
            atMin = low.label
            atMax = high.label
            if min == max {
                mean = min
                sd = count > 1 ? 0 : nil
            } else {
                mean = values.reduce(0) { $0 + $1.value } / Double(count)
                let m = mean
                sd = count > 1 ? (values.reduce(0) { $0 + ($1.value - m) * ($1.value - m) } / Double(count - 1)).squareRoot() : nil
            }
        }
    }

    /// One value of one axis: its complete members and each metric's spread over them.
    public struct Group: Sendable {
        public var axis: Int
        public var value: String
        public var members: [String]
        public var metrics: [String: Spread]
    }

    /// Two complete members that differ in one axis only: `to` at a later value of the axis,
    /// `from` at its first value; `context` names the other axes' values they share.
    public struct Pair: Sendable {
        public var context: String
        public var from: String
        public var to: String
        /// Metric → `to` − `from`, for the metrics both members have.
        public var differences: [String: Double]
    }

    /// One axis's change from its first value to another: the pairs and each metric's spread over them.
    public struct Difference: Sendable {
        public var axis: Int
        public var from: String
        public var to: String
        public var pairs: [Pair]
        public var metrics: [String: Spread]
    }

    public var keys: [String]
    /// Metric names in the order of the merge's columns.
    public var metricNames: [String]
    public var axes: [SweepAxis]
    public var groups: [Group]
    public var differences: [Difference]

    /// The axis's keys as one name, such as `closure[unit=R3].date + closure[unit=R4].date`.
    public func axisName(_ axis: Int) -> String { axes[axis].keys.map { keys[$0] }.joined(separator: " + ") }

    public init(keys: [String], rows: [SweepMerge.Row], metricNames: [String]) {
        self.keys = keys
        self.metricNames = metricNames
        axes = SweepAxis.axes(keyCount: keys.count, rows: rows.map(\.values))
        let ok = rows.filter { $0.status == .ok }
        func spreads(_ items: [(label: String, metrics: [String: Double])]) -> [String: Spread] {
            var out = [String: Spread]()
            for m in metricNames {
                if let s = Spread(items.compactMap { item in item.metrics[m].map { (item.label, $0) } }) { out[m] = s }
            }
            return out
        }
        var groups = [Group](), differences = [Difference]()
        for (a, axis) in axes.enumerated() {
            // Each complete member's value on this axis, and the other axes' values it shares with its partner.
            let others = keys.indices.filter { !axis.keys.contains($0) }
            func context(_ row: SweepMerge.Row) -> String {
                others.map { "\(keys[$0]) = \(row.values[$0] ?? SweepAxis.unset)" }.joined(separator: "; ")
            }
            var atValue = [String: [SweepMerge.Row]]()
            for r in ok { atValue[axis.value(of: r.values), default: []].append(r) }
            for value in axis.values {
                let members = atValue[value] ?? []
                groups.append(Group(axis: a, value: value, members: members.map(\.id),
                                    metrics: spreads(members.map { ($0.id, $0.metrics) })))
            }
            guard let first = axis.values.first else { continue }
            var partner = [String: SweepMerge.Row]()
            for r in atValue[first] ?? [] { let c = context(r); partner[c] = partner[c] ?? r }
            for value in axis.values.dropFirst() {
                var pairs = [Pair]()
                for r in atValue[value] ?? [] {
                    let c = context(r)
                    guard let p = partner[c] else { continue }
                    var d = [String: Double]()
                    for m in metricNames { if let x = r.metrics[m], let y = p.metrics[m] { d[m] = x - y } }
                    pairs.append(Pair(context: c, from: p.id, to: r.id, differences: d))
                }
                differences.append(Difference(axis: a, from: first, to: value, pairs: pairs,
                                              metrics: spreads(pairs.map { ($0.context.isEmpty ? $0.to : $0.context, $0.differences) })))
            }
        }
        self.groups = groups
        self.differences = differences
    }
}
