#!/usr/bin/env python3
"""Side-by-side power-flow timings: Kraft against lightsim2grid, PYPOWER and pandapower.

    run_peers.py CASE... [--repeat N] [--kraft PATH] [--json OUT]

CASE is a MATPOWER case name looked up in --cases-dir (default: ../shared/cases
beside the repository, i.e. /work/shared/cases) or a path to a ``.m`` file.
For each case, in one run on one machine, one case at a time so that every
tool sees the same load:

  lightsim2grid  grid built straight from the MATPOWER matrices
                 (lightsim2grid.network.init_from_matpower), Newton-Raphson with
                 AlgorithmType.NR_KLU from the case voltages.
                 cold = first ac_pf on a fresh grid object (Ybus/Sbus assembly +
                        KLU analyze + factorizations), median over --cold-repeat
                        fresh grids; warm = median of N ac_pf on one grid object,
                        each from the same initial V (KLU analysis reused).
  pypower        runpf (NR, tol 1e-8), case already in memory: median of N;
                 also newtonpf alone (Ybus/Sbus built once) for reference.
  pypower proc   wall clock of a fresh `python pypower_process.py CASE` (import,
                 read .m, runpf, JSON to stdout, sent to the null device):
                 median of --proc-repeat.
  pandapower     from_mpc once, then runpp(algorithm='nr', init from the case
                 voltages, lightsim2grid=False, numba): median of N after one
                 untimed run (numba compiles). Also with lightsim2grid=True.
                 Speed only: its model differs on some cases.
  kraft          `KRAFT bench CASE --repeat N --format json` (its own timers; the
                 cold solve is the median over --cold-repeat such processes, the
                 others with --repeat 1, as ls2g's cold is over fresh grids) and
                 wall clock of `KRAFT pf CASE --format json` with stdout sent to
                 the null device (not `--output /dev/null`: kraft's atomic write
                 would rename a file over /dev/null when run as root).

All numbers are medians; N and the other counts are printed and saved.

OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE: when set, this script re-executes itself
without both (they slow a current numpy/OpenBLAS), and hands the original values
back to the kraft processes only (kraft links the system OpenBLAS, which may need
them). --keep-openblas-env disables this.
"""

import os
import sys

_OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_SAVED_PREFIX = "KRAFT_PEERS_SAVED_"


def _reexec_without_openblas_env() -> None:
    """Must run before numpy is imported: OpenBLAS reads these when it loads."""
    if "--keep-openblas-env" in sys.argv:
        return
    if not any(v in os.environ for v in _OPENBLAS_VARS):
        return
    env = dict(os.environ)
    for var in _OPENBLAS_VARS:
        if var in env:
            env[_SAVED_PREFIX + var] = env.pop(var)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


_reexec_without_openblas_env()

import argparse  # noqa: E402
import copy  # noqa: E402
import datetime  # noqa: E402
import gc  # noqa: E402
import importlib.metadata  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import mcase  # noqa: E402

DEFAULT_CASES_DIR = (REPO / ".." / "shared" / "cases").resolve()
PEERS = ("kraft", "kraft-process", "lightsim2grid", "pypower", "pypower-process", "pandapower")
perf = time.perf_counter


# --------------------------------------------------------------------------- helpers

def med_ms(samples):
    return statistics.median(samples) * 1e3 if samples else None


def ms_list(samples):
    return [round(s * 1e3, 4) for s in samples]


def peer_env():
    """Environment for peer subprocesses: no OPENBLAS_* (as this process)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_SAVED_PREFIX)}
    if "--keep-openblas-env" not in sys.argv:
        for var in _OPENBLAS_VARS:
            env.pop(var, None)
    return env


def kraft_env():
    """Environment for kraft: the OPENBLAS_* values this script was started with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_SAVED_PREFIX)}
    for var in _OPENBLAS_VARS:
        saved = os.environ.get(_SAVED_PREFIX + var)
        if saved is not None:
            env[var] = saved
    return env


