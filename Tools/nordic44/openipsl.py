"""Reader for the OpenIPSL Nordic44 Modelica files (Base_Case), Python 3 standard library only.

Reads the network model `Base_Case_Nordic44_Base_Case.mo` (components and `connect`
equations) and its power-flow record `Base_Case_Data_PF_results.mo`, and returns plain
Python data: buses with base kV and power-flow voltage, lines, transformers, loads,
shunts, machines, each with the bus it is connected to (found from the `connect`
equations, not from the component names).

Units are as in OpenIPSL: impedances in p.u. on the system base `SysData.S_b` (1000 MVA
here), powers in W and var, voltages in p.u., angles in radians.
"""

import ast
import math
import operator
import re

NETWORK_FILE = "Base_Case_Nordic44_Base_Case.mo"
RESULTS_FILE = "Base_Case_Data_PF_results.mo"


class ModelicaError(Exception):
    pass


# ---------------------------------------------------------------- lexical helpers

def strip_comments(text):
    """Remove // and /* */ comments, keeping string literals intact."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ModelicaError("unterminated /* comment")
            i = j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def strip_strings(text):
    """Replace string literals (descriptions, annotation text) by nothing."""
    return re.sub(r'"(?:\\.|[^"\\])*"', "", text)


def remove_annotations(text):
    """Remove `annotation (...)` clauses (balanced parentheses)."""
    out, i = [], 0
    pattern = re.compile(r"\bannotation\s*\(")
    while True:
        m = pattern.search(text, i)
        if not m:
            out.append(text[i:])
            break
        out.append(text[i:m.start()])
        depth, j = 1, m.end()
        while depth and j < len(text):
            if text[j] == "(":
                depth += 1
            elif text[j] == ")":
                depth -= 1
            j += 1
        i = j
    return "".join(out)


def split_top(text, sep):
    """Split on `sep` at parenthesis/brace depth 0."""
    parts, depth, cur = [], 0, []
    for c in text:
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return parts


# ---------------------------------------------------------------- expressions

_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.Pow: operator.pow}
_UNOPS = {ast.USub: operator.neg, ast.UAdd: operator.pos}


def _eval_node(node, names):
    if isinstance(node, ast.Expression):
        return _eval_node(node.body, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return _BINOPS[type(node.op)](_eval_node(node.left, names), _eval_node(node.right, names))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNOPS:
        return _UNOPS[type(node.op)](_eval_node(node.operand, names))
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    raise ModelicaError("unsupported expression element: %s" % ast.dump(node))


def evaluate(expr, resolve):
    """Evaluate a numeric Modelica expression; dotted names go through `resolve(name)`."""
    names = {}

    def sub(m):
        if m.group(1):  # a number literal such as 1e6 or 0.5
            return m.group(1)
        key = "_n%d" % len(names)
        names[key] = resolve(m.group(2))
        return key

    token = r"((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)"
    py = re.sub(token, sub, expr.replace("^", "**"))
    try:
        tree = ast.parse(py.strip(), mode="eval")
    except SyntaxError as e:
        raise ModelicaError("cannot parse expression %r: %s" % (expr, e))
    return _eval_node(tree, names)


# ---------------------------------------------------------------- the PF_results record

def read_results(text):
    """Return {"voltages": {...}, "machines": {...}, "loads": {...}, "trafos": {...}}."""
    text = strip_strings(strip_comments(text))
    record_of_type = {}
    for m in re.finditer(r"\brecord\s+(\w+)", text):
        name = m.group(1)
        end = re.search(r"\bend\s+%s\s*;" % name, text[m.end():])
        if not end:
            raise ModelicaError("record %s has no end" % name)
        body = text[m.end():m.end() + end.start()]
        if re.search(r"\brecord\s+\w+", body):
            continue  # the outer record: its values live in the nested records
        values = {}
        for p in re.finditer(r"parameter\s+Real\s+(\w+)\s*=\s*([^;]+);", body):
            values[p.group(1)] = p.group(2)
        record_of_type[name] = values
    instances = dict((inst, typ) for typ, inst in re.findall(r"^\s*(\w+)\s+(\w+)\s*;", text, re.M)
                     if typ in record_of_type)
    constants = {"C.pi": math.pi, "Modelica.Constants.pi": math.pi}
    out = {}
    for inst, typ in instances.items():
        out[inst] = {k: evaluate(v, lambda n: constants[n]) for k, v in record_of_type[typ].items()}
    return out


# ---------------------------------------------------------------- the network model

def parse_modifiers(body):
    mods = {}
    for part in split_top(body, ","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise ModelicaError("modifier without '=': %r" % part)
        k, v = part.split("=", 1)
        mods[k.strip()] = " ".join(v.split())
    return mods


def read_network(text):
    """Return (components, connections).

    components: {name: {"type": type, "mods": {key: expression text}}}
    connections: [(("comp", "pin"), ("comp", "pin")), ...] with array indices dropped.
    """
    text = remove_annotations(strip_strings(strip_comments(text)))
    m = re.search(r"\bmodel\s+(\w+)(.*)\bend\s+\1\s*;", text, re.S)
    if not m:
        raise ModelicaError("no model ... end block found")
    body = m.group(2)
    decl, _, eqs = body.partition("\nequation")
    components = {}
    for stmt in split_top(decl, ";"):
        stmt = " ".join(stmt.split())
        if not stmt or stmt.startswith("extends "):
            continue
        sm = re.match(r"^(?:(?:inner|outer|parameter)\s+)*([A-Za-z_][\w.]*)\s+(\w+)\s*(?:\((.*)\))?\s*$", stmt)
        if not sm:
            raise ModelicaError("cannot parse declaration: %r" % stmt[:120])
        typ, name, mods = sm.group(1), sm.group(2), sm.group(3) or ""
        components[name] = {"type": typ, "mods": parse_modifiers(mods)}
    connections = []
    for cm in re.finditer(r"connect\s*\(\s*([\w.\[\]]+)\s*,\s*([\w.\[\]]+)\s*\)", eqs):
        ends = []
        for ref in cm.groups():
            ref = re.sub(r"\[\d+\]", "", ref)
            comp, _, pin = ref.partition(".")
            ends.append((comp, pin))
        connections.append(tuple(ends))
    return components, connections


class _UnionFind:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def bus_number(component_name):
    m = re.fullmatch(r"bus_(\d+)", component_name)
    return int(m.group(1)) if m else None


def build(network_text, results_text):
    """Read both files and return a dict with buses, lines, transformers, loads, shunts,
    machines and the system base; every element carries the bus number(s) it connects to."""
    comps, conns = read_network(network_text)
    res = read_results(results_text)
    record_names = {"PF_results", "pSSE_data"}
    constants = {"C.pi": math.pi, "Modelica.Constants.pi": math.pi}

    def resolve(name):
        if name in constants:
            return constants[name]
        head, _, rest = name.partition(".")
        if head in record_names:
            group, _, key = rest.partition(".")
            try:
                return res[group][key]
            except KeyError:
                raise ModelicaError("unknown record value %s" % name)
        raise ModelicaError("cannot resolve %s" % name)

    def val(comp, key, default=None):
        mods = comps[comp]["mods"]
        if key not in mods:
            if default is None:
                raise ModelicaError("%s has no %s" % (comp, key))
            return default
        return evaluate(mods[key], resolve)

    # Which bus does each component pin end up on?
    uf = _UnionFind()
    for a, b in conns:
        na = ("BUS", a[0]) if bus_number(a[0]) is not None else a
        nb = ("BUS", b[0]) if bus_number(b[0]) is not None else b
        uf.union(na, nb)
    root_bus = {}
    for name in comps:
        if bus_number(name) is not None:
            r = uf.find(("BUS", name))
            if r in root_bus:
                raise ModelicaError("buses %s and %s are joined directly" % (root_bus[r], name))
            root_bus[r] = bus_number(name)

    def pin_bus(comp, pin):
        r = uf.find((comp, pin))
        if r not in root_bus:
            return None
        return root_bus[r]

    sys_base = None
    buses, lines, trafos, loads, shunts, machines = [], [], [], [], [], []
    for name, c in comps.items():
        t = c["type"]
        if t.endswith("SystemBase"):
            sys_base = val(name, "S_b")
        elif t.endswith("Buses.BusExt") or t.endswith("Buses.Bus"):
            buses.append({"bus": bus_number(name), "name": name, "base_kv": val(name, "V_b") / 1e3,
                          "vm": val(name, "v_0"), "va": val(name, "angle_0")})
        elif t.endswith("Branches.PwLine"):
            lines.append({"name": name, "from": pin_bus(name, "p"), "to": pin_bus(name, "n"),
                          "r": val(name, "R"), "x": val(name, "X"),
                          "g_half": val(name, "G", 0.0), "b_half": val(name, "B", 0.0)})
        elif t.endswith("TwoWindingTransformer"):
            mods = c["mods"]
            for key in ("CZ", "CW"):
                if key in mods and evaluate(mods[key], resolve) != 1:
                    raise ModelicaError("%s: %s != 1 is not supported" % (name, key))
            trafos.append({"name": name, "from": pin_bus(name, "p"), "to": pin_bus(name, "n"),
                           "r": val(name, "R"), "x": val(name, "X"),
                           "g": val(name, "G", 0.0), "b": val(name, "B", 0.0),
                           "t1": val(name, "t1", 1.0), "t2": val(name, "t2", 1.0),
                           "ang1": val(name, "ANG1", 0.0), "ref_t1": mods.get("t1", "")})
        elif ".Loads." in t:
            loads.append({"name": name, "bus": pin_bus(name, "p"),
                          "p": val(name, "P_0"), "q": val(name, "Q_0"), "ref_p": c["mods"].get("P_0", "")})
        elif t.endswith("Banks.PSSE.Shunt") or t.endswith("Banks.PwShunt"):
            shunts.append({"name": name, "bus": pin_bus(name, "p"),
                           "g": val(name, "G", 0.0), "b": val(name, "B", 0.0)})
        elif ".Generators." in t or t.startswith("Generators."):
            pin = "pwPin" if (name, "pwPin") in uf.parent else "p"
            machines.append({"name": name, "type": t.split(".")[-1], "bus": pin_bus(name, pin),
                             "p": val(name, "P_0"), "q": val(name, "Q_0"),
                             "ref_p": c["mods"].get("P_0", "")})
        elif name in ("PF_results", "pSSE_data"):
            continue
        else:
            raise ModelicaError("unknown component %s of type %s" % (name, t))
    for kind, items, keys in (("line", lines, ("from", "to")), ("transformer", trafos, ("from", "to")),
                              ("load", loads, ("bus",)), ("shunt", shunts, ("bus",)),
                              ("machine", machines, ("bus",))):
        for it in items:
            for k in keys:
                if it[k] is None:
                    raise ModelicaError("%s %s: pin not connected to a bus" % (kind, it["name"]))
    if sys_base is None:
        raise ModelicaError("no SystemBase component (S_b) found")
    return {"s_base_va": sys_base, "buses": buses, "lines": lines, "transformers": trafos,
            "loads": loads, "shunts": shunts, "machines": machines, "results": res}


def _main():
    """`python3 openipsl.py --record-json FILE [--source DIR]`: write the power-flow record's bus
    voltages as JSON (a test fixture: Tests/Fixtures/nordic44/openipsl_record.json)."""
    import argparse
    import json
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--record-json", required=True)
    ap.add_argument("--source", default=os.path.join(here, "..", "..", "..", "shared", "data", "nordic",
                                                     "nordic44-openipsl"))
    args = ap.parse_args()
    with open(os.path.join(args.source, NETWORK_FILE), encoding="utf-8") as f:
        network_text = f.read()
    with open(os.path.join(args.source, RESULTS_FILE), encoding="utf-8") as f:
        results_text = f.read()
    net = build(network_text, results_text)
    buses = sorted(net["buses"], key=lambda b: b["bus"])
    gens = [m for m in net["machines"]]
    slack = [b["bus"] for b in buses if b["va"] == 0.0][0]
    doc = {
        "case": "nordic44",
        "source": "OpenIPSL Base_Case power-flow record (Base_Case_Data_PF_results.mo, OpenIPSL commit "
                  "2be0558ab43f8dc40f652f7390822d53ed6ae7e7, BSD-3-Clause); values printed there with 6 decimals",
        "bus": {"id": [b["bus"] for b in buses],
                "vm": [round(b["vm"], 9) for b in buses],
                "va_deg": [round(math.degrees(b["va"]), 9) for b in buses]},
        "slack": {"bus": slack,
                  "pg_mw": round(sum(m["p"] for m in gens if m["bus"] == slack) / 1e6, 6),
                  "qg_mvar": round(sum(m["q"] for m in gens if m["bus"] == slack) / 1e6, 6)},
    }
    tmp = args.record_json + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join("  %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in doc.items()) + "\n}\n")
    os.replace(tmp, args.record_json)


if __name__ == "__main__":
    _main()
