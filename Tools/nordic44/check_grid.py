"""Checks Scenarios/grids/nordic44.m (run by Tools/nordic44/check-grid, inside .venv-n44).

1. Power flow (pypower runpf, Newton-Raphson, tolerance 1e-10 MVA, Q limits not enforced)
   of the .m file, from the case start and from a flat start, compared with the OpenIPSL
   power-flow record (Base_Case_Data_PF_results.mo): voltage magnitudes, angles, slack output.
2. Element-by-element comparison with the PSS/E RAW file N44_BC.raw (GPL-3.0; read here only,
   nothing of it is written anywhere): counts, base kV, loads and shunts per bus, line and
   transformer parameters, generator outputs, and the two power-flow solutions.

Prints a Markdown report on standard output; exit status 1 if the power flow does not
reproduce the OpenIPSL results within 1e-4 p.u. / 0.01 degree.
"""

import csv
import io
import math
import os
import re
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import openipsl  # noqa: E402

warnings.filterwarnings("ignore")
from importlib.metadata import version  # noqa: E402
from pypower.api import ext2int, makeSbus, makeYbus, ppoption, runpf  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.path.join(REPO, "..", "shared", "data", "nordic")
GRID = os.path.join(REPO, "Scenarios", "grids", "nordic44.m")
OPENIPSL_DIR = os.path.join(SHARED, "nordic44-openipsl")
RAW = os.path.join(SHARED, "nordic44", "N44_BC.raw")

VM_TOL, VA_TOL = 1e-4, 0.01


# ---------------------------------------------------------------- a small .m reader

def read_m(path):
    text = open(path, encoding="utf-8").read()
    mpc = {}
    m = re.search(r"mpc\.baseMVA\s*=\s*([-\d.eE+]+)\s*;", text)
    mpc["baseMVA"] = float(m.group(1))
    for name in ("bus", "gen", "branch"):
        m = re.search(r"mpc\.%s\s*=\s*\[(.*?)\];" % name, text, re.S)
        rows = []
        for line in m.group(1).splitlines():
            line = line.split("%", 1)[0].strip().rstrip(";").strip()
            if line:
                rows.append([float(v) for v in line.replace(",", " ").split()])
        mpc[name] = np.array(rows)
    m = re.search(r"mpc\.bus_name\s*=\s*\{(.*?)\};", text, re.S)
    mpc["bus_name"] = re.findall(r"'([^']*)'", m.group(1)) if m else []
    mpc["version"] = "2"
    return mpc


def solve(mpc, flat):
    ppc = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in mpc.items() if k != "bus_name"}
    if flat:
        ppc["bus"][:, 7] = 1.0
        ppc["bus"][:, 8] = 0.0
        # generator buses keep Vg through the gen matrix
    opt = ppoption(PF_ALG=1, PF_TOL=1e-10, PF_MAX_IT=30, VERBOSE=0, OUT_ALL=0, ENFORCE_Q_LIMS=0)
    res, ok = runpf(ppc, opt)
    return res, bool(ok)


# ---------------------------------------------------------------- RAW v33 reader (check only)

