#!/usr/bin/env python3
"""N-1 timings: `kraft contingency` against lightsim2grid's ContingencyAnalysis.

    .venv-bench/bin/python Benchmarks/peers/run_contingency.py CASE... --kraft PATH
        [--threads T] [--repeat N] [--json OUT] [--cases-dir DIR] [--tol 1e-8] [--max-iter 10]

CASE is a MATPOWER case name looked up in --cases-dir (default ../shared/cases beside
the repository) or a path to a ``.m`` file. Per case, one tool after the other:

  kraft   `KRAFT contingency CASE --threads T --format json --tol TOL --max-iter MAX`
          (every in-service branch out in turn: DC screening of all, AC Newton-Raphson
          on all -- islanding outages included -- warm-started from the base case, branch
          flows at both ends, loadings, voltage checks, ranking). Times are Kraft's own
          timers from the JSON (`base`, `setup`, `contingencies`) and the wall clock of
          the whole process; medians of N runs.
  ls2g    lightsim2grid.network.init_from_matpower(ppc) -> LSGrid, NR_KLU, ac_pf for the
          base case (as the ContingencyAnalysis wrapper starts from the backend's solved
          V), then ContingencyAnalysisCPP(grid), change_algorithm(NR_KLU), nb_thread = T,
          add_all_n1(), compute(V_base, MAX, TOL x baseMVA) and compute_power_flows()
          (MW at the origin of every branch). `compute` + `compute_power_flows` is the
          timed work; median of N fresh objects. lightsim2grid does not simulate outages
          that split the grid (its default `handle_disconnected_grid = False`); their
          number is in the JSON (`not_simulated`).

Ratios are kraft / ls2g: below 1 means Kraft is faster. OPENBLAS_* handling as in
run_peers.py (imported from it): the Python side runs without them, kraft with them.
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run_peers  # noqa: E402  (re-executes without OPENBLAS_* first, as run_peers does)
import mcase  # noqa: E402

perf = time.perf_counter


def med(xs):
    return statistics.median(xs) if xs else None


def bench_kraft(kraft, path, args):
    cmd = [str(kraft), "contingency", str(path), "--threads", str(args.threads), "--format", "json",
           "--tol", repr(args.tol), "--max-iter", str(args.max_iter)]
    walls, cpus, rows = [], [], []
    for _ in range(args.repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = perf()
        p = subprocess.run(cmd, capture_output=True, text=True, env=run_peers.kraft_env(), timeout=3600)
        walls.append(perf() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
        if p.returncode != 0:
            return {"error": f"exit {p.returncode}: {p.stderr.strip()[-400:]}", "command": " ".join(cmd)}
        d = json.loads(p.stdout)
        rows.append({"timings_ms": d["timings_ms"], "summary": d["summary"]})
    t = {k: med([r["timings_ms"][k] for r in rows]) for k in rows[0]["timings_ms"]}
    return {"command": " ".join(cmd), "timings_ms_median": t, "summary": rows[0]["summary"],
            "contingency_ms": [r["timings_ms"]["contingencies"] for r in rows],
            "process_ms_median": med(walls) * 1e3, "process_ms": [w * 1e3 for w in walls],
            "process_cpu_ms_median": med(cpus) * 1e3, "process_cpu_ms": [c * 1e3 for c in cpus]}


def bench_ls2g(ppc, args):
    from lightsim2grid.algorithm import AlgorithmType
    from lightsim2grid.lightsim2grid_cpp import ContingencyAnalysisCPP
    from lightsim2grid.network import init_from_matpower

    tol = args.tol * float(ppc["baseMVA"])
    V0 = run_peers.initial_voltage(ppc)
    compute, flows, total, add, internal, base_ms, cpu = [], [], [], [], [], [], []
    out = {}
    for _ in range(args.repeat):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            grid = init_from_matpower(ppc)
        grid.change_algorithm(AlgorithmType.NR_KLU)
        t0 = perf()
        V = grid.ac_pf(V0.copy(), 20, tol)
        base_ms.append((perf() - t0) * 1e3)
        if V.size == 0:
            return {"error": "base case did not converge"}
        sa = ContingencyAnalysisCPP(grid)
        sa.change_algorithm(AlgorithmType.NR_KLU)
        sa.nb_thread = args.threads
        t0 = perf()
        sa.add_all_n1()
        add.append((perf() - t0) * 1e3)
        c0 = time.process_time()
        t0 = perf()
        sa.compute(V.copy(), args.max_iter, tol)
        t1 = perf()
        sa.compute_power_flows()
        t2 = perf()
        cpu.append((time.process_time() - c0) * 1e3)
        compute.append((t1 - t0) * 1e3)
        flows.append((t2 - t1) * 1e3)
        total.append((t2 - t0) * 1e3)
        internal.append(sa.total_time() * 1e3)
        out = {"contingencies": int(sa.nb_solved()) if hasattr(sa, "nb_solved") else None,
               "converged": int(sa.nb_converged()) if hasattr(sa, "nb_converged") else None,
               "branches": len(grid.get_lines()) + len(grid.get_trafos())}
        del sa, grid
    out["not_simulated"] = out["branches"] - out["contingencies"] if out.get("contingencies") is not None else None
    out.update({"api": "ContingencyAnalysisCPP(init_from_matpower(ppc)); NR_KLU; add_all_n1(); "
                       "compute(V_base, max_iter, tol*baseMVA); compute_power_flows()",
                "base_ac_pf_ms_median": med(base_ms), "add_all_n1_ms_median": med(add),
                "compute_ms_median": med(compute), "compute_ms": compute, "flows_ms_median": med(flows),
                "total_ms_median": med(total), "internal_total_ms_median": med(internal),
                "total_cpu_ms_median": med(cpu), "total_cpu_ms": cpu})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="+")
    ap.add_argument("--kraft", type=Path, required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tol", type=float, default=1e-8)
    ap.add_argument("--max-iter", type=int, default=10)
    ap.add_argument("--cases-dir", default=str(run_peers.DEFAULT_CASES_DIR))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--skip", action="append", default=[], choices=["kraft", "ls2g"])
    args = ap.parse_args()

    record = {"settings": vars(args) | {"kraft": str(args.kraft), "json": str(args.json)},
              "machine": run_peers.machine_info(args), "cases": {}}
    print(f"N-1 over every branch, {args.threads} thread(s), NR tol {args.tol} p.u., "
          f"max {args.max_iter} iterations, medians of {args.repeat}; ms", flush=True)
    print(f"{'case':<16}{'kraft N-1':>11}{'kraft proc':>12}{'ls2g N-1':>11}{'kraft/ls2g':>12}"
          f"{'kraft AC':>10}{'ls2g AC':>9}{'kraft CPU':>11}{'ls2g CPU':>10}{'CPU ratio':>11}", flush=True)
    for name in args.cases:
        stem, path = run_peers.resolve_case(name, args.cases_dir)
        ppc = mcase.load(str(path))
        rec = {}
        if "kraft" not in args.skip:
            rec["kraft"] = bench_kraft(args.kraft, path, args)
        if "ls2g" not in args.skip:
            try:
                rec["ls2g"] = bench_ls2g(ppc, args)
            except Exception as exc:  # noqa: BLE001
                rec["ls2g"] = {"error": repr(exc)}
        k, l = rec.get("kraft", {}), rec.get("ls2g", {})
        kn = (k.get("timings_ms_median") or {}).get("contingencies")
        kb = (k.get("timings_ms_median") or {})
        kwork = kn + kb["base"] + kb["setup"] if kn is not None else None
        lt = l.get("total_ms_median")
        rec["ratio_kraft_over_ls2g"] = kwork / lt if kwork and lt else None
        kc, lc = k.get("process_cpu_ms_median"), l.get("total_cpu_ms_median")
        rec["cpu_ratio_kraft_over_ls2g"] = kc / lc if kc and lc else None
        record["cases"][stem] = rec

        def f(x, w, d=1):
            return f"{x:>{w}.{d}f}" if isinstance(x, (int, float)) else f"{'-':>{w}}"
        print(f"{stem:<16}{f(kwork, 11)}{f(k.get('process_ms_median'), 12)}{f(lt, 11)}"
              f"{f(rec['ratio_kraft_over_ls2g'], 12, 2)}{f((k.get('summary') or {}).get('ac_verified'), 10, 0)}"
              f"{f(l.get('contingencies'), 9, 0)}{f(kc, 11)}{f(lc, 10)}"
              f"{f(rec['cpu_ratio_kraft_over_ls2g'], 11, 2)}", flush=True)
        for who in ("kraft", "ls2g"):
            if "error" in rec.get(who, {}):
                print(f"  {who}: {rec[who]['error']}", flush=True)
    record["machine"]["loadavg_end"] = run_peers.os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(record, indent=1, default=float))
    print("kraft N-1 = base + setup + contingencies (Kraft's timers); ls2g N-1 = compute + "
          "compute_power_flows; AC = contingencies solved with AC (ls2g skips islanding ones).\n"
          "CPU = processor time (user + system): kraft's whole process (reading, base case, output "
          "included), ls2g's compute + compute_power_flows; less disturbed than wall clock on a "
          "shared machine. With several threads it is the sum over threads.")


if __name__ == "__main__":
    main()
