import KraftCore
import KraftScenario

/// The voltage band each bus must stay in, p.u. of the bus's base voltage in the grid file.
///
/// Where a band comes from, the most specific first: the scenario's `[[voltage_limits.bus]]`,
/// its `[[voltage_limits.level]]` (by base kV), its `[voltage_limits]` `min_pu`/`max_pu`, the
/// sidecar's `vmin_pu`/`vmax_pu` of the bus, and the default of the bus's voltage level.
///
/// Defaults: 0.90–1.05 p.u. at 110 kV and above — the range the Nordic synchronous area must hold
/// without time limit at 300–400 kV (Regulation (EU) 2017/1485, SOGL, Annex II), applied to 110–300
/// kV too (ASSUMPTION); 0.90–1.10 p.u. below 110 kV (ASSUMPTION: distribution practice). The voltages of an equivalent grid such as
/// Nordic44 (whose 400 kV level the file calls 420 kV) are read as p.u. of the level's nominal
/// voltage (ASSUMPTION).
public struct VoltageLimits: Sendable, Equatable {
    public var vmin: [Double]
    public var vmax: [Double]
    /// Where the bands come from, one line for the run's notes.
    public var note: String

    public static let transmission = VoltageLimitSettings.Band(minPU: 0.90, maxPU: 1.05)
    public static let distribution = VoltageLimitSettings.Band(minPU: 0.90, maxPU: 1.10)
    /// The lowest base voltage of the transmission default, kV.
    public static let transmissionKV = 110.0

    public static func defaultBand(baseKV: Double) -> VoltageLimitSettings.Band {
        baseKV >= transmissionKV ? transmission : distribution
    }

    public static func resolve(network: Network, sidecar: GridSidecar?, settings: VoltageLimitSettings?) -> VoltageLimits {
        let nb = network.buses.count
        var vmin = [Double](repeating: 0, count: nb), vmax = [Double](repeating: 0, count: nb)
        var fromSidecar = [Int](), fromScenario = 0
        for b in 0..<nb {
            var band = defaultBand(baseKV: network.buses.baseKV[b])
            if let s = sidecar?.voltageLimitsOfBus[b] {
                band = VoltageLimitSettings.Band(minPU: s.min, maxPU: s.max)
                fromSidecar.append(network.buses.id[b])
            }
            if let settings {
                let set = settings.buses[network.buses.id[b]] ?? settings.levels[network.buses.baseKV[b]] ?? settings.all
                if let set { band = set; fromScenario += 1 }
            }
            vmin[b] = band.minPU
            vmax[b] = band.maxPU
        }
        var note = "voltage limits: \(transmission.minPU)–\(transmission.maxPU) p.u. at \(Int(transmissionKV)) kV and above (SOGL Annex II, Nordic 300–400 kV; below 300 kV an ASSUMPTION), \(distribution.minPU)–\(distribution.maxPU) below (ASSUMPTION)"
        if !fromSidecar.isEmpty {
            let listed = fromSidecar.sorted().map { id -> String in
                let b = network.busIndex[id]!
                return "\(id) \(vmin[b])–\(vmax[b])"
            }
            note += "; the sidecar sets bus " + listed.joined(separator: ", ")
        }
        if fromScenario > 0 { note += "; the scenario sets \(fromScenario) of the \(nb) buses' bands" }
        return VoltageLimits(vmin: vmin, vmax: vmax, note: note)
    }

    /// The buses of `vm` outside their band, with how far (p.u.; negative below the band).
    public static func violations(vm: [Double], vmin: [Double], vmax: [Double]) -> [(bus: Int, vm: Double, excess: Double)] {
        var out = [(bus: Int, vm: Double, excess: Double)]()
        for b in 0..<min(vm.count, vmin.count) {
            if vm[b] < vmin[b] { out.append((b, vm[b], vm[b] - vmin[b])) } else if vm[b] > vmax[b] { out.append((b, vm[b], vm[b] - vmax[b])) }
        }
        return out
    }
}