def read_raw(path):
    lines = open(path, encoding="latin-1").read().splitlines()
    sbase = float(lines[0].split(",")[1])
    sections, cur, i = {}, "bus", 3
    order = ["bus", "load", "fixshunt", "gen", "branch", "trafo"]
    k = 0
    cur_rows = []
    while i < len(lines) and k < len(order):
        line = lines[i]
        if line.strip().startswith("0 ") or line.strip() == "0" or line.strip().startswith("0 /"):
            sections[order[k]] = cur_rows
            cur_rows = []
            k += 1
            i += 1
            continue
        if order[k] == "trafo":
            rec = []
            for j in range(4):
                rec.append(next(csv.reader(io.StringIO(lines[i + j]), quotechar="'", skipinitialspace=True)))
            cur_rows.append(rec)
            i += 4
            continue
        cur_rows.append(next(csv.reader(io.StringIO(line), quotechar="'", skipinitialspace=True)))
        i += 1
    f = float
    raw = {"sbase": sbase, "bus": {}, "load": [], "shunt": [], "gen": [], "branch": [], "trafo": []}
    for r in sections["bus"]:
        raw["bus"][int(r[0])] = {"name": r[1].strip(), "kv": f(r[2]), "type": int(r[3]), "area": int(r[4]),
                                 "vm": f(r[7]), "va": f(r[8])}
    for r in sections["load"]:
        raw["load"].append({"bus": int(r[0]), "id": r[1].strip(), "status": int(r[2]), "p": f(r[5]), "q": f(r[6]),
                            "ip": f(r[7]), "iq": f(r[8]), "yp": f(r[9]), "yq": f(r[10])})
    for r in sections["fixshunt"]:
        raw["shunt"].append({"bus": int(r[0]), "status": int(r[2]), "g": f(r[3]), "b": f(r[4])})
    for r in sections["gen"]:
        raw["gen"].append({"bus": int(r[0]), "id": r[1].strip(), "p": f(r[2]), "q": f(r[3]), "qmax": f(r[4]),
                           "qmin": f(r[5]), "vs": f(r[6]), "mbase": f(r[8]), "status": int(r[14]),
                           "pmax": f(r[16]), "pmin": f(r[17])})
    for r in sections["branch"]:
        raw["branch"].append({"from": int(r[0]), "to": abs(int(r[1])), "ckt": r[2].strip(), "r": f(r[3]), "x": f(r[4]),
                              "b": f(r[5]), "rate": f(r[6]), "gi": f(r[9]), "bi": f(r[10]), "gj": f(r[11]),
                              "bj": f(r[12]), "status": int(r[13])})
    for rec in sections["trafo"]:
        a, b, c, d = rec
        cw, cz = int(a[4]), int(a[5])
        if cw != 1 or cz != 1:
            raise SystemExit("check: RAW transformer with CW/CZ != 1 not handled")
        raw["trafo"].append({"from": int(a[0]), "to": int(a[1]), "ckt": a[3].strip(), "status": int(a[11]),
                             "mag1": f(a[7]), "mag2": f(a[8]), "r": f(b[0]), "x": f(b[1]),
                             "ratio": f(c[0]) / f(d[0]), "shift": f(c[2]), "rate": f(c[3])})
    return raw


def raw_to_mpc(raw):
    """The RAW case as MATPOWER's psse2mpc would build it, then re-based to 100 MVA."""
    s = raw["sbase"]
    buses = sorted(raw["bus"])
    idx = {b: i for i, b in enumerate(buses)}
    bus = np.zeros((len(buses), 13))
    for b in buses:
        r = raw["bus"][b]
        bus[idx[b]] = [b, r["type"], 0, 0, 0, 0, r["area"], r["vm"], r["va"], r["kv"], 1, 1.1, 0.9]
    for ld in raw["load"]:
        if ld["status"]:
            vm = raw["bus"][ld["bus"]]["vm"]
            bus[idx[ld["bus"]], 2] += ld["p"] + ld["ip"] * vm + ld["yp"] * vm ** 2
            bus[idx[ld["bus"]], 3] += ld["q"] + ld["iq"] * vm - ld["yq"] * vm ** 2
    for sh in raw["shunt"]:
        if sh["status"]:
            bus[idx[sh["bus"]], 4] += sh["g"]
            bus[idx[sh["bus"]], 5] += sh["b"]
    branch = []
    for br in raw["branch"]:
        if br["status"]:
            bus[idx[br["from"]], 4] += br["gi"] * s
            bus[idx[br["from"]], 5] += br["bi"] * s
            bus[idx[br["to"]], 4] += br["gj"] * s
            bus[idx[br["to"]], 5] += br["bj"] * s
        branch.append([br["from"], br["to"], br["r"] * 100 / s, br["x"] * 100 / s, br["b"] * s / 100,
                       br["rate"], 0, 0, 0, 0, br["status"], -360, 360])
    for t in raw["trafo"]:
        branch.append([t["from"], t["to"], t["r"] * 100 / s, t["x"] * 100 / s, 0,
                       t["rate"], 0, 0, t["ratio"], t["shift"], t["status"], -360, 360])
    gen = []
    for g in raw["gen"]:
        gen.append([g["bus"], g["p"], g["q"], g["qmax"], g["qmin"], g["vs"], g["mbase"], g["status"],
                    g["pmax"], g["pmin"]] + [0] * 11)
    return {"version": "2", "baseMVA": 100.0, "bus": bus, "gen": np.array(gen), "branch": np.array(branch)}