def time_process(cmd, repeat, env, timeout=600):
    """Wall clock of a whole process, `repeat` times. Returns (samples, error)."""
    samples = []
    for _ in range(repeat):
        t0 = perf()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=env, timeout=timeout)
        dt = perf() - t0
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
            return samples, f"exit {proc.returncode}: {' | '.join(err)}"
        samples.append(dt)
    return samples, None


def initial_voltage(ppc):
    """MATPOWER/PYPOWER start: case Vm/Va, with the magnitude at voltage-controlled
    (PV and ref) buses that have an in-service generator set to that generator's VG.
    Returned in the case's bus-row order."""
    bus, gen = ppc["bus"], ppc["gen"]
    V0 = bus[:, 7] * np.exp(1j * np.deg2rad(bus[:, 8]))
    row = {int(b): i for i, b in enumerate(bus[:, 0])}
    for g in gen[gen[:, 7] > 0]:
        i = row[int(g[0])]
        if int(bus[i, 1]) in (2, 3):
            V0[i] = g[5] / abs(V0[i]) * V0[i]
    return V0


def max_mismatch_pu(Ybus, V, Sbus, pv, pq):
    """Infinity norm of the NR mismatch [P(pv,pq); Q(pq)] in p.u., MATPOWER's criterion."""
    mis = V * np.conj(Ybus @ V) - Sbus
    parts = [np.abs(mis[pv].real), np.abs(mis[pq].real), np.abs(mis[pq].imag)]
    return float(max((p.max() for p in parts if p.size), default=0.0))


def fmt(x):
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(r):
    return "-" if r is None else f"{r:.2f}"


# --------------------------------------------------------------------------- peers

def bench_pypower(ppc, args):
    from pypower.bustypes import bustypes
    from pypower.ext2int import ext2int
    from pypower.loadcase import loadcase
    from pypower.makeSbus import makeSbus
    from pypower.makeYbus import makeYbus
    from pypower.newtonpf import newtonpf
    from pypower.ppoption import ppoption
    from pypower.runpf import runpf

    out = {}
    opt = ppoption(PF_ALG=1, PF_TOL=args.tol, PF_MAX_IT=args.max_iter, VERBOSE=0, OUT_ALL=0)
    samples = []
    res = None
    for k in range(args.repeat + 1):  # first run untimed (warm-up)
        c = copy.deepcopy(ppc)
        t0 = perf()
        res, ok = runpf(c, opt)
        dt = perf() - t0
        if k == 0:
            out["runpf_first_ms"] = dt * 1e3
        else:
            samples.append(dt)
    out["converged"] = bool(res["success"])
    out["runpf_ms_median"] = med_ms(samples)
    out["runpf_ms"] = ms_list(samples)
    out["vm"] = res["bus"][:, 7].copy()
    out["bus_type"] = res["bus"][:, 1].copy()

    # newtonpf alone, the part that matches a "solve": Ybus/Sbus/V0 made once, as runpf does
    p = ext2int(loadcase(copy.deepcopy(ppc)))
    baseMVA, bus, gen, branch = p["baseMVA"], p["bus"], p["gen"], p["branch"]
    ref, pv, pq = bustypes(bus, gen)
    on = np.flatnonzero(gen[:, 7] > 0)
    gbus = gen[on, 0].astype(int)
    V0 = bus[:, 7] * np.exp(1j * np.pi / 180 * bus[:, 8])
    vcb = np.ones(V0.shape)
    vcb[pq] = 0
    k = np.flatnonzero(vcb[gbus])
    V0[gbus[k]] = gen[on[k], 5] / abs(V0[gbus[k]]) * V0[gbus[k]]
    Ybus, _, _ = makeYbus(baseMVA, bus, branch)
    Sbus = makeSbus(baseMVA, bus, gen)
    samples = []
    for k in range(args.repeat + 1):
        t0 = perf()
        V, success, iterations = newtonpf(Ybus, Sbus, V0.copy(), ref, pv, pq, opt)
        dt = perf() - t0
        if k:
            samples.append(dt)
    out["newtonpf_ms_median"] = med_ms(samples)
    out["newtonpf_ms"] = ms_list(samples)
    out["iterations"] = int(iterations)
    out["newtonpf_converged"] = bool(success)
    out["max_mismatch_pu"] = max_mismatch_pu(Ybus, V, Sbus, pv, pq)
    return out


