"""Checks Scenarios/grids/sweden-gridkit.m and its sidecar (run by Tools/gridkit/check-grid in .venv-n44).

Prints a Markdown report on standard output; exit status 1 when a check fails (power flow does
not converge, Kraft and PYPOWER differ by more than 1e-6, a sidecar reference does not resolve,
a zone cut branch does not join its two zones, a zone's load differs from Nordic44's).
"""

import collections
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "Tools", "nordic44"))
warnings.filterwarnings("ignore")
from check_grid import read_m, solve  # noqa: E402  (the Nordic44 check's .m reader and PYPOWER call)
from importlib.metadata import version  # noqa: E402

GRID = os.path.join(REPO, "Scenarios", "grids", "sweden-gridkit.m")
SIDECAR = os.path.join(REPO, "Scenarios", "grids", "sweden-gridkit.sidecar.toml")
N44 = os.path.join(REPO, "Scenarios", "grids", "nordic44.m")
N44_SIDECAR = os.path.join(REPO, "Scenarios", "grids", "nordic44.sidecar.toml")
KRAFT = os.environ.get("KRAFT_BIN", os.path.join(REPO, ".build", "release", "kraft"))
FIXTURE = os.path.join(REPO, "Tests", "Fixtures", "sweden-gridkit", "nr.json")
# Svenska kraftnät's own figures (general knowledge, not in shared/data): about 11 000 km of
# 400 kV and 4 000 km of 220 kV lines.
SVK_KM = {400: 11000, 220: 4000}