# ---------------------------------------------------------------- report

def main():
    out = []
    p = out.append
    failed = False
    mpc = read_m(GRID)
    d = OPENIPSL_DIR
    net = openipsl.build(open(os.path.join(d, openipsl.NETWORK_FILE)).read(),
                         open(os.path.join(d, openipsl.RESULTS_FILE)).read())
    ref_v = {b["bus"]: (b["vm"], math.degrees(b["va"])) for b in net["buses"]}
    ref_slack_p = sum(m["p"] for m in net["machines"] if m["bus"] == 3300) / 1e6
    ref_slack_q = sum(m["q"] for m in net["machines"] if m["bus"] == 3300) / 1e6

    p("### Power flow of nordic44.m vs the OpenIPSL power-flow record")
    p("")
    p("PYPOWER %s (numpy %s, scipy %s) `runpf`, Newton-Raphson, tolerance 1e-10 p.u., Q limits"
      " not enforced. Reference: the OpenIPSL record (voltages with 6 decimals, angles with"
      " 6 decimals in degrees)." % (version("PYPOWER"), version("numpy"), version("scipy")))
    p("")
    p("| start | converged | max abs dVm (p.u.) | max abs dVa (deg) | slack P, Q (MW, MVAr) vs record |")
    p("| --- | --- | --- | --- | --- |")
    for flat in (False, True):
        res, ok = solve(mpc, flat)
        vm = {int(r[0]): r[7] for r in res["bus"]}
        va = {int(r[0]): r[8] for r in res["bus"]}
        dvm = max(abs(vm[b] - ref_v[b][0]) for b in ref_v)
        dva = max(abs(va[b] - ref_v[b][1]) for b in ref_v)
        wvm = max(ref_v, key=lambda b: abs(vm[b] - ref_v[b][0]))
        wva = max(ref_v, key=lambda b: abs(va[b] - ref_v[b][1]))
        slack = res["gen"][res["gen"][:, 0] == 3300]
        sp, sq = slack[:, 1].sum(), slack[:, 2].sum()
        p("| %s | %s | %.2e (bus %d) | %.2e (bus %d) | %.3f, %.3f vs %.3f, %.3f |"
          % ("flat" if flat else "case", ok, dvm, wvm, dva, wva, sp, sq, ref_slack_p, ref_slack_q))
        if not ok or dvm > VM_TOL or dva > VA_TOL:
            failed = True
    fixtures = os.path.join(REPO, "Tests", "Fixtures", "nordic44")
    pp_case, _ = solve(mpc, False)
    ppvm = {int(r[0]): r[7] for r in pp_case["bus"]}
    ppva = {int(r[0]): r[8] for r in pp_case["bus"]}
    for variant in ("nr", "nr_flat"):
        path = os.path.join(fixtures, variant + ".json")
        if not os.path.exists(path):
            continue
        import json
        d = json.load(open(path))
        vm = dict(zip(d["bus"]["id"], d["bus"]["vm"]))
        va = dict(zip(d["bus"]["id"], d["bus"]["va_deg"]))
        p("")
        p("MATPOWER fixture `Tests/Fixtures/nordic44/%s.json` (%s; converged %s, %d iterations):"
          " max |dVm| %.2e p.u. and max |dVa| %.2e deg vs the OpenIPSL record; %.1e p.u. and %.1e deg vs PYPOWER."
          % (variant, d["source"], d["converged"], d["iterations"],
             max(abs(vm[b] - ref_v[b][0]) for b in ref_v), max(abs(va[b] - ref_v[b][1]) for b in ref_v),
             max(abs(vm[b] - ppvm[b]) for b in ref_v), max(abs(va[b] - ppva[b]) for b in ref_v)))
    # mismatch of the recorded OpenIPSL solution in this network model
    ppc = ext2int({k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in mpc.items() if k != "bus_name"})
    ybus, _, _ = makeYbus(ppc["baseMVA"], ppc["bus"], ppc["branch"])
    v = np.array([ref_v[int(b)][0] * np.exp(1j * math.radians(ref_v[int(b)][1])) for b in mpc["bus"][:, 0]])
    sbus = makeSbus(ppc["baseMVA"], ppc["bus"], ppc["gen"])
    mis = (v * np.conj(ybus @ v) - sbus) * ppc["baseMVA"]
    p("")
    p("Power mismatch of the recorded OpenIPSL solution in the nordic44.m network (all injections as"
      " recorded, slack included): max |dP| %.3f MW, max |dQ| %.3f MVAr, i.e. the record is a"
      " solved power flow of exactly this network, to its printed precision."
      % (abs(mis.real).max(), abs(mis.imag).max()))
    p("")

    # ------------------------------------------------------------ RAW comparison
    raw = read_raw(RAW)
    rm = raw_to_mpc(raw)
    p("### nordic44.m vs N44_BC.raw (element by element; RAW read by the check only)")
    p("")
    counts = [("buses", len(mpc["bus"]), len(raw["bus"])),
              ("generators", len(mpc["gen"]), len(raw["gen"])),
              ("lines", int((mpc["branch"][:, 8] == 0).sum()), len(raw["branch"])),
              ("transformers", int((mpc["branch"][:, 8] != 0).sum()), len(raw["trafo"])),
              ("loads (OpenIPSL components vs RAW records)", len(net["loads"]), len(raw["load"])),
              ("shunts (OpenIPSL Shunt components vs RAW fixed shunts + non-zero line-end shunts)",
               len(net["shunts"]), len(raw["shunt"])
               + sum((b["gi"] != 0 or b["bi"] != 0) + (b["gj"] != 0 or b["bj"] != 0) for b in raw["branch"]))]
    p("| element | nordic44.m | N44_BC.raw |")
    p("| --- | --- | --- |")
    for name, a, b in counts:
        p("| %s | %d | %d |" % (name, a, b))
    p("")
    diffs = []
    # buses
    mb = {int(r[0]): r for r in mpc["bus"]}
    rb = {int(r[0]): r for r in rm["bus"]}
    if set(mb) != set(rb):
        diffs.append("bus numbers differ: only in .m %s, only in RAW %s" % (sorted(set(mb) - set(rb)), sorted(set(rb) - set(mb))))
    type_diff = [b for b in mb if b in rb and mb[b][1] != rb[b][1]]
    if type_diff:
        diffs.append("bus types differ at %s" % type_diff)
    kv = [b for b in mb if b in rb and mb[b][9] != rb[b][9]]
    if kv:
        diffs.append("base kV differs at %s" % kv)
    for col, name, unit in ((2, "Pd", "MW"), (3, "Qd", "MVAr"), (4, "Gs", "MW"), (5, "Bs", "MVAr")):
        dd = [(b, mb[b][col], rb[b][col]) for b in mb if b in rb and abs(mb[b][col] - rb[b][col]) > 1e-3]
        if dd:
            diffs.append("%s differs at %d buses: %s" % (name, len(dd), "; ".join(
                "%d: %.3f vs %.3f %s" % (b, x, y, unit) for b, x, y in dd)))
    vmd = max(abs(mb[b][7] - rb[b][7]) for b in mb if b in rb)
    vad = max(abs(mb[b][8] - rb[b][8]) for b in mb if b in rb)
    diffs.append("stored solutions differ (OpenIPSL record vs RAW bus VM/VA): max |dVm| %.4f p.u., max |dVa| %.4f deg"
                 % (vmd, vad))
    # branches: match by (from, to, occurrence)
    def keyed(branch, trafo):
        seen, outk = {}, {}
        for r in branch:
            if (r[8] != 0) != trafo:
                continue
            a, b = int(r[0]), int(r[1])
            k = (min(a, b), max(a, b))
            seen[k] = seen.get(k, 0) + 1
            outk[k + (seen[k],)] = r
        return outk
    for trafo in (False, True):
        km, kr = keyed(mpc["branch"], trafo), keyed(rm["branch"], trafo)
        label = "transformer" if trafo else "line"
        if set(km) != set(kr):
            diffs.append("%s sets differ: only in .m %s, only in RAW %s" % (label, sorted(set(km) - set(kr)), sorted(set(kr) - set(km))))
        for k in sorted(set(km) & set(kr)):
            a, b = km[k], kr[k]
            for col, name in ((2, "r"), (3, "x"), (4, "b"), (8, "ratio"), (9, "shift")):
                if abs(a[col] - b[col]) > 1e-9:
                    diffs.append("%s %d-%d(%d): %s %.6g vs %.6g" % (label, k[0], k[1], k[2], name, a[col], b[col]))
            if trafo and (int(a[0]), int(a[1])) != (int(b[0]), int(b[1])):
                diffs.append("transformer %d-%d: orientation %d->%d vs %d->%d" % (k[0], k[1], a[0], a[1], b[0], b[1]))
        rates = sum(1 for k in kr if kr[k][5] > 0)
        if rates:
            diffs.append("%s ratings: RAW has rate A on %d %ss; nordic44.m has none (not in the OpenIPSL files)"
                         % (label, rates, label))
    # generators: per bus, in id order
    gm, gr = {}, {}
    for r in mpc["gen"]:
        gm.setdefault(int(r[0]), []).append(r)
    for r in rm["gen"]:
        gr.setdefault(int(r[0]), []).append(r)
    pg_d = []
    for b in sorted(set(gm) | set(gr)):
        if len(gm.get(b, [])) != len(gr.get(b, [])):
            diffs.append("generator count at bus %d: %d vs %d" % (b, len(gm.get(b, [])), len(gr.get(b, []))))
            continue
        for a, c in zip(gm[b], gr[b]):
            if abs(a[1] - c[1]) > 1e-3 or abs(a[2] - c[2]) > 1e-3:
                pg_d.append((b, a[1], c[1], a[2], c[2]))
            if abs(a[5] - c[5]) > 1e-4:
                diffs.append("Vg at bus %d: %.5f (solved voltage) vs VS %.5f" % (b, a[5], c[5]))
                break
    if pg_d:
        dp = [(abs(a1 - c1), b) for b, a1, c1, a2, c2 in pg_d]
        dq = [(abs(a2 - c2), b) for b, a1, c1, a2, c2 in pg_d]
        np_ = sum(1 for x, _ in dp if x > 1e-3)
        diffs.append("generator P/Q (the stored dispatch, not the network): P differs on %d of %d machines"
                     " (at %d of %d generator buses; largest %.1f MW per machine at bus %d), Q on %d machines"
                     " (largest %.1f MVAr at bus %d); the RAW file's machines sum to %.1f MW less generation"
                     " for the same load (%.1f MW in both)"
                     % (np_, len(mpc["gen"]), len({b for x, b in dp if x > 1e-3}), len(gm), max(dp)[0], max(dp)[1],
                        sum(1 for x, _ in dq if x > 1e-3), max(dq)[0], max(dq)[1],
                        sum(r[1] for r in mpc["gen"]) - sum(r[1] for r in rm["gen"]), mpc["bus"][:, 2].sum()))
    diffs.append("generator limits: RAW has Qmax/Qmin, PT/PB and MBASE per unit; nordic44.m has placeholders"
                 " (mBase 100, Pmax = Pg, Q limits +/-9999)")
    diffs.append("bus types agree; loads (Pd, Qd per bus), shunts (Gs, Bs per bus), base kV, line r/x/b and"
                 " transformer ratio/shift/orientation agree exactly unless listed above")
    p("Differences found:")
    p("")
    for x in diffs:
        p("- " + x)
    p("")
    # RAW power flow vs its own stored solution, and vs ours
    res_r, ok_r = solve(rm, False)
    vm_r = {int(r[0]): r[7] for r in res_r["bus"]}
    va_r = {int(r[0]): r[8] for r in res_r["bus"]}
    p("Power flow of the RAW case (converted as psse2mpc would, re-based to 100 MVA) from its own start:"
      " converged %s; max |dVm| vs RAW's stored VM %.2e p.u., max |dVa| vs VA %.2e deg;"
      " vs the OpenIPSL record %.4f p.u., %.4f deg."
      % (ok_r, max(abs(vm_r[b] - rb[b][7]) for b in rb), max(abs(va_r[b] - rb[b][8]) for b in rb),
         max(abs(vm_r[b] - ref_v[b][0]) for b in rb), max(abs(va_r[b] - ref_v[b][1]) for b in rb)))
    ppr = ext2int({k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in rm.items()})
    ybr, _, _ = makeYbus(ppr["baseMVA"], ppr["bus"], ppr["branch"])
    vr = np.array([rb[int(b)][7] * np.exp(1j * math.radians(rb[int(b)][8])) for b in rm["bus"][:, 0]])
    misr = (vr * np.conj(ybr @ vr) - makeSbus(ppr["baseMVA"], ppr["bus"], ppr["gen"])) * 100.0
    p("")
    p("Power mismatch of the RAW file's stored solution (bus VM/VA) with its own loads and generator"
      " PG/QG: max |dP| %.1f MW (bus %d), max |dQ| %.1f MVAr, total P mismatch %.1f MW — the RAW"
      " snapshot is not a solved power flow of its own data; the OpenIPSL record is."
      % (abs(misr.real).max(), int(rm["bus"][np.argmax(abs(misr.real)), 0]), abs(misr.imag).max(),
         misr.real.sum()))
    # with the RAW network but the OpenIPSL injections: isolates network differences
    mix = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in rm.items()}
    mix["bus"][:, 2:4] = np.array([mb[int(r[0])][2:4] for r in mix["bus"]])
    mix["gen"][:, 1:3] = mpc["gen"][:, 1:3]
    mix["gen"][:, 5] = mpc["gen"][:, 5]
    mix["gen"][:, 3], mix["gen"][:, 4] = 9999, -9999
    res_x, ok_x = solve(mix, False)
    vm_x = {int(r[0]): r[7] for r in res_x["bus"]}
    va_x = {int(r[0]): r[8] for r in res_x["bus"]}
    p("")
    p("RAW network with the OpenIPSL loads, generator P/Q and Vg (Q limits off): converged %s;"
      " max |dVm| vs the OpenIPSL record %.2e p.u., max |dVa| %.2e deg."
      % (ok_x, max(abs(vm_x[b] - ref_v[b][0]) for b in rb), max(abs(va_x[b] - ref_v[b][1]) for b in rb)))
    failed |= check_sidecar(mpc, raw, p)
    print("\n".join(out))
    return 1 if failed else 0


