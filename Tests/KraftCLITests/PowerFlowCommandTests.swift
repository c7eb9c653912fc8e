import Foundation
import Testing

/// `kraft pf` as a user runs it: output formats, exit statuses and error messages.
@Suite("kraft pf")
struct PowerFlowCommandTests {
    @Test("JSON output has the documented keys and MATPOWER's answer for case9")
    func json() throws {
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["case", "method", "converged", "iterations", "max_mismatch_mva", "losses_mw", "timings_ms",
                    "buses", "generators", "branches"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        let timings = try #require(object["timings_ms"] as? [String: Double])
        #expect(Set(timings.keys).isSuperset(of: ["parse", "ybus", "analyze", "factor", "solve", "total"]))
        let buses = try #require(object["buses"] as? [[String: Any]])
        #expect(buses.count == 9)
        #expect(Set(buses[0].keys) == ["id", "type", "vm_pu", "va_deg"])
        let gens = try #require(object["generators"] as? [[String: Any]])
        // MATPOWER 8.1 runpf on case9: the slack generator at bus 1 produces 71.6410 MW.
        #expect(abs((gens[0]["pg_mw"] as? Double ?? 0) - 71.6410214744823) < 1e-3)
        let branches = try #require(object["branches"] as? [[String: Any]])
        #expect(Set(branches[0].keys) == ["from", "to", "status", "pf_mw", "qf_mvar", "pt_mw", "qt_mvar"])
        #expect(object["converged"] as? Bool == true)
    }

    @Test("table output is the default and names the extremes")
    func table() throws {
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case118.m")])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Newton–Raphson (block) converged in"))
        #expect(run.stdout.contains("voltage: lowest"))
        #expect(run.stdout.contains("... 98 more (use --all)"), "118 buses shortened to 20")
    }

    @Test("CSV output has three tables with units")
    func csv() throws {
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case14.m"), "--format", "csv", "--method", "fdxb"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("# ") } == ["# buses", "# generators", "# branches"])
        #expect(lines.contains("id,type,vm_pu,va_deg"))
        #expect(lines.filter { $0.split(separator: ",").count == 4 }.count >= 14 + 5)
    }

    @Test("--output writes the file and nothing to standard output")
    func outputFile() throws {
        let target = try KraftProcess.temporaryFile(named: "out.json", "")
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case30.m"), "--format", "json", "--output", target])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let data = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["case"] as? String == "case30")
    }

    @Test("a missing file is bad input: exit 2 and the file named")
    func missingFile() throws {
        let run = try KraftProcess.run(["pf", "/nonexistent/case.m"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("/nonexistent/case.m: "))
    }

    @Test("a malformed case: exit 2 with FILE:LINE")
    func malformed() throws {
        let text = try String(contentsOfFile: KraftProcess.fixture("case9.m"), encoding: .utf8)
            .replacingOccurrences(of: "\t3\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9;", with: "\t3\t0\t0\t0\t0\t1\t1\tabc\t345\t1\t1.1\t0.9;")
        let path = try KraftProcess.temporaryFile(named: "broken.m", text)
        let run = try KraftProcess.run(["pf", path])
        #expect(run.status == 2)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("abc") }! + 1
        #expect(run.stderr.hasPrefix("\(path):\(line): "), "\(run.stderr)")
        #expect(run.stderr.contains("abc"))
    }

    @Test("a case that cannot be solved: exit 1, the cause on standard error, no NaN in the table")
    func nonConvergent() throws {
        // case9 with every load ten times larger.
        var text = try String(contentsOfFile: KraftProcess.fixture("case9.m"), encoding: .utf8)
        for (old, new) in [("\t90\t30\t", "\t900\t300\t"), ("\t100\t35\t", "\t1000\t350\t"), ("\t125\t50\t", "\t1250\t500\t")] {
            #expect(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        let path = try KraftProcess.temporaryFile(named: "heavy.m", text)
        let run = try KraftProcess.run(["pf", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("did not converge"))
        #expect(run.stdout.contains("DID NOT CONVERGE"))
        #expect(run.stdout.contains("largest mismatch at bus"))
        #expect(!run.stdout.contains("nan") && !run.stdout.contains("NaN"))
    }

    @Test("invalid options are usage errors")
    func badOptions() throws {
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--method", "gauss"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--method"))
        let tol = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--tol", "-1"])
        #expect(tol.status == 64)
    }

    @Test("help text")
    func help() throws {
        let run = try KraftProcess.run(["pf", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            OVERVIEW: Solve the power flow of a case (MATPOWER .m).

            Exit status: 0 converged, 1 did not converge, 2 bad input.

            USAGE: kraft pf <case-path> [--method <method>] [--init <init>] [--enforce-q-limits] [--distributed-slack] [--slack-weights <file>] [--tol <tol>] [--max-iter <max-iter>] [--linear-solver <linear-solver>] [--format <format>] [--output <output>] [--all]

            ARGUMENTS:
              <case-path>             The case file.

            OPTIONS:
              --method <method>       Solution method: nr (Newton–Raphson), fdxb, fdbx
                                      (fast-decoupled) or dc. (values: nr, fdxb, fdbx, dc;
                                      default: nr)
              --init <init>           Initial point: case (stored voltages, MATPOWER's
                                      default), flat or dc. (values: case, flat, dc;
                                      default: case)
              --enforce-q-limits      Enforce generator reactive limits (PV→PQ switching,
                                      as MATPOWER's pf.enforce_q_lims = 1).
              --distributed-slack     Share the slack among generators in service in
                                      proportion to their Pmax.
              --slack-weights <file>  Share the slack by the weights in FILE (lines
                                      'GEN,WEIGHT', GEN the 1-based generator row).
              --tol <tol>             Convergence tolerance on the largest mismatch, p.u.
                                      (default: 1e-08)
              --max-iter <max-iter>   Iteration limit (default: 10 for nr, 30 for
                                      fdxb/fdbx).
              --linear-solver <linear-solver>
                                      Linear solver: auto (dense up to 14 unknowns, block
                                      LU above; KLU for distributed slack), klu, dense or
                                      block. (values: auto, klu, dense, block; default:
                                      auto)
              --format <format>       Output format: table, json or csv. (values: table,
                                      json, csv; default: table)
              --output <output>       Write the output to this file (atomically) instead of
                                      standard output.
              --all                   Print every bus, generator and branch in the table
                                      format (default: the first 20 of each).
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }
}

/// `kraft bench` rows.
@Suite("kraft bench")
struct BenchCommandTests {
    @Test("JSON rows carry the documented keys")
    func json() throws {
        let run = try KraftProcess.run(["bench", KraftProcess.fixture("case30.m"), KraftProcess.fixture("case57.m"),
                                        "--repeat", "3", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        for key in ["case", "buses", "iterations", "parse_ms", "solve_ms_median", "solve_cold_ms"] {
            #expect(rows.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
        #expect(rows[1]["buses"] as? Int == 57)
    }
}

/// Output to a device must not replace it (atomic writes rename; a device is written in place).
/// The device is a private null-device node made with mknod, so a regression cannot damage the
/// machine's own /dev/null; without the privilege to make one, the test is skipped.
@Suite("kraft pf --output to a device")
struct OutputDeviceTests {
    static func makeNullDevice() -> String? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kraft-null-\(UUID().uuidString)").path
        let mknod = Process()
        mknod.executableURL = URL(fileURLWithPath: "/usr/bin/mknod")
        mknod.arguments = [path, "c", "1", "3"]
        guard (try? mknod.run()) != nil else { return nil }
        mknod.waitUntilExit()
        return mknod.terminationStatus == 0 ? path : nil
    }

    @Test("--output to a character device leaves it a device")
    func device() throws {
        guard let device = Self.makeNullDevice() else {
            print("skipped: cannot make a device node here (needs root)")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: device) }
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--format", "json", "--output", device])
        #expect(run.status == 0)
        let type = try FileManager.default.attributesOfItem(atPath: device)[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }
}

/// Distributed slack from the command line.
@Suite("kraft pf distributed slack")
struct DistributedSlackCommandTests {
    static func generatorsPg(_ run: KraftProcess) throws -> [Double] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let gens = try #require(object["generators"] as? [[String: Any]])
        return gens.compactMap { $0["pg_mw"] as? Double }
    }

    @Test("--slack-weights shares the slack by the given weights")
    func weights() throws {
        let file = try KraftProcess.temporaryFile(named: "w.csv", "# gen,weight\n2,1\n3,3\n")
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--format", "json", "--slack-weights", file])
        #expect(run.status == 0, "\(run.stderr)")
        let pg = try Self.generatorsPg(run)
        // case9 set-points: gen 2 at 163 MW, gen 3 at 85 MW; gen 1 (the reference) takes no share.
        let share2 = pg[1] - 163, share3 = pg[2] - 85
        #expect(abs(share2) > 0.1, "case9 set-points exceed load plus losses by about 0.7 MW: a real share to split")
        #expect(abs(share3 - 3 * share2) < 1e-6)
        #expect(abs(pg[0] - 72.3) < 1e-6, "the reference generator (weight 0) keeps its set-point, 72.3 MW")
    }

    @Test("--distributed-slack shares by Pmax; both at once is a usage error; a bad weights file is bad input")
    func pmaxAndErrors() throws {
        let run = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--format", "json", "--distributed-slack"])
        #expect(run.status == 0)
        let pg = try Self.generatorsPg(run)
        // case9 Pmax: 250, 300, 270 MW; set-points 72.3, 163, 85.
        let shares = [pg[0] - 72.3, pg[1] - 163, pg[2] - 85]
        #expect(abs(shares[0] / 250 - shares[1] / 300) < 1e-9 && abs(shares[1] / 300 - shares[2] / 270) < 1e-9)
        let file = try KraftProcess.temporaryFile(named: "w.csv", "1,1\n")
        let both = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--distributed-slack", "--slack-weights", file])
        #expect(both.status == 64)
        let bad = try KraftProcess.temporaryFile(named: "bad.csv", "9,1\n")
        let badRun = try KraftProcess.run(["pf", KraftProcess.fixture("case9.m"), "--slack-weights", bad])
        #expect(badRun.status == 2)
        #expect(badRun.stderr.hasPrefix("\(bad):1: generator '9'"))
    }
}

/// `kraft pf` on a PSS/E RAW file (the GPL Nordic44 file is read from ../shared, never copied).
@Suite("kraft pf on PSS/E RAW")
struct RawCommandTests {
    static let raw = KraftProcess.root.deletingLastPathComponent().appendingPathComponent("shared/data/nordic/nordic44/N44_BC.raw").path

    @Test("solves N44_BC.raw and prints the reader's notes", .enabled(if: FileManager.default.fileExists(atPath: raw), "N44_BC.raw is absent"))
    func nordic44() throws {
        let run = try KraftProcess.run(["pf", Self.raw])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("converged in 3 iterations"))
        #expect(run.stdout.contains("note:"))
        let json = try KraftProcess.run(["pf", Self.raw, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["buses"] as? [Any])?.count == 44)
    }
}
