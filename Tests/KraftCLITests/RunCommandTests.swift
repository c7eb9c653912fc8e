import Foundation
import Testing

/// `kraft run`: a moment (`--at`) and a span of days, the summary, the result folder, and the errors.
@Suite("kraft run")
struct RunCommandTests {
    static let scenario = KraftProcess.root.appendingPathComponent("Scenarios/sweden/ringhals-3-4-close-2030.toml").path

    static func freshFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kraft-run-\(UUID().uuidString)").path
    }

    @Test("--size-compensation: a place the grid lacks is bad input naming the option; with --at a usage error")
    func sizeCompensationInput() throws {
        let unknown = try KraftProcess.run(["run", Self.scenario, "--from", "2030-01-01", "--to", "2030-01-01", "--size-compensation", "Atlantis",
                                            "--output", Self.freshFolder()])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--size-compensation: \"Atlantis\" is not a site of the grid's sidecar (expected a bus number or one of"))
        let bus = try KraftProcess.run(["run", Self.scenario, "--from", "2030-01-01", "--to", "2030-01-01", "--size-compensation", "1234",
                                        "--output", Self.freshFolder()])
        #expect(bus.status == 2 && bus.stderr.contains("1234 is not a bus of the grid"))
        let at = try KraftProcess.run(["run", Self.scenario, "--at", "2030-01-01T08:00", "--size-compensation", "Ringhals"])
        #expect(at.status == 64 && at.stderr.contains("cannot be combined with --at"))
    }

    @Test("writes the result folder and prints the zone summary")
    func snapshot() throws {
        let folder = Self.freshFolder()
        let run = try KraftProcess.run(["run", Self.scenario, "--at", "2030-06-15T12:00", "--output", folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Ringhals 3–4 close in 2030 at 2030-06-15T12:00 (synthetic weather)"))
        #expect(run.stdout.contains("SE2-SE3"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["borders.csv", "branch_weeks.csv", "branches.csv", "buses.csv", "generators.csv", "manifest.json",
                          "nonconverged.csv", "scenario.json", "summary.json", "system.csv", "voltage_violations.csv", "zones.csv"])
        let json = { (name: String) in try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))) as? [String: Any]) }
        let summary = try json("summary.json")
        #expect(summary["synthetic_weather"] as? Bool == true)
        #expect(summary["kind"] as? String == "snapshot")
        #expect((summary["period"] as? [String: Any])?["hours"] as? Int == 1)
        let scenario = try json("scenario.json")
        // The two scenario files, the grid, its sidecar and the fleet.
        #expect((scenario["inputs"] as? [[String: Any]])?.count == 5)
        #expect(scenario["base"] as? String == "Sweden 2025 base")
        #expect((scenario["changes"] as? [String])?.contains("R3 closes on 2030-01-01") == true)
        #expect(try json("manifest.json")["format"] as? String == "kraft-result")
        let zones = try String(contentsOfFile: folder + "/zones.csv", encoding: .utf8).split(separator: "\n")
        #expect(zones.count == 11, "header and ten zones")
        let text = try String(contentsOfFile: folder + "/summary.json", encoding: .utf8)
        #expect(!text.contains("nan") && !text.contains("NaN"))
    }

    /// Without Ringhals 3–4 and with a 2 GW load at power factor 0.6 at Ringhals, the AC check of a
    /// winter morning does not converge on the Nordic44 equivalent (SE3 is thousands of Mvar short):
    /// exit 1, the cause listed, the folder written.
    @Test("a moment whose AC check fails: exit 1, the cause in nonconverged.csv, no NaN")
    func nonconvergedMoment() throws {
        let folder = Self.freshFolder()
        let scenario = try KraftProcess.temporaryFile(named: "reactive.toml", """
            extends = "\(Self.scenario)"
            [[datacentre]]
            name = "reactive test load"
            bus = 3359
            capacity_mw = 2000
            utilisation = 1.0
            power_factor = 0.6
            from = 2030-01-01
            """)
        let run = try KraftProcess.run(["run", scenario, "--at", "2030-01-15T08:00", "--output", folder])
        #expect(run.status == 1)
        let failed = try String(contentsOfFile: folder + "/nonconverged.csv", encoding: .utf8).split(separator: "\n")
        #expect(failed.count == 2 && failed[1].hasPrefix("0,2030-01-15T08:00,") && failed[1].contains("short of reactive power"))
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(!text.contains("nan") && !text.contains("NaN") && !text.contains("Infinity"), "\(file)")
        }
    }

    @Test("a span of days: one row per hour, --overwrite replaces a finished folder")
    func span() throws {
        let folder = Self.freshFolder()
        let first = try KraftProcess.run(["run", Self.scenario, "--from", "2030-06-03", "--to", "2030-06-04", "--output", folder])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("48 hours"))
        let system = try String(contentsOfFile: folder + "/system.csv", encoding: .utf8).split(separator: "\n")
        #expect(system.count == 49, "header and 48 hours")
        #expect(system[1].hasPrefix("0,2030-06-03T00:00,"), "hours count from the first hour of the run")
        // The manifest lists exactly the files the folder holds, itself first, N-1 section included.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as! [String: Any]
        let listed = manifest["files"] as! [String]
        #expect(listed.first == "manifest.json" && Set(listed).count == listed.count)
        #expect(Set(listed) == Set(try FileManager.default.contentsOfDirectory(atPath: folder)))
        #expect(listed.contains("contingency.csv") && listed.contains("contingency.json") && manifest["kind"] as? String == "year")
        let refused = try KraftProcess.run(["run", Self.scenario, "--from", "2030-06-03", "--to", "2030-06-03", "--output", folder])
        #expect(refused.status == 2)
        let again = try KraftProcess.run(["run", Self.scenario, "--from", "2030-06-03", "--to", "2030-06-03", "--output", folder, "--overwrite"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOfFile: folder + "/system.csv", encoding: .utf8).split(separator: "\n").count == 25)
        let usage = try KraftProcess.run(["run", Self.scenario, "--from", "2030-06-03"])
        #expect(usage.status == 64 && usage.stderr.contains("--from and --to go together"))
    }

    @Test("--weather runs on other weather than the scenario's: a synthetic seed, a CSV folder, or a usage error")
    func weatherOption() throws {
        let own = Self.freshFolder(), seven = Self.freshFolder()
        #expect(try KraftProcess.run(["run", Self.scenario, "--at", "2030-06-15T12:00", "--output", own]).status == 0)
        let run = try KraftProcess.run(["run", Self.scenario, "--at", "2030-06-15T12:00", "--weather", "synthetic:7", "--output", seven])
        #expect(run.status == 0, "\(run.stderr)")
        let weather = { (folder: String) in
            ((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/scenario.json"))) as? [String: Any])?["weather"]
                as? [String: Any])?["seed"] as? Int
        }
        #expect(try weather(seven) == 7 && weather(own) != 7)
        // Another seed is another hour: Sweden's load differs.
        let se3 = { (folder: String) in
            try String(contentsOfFile: folder + "/zones.csv", encoding: .utf8).split(separator: "\n").first { $0.contains(",SE3,") }
                .map { $0.split(separator: ",")[3] }
        }
        #expect(try se3(seven) != se3(own))
        let missing = try KraftProcess.run(["run", Self.scenario, "--at", "2030-01-15T08:00", "--weather", "csv:/no/such/folder", "--output", Self.freshFolder()])
        #expect(missing.status == 2 && missing.stderr.contains("/no/such/folder: no such folder"), "\(missing.stderr)")
        let usage = try KraftProcess.run(["run", Self.scenario, "--weather", "sunny"])
        #expect(usage.status == 64 && usage.stderr.contains("--weather must be synthetic:SEED"), "\(usage.stderr)")
    }

    @Test("an existing output folder is refused and left alone; a bad time is a usage error; a bad scenario is bad input")
    func errors() throws {
        let folder = Self.freshFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "keep".write(toFile: folder + "/mine.txt", atomically: true, encoding: .utf8)
        let exists = try KraftProcess.run(["run", Self.scenario, "--at", "2030-01-15T08:00", "--output", folder])
        #expect(exists.status == 2)
        #expect(exists.stderr.contains("already exists"))
        #expect(exists.stdout.isEmpty, "refused before the run, not after it: \(exists.stdout)")
        let yearExists = try KraftProcess.run(["run", Self.scenario, "--period", "2030", "--output", folder])
        #expect(yearExists.status == 2 && yearExists.stdout.isEmpty && yearExists.stderr.contains("already exists"), "\(yearExists.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["mine.txt"])
        let badTime = try KraftProcess.run(["run", Self.scenario, "--at", "2030-01-15 08:00"])
        #expect(badTime.status == 64)
        let broken = try KraftProcess.temporaryFile(named: "s.toml", "name = \"x\"\nsurprise = 1\n")
        let bad = try KraftProcess.run(["run", broken, "--at", "2030-01-15T08:00", "--output", Self.freshFolder()])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(broken): surprise: is not a known key here"))
    }

    /// A real-weather folder whose loads are 0 in every zone for three hours of 6 January 2025
    /// (allowed by the format): the reactors' and CHP's minimum outputs have nowhere to go. The
    /// week's dispatch failed ("nothing can absorb it", exit 1); now the surplus is dumped, priced
    /// and reported, and the run completes.
    @Test("zero load in every zone for a few hours: the week solves and reports the surplus it disposed of")
    func zeroLoadHours() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-zero-load-\(UUID().uuidString)")
        let weather = dir.appendingPathComponent("weather")
        try FileManager.default.createDirectory(at: weather, withIntermediateDirectories: true)
        let zones = ["SE1", "SE2", "SE3", "SE4", "NO1", "NO2", "NO3", "NO4", "NO5", "FI"]
        let load: [Double] = [1200, 1800, 10000, 2800, 4000, 4000, 3000, 2500, 2000, 9000]
        func write(_ name: String, _ value: (Int, Int) -> Double) throws {
            var text = "time," + zones.joined(separator: ",") + "\n"
            for h in 0..<8760 {
                let day = h / 24, hour = h % 24
                var month = 1, d = day
                let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
                while d >= lengths[month - 1] { d -= lengths[month - 1]; month += 1 }
                text += String(format: "2025-%02d-%02dT%02d:00", month, d + 1, hour)
                for z in zones.indices { text += ",\(value(h, z))" }
                text += "\n"
            }
            try text.write(to: weather.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("load.csv") { h, z in (123..<126).contains(h) ? 0 : load[z] }
        try write("wind.csv") { _, _ in 0.3 }
        try write("solar.csv") { _, _ in 0 }
        try write("inflow.csv") { _, _ in 500 }
        let base = KraftProcess.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path
        let scenario = dir.appendingPathComponent("zero-load.toml").path
        try "extends = \"\(base)\"\nname = \"zero load\"\n[weather]\nsource = \"csv\"\nfolder = \"weather\"\n"
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        let folder = Self.freshFolder()
        let run = try KraftProcess.run(["run", scenario, "--from", "2025-01-06", "--to", "2025-01-12", "--output", folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("surplus disposed of (MWh)"))
        #expect(run.stdout.contains("dispatch: in 3 hours (first 2025-01-06T03:00) minimum outputs and fixed imports exceeded"), "\(run.stdout)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any]
        let surplus = try #require((summary?["metrics"] as? [String: Any])?["surplus_energy_mwh"] as? Double)
        #expect(surplus > 100, "\(surplus)")
        let system = try String(contentsOfFile: folder + "/system.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = system[0].map(String.init)
        let load0 = try #require(header.firstIndex(of: "load_mw"))
        #expect(system.dropFirst().filter { Double($0[load0]) == 0 }.count == 3, "three hours with no load served")
    }

    /// The N-1 step of a run used the machine's cores whatever --threads said, and wrote its
    /// wall-clock timings into contingency.json, so the folder differed from run to run.
    @Test("N-1 in a run follows --threads; contingency.json has no wall-clock timings and differs only in settings.threads")
    func contingencyThreads() throws {
        var texts = [String]()
        for t in ["1", "2"] {
            let folder = Self.freshFolder()
            let run = try KraftProcess.run(["run", Self.scenario, "--from", "2030-06-03", "--to", "2030-06-03", "--threads", t, "--output", folder])
            #expect(run.status == 0, "\(run.stderr)")
            let text = try String(contentsOfFile: folder + "/contingency.json", encoding: .utf8)
            #expect(!text.contains("timings_ms"))
            #expect(text.contains("\"threads\":\(t),"), "settings.threads is --threads \(t)")
            texts.append(text.replacingOccurrences(of: "\"threads\":\(t),", with: "\"threads\":N,"))
        }
        #expect(texts[0] == texts[1], "byte for byte the same apart from settings.threads")
    }

    /// The issue's check: over a whole year of a scenario that sheds load, every converged hour of
    /// the written system.csv closes: generation + net import − losses = load served (the CSV's
    /// three decimals allow 0.01 MW).
    @Test("a year that sheds load: the hourly balance closes in every converged hour of system.csv")
    func yearBalanceInSystemCSV() throws {
        let folder = Self.freshFolder()
        let scenario = try KraftProcess.temporaryFile(named: "shedding.toml", """
            extends = "\(KraftProcess.root.appendingPathComponent("Scenarios/sweden/base-2025.toml").path)"
            [[datacentre]]
            name = "test load"
            bus = 3000
            capacity_mw = 8000
            utilisation = 1.0
            from = 2025-01-01
            """)
        let run = try KraftProcess.run(["run", scenario, "--output", folder])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let lines = try String(contentsOfFile: folder + "/system.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let column = { (name: String) in header.firstIndex(of: name)! }
        let (load, generation, imports, losses, unserved, converged) = (column("load_mw"), column("generation_mw"), column("net_import_mw"),
                                                                        column("losses_mw"), column("unserved_mw"), column("converged"))
        let surplus = header.firstIndex(of: "surplus_mw")
        var shedding = 0, checked = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if Double(f[unserved])! > 1 { shedding += 1 }
            guard f[converged] == "1" else { continue }
            let gap = Double(f[generation])! + Double(f[imports])! - Double(f[losses])! - (surplus.map { Double(f[$0])! } ?? 0) - Double(f[load])!
            #expect(abs(gap) <= max(0.01, 1e-6 * Double(f[load])!), "\(f[1]): imbalance \(gap) MW with \(f[unserved]) MW unserved")
            checked += 1
        }
        #expect(lines.count == 8761 && checked >= 8000, "\(checked) converged hours of \(lines.count - 1)")
        #expect(shedding >= 4, "the year sheds load in \(shedding) hours")
    }
}