SIDECAR = os.path.join(REPO, "Scenarios", "grids", "nordic44.sidecar.toml")
DYR = os.path.join(SHARED, "nordic44", "N44_BC.dyr")
# figure key -> the key that must name its source (or an *_assumption / assumption flag)
FIGURE_SOURCES = {
    "h_s": "h_source", "machine_base_mva": "h_source", "kinetic_energy_mws": "h_source",
    "lat_deg": "coordinates_source", "lon_deg": "coordinates_source",
    "exchange_mw": "exchange_source", "net_capacity_mw": "source", "planned_end_year": "source",
    "capacity_from_to_mw": "source", "capacity_to_from_mw": "source",
    "generators_base_case_pg_mw": "generators_base_case_pg_source",
}


def read_dyr_h(path):
    """{(bus, machine id): H} for GENROU/GENSAL records (check only; nothing is written)."""
    text = open(path, encoding="latin-1").read()
    out = {}
    for rec in text.split("/"):
        toks = rec.split()
        if len(toks) < 8 or toks[1].strip("'") not in ("GENROU", "GENSAL"):
            continue
        model = toks[1].strip("'")
        params = [float(x) for x in toks[3:]]
        out[(int(toks[0]), int(toks[2].strip("'")))] = params[4] if model == "GENROU" else params[3]
    return out


