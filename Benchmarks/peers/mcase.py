"""Minimal MATPOWER case (``.m``, format version 2) reader for the peer benchmark.

``load(path)`` returns a PYPOWER-style ``ppc`` dict::

    {"version": "2", "baseMVA": float,
     "bus": ndarray (nb, 13), "gen": ndarray (ng, 21), "branch": ndarray (nl, 13),
     "gencost": ndarray (if present), "dcline": ndarray (if present), ...}

Only numbers, numeric matrices, strings and cell arrays assigned as
``mpc.NAME = ...;`` are understood, which is all a MATPOWER data file holds.
Handled: ``%`` comments (outside quoted strings), ``...`` line continuations,
``,`` or blanks between elements, ``;`` or newlines between rows, ``Inf``,
``-Inf``, ``NaN`` and every float form Python accepts (``1e-3``, ``.5``, ``2.``).
Cell arrays (``bus_name``, ``gentype``, ``genfuel``) are returned as lists of
strings (quotes removed); they are not needed for a power flow.

Column counts: ACTIVSg cases carry OPF result columns (bus 17, gen 25, branch
21). PYPOWER and pandapower expect the standard MATPOWER power-flow columns, so
``bus`` is truncated to 13 columns (BUS_I .. VMIN), ``gen`` to 21 (GEN_BUS ..
APF) and ``branch`` to 13 (F_BUS .. ANGMAX); shorter matrices are padded the
way MATPOWER's own ``loadcase`` does (zeros, except ANGMIN/ANGMAX = -360/360).
The raw widths are kept in ``ppc["_ncols"]``. Pass ``standard=False`` to get
the matrices untouched.

Only numpy is imported, so a fresh process pays little for this module.
"""

from __future__ import annotations

import re
import sys
import warnings

import numpy as np

STANDARD_COLS = {"bus": 13, "gen": 21, "branch": 13}

_ASSIGN = re.compile(r"^\s*mpc\.([A-Za-z_]\w*)\s*=\s*(.*)$", re.S)


def _strip_comment(line: str) -> str:
    """Drop a ``%`` comment, ignoring ``%`` inside single- or double-quoted strings.

    A ``'`` right after an identifier, a closing bracket or a digit is MATLAB's
    transpose operator, not a quote; data files don't use it, but we treat it
    that way to be safe.
    """
    if "%" not in line:
        return line
    if "'" not in line and '"' not in line:
        return line[: line.index("%")]
    quote = None
    prev = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch == "%":
            return line[:i]
        elif ch == '"' or (ch == "'" and not (prev.isalnum() or prev in ")]}._'")):
            quote = ch
        prev = ch
    return line


def _logical_lines(text: str):
    """Yield comment-free lines with ``...`` continuations joined."""
    pending = ""
    for raw in text.splitlines():
        line = _strip_comment(raw)
        idx = line.find("...")
        if idx >= 0:
            # everything after '...' on that line is a comment in MATLAB
            pending += line[:idx] + " "
            continue
        yield pending + line
        pending = ""
    if pending:
        yield pending


def _parse_matrix(body: str) -> np.ndarray:
    """Parse the inside of ``[ ... ]`` into a 2-D float array."""
    body = body.replace(",", " ")
    chunks = [c for c in body.replace(";", "\n").split("\n") if c and not c.isspace()]
    if not chunks:
        return np.zeros((0, 0))
    counts = [len(c.split()) for c in chunks]
    width = counts[0]
    if all(n == width for n in counts):
        # numpy's text parser: reads Inf, -Inf, NaN, 1e-3, .5, 2. (and stops at
        # anything else, which the size check below catches)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            flat = np.fromstring(" ".join(chunks), dtype=np.float64, sep=" ")
        if flat.size == width * len(chunks):
            return flat.reshape(len(chunks), width)
    # ragged rows (gencost with mixed polynomial orders): token by token,
    # padding short rows with 0; float() raises on anything not a number
    width = max(counts)
    out = np.zeros((len(chunks), width))
    for i, c in enumerate(chunks):
        out[i, : counts[i]] = [float(t) for t in c.split()]
    return out


def _parse_cell(body: str) -> list:
    items = re.findall(r"'((?:[^']|'')*)'|\"([^\"]*)\"|([^\s,;'\"]+)", body)
    out = []
    for sq, dq, bare in items:
        if sq or dq:
            out.append((sq or dq).replace("''", "'"))
        elif bare:
            try:
                out.append(float(bare))
            except ValueError:
                out.append(bare)
    return out


def _parse_scalar(expr: str):
    expr = expr.strip().rstrip(";").strip()
    if len(expr) >= 2 and expr[0] == expr[-1] and expr[0] in "'\"":
        return expr[1:-1]
    try:
        return float(expr)
    except ValueError:
        return expr


def parse(text: str) -> dict:
    """Parse MATPOWER case text into a dict of raw fields (no column fixing)."""
    fields: dict = {}
    lines = _logical_lines(text)
    for line in lines:
        m = _ASSIGN.match(line)
        if not m:
            continue
        name, rest = m.group(1), m.group(2).strip()
        if rest.startswith("[") or rest.startswith("{"):
            opener = rest[0]
            closer = "]" if opener == "[" else "}"
            parts = [rest[1:]]
            if closer not in rest[1:]:
                for nxt in lines:
                    if closer in nxt:
                        parts.append(nxt)
                        break
                    parts.append(nxt)
            body = "\n".join(parts)
            body = body[: body.rindex(closer)]
            fields[name] = _parse_matrix(body) if opener == "[" else _parse_cell(body)
        else:
            fields[name] = _parse_scalar(rest)
    return fields


def _fix_cols(name: str, mat: np.ndarray) -> np.ndarray:
    want = STANDARD_COLS[name]
    if mat.ndim != 2:
        mat = np.atleast_2d(mat)
    n, have = mat.shape
    if have >= want:
        return np.ascontiguousarray(mat[:, :want])
    out = np.zeros((n, want))
    out[:, :have] = mat
    if name == "branch" and have <= 11:
        out[:, 11] = -360.0  # ANGMIN
        out[:, 12] = 360.0  # ANGMAX
    return out


def load(path: str, standard: bool = True) -> dict:
    """Read a MATPOWER ``.m`` case file into a PYPOWER-style ppc dict."""
    with open(path, "r", encoding="utf-8", errors="replace") as fh:
        fields = parse(fh.read())
    for key in ("baseMVA", "bus", "gen", "branch"):
        if key not in fields:
            raise ValueError(f"{path}: no mpc.{key} found")
    version = fields.get("version", "2")
    if str(version).strip() not in ("2", "2.0"):
        raise ValueError(f"{path}: MATPOWER case format version {version!r} not supported (need '2')")
    ppc = dict(fields)
    ppc["version"] = "2"
    ppc["baseMVA"] = float(fields["baseMVA"])
    ppc["_ncols"] = {k: int(np.shape(fields[k])[1]) for k in ("bus", "gen", "branch")}
    if standard:
        for key in ("bus", "gen", "branch"):
            ppc[key] = _fix_cols(key, fields[key])
    return ppc


def _main(argv):
    for path in argv:
        ppc = load(path)
        print(f"{path}: baseMVA={ppc['baseMVA']:g} bus={ppc['bus'].shape} gen={ppc['gen'].shape} "
              f"branch={ppc['branch'].shape} gencost={np.shape(ppc.get('gencost'))} raw={ppc['_ncols']}")


if __name__ == "__main__":
    _main(sys.argv[1:])
