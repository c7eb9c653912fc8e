/// Which national market a plant belongs to: Swedish plants, or Norwegian ones that take part
/// only while the joint market with Norway is on.
public enum CertificateMarketArea: String, Sendable {
    case sweden, norway

    /// Zones "NO…" are Norwegian; every other zone (SE1–SE4) is Swedish.
    public init(zone: String) { self = zone.hasPrefix("NO") ? .norway : .sweden }
}
