/// One element taken out of service.
public enum Outage: Hashable, Sendable {
    /// A branch, by internal index (file order).
    case branch(Int)
    /// A generator, by internal index (file order); its output is picked up by the others as
    /// `ContingencyOptions.generatorPickup` says.
    case generator(Int)
}

/// A named set of simultaneous outages; N-1 contingencies have one.
public struct Contingency: Hashable, Sendable {
    public var name: String
    public var outages: [Outage]

    public init(name: String, outages: [Outage]) {
        self.name = name
        self.outages = outages
    }

    /// The outage of each in-service branch, named `branch ROW (FROM-TO)` with the 1-based row
    /// and the external bus numbers of its ends.
    public static func branchOutages(of network: Network) -> [Contingency] {
        let br = network.branches, id = network.buses.id
        return (0..<br.count).filter { br.status[$0] }.map {
            Contingency(name: "branch \($0 + 1) (\(id[br.from[$0]])-\(id[br.to[$0]]))", outages: [.branch($0)])
        }
    }

    /// The outage of each in-service generator, named `gen ROW (bus ID)`.
    public static func generatorOutages(of network: Network) -> [Contingency] {
        let gens = network.generators, id = network.buses.id
        return (0..<gens.count).filter { gens.status[$0] }.map {
            Contingency(name: "gen \($0 + 1) (bus \(id[gens.bus[$0]]))", outages: [.generator($0)])
        }
    }
}
