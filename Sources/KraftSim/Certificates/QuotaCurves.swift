import KraftScenario

/// The published quota curves, as shares of quota-obligated electricity use. Copied from
/// `shared/data/sweden/certificates.csv` and `certificates_milestones.csv` (MEMO.md §4), whose
/// rows cite the sources named here.
public enum QuotaCurves {
    /// Quotas in force 2003–2035 as Energimyndigheten publishes them, technical adjustments
    /// included (https://www.energimyndigheten.se/fornybart/elcertifikatsystemet/om-elcertifikatsystemet/kvotnivaer/).
    public static let inForce: [Int: Double] = table(from: 2003, percent: [
        7.4, 8.1, 10.4, 12.6, 15.1, 16.3, 17.0, 17.9, 17.9,       // 2003–2011
        17.9, 13.5, 14.2, 14.3,                                   // 2012–2015
        23.1, 24.7, 29.9, 30.5, 26.5, 25.5, 26.2, 25.1,           // 2016–2023
        27.3, 29.6, 32.3, 37.6, 37.9, 38.3, 37.7,                 // 2024–2030
        35.9, 34.1, 31.6, 29.2, 27.6,                             // 2031–2035
    ])

    /// SFS 2017:814 (the +18 TWh expansion, system to 2045), 2018–2045 as written in the statute.
    public static let sfs2017_814: [Int: Double] = table(from: 2018, share: [
        0.299, 0.312, 0.288, 0.263, 0.267, 0.271, 0.27, 0.272, 0.28, 0.293, 0.298, 0.304, 0.299,
        0.284, 0.268, 0.245, 0.221, 0.206, 0.187, 0.176, 0.154, 0.132, 0.11, 0.088, 0.066, 0.044, 0.022, 0.011,
    ])

    /// SFS 2021:49 (stop rule, system ends 2035, curve compressed into 2024–2035), 2018–2035.
    public static let sfs2021_49: [Int: Double] = table(from: 2018, share: [
        0.299, 0.305, 0.265, 0.263, 0.267, 0.271, 0.273, 0.296, 0.323, 0.376, 0.379, 0.383, 0.377,
        0.359, 0.341, 0.316, 0.292, 0.276,
    ])

    /// Norway's quota curve. 2018–2035: elsertifikatforskriften §19a as published by NVE
    /// (certificates_milestones.csv). 2012–2017: ASSUMPTION — not in the shared data; the values
    /// of the original Norwegian curve as remembered (3.0 % rising to 13.7 %), to be checked
    /// against NVE before they are relied on.
    public static let norway: [Int: Double] = table(from: 2012, percent: [
        3.0, 4.9, 6.9, 8.8, 11.9, 13.7,                           // 2012–2017, ASSUMPTION
        15.3, 17.1, 18.6, 19.3, 20.8, 18.3, 18.3, 17.8, 16.3,     // 2018–2026, NVE
        14.7, 12.5, 10.1, 8.3, 6.6, 4.9, 3.3, 1.6, 0.8,           // 2027–2035, NVE
    ])
    public static let norwayAssumedYears = 2012...2017

    /// The Swedish curve a setting names or writes. A statute curve starts in 2018; the years
    /// before it are the quotas in force under the earlier statutes.
    public static func sweden(_ quota: CertificateSettings.Quota) -> [Int: Double] {
        switch quota {
        case .table(let t): return t
        case .named("2017"): return inForce.filter { $0.key < 2018 }.merging(sfs2017_814) { $1 }
        case .named("2021"): return inForce.filter { $0.key < 2018 }.merging(sfs2021_49) { $1 }
        case .named(_): return inForce
        }
    }

    private static func table(from first: Int, percent: [Double]) -> [Int: Double] {
        table(from: first, share: percent.map { $0 / 100 })
    }

    private static func table(from first: Int, share: [Double]) -> [Int: Double] {
        Dictionary(uniqueKeysWithValues: share.enumerated().map { (first + $0, $1) })
    }
}