def bench_lightsim2grid(ppc, V0, args):
    from lightsim2grid.algorithm import AlgorithmType
    from lightsim2grid.network import init_from_matpower

    # lightsim2grid 1.2.0 stops when the mismatch *in MVA* (p.u. x sn_mva) is below tol:
    # with tol=1e-8 it iterates on to 1e-10 p.u. (one extra iteration on case9241pegase
    # and case_ACTIVSg10k). Pass tol x baseMVA so that every solver stops at the same
    # p.u. mismatch (MATPOWER's PF_TOL, the p.u. infinity norm).
    tol = args.tol * float(ppc["baseMVA"])
    out = {"api": "lightsim2grid.network.init_from_matpower(ppc) -> LSGrid; "
                  "LSGrid.change_algorithm(AlgorithmType.NR_KLU); LSGrid.ac_pf(V0, max_iter, tol)",
           "tol_passed": tol}
    nb = ppc["bus"].shape[0]
    build, cold, cold_internal = [], [], []
    grid = None
    caught = []
    for _ in range(max(1, args.cold_repeat)):
        del grid
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            t0 = perf()
            grid = init_from_matpower(ppc)
            build.append(perf() - t0)
            caught = [str(x.message)[:200] for x in w]
        grid.change_algorithm(AlgorithmType.NR_KLU)
        if grid.total_bus() != nb:
            raise RuntimeError(f"LSGrid has {grid.total_bus()} buses, case has {nb}: bus order unknown")
        V = V0.copy()
        t0 = perf()
        Vr = grid.ac_pf(V, args.max_iter, tol)
        cold.append(perf() - t0)
        cold_internal.append(grid.timer_last_ac_pf)
        algo = grid.get_algo()
        if not algo.converged() or Vr.size == 0:
            raise RuntimeError(f"lightsim2grid NR_KLU did not converge (cold): {algo.get_error()}")
    out["algorithm"] = str(grid.get_algo_type())
    out["warnings"] = caught
    out["build_ms_median"] = med_ms(build)
    out["cold_ms_median"] = med_ms(cold)
    out["cold_ms"] = ms_list(cold)
    out["cold_internal_ms_median"] = med_ms(cold_internal)
    out["cold_iterations"] = int(grid.get_algo().get_nb_iter())

    warm, warm_internal, iters = [], [], set()
    Vr = None
    for _ in range(args.repeat):
        V = V0.copy()
        t0 = perf()
        Vr = grid.ac_pf(V, args.max_iter, tol)
        warm.append(perf() - t0)
        warm_internal.append(grid.timer_last_ac_pf)
        algo = grid.get_algo()
        if not algo.converged() or Vr.size == 0:
            raise RuntimeError(f"lightsim2grid NR_KLU did not converge (warm): {algo.get_error()}")
        iters.add(int(algo.get_nb_iter()))
    out["warm_ms_median"] = med_ms(warm)
    out["warm_ms"] = ms_list(warm)
    out["warm_internal_ms_median"] = med_ms(warm_internal)
    out["iterations"] = sorted(iters)[0] if len(iters) == 1 else sorted(iters)
    out["converged"] = True
    out["max_mismatch_pu"] = max_mismatch_pu(grid.get_Ybus_solver(), grid.get_V_solver(),
                                             grid.get_Sbus_solver(), grid.get_pv_solver(),
                                             grid.get_pq_solver())
    out["vm"] = np.abs(Vr)
    return out


