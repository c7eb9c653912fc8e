import KraftCore

/// A contingency list file: one contingency per line, its elements separated by `;` or `,`,
/// with an optional name before a colon. `#` starts a comment; blank lines are skipped.
///
///     branch 7                      # the 7th branch row of the case
///     branch 4-5                    # the branch between buses 4 and 5 (either order)
///     branch 4-5#2                  # the second of parallel circuits between them
///     gen 3                         # the 3rd generator row
///     gen bus 30                    # the generator at bus 30
///     double: branch 4-5; branch 5-6
///
/// A line that does not follow this syntax is reported at once with its line number; names that
/// do not exist in the case (or name parallel circuits or several generators without saying
/// which) are collected over the whole file and reported together.
public enum ContingencyList {
    public static func read(path: String, network: Network) throws(InputError) -> [Contingency] {
        try parse(String(decoding: FileBytes.contents(ofFile: path), as: UTF8.self), file: path, network: network)
    }

    public static func parse(_ text: String, file: String, network: Network) throws(InputError) -> [Contingency] {
        let br = network.branches, gens = network.generators
        var list = [Contingency]()
        var unknown = [String]()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = Substring(raw)
            if let hash = line.indices.first(where: { line[$0] == "#" && !isCircuitMark(line, $0) }) { line = line[..<hash] }
            var body = trimmed(line)
            if body.isEmpty { continue }
            var name: String?
            if let colon = body.firstIndex(of: ":") {
                name = trimmed(body[..<colon])
                body = trimmed(body[body.index(after: colon)...])
                if name!.isEmpty { throw InputError(file: file, line: lineNumber, message: "empty contingency name before ':'") }
            }
            var outages = [Outage]()
            let elements = body.split(whereSeparator: { $0 == ";" || $0 == "," }).map { trimmed($0) }
            guard !elements.isEmpty, !elements.contains(where: \.isEmpty) else {
                throw InputError(file: file, line: lineNumber, message: "expected elements such as 'branch 4-5' or 'gen 3', separated by ';'")
            }
            for element in elements {
                let words = element.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                func syntax() -> InputError {
                    InputError(file: file, line: lineNumber, message: "cannot read '\(element)': expected 'branch ROW', 'branch FROM-TO[#CIRCUIT]', 'gen ROW' or 'gen bus ID'")
                }
                func missing(_ why: String) { unknown.append("'\(element)' (line \(lineNumber): \(why))") }
                switch words.first?.lowercased() {
                case "branch", "line":
                    guard words.count == 2 else { throw syntax() }
                    if let row = Int(words[1]) {
                        if row >= 1 && row <= br.count { outages.append(.branch(row - 1)) } else {
                            missing("no branch row \(row); the case has \(br.count)")
                        }
                        continue
                    }
                    var spec = Substring(words[1]), circuit: Int?
                    if let mark = spec.firstIndex(of: "#") {
                        guard let k = Int(spec[spec.index(after: mark)...]), k >= 1 else { throw syntax() }
                        circuit = k
                        spec = spec[..<mark]
                    }
                    let ends = spec.split(separator: "-", omittingEmptySubsequences: false)
                    guard ends.count == 2, let a = Int(ends[0]), let b = Int(ends[1]) else { throw syntax() }
                    guard let ia = network.busIndex[a], let ib = network.busIndex[b] else {
                        missing("no bus \(network.busIndex[a] == nil ? a : b)")
                        continue
                    }
                    let circuits = (0..<br.count).filter { (br.from[$0] == ia && br.to[$0] == ib) || (br.from[$0] == ib && br.to[$0] == ia) }
                    if circuits.isEmpty {
                        missing("no branch between buses \(a) and \(b)")
                    } else if let circuit {
                        if circuit <= circuits.count { outages.append(.branch(circuits[circuit - 1])) } else {
                            missing("\(circuits.count) circuit(s) between buses \(a) and \(b)")
                        }
                    } else if circuits.count == 1 {
                        outages.append(.branch(circuits[0]))
                    } else {
                        missing("\(circuits.count) parallel circuits: write \(a)-\(b)#1 to #\(circuits.count)")
                    }
                case "gen", "generator":
                    if words.count == 2, let row = Int(words[1]) {
                        if row >= 1 && row <= gens.count { outages.append(.generator(row - 1)) } else {
                            missing("no generator row \(row); the case has \(gens.count)")
                        }
                    } else if words.count == 3, words[1].lowercased() == "bus", let bus = Int(words[2]) {
                        let at = network.busIndex[bus].map { i in (0..<gens.count).filter { gens.bus[$0] == i } } ?? []
                        if at.count == 1 { outages.append(.generator(at[0])) } else if at.isEmpty {
                            missing("no generator at bus \(bus)")
                        } else {
                            missing("\(at.count) generators at bus \(bus): name one by its row (gen \(at.map { String($0 + 1) }.joined(separator: "/")))")
                        }
                    } else {
                        throw syntax()
                    }
                default:
                    throw syntax()
                }
            }
            list.append(Contingency(name: name ?? elements.joined(separator: "; "), outages: outages))
        }
        guard unknown.isEmpty else {
            throw InputError(file: file, line: nil, message: "unknown element\(unknown.count == 1 ? "" : "s") in the contingency list: " + unknown.joined(separator: ", "))
        }
        guard !list.isEmpty else { throw InputError(file: file, line: nil, message: "no contingency in the list") }
        return list
    }

    /// A `#` right after a branch's bus pair (`4-5#2`) marks a circuit, not a comment.
    private static func isCircuitMark(_ line: Substring, _ hash: Substring.Index) -> Bool {
        guard hash > line.startIndex else { return false }
        let before = line[line.index(before: hash)]
        let after = line.index(after: hash)
        return before.isNumber && after < line.endIndex && line[after].isNumber
    }

    private static func trimmed(_ s: Substring) -> String {
        var s = s
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }

    /// How outputs name a branch: its bus pair, with the circuit when there are parallel ones.
    public static func branchLabel(_ l: Int, in network: Network) -> String {
        let br = network.branches, id = network.buses.id
        let f = br.from[l], t = br.to[l]
        let circuits = (0..<br.count).filter { (br.from[$0] == f && br.to[$0] == t) || (br.from[$0] == t && br.to[$0] == f) }
        let base = "\(id[f])-\(id[t])"
        return circuits.count > 1 ? base + "#\((circuits.firstIndex(of: l) ?? 0) + 1)" : base
    }
}
