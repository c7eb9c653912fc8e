#!/usr/bin/env python3
"""Load-scaled time series: `kraft bench --timeseries` against lightsim2grid's TimeSeriesCPP.

    .venv-bench/bin/python Benchmarks/peers/run_timeseries.py [CASE...] --kraft PATH
        [--factors CSV] [--repeat N] [--json OUT] [--cases-dir DIR] [--tol 1e-8] [--max-iter 10]

CASE (default case2383wp) is a MATPOWER case name looked up in --cases-dir (default
../shared/cases beside the repository) or a path to a ``.m`` file. --factors (default
Benchmarks/timeseries/load-factors-8760.csv, made by make_load_factors.py there) gives one
load factor per hour; both tools read the same file. Every hour: the P and Q of all loads
are the case's times the factor, generator set-points (P, V) stay as in the case, the
reference bus takes the difference; Newton-Raphson from the previous hour's voltages (the
first hour from the case voltages with PV/reference magnitudes at set-point).

  kraft   `KRAFT bench CASE --timeseries CSV --format json --tol TOL --max-iter MAX
          --sample-hours H,...`: Kraft's own timer, `total_ms` = setup (Ybus, bus types,
          Jacobian pattern) + all hours (the first with the symbolic analysis). Reading the
          case and the factors is not in it.
  ls2g    lightsim2grid.network.init_from_matpower(ppc) -> LSGrid (NR_KLU);
          TimeSeriesCPP(grid), change_algorithm(NR_KLU), modify_gen_p / modify_load_p /
          modify_load_q with the per-hour matrices (case gen P on every row, case load P and Q
          times the factor), then compute(V0, MAX, TOL x baseMVA) -- the timed call (its
          Ybus, analysis, every hour, and storing every hour's voltages). TimeSeriesCPP
          starts each step from the previous step's result (its documentation). The
          conversion and the matrices are not timed. A second compute() on the same object
          (base case reused) is reported too with --again.
  CPU     on a shared machine the wall clock counts other jobs' time: the CPU time of the
          whole kraft process (getrusage of the child, file reading included) and of the
          ls2g compute() call (process_time; it runs on one thread) are reported too.

The two tools alternate, N runs each (default 3); medians. The harness compares the
voltages of a few hours (--sample-hours) and fails the check above 1e-6 p.u.
OPENBLAS_* handling as in run_peers.py (imported from it).
"""

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run_peers  # noqa: E402  (re-executes without OPENBLAS_* first, as run_peers does)
import mcase  # noqa: E402

perf = time.perf_counter
DEFAULT_FACTORS = HERE.parent / "timeseries" / "load-factors-8760.csv"


def med(xs):
    return statistics.median(xs) if xs else None


def read_factors(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    if rows[0] != ["hour", "factor"]:
        raise SystemExit(f"{path}: expected the header 'hour,factor'")
    return np.array([float(r[1]) for r in rows[1:]])


def kraft_run(kraft, path, args):
    cmd = [str(kraft), "bench", str(path), "--timeseries", str(args.factors), "--format", "json",
           "--tol", repr(args.tol), "--max-iter", str(args.max_iter),
           "--sample-hours", ",".join(map(str, args.sample_hours))]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = perf()
    p = subprocess.run(cmd, capture_output=True, text=True, env=run_peers.kraft_env(), timeout=3600)
    wall = perf() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1) or not p.stdout.strip():
        raise RuntimeError(f"`{' '.join(cmd)}` exit {p.returncode}: {p.stderr.strip()[-400:]}")
    row = json.loads(p.stdout)[0]
    row["process_ms"] = wall * 1e3
    # CPU time of the whole process (reading the case and factors too): on a shared machine
    # the wall clock counts other jobs' time slices, CPU time does not.
    row["process_cpu_ms"] = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1e3
    row["command"] = " ".join(cmd)
    return row