def check_sidecar(mpc, raw, p):
    import tomllib
    bad = []
    sc = tomllib.load(open(SIDECAR, "rb"))
    sources = set(sc.get("sources", {}))
    buses = [int(b) for b in mpc["bus"][:, 0]]
    if sorted(e["bus"] for e in sc["bus"]) != sorted(buses):
        bad.append("[[bus]] entries do not cover exactly the grid's buses")
    zone = {e["bus"]: e["zone"] for e in sc["bus"]}
    if [g["index"] for g in sc["generator"]] != list(range(1, len(mpc["gen"]) + 1)):
        bad.append("[[generator]] indices are not 1..%d in order" % len(mpc["gen"]))
    for g in sc["generator"]:
        if int(mpc["gen"][g["index"] - 1, 0]) != g["bus"]:
            bad.append("generator %d: bus %d, grid row has %d" % (g["index"], g["bus"], mpc["gen"][g["index"] - 1, 0]))
    for u in sc["unit"]:
        for i in u["generators"]:
            if int(mpc["gen"][i - 1, 0]) != u["bus"]:
                bad.append("unit %s: generator %d is not at bus %d" % (u["unit"], i, u["bus"]))
    for ic in sc["interconnector"]:
        for br in ic.get("n44_branches", []):
            row = mpc["branch"][br["branch"] - 1]
            ends = {int(row[0]), int(row[1])}
            if ends != {br["bus_in_from_zone"], br["bus_in_to_zone"]}:
                bad.append("interconnector %s: branch %d ends %s" % (ic["border"], br["branch"], sorted(ends)))
            if zone[br["bus_in_from_zone"]] != ic["from_zone"] or zone[br["bus_in_to_zone"]] != ic["to_zone"]:
                bad.append("interconnector %s: branch %d does not cross it" % (ic["border"], br["branch"]))
    nfig = 0
    for table in ("bus", "generator", "unit", "interconnector"):
        for e in sc[table]:
            for k, v in e.items():
                if k in FIGURE_SOURCES:
                    nfig += 1
                    # a capacity may name its own source (capacity_source) apart from the entry's
                    src = e.get("capacity_source", e.get("source")) if k.startswith("capacity_") else e.get(FIGURE_SOURCES[k])
                    if src not in sources and not e.get("assumption"):
                        bad.append("%s %s: %s has no source" % (table, e.get("bus", e.get("unit", e.get("border"))), k))
                if k.endswith("_source") or k == "source":
                    if v not in sources:
                        bad.append("%s: %s = %r is not in [sources]" % (table, k, v))
    dyr = read_dyr_h(DYR)
    h_ok = sum(1 for g in sc["generator"] if abs(dyr.get((g["bus"], g["machine_id"]), -1) - g["h_s"]) < 1e-9)
    h_bad = [(g["bus"], g["machine_id"]) for g in sc["generator"]
             if abs(dyr.get((g["bus"], g["machine_id"]), -1) - g["h_s"]) >= 1e-9]
    mb = {}
    for r in raw["gen"]:
        mb.setdefault(r["bus"], []).append(r["mbase"])
    mb_ok = sum(1 for g in sc["generator"] if g["machine_base_mva"] == mb[g["bus"]][g["machine_id"] - 1]
                if g["machine_id"] - 1 < len(mb[g["bus"]]))
    p("")
    p("### Sidecar nordic44.sidecar.toml")
    p("")
    p("Valid TOML (tomllib); %d buses, %d generators, %d units, %d interconnectors; %d figures, each with a"
      " source in [sources] or an assumption flag. Structural problems: %s."
      % (len(sc["bus"]), len(sc["generator"]), len(sc["unit"]), len(sc["interconnector"]), nfig,
         "none" if not bad else "; ".join(bad)))
    p("")
    p("Inertia constants (from the OpenIPSL machine models) agree with the GENROU/GENSAL H in N44_BC.dyr"
      " for %d of %d machines%s; machine bases agree with the RAW MBASE for %d of %d."
      % (h_ok, len(sc["generator"]), "" if not h_bad else " (differ: %s)" % h_bad, mb_ok, len(sc["generator"])))
    return bool(bad)


if __name__ == "__main__":
    sys.exit(main())
