/// A table while its document is being read: its entries in written order, and how it came to
/// exist, which decides what may still be added to it (`TOMLParser+Definitions.swift`).
final class TOMLTableBuilder {
    enum Origin: Equatable {
        /// Created only as the parent of a header (`a` for `[a.b]`): `[a]` may still define it.
        case implicit
        /// Defined by a header, as an element of an array of tables, or as the root.
        case header
        /// Created by a dotted key (`a.b = 1` creates `a`) in the section with this number: more
        /// dotted keys of the same section may add to it, nothing else may.
        case dotted(section: Int)
    }

    /// What one key holds. Arrays of tables stay open to `[[key]]`; every other value (inline
    /// tables and static arrays included) is complete as written.
    enum Slot {
        case value(ConfigValue)
        case table(TOMLTableBuilder)
        case tables(TOMLTableArray)
    }

    var origin: Origin
    /// Nesting depth: 0 for the root; bounded so that no input can exhaust the stack.
    let depth: Int
    private(set) var keys: [String] = []
    private(set) var lines: [Int] = []
    private(set) var slots: [Slot] = []
    private var index: [String: Int] = [:]

    init(origin: Origin, depth: Int) {
        self.origin = origin
        self.depth = depth
    }

    /// What `key` holds and the line it was first written on.
    func entry(_ key: String) -> (slot: Slot, line: Int)? {
        index[key].map { (slots[$0], lines[$0]) }
    }

    /// Adds a new key (the caller has checked that it is new).
    func add(_ key: String, _ slot: Slot, line: Int) {
        index[key] = keys.count
        keys.append(key)
        lines.append(line)
        slots.append(slot)
    }

    /// The finished table as a value.
    var value: ConfigValue {
        .table(keys.indices.map { i in
            let value: ConfigValue = switch slots[i] {
            case .value(let v): v
            case .table(let t): t.value
            case .tables(let a): .array(a.tables.map(\.value))
            }
            return (keys[i], value, lines[i])
        })
    }
}

/// An array of tables (`[[key]]`), shared by reference so that appending to it is cheap.
final class TOMLTableArray {
    var tables: [TOMLTableBuilder]
    init(_ first: TOMLTableBuilder) { tables = [first] }
}
