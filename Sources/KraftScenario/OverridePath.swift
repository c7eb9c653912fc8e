/// Where a sweep override goes in a scenario tree: keys separated by `.`, and for an array of
/// tables (`[[closure]]`) one element picked by a selector in brackets:
///
/// - `weather.seed`, `period.year`, `certificates.quota.2030` — keys, one per table level;
/// - `closure[unit=R3].date` — the element whose `unit` is `R3` (exactly one must match; quote a
///   value with spaces or dots: `datacentre[name="Luleå 2"].capacity_mw`);
/// - `producer[2].capacity_mw` — the second element (1-based, as problem messages count);
/// - `closure[+]` — a new element appended (the value is a table: `{ unit = "F1", date = 2040-01-01 }`).
///
/// Every step must exist in the tree: an override never creates a key, so a misspelt one is an
/// error instead of a silently ignored setting.
public struct OverridePath: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case key(String)
        /// The one element of an array of tables whose `field` reads as `value`.
        case select(field: String, value: String)
        /// The element at a 1-based position.
        case index(Int)
        /// A new last element.
        case append
    }

    /// Why a path could not be read or applied, worded to follow the path in a message.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let steps: [Step]
    public let description: String

    public init(parsing text: String) throws(Failure) {
        var steps = [Step]()
        var rest = Substring(text)
        func fail(_ why: String) -> Failure {
            Failure(message: "\"\(text)\" is not a key path: \(why) (expected keys separated by '.', such as weather.seed or closure[unit=R3].date)")
        }
        while true {
            guard let key = Self.token(&rest, stoppingAt: ".[") else { throw fail("a key is empty") }
            steps.append(.key(key))
            while rest.first == "[" {
                rest.removeFirst()
                guard let close = Self.closingBracket(in: rest) else { throw fail("a '[' is not closed") }
                let inside = rest[..<close]
                rest = rest[rest.index(after: close)...]
                if inside == "+" {
                    steps.append(.append)
                } else if let n = Int(inside) {
                    guard n >= 1 else { throw fail("element positions count from 1") }
                    steps.append(.index(n))
                } else if let eq = inside.firstIndex(of: "=") {
                    let field = inside[..<eq].trimmingSpaces, value = inside[inside.index(after: eq)...].trimmingSpaces
                    guard !field.isEmpty, !value.isEmpty else { throw fail("a selector needs a field and a value, as [unit=R3]") }
                    steps.append(.select(field: field, value: Self.unquoted(value)))
                } else {
                    throw fail("[\(inside)] is not a selector (expected [field=value], [N] or [+])")
                }
            }
            if rest.isEmpty { break }
            guard rest.first == "." else { throw fail("unexpected '\(rest.first!)'") }
            rest.removeFirst()
        }
        if let i = steps.firstIndex(of: .append), i != steps.count - 1 {
            throw fail("[+] appends a whole element, so it must come last")
        }
        self.steps = steps
        self.description = text
    }

    /// `root` with `value` at this path.
    public func set(_ value: ConfigValue, in root: ConfigValue) throws(Failure) -> ConfigValue {
        try set(value, in: root, at: steps[...], done: "")
    }

    private func set(_ value: ConfigValue, in node: ConfigValue, at steps: ArraySlice<Step>, done: String) throws(Failure) -> ConfigValue {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            let here = done.isEmpty ? key : "\(done).\(key)"
            guard case .table(var entries) = node else { throw Failure(message: "\(done) is \(node.kind), not a table (so \(here) does not exist)") }
            guard let i = entries.firstIndex(where: { $0.key == key }) else {
                let known = entries.map(\.key).sorted().joined(separator: ", ")
                throw Failure(message: "\(here) does not exist in the scenario (\(done.isEmpty ? "the top level" : done) has: \(known.isEmpty ? "nothing" : known))")
            }
            entries[i].value = try set(value, in: entries[i].value, at: rest, done: here)
            return .table(entries)
        case .append:
            guard case .array(let items) = node, items.allSatisfy({ if case .table = $0 { true } else { false } }) else {
                throw Failure(message: "\(done) is \(node.kind), not an array of tables (so [+] cannot append to it)")
            }
            guard case .table = value else { throw Failure(message: "\(done)[+] appends an element, so its value must be a table such as { unit = \"F1\", date = 2040-01-01 } (got \(value.kind))") }
            return .array(items + [value])
        case .index, .select:
            guard case .array(var items) = node else { throw Failure(message: "\(done) is \(node.kind), not an array of tables (so it has no elements to select)") }
            let i: Int
            if case .index(let n) = step {
                guard n <= items.count else { throw Failure(message: "\(done)[\(n)] does not exist (\(done) has \(items.count) element\(items.count == 1 ? "" : "s"))") }
                i = n - 1
            } else if case .select(let field, let wanted) = step {
                let matches = items.indices.filter { items[$0][field].map(Self.text) == wanted }
                guard matches.count == 1 else {
                    let values = items.compactMap { $0[field].map(Self.text) }.joined(separator: ", ")
                    throw Failure(message: matches.isEmpty
                        ? "\(done)[\(field)=\(wanted)] matches no element (\(done) has \(field) = \(values.isEmpty ? "nothing" : values))"
                        : "\(done)[\(field)=\(wanted)] matches \(matches.count) elements (expected exactly one; pick one by position, such as \(done)[\(matches[0] + 1)])")
                }
                i = matches[0]
            } else { i = 0 }
            items[i] = try set(value, in: items[i], at: rest, done: "\(done)[\(Self.selectorText(step))]")
            return .array(items)
        }
    }

    /// A value as a selector compares it: strings bare, anything else as TOML writes it.
    private static func text(_ v: ConfigValue) -> String {
        if case .string(let s) = v { return s }
        return TOMLWriter.inline(v)
    }

    private static func selectorText(_ step: Step) -> String {
        switch step {
        case .key(let k): k
        case .select(let f, let v): "\(f)=\(v)"
        case .index(let n): String(n)
        case .append: "+"
        }
    }

    /// The text up to the first character of `stops` outside quotes; nil when empty.
    private static func token(_ rest: inout Substring, stoppingAt stops: String) -> String? {
        var out = "", quoted = false
        while let c = rest.first, quoted || !stops.contains(c) {
            rest.removeFirst()
            if c == "\"" { quoted.toggle() } else { out.append(c) }
        }
        return out.isEmpty ? nil : out
    }

    /// The `]` that closes a selector, skipping any inside quotes.
    private static func closingBracket(in s: Substring) -> Substring.Index? {
        var quoted = false
        for i in s.indices {
            if s[i] == "\"" { quoted.toggle() } else if s[i] == "]" && !quoted { return i }
        }
        return nil
    }

    private static func unquoted(_ s: String) -> String {
        s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
    }
}

private extension Substring {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