def load_make_grid():
    loader = importlib.machinery.SourceFileLoader("gk_make_grid", os.path.join(HERE, "make-grid"))
    spec = importlib.util.spec_from_loader("gk_make_grid", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def loading(res):
    br = res["branch"]
    s = np.maximum(np.hypot(br[:, 13], br[:, 14]), np.hypot(br[:, 15], br[:, 16]))
    rate = br[:, 5]
    return np.where(rate > 0, s / np.where(rate > 0, rate, 1), 0.0)


def main():
    failures = []
    p = print
    mpc = read_m(GRID)
    n44 = read_m(N44)
    side = tomllib.load(open(SIDECAR, "rb"))
    n44side = tomllib.load(open(N44_SIDECAR, "rb"))
    mg = load_make_grid()
    report = {}
    g = mg.build(os.path.join(REPO, "..", "shared", "data"), report)
    bus_ids = [int(x) for x in mpc["bus"][:, 0]]
    idx = {b: i for i, b in enumerate(bus_ids)}
    zone = {b["bus"]: b["zone"] for b in side["bus"]}
    country = {b["bus"]: b["country"] for b in side["bus"]}

    p("# sweden-gridkit check")
    p()
    p("PYPOWER %s, numpy %s, scipy %s; Kraft `%s`" % (version("PYPOWER"), version("numpy"), version("scipy"),
                                                     os.path.relpath(KRAFT, REPO)))
    p()
    # ------------------------------------------------------------ counts
    kinds = collections.Counter(b["kind"] for b in g["branches"])
    se = [b for b in bus_ids if country[b] == "SE"]
    p("## Counts")
    p()
    p("| element | count |")
    p("| --- | --- |")
    p("| buses | %d (Swedish %d: %d at 400 kV, %d at 220 kV; Norway and Finland %d) |" % (
        len(bus_ids), len(se), sum(1 for b in se if mpc["bus"][idx[b], 9] == 400),
        sum(1 for b in se if mpc["bus"][idx[b], 9] == 220), len(bus_ids) - len(se)))
    p("| branches | %d: %d Swedish lines, %d GridKit ties to NO/FI, %d Nordic44 lines and transformers of NO/FI, "
      "%d Nordic44 tie kept (3701-6700), %d 400/220 kV transformers |" % (
          len(mpc["branch"]), kinds["line"], kinds["tie"], kinds["n44"], kinds["n44tie"], kinds["trafo"]))
    p("| generators | %d |" % len(mpc["gen"]))
    p("| GridKit buses left out | %d in islands of 220 kV hydro stations not joined to the main system (%s); "
      "132 kV lines left out: %d |" % (len(report["islands"]), ", ".join(map(str, report["islands"])),
                                         len(report["dropped132"])))
    p()
    # ------------------------------------------------------------ km
    km = collections.Counter()
    km_tie = collections.Counter()
    comp = collections.Counter()
    for b in g["branches"]:
        if b["kind"] in ("line", "tie"):
            kv = 400 if b["v"] == 380 else 220
            (km if b["kind"] == "line" else km_tie)[kv] += b["km"] * b["n"]
            if b["comp"]:
                comp[kv] += b["km"] * b["n"]
    p("## Circuit-km (Swedish lines; ties to Norway and Finland separately, whole GridKit length)")
    p()
    p("| voltage | lines in the grid | ties | series compensated | Svenska kraftnät (general knowledge) | ratio |")
    p("| --- | --- | --- | --- | --- | --- |")
    for kv in (400, 220):
        p("| %d kV | %.0f km | %.0f km | %.0f km | ~%d km | %.2f |" % (kv, km[kv], km_tie[kv], comp[kv], SVK_KM[kv],
                                                                   (km[kv] + km_tie[kv]) / SVK_KM[kv]))
    p()
    # ------------------------------------------------------------ cuts
    p("## Zone cuts and borders with AC branches")
    p()
    p("| border | branches | 400 kV circuits | 220 kV circuits | other | capacity (MW) | all join the two zones |")
    p("| --- | --- | --- | --- | --- | --- | --- |")
    for c in side["interconnector"]:
        cut = c.get("n44_branches", [])
        if not cut:
            continue
        circ = collections.Counter()
        ok = True
        for e in cut:
            br = g["branches"][e["branch"] - 1]
            f, t = int(mpc["branch"][e["branch"] - 1, 0]), int(mpc["branch"][e["branch"] - 1, 1])
            if {f, t} != {e["bus_in_from_zone"], e["bus_in_to_zone"]} or zone[e["bus_in_from_zone"]] != c["from_zone"] \
                    or zone[e["bus_in_to_zone"]] != c["to_zone"]:
                ok = False
            circ[{380: "400", 220: "220"}.get(br["v"], "other")] += br["n"]
        if not ok:
            failures.append("cut %s has a branch that does not join %s and %s" % (c["border"], c["from_zone"], c["to_zone"]))
        p("| %s | %d | %d | %d | %d | %s / %s | %s |" % (c["border"], len(cut), circ["400"], circ["220"], circ["other"],
                                                      c.get("capacity_from_to_mw", "-"), c.get("capacity_to_from_mw", "-"),
                                                      "yes" if ok else "NO"))
    p()
    # ------------------------------------------------------------ zone loads
    p("## Zone loads (Pd, MW) against Nordic44")
    p()
    p("| zone | sweden-gridkit | nordic44 | difference |")
    p("| --- | --- | --- | --- |")
    n44zone = {b["bus"]: b["zone"] for b in n44side["bus"]}
    for z in n44side["meta"]["zones"]:
        a = sum(mpc["bus"][i, 2] for i, b in enumerate(bus_ids) if zone[b] == z)
        b = sum(n44["bus"][i, 2] for i, n in enumerate(n44["bus"][:, 0]) if n44zone[int(n)] == z)
        if abs(a - b) > 1e-6:
            failures.append("zone %s load %.6f differs from Nordic44's %.6f" % (z, a, b))
        p("| %s | %.3f | %.3f | %.1e |" % (z, a, b, a - b))
    p()
    # ------------------------------------------------------------ power flow
    res, ok = solve(mpc, False)
    if not ok:
        failures.append("PYPOWER did not converge")
    vm = res["bus"][:, 7]
    L = loading(res)
    br = res["branch"]
    losses = float((br[:, 13] + br[:, 15]).sum())
    top = np.argsort(-L)[:5]
    half = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in mpc.items()}
    half["bus"][:, 2:4] *= 0.5
    half["gen"][:, 1] *= 0.5
    res_half, ok_half = solve(half, False)
    vm_half = res_half["bus"][:, 7]
    se_mask = np.array([country[b] == "SE" for b in bus_ids])
    p("## Base-case power flow (PYPOWER Newton-Raphson, tolerance 1e-10, Q limits off, case start)")
    p()
    p("- converged: %s; slack (3300) %.1f MW; losses %.1f MW (Nordic44: 354 MW)" % (
        ok, res["gen"][res["gen"][:, 0] == 3300][:, 1].sum(), losses))
    p("- voltages: all buses %.4f-%.4f p.u., Swedish buses %.4f-%.4f p.u.; at half load and half generation "
      "(light load, converged: %s) %.4f-%.4f p.u." % (vm.min(), vm.max(), vm[se_mask].min(), vm[se_mask].max(),
                                                       ok_half, vm_half.min(), vm_half.max()))
    p("- angles: %.1f to %.1f degrees" % (res["bus"][:, 8].min(), res["bus"][:, 8].max()))
    p("- branches above 100 %% of rating: %d; largest loadings:" % int((L > 1).sum()))
    for i in top:
        p("  - %d-%d: %.0f %% of %.0f MVA (%s)" % (br[i, 0], br[i, 1], 100 * L[i], br[i, 5],
                                                 g["branches"][i]["comment"]))
    p()
    if "--write-fixture" in sys.argv:
        os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
        fx = {
            "case": "sweden-gridkit", "variant": "nr",
            "source": "PYPOWER %s runpf (Tools/gridkit/check-grid --write-fixture)" % version("PYPOWER"),
            "options": {"alg": "NR", "tol": 1e-10, "max_it": 30, "enforce_q_lims": 0, "init": "case"},
            "converged": bool(ok), "iterations": None,
            "bus": {"id": bus_ids, "type": [int(x) for x in res["bus"][:, 1]], "vm": [float(x) for x in vm],
                    "va_deg": [float(x) for x in res["bus"][:, 8]]},
            "gen": {"bus": [int(x) for x in res["gen"][:, 0]], "status": [int(x) for x in res["gen"][:, 7]],
                    "pg": [float(x) for x in res["gen"][:, 1]], "qg": [float(x) for x in res["gen"][:, 2]]},
            "branch": {"from": [int(x) for x in br[:, 0]], "to": [int(x) for x in br[:, 1]],
                       "status": [int(x) for x in br[:, 10]],
                       "pf": [float(x) for x in br[:, 13]], "qf": [float(x) for x in br[:, 14]],
                       "pt": [float(x) for x in br[:, 15]], "qt": [float(x) for x in br[:, 16]]},
        }
        with open(FIXTURE, "w", encoding="utf-8") as f:
            json.dump(fx, f, indent=1)
            f.write("\n")
        print("check-grid: wrote %s" % FIXTURE, file=sys.stderr)
    # ------------------------------------------------------------ kraft pf
    p("## Kraft against PYPOWER")
    p()
    if os.path.exists(KRAFT):
        out = subprocess.run([KRAFT, "pf", GRID, "--format", "json", "--tol", "1e-10"], capture_output=True, text=True)
        k = json.loads(out.stdout)
        kvm = np.array([b["vm_pu"] for b in k["buses"]])
        kva = np.array([b["va_deg"] for b in k["buses"]])
        kpg = np.array([x["pg_mw"] for x in k["generators"]])
        kqg = np.array([x["qg_mvar"] for x in k["generators"]])
        kf = np.array([[x["pf_mw"], x["qf_mvar"], x["pt_mw"], x["qt_mvar"]] for x in k["branches"]])
        dvm = float(np.abs(kvm - vm).max())
        dva = float(np.abs(kva - res["bus"][:, 8]).max())
        dpq = float(max(np.abs(kpg - res["gen"][:, 1]).max(), np.abs(kqg - res["gen"][:, 2]).max()))
        dfl = float(np.abs(kf - br[:, 13:17]).max())
        p("`kraft pf --tol 1e-10`: converged %s in %d iterations; largest differences |dVm| %.1e p.u., |dVa| %.1e deg, "
          "|dPg|,|dQg| %.1e MW/MVAr, branch flows %.1e MW/MVAr; losses %.3f MW (PYPOWER %.3f)"
          % (k["converged"], k["iterations"], dvm, dva, dpq, dfl, k["losses_mw"], losses))
        if not k["converged"] or dvm > 1e-6 or dva > 1e-6 or dpq > 1e-4 or dfl > 1e-4:
            failures.append("kraft pf differs from PYPOWER")
    else:
        p("(no Kraft binary at %s; build it with `swift build -c release --product kraft`)" % KRAFT)
    p()
    # ------------------------------------------------------------ sidecar references
    problems = []
    side_buses = [b["bus"] for b in side["bus"]]
    if sorted(side_buses) != sorted(bus_ids):
        problems.append("[[bus]] rows differ from the grid's buses")
    ng, nb = len(mpc["gen"]), len(mpc["branch"])
    if [x["index"] for x in side["generator"]] != list(range(1, ng + 1)):
        problems.append("[[generator]] indices are not 1..%d in order" % ng)
    for x in side["generator"]:
        if int(mpc["gen"][x["index"] - 1, 0]) != x["bus"]:
            problems.append("generator %d is not at bus %d" % (x["index"], x["bus"]))
    for u in side["unit"]:
        for r in u["generators"]:
            if not 1 <= r <= ng or int(mpc["gen"][r - 1, 0]) != u["bus"]:
                problems.append("unit %s names generator row %d, not at bus %d" % (u["unit"], r, u["bus"]))
    for c in side["interconnector"]:
        for e in c.get("n44_branches", []):
            if not 1 <= e["branch"] <= nb:
                problems.append("%s: branch %d" % (c["border"], e["branch"]))
        for b in c.get("n44_buses", []):
            if b not in idx:
                problems.append("%s: bus %d" % (c["border"], b))
    units = {u["unit"]: u for u in side["unit"]}
    p("## Sidecar")
    p()
    p("- %d [[bus]], %d [[generator]], %d [[unit]], %d [[interconnector]] rows; references that do not resolve: %s" % (
        len(side["bus"]), len(side["generator"]), len(side["unit"]), len(side["interconnector"]),
        "; ".join(problems) if problems else "none"))
    p("- reactor units at their Nordic44 buses: %s" % ", ".join("%s %d" % (k, units[k]["bus"]) for k in sorted(units)))
    kin = collections.Counter()
    for x in side["generator"]:
        if "h_s" in x and "machine_base_mva" in x:
            kin[x["zone"]] += x["h_s"] * x["machine_base_mva"] / 1000
    p("- stored kinetic energy of the base-case machines: %s GW s" % ", ".join("%s %.1f" % (z, kin[z]) for z in sorted(kin)))
    checks = {"Forsmark 3000": 3000, "Oskarshamn 3300": 3300, "Ringhals 3359": 3359, "Karlshamn 8700": 8700,
              "Malmö 8500": 8500, "Porjus 3115": 3115}
    p("- zones of named buses: %s" % ", ".join("%s %s" % (k, zone[v]) for k, v in checks.items()))
    expect = {3000: "SE3", 3300: "SE3", 3359: "SE3", 8700: "SE4", 8500: "SE4", 3115: "SE1"}
    for b, z in expect.items():
        if zone[b] != z:
            problems.append("bus %d is in %s, not %s" % (b, zone[b], z))
    failures += problems
    p()
    if failures:
        p("**FAILED:** " + "; ".join(failures))
        sys.exit(1)
    p("All checks passed.")


if __name__ == "__main__":
    main()
