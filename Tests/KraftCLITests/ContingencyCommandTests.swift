import Foundation
import Testing

/// `kraft contingency` as a user runs it: formats, contingency lists, exit statuses, help.
@Suite("kraft contingency")
struct ContingencyCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try KraftProcess.run(["contingency"] + arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("JSON: settings, base, summary, timings, every branch outage ranked worst first")
    func json() throws {
        let object = try Self.json([KraftProcess.fixture("case30.m"), "--threads", "2"])
        for key in ["case", "settings", "base", "summary", "timings_ms", "notes", "contingencies"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        let settings = try #require(object["settings"] as? [String: Any])
        #expect(settings["ac"] as? String == "all" && settings["rate"] as? String == "a" && settings["threads"] as? Int == 2)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["contingencies"] == 41 && summary["ac_verified"] == 41 && summary["islanding"] == 3)
        let list = try #require(object["contingencies"] as? [[String: Any]])
        #expect(list.map { $0["rank"] as? Int } == Array(1...41))
        #expect(Set(list.compactMap { $0["index"] as? Int }) == Set(1...41))
        let first = list[0]
        #expect(Set(first.keys).isSuperset(of: ["rank", "index", "name", "status", "outages", "islanding", "dc", "ac"]))
        let ac = try #require(first["ac"] as? [String: Any])
        #expect(Set(ac.keys).isSuperset(of: ["converged", "iterations", "max_loading_pct", "worst_branch", "overloads", "voltage_violations"]))
        let overloads = try #require(ac["overloads"] as? [[String: Any]])
        #expect(Set(overloads[0].keys) == ["branch", "from", "to", "loading_pct", "flow_mva", "rating_mva", "base_loading_pct", "worsened"])
        // Worst first: the loading of the first is the highest among those with violations.
        let loadings = list.compactMap { ($0["ac"] as? [String: Any])?["max_loading_pct"] as? Double }
        #expect(loadings.first == loadings.max())
    }

    @Test("results do not depend on the number of threads")
    func threads() throws {
        func stripped(_ t: String) throws -> String {
            let run = try KraftProcess.run(["contingency", KraftProcess.fixture("case118.m"), "--threads", t, "--format", "csv"])
            #expect(run.status == 0)
            return run.stdout
        }
        #expect(try stripped("1") == stripped("3"))
    }

    @Test("table: summary lines, the 20 worst, the rest counted")
    func table() throws {
        let run = try KraftProcess.run(["contingency", KraftProcess.fixture("case118.m"), "--ac", "screened"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("N-1: 186 contingencies, AC screened, rate A"))
        #expect(run.stdout.contains("base case: converged in"))
        #expect(run.stdout.contains("Contingencies, worst first"))
        #expect(run.stdout.contains("... 166 more (use --all)"))
    }

    @Test("CSV: a contingency table and a violation table")
    func csv() throws {
        let run = try KraftProcess.run(["contingency", KraftProcess.fixture("case30.m"), "--format", "csv", "--rate", "b"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("# ") } == ["# contingencies", "# violations"])
        #expect(lines[1].hasPrefix("rank,index,name,status,"))
        #expect(lines.contains("rank,name,kind,element,value,limit,loading_pct,base_value,worsened"))
    }

    @Test("a contingency list: names, several elements, generators")
    func list() throws {
        let file = try KraftProcess.temporaryFile(named: "n1.txt", """
            # a comment
            branch 4-6
            two lines: branch 2-4; branch 6-8
            gen 2, gen bus 22   # two generators
            circuit: branch 6-28#1 # the only circuit, numbered
            """)
        let object = try Self.json([KraftProcess.fixture("case30.m"), "--contingencies", file])
        let list = try #require(object["contingencies"] as? [[String: Any]])
        #expect(Set(list.compactMap { $0["name"] as? String }) == ["branch 4-6", "two lines", "gen 2; gen bus 22", "circuit"])
        let two = try #require(list.first { $0["name"] as? String == "two lines" })
        #expect((two["outages"] as? [[String: Int]])?.map { $0["branch"] } == [3, 10])
    }

    @Test("unknown names in the list: exit 2, all of them named")
    func unknownNames() throws {
        let file = try KraftProcess.temporaryFile(named: "bad.txt", "branch 999\nx: branch 1-2; branch 6-99\ngen 40\nbranch 2-4\n")
        let run = try KraftProcess.run(["contingency", KraftProcess.fixture("case30.m"), "--contingencies", file])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("unknown elements in the contingency list"))
        for name in ["'branch 999' (line 1", "'branch 6-99' (line 2: no bus 99)", "'gen 40' (line 3"] {
            #expect(run.stderr.contains(name), "\(name) in \(run.stderr)")
        }
        #expect(!run.stderr.contains("'branch 2-4'"), "a valid line is not reported (the temporary path may contain '2-4')")
    }

    @Test("a malformed line: exit 2 with FILE:LINE")
    func malformed() throws {
        let file = try KraftProcess.temporaryFile(named: "bad.txt", "branch 1\ntransformer 3\n")
        let run = try KraftProcess.run(["contingency", KraftProcess.fixture("case9.m"), "--contingencies", file])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.txt:2: cannot read 'transformer 3'"))
    }

    @Test("bad options: usage errors")
    func options() throws {
        #expect(try KraftProcess.run(["contingency", KraftProcess.fixture("case9.m"), "--threads", "0"]).status == 64)
        #expect(try KraftProcess.run(["contingency", KraftProcess.fixture("case9.m"), "--ac", "some"]).status == 64)
        #expect(try KraftProcess.run(["contingency", "/nonexistent/case.m"]).status == 2)
    }

    @Test("help text")
    func help() throws {
        let run = try KraftProcess.run(["contingency", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            OVERVIEW: N-1 security analysis of a case (MATPOWER .m) or of a scenario's
            hours: DC screening, AC verification.

            Every in-service branch goes out in turn (and every generator with
            --generators), or the contingencies of --contingencies FILE: one per line,
            elements separated by ';', an optional name before ':' — 'branch ROW', 'branch
            FROM-TO[#CIRCUIT]', 'gen ROW', 'gen bus ID'; '#' starts a comment. For a
            scenario (.toml) the grid is the one dispatched at --at, or, without it, at the
            run's peak-load and lowest-inertia hours (the whole period is run to find
            them); every in-service branch goes out, with reactive limits and the slack
            shared as in `kraft run`'s AC check. Exit status: 0 when the analysis ran
            (whatever it found), 1 when a base case did not converge or the run failed, 2
            bad input.

            USAGE: kraft contingency [<options>] <case-path>

            ARGUMENTS:
              <case-path>             The case file (MATPOWER .m) or scenario (.toml).

            OPTIONS:
              --at <time>             For a scenario: the moment to study, such as
                                      2030-01-15T08:00 (default: the peak-load and
                                      lowest-inertia hours).
              --ac <ac>               AC verification: all contingencies, the screened ones
                                      (DC estimate at or above --screening %), or none.
                                      (values: all, screened, none; default: all)
              --rate <rate>           Branch rating the loadings are measured against: a, b
                                      or c. (values: a, b, c; default: a)
              --threads <threads>     Worker threads (default: the number of cores);
                                      results do not depend on it.
              --contingencies <file>  Contingencies to run instead of every branch outage.
              --generators            Add the outage of every in-service generator to the
                                      branch outages.
              --pickup <pickup>       Who picks up a lost generator's output: reference
                                      (its island's reference bus) or pmax (the others, by
                                      Pmax). (values: reference, pmax; default: reference)
              --screening <screening> Screening threshold, percent of the rating (with --ac
                                      screened). (default: 90.0)
              --enforce-q-limits      Enforce generator reactive limits (PV→PQ switching,
                                      as MATPOWER's pf.enforce_q_lims = 1).
              --distributed-slack     Share the slack among generators in service in
                                      proportion to their Pmax.
              --slack-weights <file>  Share the slack by the weights in FILE (lines
                                      'GEN,WEIGHT', GEN the 1-based generator row).
              --tol <tol>             Newton–Raphson tolerance, p.u. (default: 1e-08)
              --max-iter <max-iter>   Newton–Raphson iteration limit per contingency.
                                      (default: 10)
              --format <format>       Output format: table, json or csv. (values: table,
                                      json, csv; default: table)
              --output <output>       Write the output to this file (atomically) instead of
                                      standard output.
              --all                   Print every contingency in the table format (default:
                                      the 20 worst).
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }
}