def bench_pandapower(path, ppc, args):
    import pandapower as pp
    from pandapower.converter.matpower import from_mpc

    logging.getLogger("pandapower").setLevel(logging.ERROR)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = perf()
        net = from_mpc(str(path), f_hz=50)
        out["convert_ms"] = (perf() - t0) * 1e3
    if len(net.bus) != ppc["bus"].shape[0]:
        raise RuntimeError(f"pandapower net has {len(net.bus)} buses, case has {ppc['bus'].shape[0]}")
    vm, va = ppc["bus"][:, 7].copy(), ppc["bus"][:, 8].copy()
    for label, use_ls2g in (("nr", False), ("nr_ls2g", True)):
        kw = dict(algorithm="nr", init_vm_pu=vm, init_va_degree=va, tolerance_mva=args.tol,
                  max_iteration=args.max_iter, lightsim2grid=use_ls2g, numba=True)
        samples, solver_et, iters = [], [], set()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for k in range(args.repeat + 1):  # first run untimed: numba compiles
                t0 = perf()
                pp.runpp(net, **kw)
                dt = perf() - t0
                if not net.converged:
                    raise RuntimeError(f"pandapower runpp ({label}) did not converge")
                if k == 0:
                    out[f"{label}_first_ms"] = dt * 1e3
                    continue
                samples.append(dt)
                ppc_res = getattr(net, "_ppc", None) or {}
                if ppc_res.get("et") is not None:
                    solver_et.append(float(ppc_res["et"]))
                if ppc_res.get("iterations") is not None:
                    iters.add(int(ppc_res["iterations"]))
        out[f"{label}_ms_median"] = med_ms(samples)
        out[f"{label}_ms"] = ms_list(samples)
        out[f"{label}_solver_et_ms_median"] = med_ms(solver_et)
        out[f"{label}_iterations"] = sorted(iters)[0] if len(iters) == 1 else sorted(iters)
    out["converged"] = True
    out["runpp_options"] = ("algorithm='nr', init_vm_pu/init_va_degree = case Vm/Va, "
                            f"tolerance_mva={args.tol}, max_iteration={args.max_iter}, numba=True, "
                            "lightsim2grid=False ('nr') / True ('nr_ls2g')")
    return out


def kraft_solver_args(args):
    """The same stopping rule as the peers (kraft's --tol is the p.u. infinity norm too)."""
    return ["--tol", repr(args.tol), "--max-iter", str(args.max_iter)]


def bench_kraft(kraft, path, case_name, args):
    """`kraft bench` once with --repeat N (warm median, one cold solve), then --cold-repeat − 1
    more processes with --repeat 1 for their cold solve only: solve_cold_ms is the median of
    the --cold-repeat cold solves, each in a fresh process, as lightsim2grid's cold is the
    median of --cold-repeat fresh grids (solve_cold_ms_all lists them)."""
    row = bench_kraft_once(kraft, path, case_name, args, args.repeat)
    colds = [row["solve_cold_ms"]]
    for _ in range(max(1, args.cold_repeat) - 1):
        colds.append(bench_kraft_once(kraft, path, case_name, args, 1)["solve_cold_ms"])
    row["solve_cold_ms_all"] = colds
    row["solve_cold_ms"] = statistics.median(colds)
    return row


def bench_kraft_once(kraft, path, case_name, args, repeat):
    cmd = [kraft, "bench", str(path), "--repeat", str(repeat), "--format", "json"] + kraft_solver_args(args)
    proc = subprocess.run(cmd, capture_output=True, env=kraft_env(), timeout=3600)
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"`{' '.join(cmd)}` exit {proc.returncode}: {' | '.join(err)}")
    rows = json.loads(proc.stdout.decode())
    if isinstance(rows, dict):
        rows = rows.get("rows") or rows.get("cases") or [rows]
    for row in rows:
        name = Path(str(row.get("case", ""))).name
        if name.endswith(".m"):
            name = name[:-2]
        if name == case_name:
            return {"command": " ".join(cmd), **row}
    if len(rows) == 1:
        return {"command": " ".join(cmd), **rows[0]}
    raise RuntimeError(f"kraft bench printed no row for {case_name}")


# --------------------------------------------------------------------------- machine

def sh(cmd, cwd=None, env=None):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=30)
        return p.stdout.strip() if p.returncode == 0 else None
    except Exception:
        return None