def ls2g_run(ppc, factors, args):
    from lightsim2grid.algorithm import AlgorithmType
    from lightsim2grid.network import init_from_matpower
    from lightsim2grid.timeSerie import TimeSeriesCPP

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        grid = init_from_matpower(ppc)
    grid.change_algorithm(AlgorithmType.NR_KLU)
    load_p = np.array([x.target_p_mw for x in grid.get_loads()])
    load_q = np.array([x.target_q_mvar for x in grid.get_loads()])
    gen_p = np.array([x.target_p_mw for x in grid.get_generators()])
    hours = factors.size
    t0 = perf()
    ts = TimeSeriesCPP(grid)
    ts.change_algorithm(AlgorithmType.NR_KLU)
    ts.modify_gen_p(np.ascontiguousarray(np.tile(gen_p, (hours, 1))))
    ts.modify_load_p(np.ascontiguousarray(np.outer(factors, load_p)))
    ts.modify_load_q(np.ascontiguousarray(np.outer(factors, load_q)))
    prepare = perf() - t0
    V0 = run_peers.initial_voltage(ppc)
    tol = args.tol * float(ppc["baseMVA"])
    c0, t0 = time.process_time(), perf()
    ts.compute(V0.copy(), args.max_iter, tol)
    compute, cpu = perf() - t0, time.process_time() - c0
    out = {"prepare_ms": prepare * 1e3, "compute_ms": compute * 1e3, "compute_cpu_ms": cpu * 1e3,
           "internal_total_ms": ts.total_time() * 1e3, "internal_solver_ms": ts.solver_time() * 1e3,
           "internal_preprocessing_ms": ts.preprocessing_time() * 1e3,
           "converged_hours": int(np.sum(ts.converged_mask())),
           "iterations": int(np.sum(ts.get_row_nb_iter())), "hours": hours,
           "tol_passed": tol}
    Vs = ts.get_voltages()
    out["samples"] = {h: Vs[h].copy() for h in args.sample_hours}
    del Vs
    if args.again:
        t0 = perf()
        ts.compute(V0.copy(), args.max_iter, tol)
        out["compute_again_ms"] = (perf() - t0) * 1e3
    out["api"] = ("init_from_matpower(ppc); TimeSeriesCPP(grid); NR_KLU; modify_gen_p/modify_load_p/"
                  "modify_load_q; compute(V0, max_iter, tol*baseMVA)")
    del ts, grid
    return out


