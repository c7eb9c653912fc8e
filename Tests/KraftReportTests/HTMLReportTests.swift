import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KraftReport
import Testing

/// Collects what the report tests look at while parsing the page as XML: each SVG's data marks,
/// and the text of every table's cells by table class.
final class PageScan: NSObject, XMLParserDelegate {
    var svgs: [(id: String, dataMarks: Int)] = []
    var tables: [(cssClass: String, rows: [[String]])] = []
    var error: Error?
    private var cell: String?
    private var row: [String]?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "svg": svgs.append((attributes["id"] ?? "", 0))
        case "table": tables.append((attributes["class"] ?? "", []))
        case "tr": row = []
        case "td", "th": cell = ""
        default: if attributes["class"] == "data", !svgs.isEmpty { svgs[svgs.count - 1].dataMarks += 1 }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { cell? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "td", "th": if let c = cell { row?.append(c) }; cell = nil
        case "tr": if let r = row, !tables.isEmpty { tables[tables.count - 1].rows.append(r) }; row = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    static func scan(_ text: String) -> PageScan {
        let scan = PageScan()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = scan
        let ok = parser.parse()
        if !ok && scan.error == nil { scan.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return scan
    }
}

/// Numbers as the report prints them, thousands grouped by spaces.
func number(_ s: String) -> Double? { Double(s.replacingOccurrences(of: " ", with: "")) }

@Suite("HTML report")
struct HTMLReportTests {
    static let html: String = try! HTMLReport.html(ResultFolderReader.read(ReportFixtures.base))

    @Test("the page and every chart are well-formed XML, every chart has data, no NaN or infinity")
    func wellFormed() {
        let scan = PageScan.scan(Self.html)
        #expect(scan.error == nil, "\(String(describing: scan.error))")
        let ids = scan.svgs.map(\.id)
        for chart in ["zone-balance", "weekly-generation", "load-duration", "price-duration", "flow-duration-0", "branch-heatmap",
                      "grid-map", "voltage-range", "reactive-reserve", "kinetic-energy"] {
            #expect(ids.contains(chart), "chart \(chart) is missing")
        }
        let borders = ReportFixtures.distinct(try! ReportFixtures.csv(ReportFixtures.base, "borders.csv"), "border")
        let summary = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ReportFixtures.base + "/summary.json"))) as! [String: Any]
        #expect(ids.filter { $0.hasPrefix("flow-duration-") }.count == borders.count && borders.count == (summary["borders"] as! [String: Any]).count,
                "one flow chart per border")
        #expect(!ids.contains("certificates"), "no real run has a certificate section")
        for svg in scan.svgs { #expect(svg.dataMarks > 0, "chart \(svg.id) has no data marks") }
        #expect(Set(ids).count == ids.count, "chart ids are unique in the page")
        let words = Set(Self.html.split { !$0.isLetter }.map { $0.lowercased() })
        for bad in ["nan", "infinity", "inf"] { #expect(!words.contains(bad), "the page contains the word \(bad)") }
        for bad in ["<script", "@import", "<link", "<img"] { #expect(!Self.html.contains(bad), "the page contains \(bad)") }
        // the only http:// is the SVG namespace
        #expect(Self.html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") == false)
    }

    @Test("text is escaped: the scenario name with < and & survives")
    func escaping() {
        #expect(Self.html.contains("<h1>Report fixture &lt;base&gt; &amp; co</h1>"))
        #expect(!Self.html.contains("<base>"))
    }

    @Test("the five numbers equal what the CSV files give, computed here")
    func answer() throws {
        let dir = ReportFixtures.base
        let system = try ReportFixtures.csv(dir, "system.csv"), borders = try ReportFixtures.csv(dir, "borders.csv")
        let unserved = system.map { Double($0["unserved_mw"]!)! }.reduce(0, +)
        let congested = borders.filter { $0["border"] == "SE2-SE3" && $0["congested"] == "1" }.count
        let lowestVm = system.compactMap { Double($0["lowest_vm_pu"]!) }.min()!
        let lowestKinetic = system.map { Double($0["kinetic_energy_gws"]!)! }.min()!
        let cost = system.map { Double($0["cost_eur"]!)! }.reduce(0, +)
        #expect(unserved > 0 && congested > 0 && congested < system.count, "the fixture exercises unserved energy and congestion in some hours")
        let answer = try #require(PageScan.scan(Self.html).tables.first { $0.cssClass == "answer" })
        let values = Dictionary(uniqueKeysWithValues: answer.rows.dropFirst().map { ($0[0], number($0[1])) })
        #expect(values["unserved energy"] == unserved.rounded())
        #expect(values["hours congested on SE2→SE3"] == Double(congested))
        #expect(abs(values["lowest voltage*"]!! - lowestVm) < 5e-5, "marked: over the converged hours only")
        #expect(values["hours the AC check failed"] == Double(system.filter { $0["converged"] == "0" }.count))
        #expect(abs(values["lowest kinetic energy"]!! - lowestKinetic) < 0.05 + 1e-9)
        #expect(values["total cost"] == cost.rounded())
    }

    @Test("the zone table's load and generation equal the sums of zones.csv, computed here")
    func zoneTable() throws {
        let zones = try ReportFixtures.csv(ReportFixtures.base, "zones.csv")
        let hours = try ReportFixtures.csv(ReportFixtures.base, "system.csv").count
        let table = try #require(PageScan.scan(Self.html).tables.first { $0.rows.first?.first == "zone" && $0.rows.first?[1] == "load (TWh)" })
        #expect(table.rows[0] == ["zone", "load (TWh)", "generation (TWh)", "net export (TWh)", "mean price (EUR/MWh)", "unserved (MWh)", "curtailed (MWh)"])
        let techs = ["nuclear", "hydro", "wind", "solar", "small_hydro", "chp", "thermal", "other"]
        for row in table.rows.dropFirst() {
            let mine = zones.filter { $0["zone"] == row[0] }
            #expect(mine.count == hours)
            let load = mine.map { Double($0["load_mw"]!)! }.reduce(0, +) / 1e6
            let generation = mine.map { r in techs.map { Double(r["\($0)_mw"]!)! }.reduce(0, +) }.reduce(0, +) / 1e6
            let price = mine.map { Double($0["price_eur_mwh"]!)! }.reduce(0, +) / Double(hours)
            #expect(abs(number(row[1])! - load) <= 0.0005 + 1e-9, "\(row[0]) load")
            #expect(abs(number(row[2])! - generation) <= 0.0005 + 1e-9, "\(row[0]) generation")
            #expect(abs(number(row[4])! - price) <= 0.005 + 1e-9, "\(row[0]) price")
        }
    }

    @Test("every table header names its unit or is a name")
    func units() {
        let names: Set<String> = ["zone", "border", "branch", "from zone", "to zone", "time", "cause", "outage", "worst branch", "converged",
                                  "metric", "unit", "result", "value", "file", "SHA-256", "at bus", "overloads", "year", "quota (share of load)",
                                  "technology", "from", "to", "zones shedding", "AC solution"]
        for table in PageScan.scan(Self.html).tables {
            for header in table.rows.first ?? [] {
                #expect(names.contains(header) || header.contains("("), "header '\(header)' has no unit")
            }
        }
    }

    /// The certificate section from the one synthetic part of the fixtures (see
    /// `ReportFixtures.withCertificates`): a chart with data and a table of its rows.
    @Test("the certificate section: a chart and the rows of certificates.csv")
    func certificates() throws {
        let html = HTMLReport.html(try ResultFolderReader.read(ReportFixtures.withCertificates))
        let scan = PageScan.scan(html)
        #expect(scan.error == nil)
        #expect((scan.svgs.first { $0.id == "certificates" }?.dataMarks ?? 0) > 0)
        let table = try #require(scan.tables.first { $0.rows.first?.first == "year" && $0.rows.first?.contains("price (EUR/MWh)") == true })
        let rows = try ReportFixtures.csv(ReportFixtures.withCertificates, "certificates.csv")
        #expect(table.rows.dropFirst().map { $0[0] } == rows.map { $0["year"]! })
        for (row, csv) in zip(table.rows.dropFirst(), rows) { #expect(number(row[5]) == Double(csv["price_eur_mwh"]!)) }
    }
}
