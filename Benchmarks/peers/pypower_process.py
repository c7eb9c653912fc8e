"""One complete PYPOWER power flow, as a user would run it from a shell.

    python pypower_process.py CASE.m [--tol 1e-8] [--max-iter 20] [--output PATH]

Imports PYPOWER, reads the MATPOWER file with ``mcase.py``, runs ``runpf``
(Newton-Raphson) and writes the solution (bus Vm/Va, gen Pg/Qg, branch flows)
as JSON to standard output (or ``--output PATH``). ``run_peers.py`` times this
whole process, wall clock, interpreter start-up included, with standard output
sent to the null device, to compare with ``kraft pf CASE --format json`` timed
the same way. Exit status 0 when the power flow converged, 2 when it did not.
"""

import argparse
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mcase  # noqa: E402
from pypower.ppoption import ppoption  # noqa: E402
from pypower.runpf import runpf  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("case")
    ap.add_argument("--tol", type=float, default=1e-8)
    ap.add_argument("--max-iter", type=int, default=20)
    ap.add_argument("--output", default="-", help="file to write, '-' (default) for stdout")
    args = ap.parse_args()

    ppc = mcase.load(args.case)
    opt = ppoption(PF_ALG=1, PF_TOL=args.tol, PF_MAX_IT=args.max_iter, VERBOSE=0, OUT_ALL=0)
    with warnings.catch_warnings():
        # pfsoln divides by (Qmax - Qmin) for buses with several gens; Inf limits give NaN
        # in that split, exactly as in MATPOWER; it does not touch the voltages.
        warnings.simplefilter("ignore", RuntimeWarning)
        res, ok = runpf(ppc, opt)
    bus, gen, br = res["bus"], res["gen"], res["branch"]
    out = {
        "case": os.path.basename(args.case),
        "converged": bool(ok),
        "baseMVA": res["baseMVA"],
        "bus": {"id": bus[:, 0].tolist(), "vm": bus[:, 7].tolist(), "va_deg": bus[:, 8].tolist()},
        "gen": {"bus": gen[:, 0].tolist(), "pg": gen[:, 1].tolist(), "qg": gen[:, 2].tolist()},
        "branch": {"pf": br[:, 13].tolist(), "qf": br[:, 14].tolist(),
                   "pt": br[:, 15].tolist(), "qt": br[:, 16].tolist()},
    }
    if args.output == "-":
        json.dump(out, sys.stdout)
        sys.stdout.flush()
    else:
        with open(args.output, "w") as fh:
            json.dump(out, fh)
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