def compare(kraft_row, ls2g, ppc):
    """Largest |V_kraft - V_ls2g| (complex, p.u.) over the sample hours, in-service buses."""
    live = ppc["bus"][:, 1] != 4
    worst, per_hour = 0.0, {}
    by_hour = {s["hour"]: s for s in kraft_row["samples"]}
    for h, v_ls in ls2g["samples"].items():
        s = by_hour[h]
        v_k = np.array(s["vm"]) * np.exp(1j * np.deg2rad(np.array(s["va_deg"])))
        d = float(np.max(np.abs(v_k[live] - v_ls[live])))
        per_hour[h] = d
        worst = max(worst, d)
    return {"max_abs_v_diff": worst, "per_hour": per_hour, "agree_1e-6": worst <= 1e-6}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="*", default=["case2383wp"])
    ap.add_argument("--kraft", type=Path, required=True)
    ap.add_argument("--factors", type=Path, default=DEFAULT_FACTORS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--cases-dir", default=str(run_peers.DEFAULT_CASES_DIR))
    ap.add_argument("--tol", type=float, default=1e-8)
    ap.add_argument("--max-iter", type=int, default=10)
    ap.add_argument("--again", action="store_true",
                    help="also time a second ls2g compute() on the same object (base case reused)")
    ap.add_argument("--sample-hours", default="0,377,4684,8759",
                    help="0-based hours whose voltages are compared (default: first, peak, lowest, last)")
    args = ap.parse_args()
    args.factors = args.factors.resolve()
    args.sample_hours = [int(h) for h in args.sample_hours.split(",")]
    factors = read_factors(args.factors)
    info = run_peers.machine_info(argparse.Namespace(kraft=str(args.kraft)))
    records = []
    for c in args.cases:
        name, path = run_peers.resolve_case(c, args.cases_dir)
        ppc = mcase.load(str(path))
        kraft_rows, ls2g_rows = [], []
        for k in range(args.repeat):
            print(f"{name}: run {k + 1}/{args.repeat} kraft ...", file=sys.stderr, flush=True)
            kraft_rows.append(kraft_run(args.kraft, path, args))
            print(f"{name}: run {k + 1}/{args.repeat} ls2g ...", file=sys.stderr, flush=True)
            ls2g_rows.append(ls2g_run(ppc, factors, args))
        check = compare(kraft_rows[0], ls2g_rows[0], ppc)
        k_total = med([r["total_ms"] for r in kraft_rows])
        l_compute = med([r["compute_ms"] for r in ls2g_rows])
        rec = {"case": name, "buses": int(ppc["bus"].shape[0]), "hours": int(factors.size),
               "kraft": {"command": kraft_rows[0]["command"], "total_ms_median": k_total,
                         "setup_ms_median": med([r["setup_ms"] for r in kraft_rows]),
                         "hours_ms_median": med([r["hours_ms"] for r in kraft_rows]),
                         "hour_ms_median": med([r["hour_ms_median"] for r in kraft_rows]),
                         "process_ms_median": med([r["process_ms"] for r in kraft_rows]),
                         "process_cpu_ms_median": med([r["process_cpu_ms"] for r in kraft_rows]),
                         "process_cpu_ms": [r["process_cpu_ms"] for r in kraft_rows],
                         "total_ms": [r["total_ms"] for r in kraft_rows],
                         "converged_hours": kraft_rows[0]["converged_hours"],
                         "iterations": kraft_rows[0]["iterations"],
                         "linear_solver": kraft_rows[0]["linear_solver"]},
               "lightsim2grid": {"api": ls2g_rows[0]["api"], "compute_ms_median": l_compute,
                                 "compute_ms": [r["compute_ms"] for r in ls2g_rows],
                                 "compute_cpu_ms_median": med([r["compute_cpu_ms"] for r in ls2g_rows]),
                                 "compute_cpu_ms": [r["compute_cpu_ms"] for r in ls2g_rows],
                                 "compute_again_ms_median": med([r.get("compute_again_ms") for r in ls2g_rows
                                                                 if "compute_again_ms" in r]),
                                 "internal_solver_ms_median": med([r["internal_solver_ms"] for r in ls2g_rows]),
                                 "prepare_ms_median": med([r["prepare_ms"] for r in ls2g_rows]),
                                 "converged_hours": ls2g_rows[0]["converged_hours"],
                                 "iterations": ls2g_rows[0]["iterations"]},
               "check": check, "ratio_kraft_over_ls2g": k_total / l_compute,
               "ratio_per_run": [k["total_ms"] / l["compute_ms"] for k, l in zip(kraft_rows, ls2g_rows)]}
        rec["ratio_cpu_kraft_process_over_ls2g_compute"] = (rec["kraft"]["process_cpu_ms_median"]
                                                           / rec["lightsim2grid"]["compute_cpu_ms_median"])
        records.append(rec)
        k, l = rec["kraft"], rec["lightsim2grid"]
        print(f"\n{name} ({rec['buses']} buses), {rec['hours']} hours, medians of {args.repeat} runs, ms:")
        print(f"  kraft total {k_total:.1f} (setup {k['setup_ms_median']:.2f}, hours {k['hours_ms_median']:.1f}, "
              f"median hour {k['hour_ms_median']:.4f}); converged {k['converged_hours']}, iterations {k['iterations']}")
        print(f"  ls2g compute {l_compute:.1f} (its solver time {l['internal_solver_ms_median']:.1f}); "
              f"converged {l['converged_hours']}, iterations {l['iterations']}")
        print(f"  CPU time: kraft whole process {k['process_cpu_ms_median']:.1f}, ls2g compute "
              f"{l['compute_cpu_ms_median']:.1f}, ratio {rec['ratio_cpu_kraft_process_over_ls2g_compute']:.2f}")
        print(f"  kraft / ls2g = {rec['ratio_kraft_over_ls2g']:.2f} (wall; per run "
              f"{', '.join(f'{x:.2f}' for x in rec['ratio_per_run'])});  max |V kraft - V ls2g| over hours "
              f"{args.sample_hours}: {check['max_abs_v_diff']:.1e}" + ("" if check["agree_1e-6"] else "  ** DISAGREE **"))
    info["loadavg_end"] = run_peers.os.getloadavg()
    if args.json:
        doc = {"settings": {"repeat": args.repeat, "factors": str(args.factors), "tol": args.tol,
                            "max_iter": args.max_iter, "sample_hours": args.sample_hours},
               "machine": info, "cases": records}
        args.json.write_text(json.dumps(doc, indent=2, default=run_peers._json_default) + "\n")
    return 0 if all(r["check"]["agree_1e-6"] for r in records) else 1


if __name__ == "__main__":
    sys.exit(main())