def machine_info(args):
    info = {"timestamp_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        models = [ln.split(":", 1)[1].strip() for ln in cpu.splitlines() if ln.startswith("model name")]
        info["cpu_model"] = models[0] if models else platform.processor()
        info["cpu_logical"] = len(models)
    except OSError:
        info["cpu_model"] = platform.processor()
    info["nproc"] = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        mem = [ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")]
        info["mem_total"] = mem[0].split(":", 1)[1].strip() if mem else None
    except OSError:
        pass
    info["loadavg_start"] = os.getloadavg()
    info["kernel"] = platform.release()
    info["os"] = sh(["sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\""])
    info["python"] = sys.version.split()[0]
    info["python_executable"] = sys.executable
    versions = {}
    for dist in ("lightsim2grid", "pypower", "pandapower", "numpy", "scipy", "numba",
                 "pandas", "matpowercaseframes", "threadpoolctl"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = None
    info["versions"] = versions
    info["git_commit"] = sh(["git", "rev-parse", "HEAD"], cwd=REPO) or "none (no commit yet)"
    status = sh(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO)
    info["git_dirty"] = bool(status) if status is not None else None
    info["openblas_env"] = {
        "unset_for_peers": "--keep-openblas-env" not in sys.argv,
        "started_with": {v: os.environ.get(_SAVED_PREFIX + v, os.environ.get(v)) for v in _OPENBLAS_VARS},
        "peer_process_sees": {v: os.environ.get(v) for v in _OPENBLAS_VARS},
    }
    try:
        import scipy.linalg  # noqa: F401  (so that its BLAS shows up too)
        from threadpoolctl import threadpool_info
        info["blas"] = [{k: d.get(k) for k in ("internal_api", "version", "architecture",
                                                 "num_threads", "filepath")}
                        for d in threadpool_info()]
    except Exception as exc:  # threadpoolctl is optional
        info["blas"] = f"unavailable: {exc}"
    if args.kraft:
        info["kraft"] = {"path": str(args.kraft),
                         "version": sh([str(args.kraft), "--version"], env=kraft_env())}
    return info


# --------------------------------------------------------------------------- main

def resolve_case(name, cases_dir):
    p = Path(name)
    if p.suffix == ".m" and p.exists():
        return p.stem, p.resolve()
    cand = Path(cases_dir) / (name if name.endswith(".m") else name + ".m")
    return cand.stem, cand.resolve()


def run_case(name, path, args, do):
    rec = {"case": name, "path": str(path)}
    t0 = perf()
    ppc = mcase.load(str(path))
    rec["mcase_read_ms"] = (perf() - t0) * 1e3
    rec["buses"] = int(ppc["bus"].shape[0])
    rec["branches"] = int(ppc["branch"].shape[0])
    rec["gens"] = int(ppc["gen"].shape[0])
    V0 = initial_voltage(ppc)

    def attempt(key, fn):
        if key not in do:
            return None
        print(f"  {key} ...", file=sys.stderr, flush=True)
        gc.collect()
        gc.disable()  # as timeit does: no collector pauses inside the timed loops
        try:
            rec[key] = fn()
        except Exception as exc:
            rec[key] = {"error": f"{type(exc).__name__}: {exc}",
                        "traceback": traceback.format_exc(limit=4)}
            print(f"  {key} FAILED on {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        finally:
            gc.enable()
            gc.collect()
        return rec[key]

    attempt("kraft", lambda: bench_kraft(args.kraft, path, name, args))
    attempt("lightsim2grid", lambda: bench_lightsim2grid(ppc, V0, args))
    attempt("pypower", lambda: bench_pypower(ppc, args))
    attempt("pandapower", lambda: bench_pandapower(path, ppc, args))

    def proc_rec(cmd, env):
        samples, err = time_process(cmd, args.proc_repeat, env)
        if err:
            raise RuntimeError(err)
        return {"command": " ".join(cmd), "wall_ms_median": med_ms(samples), "wall_ms": ms_list(samples)}

    # JSON goes to stdout, which time_process sends to the null device. Never
    # `--output /dev/null`: kraft writes --output atomically (temporary file renamed
    # over the target), which as root replaces the /dev/null device with a file.
    attempt("kraft-process", lambda: proc_rec(
        [str(args.kraft), "pf", str(path), "--format", "json"] + kraft_solver_args(args), kraft_env()))
    attempt("pypower-process", lambda: proc_rec(
        [sys.executable, str(HERE / "pypower_process.py"), str(path), "--tol", str(args.tol),
         "--max-iter", str(args.max_iter)], peer_env()))

    # answers: lightsim2grid against pypower, in-service buses
    ls, py = rec.get("lightsim2grid"), rec.get("pypower")
    if isinstance(ls, dict) and "vm" in ls and isinstance(py, dict) and "vm" in py:
        live = py["bus_type"] != 4
        diff = float(np.max(np.abs(ls["vm"][live] - py["vm"][live]))) if live.any() else 0.0
        rec["check"] = {"max_abs_vm_diff_ls2g_vs_pypower": diff,
                        "agree_1e-6": diff <= 1e-6}
    for peer in ("lightsim2grid", "pypower"):
        if isinstance(rec.get(peer), dict):
            rec[peer].pop("vm", None)
            rec[peer].pop("bus_type", None)
    return rec


def get(rec, key, field):
    v = rec.get(key)
    if isinstance(v, dict) and "error" not in v:
        x = v.get(field)
        return float(x) if isinstance(x, (int, float)) else None
    return None


def print_table(records, args, info):
    head = ["case", "buses", "kraft warm", "ls2g warm", "k/ls2g", "kraft cold", "ls2g cold", "k/ls2g",
            "pypower", "pandapower", "kraft proc", "pypower proc", "k/pyp"]
    rows = []
    for r in records:
        if "skipped" in r:
            continue
        kw, lw = get(r, "kraft", "solve_ms_median"), get(r, "lightsim2grid", "warm_ms_median")
        kc, lc = get(r, "kraft", "solve_cold_ms"), get(r, "lightsim2grid", "cold_ms_median")
        kp, pp_ = get(r, "kraft-process", "wall_ms_median"), get(r, "pypower-process", "wall_ms_median")
        rows.append([r["case"], str(r.get("buses", "-")), fmt(kw), fmt(lw), fmt_ratio(ratio(kw, lw)),
                     fmt(kc), fmt(lc), fmt_ratio(ratio(kc, lc)),
                     fmt(get(r, "pypower", "runpf_ms_median")), fmt(get(r, "pandapower", "nr_ms_median")),
                     fmt(kp), fmt(pp_), fmt_ratio(ratio(kp, pp_))])
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(head)]
    line = "  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(head, widths)))
    print()
    print(f"Power flow (Newton-Raphson, tol {args.tol:g}), milliseconds, medians. "
          f"N={args.repeat} solves; ls2g cold = median of {args.cold_repeat} fresh grids; "
          f"proc = median of {args.proc_repeat} whole processes.")
    print(f"Machine: {info.get('cpu_model')}, nproc {info.get('nproc')}, "
          f"load avg at start {', '.join(f'{x:.2f}' for x in info['loadavg_start'])}. "
          "Ratios < 1 mean kraft is faster.")
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
    print()
    print("kraft warm/cold = `kraft bench` solve_ms_median / median solve_cold_ms of --cold-repeat processes; ls2g = lightsim2grid "
          "ac_pf NR_KLU; pypower = runpf (case in memory); pandapower = runpp nr (numba, own NR).")
    # checks and failures
    for r in records:
        if "skipped" in r:
            print(f"{r['case']}: skipped: {r['skipped']}")
            continue
        notes = []
        its = []
        for key, field in (("kraft", "iterations"), ("lightsim2grid", "iterations"),
                           ("pypower", "iterations"), ("pandapower", "nr_iterations")):
            v = r.get(key)
            if isinstance(v, dict) and "error" not in v and v.get(field) is not None:
                its.append(f"{key} {v[field]}")
        if its:
            notes.append("iterations: " + ", ".join(its))
        chk = r.get("check")
        if chk:
            notes.append(f"|Vm ls2g - Vm pypower| max {chk['max_abs_vm_diff_ls2g_vs_pypower']:.1e}"
                         + ("" if chk["agree_1e-6"] else "  ** DISAGREE (> 1e-6) **"))
        km = get(r, "kraft", "max_mismatch")
        if km is not None:
            notes.append(f"kraft max mismatch {km:.1e}")
        for key in PEERS:
            v = r.get(key)
            if isinstance(v, dict) and "error" in v:
                notes.append(f"{key} FAILED: {v['error']}")
        print(f"{r['case']}: " + "; ".join(notes))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="+", metavar="CASE", help="case name (in --cases-dir) or path to a .m file")
    ap.add_argument("--repeat", "-n", type=int, default=10, help="timed solves per peer (median), default 10")
    ap.add_argument("--cold-repeat", type=int, default=5,
                    help="fresh lightsim2grid grids for the cold median, default 5")
    ap.add_argument("--proc-repeat", type=int, default=5, help="whole-process runs (median), default 5")
    ap.add_argument("--kraft", help="path to the built kraft executable")
    ap.add_argument("--json", metavar="OUT", help="write all raw numbers and machine info here")
    ap.add_argument("--cases-dir", default=str(DEFAULT_CASES_DIR), help=f"default {DEFAULT_CASES_DIR}")
    ap.add_argument("--skip", action="append", default=[], choices=PEERS, help="leave a peer out (repeatable)")
    ap.add_argument("--tol", type=float, default=1e-8, help="NR tolerance (p.u. mismatch), default 1e-8")
    ap.add_argument("--max-iter", type=int, default=20, help="NR iteration limit, default 20")
    ap.add_argument("--keep-openblas-env", action="store_true",
                    help="do not unset OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for the peers")
    args = ap.parse_args()
    if args.repeat < 1 or args.proc_repeat < 1:
        ap.error("--repeat and --proc-repeat must be >= 1")

    do = set(PEERS) - set(args.skip)
    if args.kraft:
        kp = Path(args.kraft)
        if not (kp.is_file() and os.access(kp, os.X_OK)):
            print(f"*** kraft executable not found or not executable: {args.kraft}; "
                  "reporting the peers only ***", file=sys.stderr)
            args.kraft = None
            args.skip += ["kraft", "kraft-process"]  # said once, above
        else:
            args.kraft = str(kp.resolve())
    if not args.kraft:
        if not {"kraft", "kraft-process"} & set(args.skip):
            print("*** no kraft (--kraft PATH not given or unusable): peers only ***", file=sys.stderr)
        do -= {"kraft", "kraft-process"}

    logging.disable(logging.WARNING)
    info = machine_info(args)
    records = []
    for c in args.cases:
        name, path = resolve_case(c, args.cases_dir)
        if not path.exists():
            print(f"*** {c}: no such case file ({path}); skipped ***", file=sys.stderr)
            records.append({"case": name, "path": str(path), "skipped": "case file not found"})
            continue
        print(f"{name}:", file=sys.stderr, flush=True)
        records.append(run_case(name, path, args, do))
    info["loadavg_end"] = os.getloadavg()

    print_table(records, args, info)
    kraft_failed = args.kraft and any(isinstance(r.get(k), dict) and "error" in r[k]
                                      for r in records for k in ("kraft", "kraft-process"))
    if kraft_failed:
        print("\n*** kraft failed on at least one case (see above); the peers are still reported ***")

    if args.json:
        doc = {"settings": {"repeat": args.repeat, "cold_repeat": args.cold_repeat,
                            "proc_repeat": args.proc_repeat, "tol": args.tol, "max_iter": args.max_iter,
                            "statistic": "median", "units": "ms", "peers_run": sorted(do)},
               "machine": info, "cases": records}
        Path(args.json).write_text(json.dumps(doc, indent=2, default=_json_default) + "\n")
        print(f"\nraw numbers: {args.json}")
    return 0


def _json_default(o):
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


if __name__ == "__main__":
    sys.exit(main())
