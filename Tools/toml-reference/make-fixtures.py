#!/usr/bin/env python3
"""Expected results for Kraft's TOML parser, from an independent implementation: Python's
tomllib (3.11+ standard library, TOML 1.0).

    Tools/toml-reference/make-fixtures.py        # rewrites Tests/Fixtures/toml/*.json

Writes two fixture files that Tests/KraftScenarioTests/TOMLReferenceTests.swift reads:

- Tests/Fixtures/toml/documents.json: every hand-written document in Tests/Fixtures/toml/valid/
  and invalid/ with what tomllib makes of it; the script stops if tomllib disagrees with the
  folder a document is in.
- Tests/Fixtures/toml/differential.json: a few hundred generated documents (seeded, so the file
  is reproducible): random valid documents written with varied syntax, and random edits of them
  that tomllib may or may not accept.

An expected result is the canonical text of the parsed tree (`canonical` below; the Swift test
writes Kraft's tree the same way), or null when the document must be rejected. Where TOML 1.0
requires an error that tomllib does not give, the script says so and expects an error:
- an integer outside the 64-bit range (tomllib returns a Python int of any size; TOML 1.0:
  "If an integer cannot be represented losslessly, an error must be thrown").
"""
import datetime
import json
import math
import pathlib
import random
import struct
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests/Fixtures/toml"


class Unrepresentable(Exception):
    """A value TOML 1.0 says a parser must reject although tomllib accepts it."""


def quote(s):
    out = ['"']
    for ch in s:
        cp = ord(ch)
        out.append(ch if 0x20 <= cp < 0x7F and ch not in '"\\' else "\\u{%X}" % cp)
    out.append('"')
    return "".join(out)


def fraction(us):
    return ".%06d" % us


def canonical(v):
    """The canonical text of a parsed value; TOMLReferenceTests.canonical writes the same."""
    if isinstance(v, dict):
        keys = sorted(v)  # by code point, as the Swift side sorts
        return "{" + ",".join(quote(k) + ":" + canonical(v[k]) for k in keys) + "}"
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        if not -(2**63) <= v < 2**63:
            raise Unrepresentable("integer outside the 64-bit range")
        return "i%d" % v
    if isinstance(v, float):
        return "fnan" if math.isnan(v) else "f" + struct.pack(">d", v).hex()
    if isinstance(v, str):
        return "s" + quote(v)
    if isinstance(v, datetime.datetime):
        text = "%04d-%02d-%02dT%02d:%02d:%02d%s" % (v.year, v.month, v.day, v.hour, v.minute, v.second, fraction(v.microsecond))
        if v.tzinfo is None:
            return "ldt:" + text
        minutes = int(v.utcoffset().total_seconds()) // 60
        return "odt:" + text + "%s%02d:%02d" % ("-" if minutes < 0 else "+", abs(minutes) // 60, abs(minutes) % 60)
    if isinstance(v, datetime.date):
        return "d:%04d-%02d-%02d" % (v.year, v.month, v.day)
    if isinstance(v, datetime.time):
        return "t:%02d:%02d:%02d%s" % (v.hour, v.minute, v.second, fraction(v.microsecond))
    raise TypeError(type(v))


def expected(text):
    try:
        return canonical(tomllib.loads(text))
    except tomllib.TOMLDecodeError:
        return None
    except Unrepresentable:
        return None


# ---- Generated documents -------------------------------------------------------------------

BARE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def gen_key(r):
    roll = r.random()
    if roll < 0.75:
        return "".join(r.choice(BARE) for _ in range(r.randint(1, 8)))
    name = "".join(r.choice("ab c.d=é€😀\"'\\#[]") for _ in range(r.randint(0, 6)))
    if roll < 0.9 and "'" not in name:
        return "'" + name + "'"
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gen_int(r):
    n = r.choice([0, 1, -1, 7, 42, 2**63 - 1, -(2**63), r.randint(-10**12, 10**12), r.randint(0, 255)])
    form = r.random()
    if n >= 0 and form < 0.1:
        return hex(n) if r.random() < 0.5 else hex(n).upper().replace("0X", "0x")
    if n >= 0 and form < 0.15:
        return "0o%o" % n
    if n >= 0 and form < 0.2:
        return "0b" + bin(n)[2:]
    text = str(n)
    if form < 0.35 and len(text.lstrip("-")) > 3:
        digits = text.lstrip("-")
        text = ("-" if n < 0 else "") + "_".join(reversed([digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)]))
    if n > 0 and form > 0.9:
        text = "+" + text
    return text


def gen_float(r):
    return r.choice([
        "%d.%d" % (r.randint(-999, 999), r.randint(0, 999)),
        "%de%d" % (r.randint(-9, 9), r.randint(-30, 30)),
        "%d.%02dE+%02d" % (r.randint(0, 9), r.randint(0, 99), r.randint(0, 300)),
        "6.626e-34", "-0.0", "+0.0", "1_000.000_1", "inf", "-inf", "+inf", "nan", "-nan", "+nan",
        "1e308", "2.2250738585072014e-308", "4.9e-324", "0.1", "3.14159", "1e0", "0e0",
    ])


def gen_date(r):
    y = r.choice([1979, 2000, 2024, 1900, 2100, r.randint(1, 9999)])
    m = r.randint(1, 12)
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    d = r.choice([1, days, r.randint(1, days)])
    return "%04d-%02d-%02d" % (y, m, d)


def gen_time(r):
    t = "%02d:%02d:%02d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))
    if r.random() < 0.4:
        t += "." + "".join(r.choice("0123456789") for _ in range(r.randint(1, 9)))
    return t


def gen_datetime(r):
    kind = r.randint(0, 3)
    if kind == 0:
        return gen_date(r)
    if kind == 1:
        return gen_time(r)
    text = gen_date(r) + r.choice("Tt ") + gen_time(r)
    if kind == 3:
        text += r.choice(["Z", "z", "+00:00", "-07:00", "+05:30", "+%02d:%02d" % (r.randint(0, 23), r.randint(0, 59))])
    return text


def gen_string(r):
    pieces = r.choices(["a", "b", " ", "é", "€", "😀", "\\n", "\\t", "\\\\", '\\"', "\\u00E9", "\\U0001F600", "#", "'", "=", "[", "]"], k=r.randint(0, 8))
    form = r.random()
    if form < 0.6:
        return '"' + "".join(pieces) + '"'
    raw = "".join(p for p in pieces if "\\" not in p and p != "'")
    if form < 0.8:
        return "'" + raw + "'"
    if form < 0.9:
        body = "".join(pieces).replace('"', "")
        return '"""' + r.choice(["", "\n", "\r\n"]) + body + r.choice(["", "\\\n   ", "\n", "\"", "\"\""]) + body + '"""'
    return "'''" + r.choice(["", "\n"]) + raw + r.choice(["", "\n", "'", "''"]) + "'''"


def gen_scalar(r):
    return r.choice([gen_int, gen_float, gen_string, gen_datetime, lambda r: r.choice(["true", "false"])])(r)


def gen_value(r, depth):
    roll = r.random()
    if depth < 3 and roll < 0.15:
        items = [gen_value(r, depth + 1) for _ in range(r.randint(0, 4))]
        sep = r.choice([", ", ",", " , ", ",\n  ", ", # note\n  "])
        return "[" + r.choice(["", " ", "\n  "]) + sep.join(items) + r.choice(["", ",", " ", ",\n"]) + "]"
    if depth < 3 and roll < 0.25:
        entries = [gen_key(r) + r.choice(["=", " = "]) + gen_value(r, depth + 1) for _ in range(r.randint(0, 3))]
        return "{" + r.choice(["", " "]) + ", ".join(entries) + r.choice(["", " "]) + "}"
    return gen_scalar(r)


def gen_document(r):
    lines = []
    if r.random() < 0.3:
        lines.append("# generated " + r.choice(["", "é", "tab\there"]))
    for _ in range(r.randint(0, 4)):
        key = ".".join(gen_key(r) for _ in range(r.choice([1, 1, 1, 2, 3])))
        lines.append(key + r.choice([" = ", "=", "\t=\t"]) + gen_value(r, 0) + r.choice(["", "  # c"]))
    for _ in range(r.randint(0, 4)):
        name = r.choice([" . ", "."]).join(gen_key(r) for _ in range(r.choice([1, 1, 2, 3])))
        lines.append(r.choice(["[%s]", "[[%s]]", "[ %s ]", "[[%s]]"]) % name)
        for _ in range(r.randint(0, 3)):
            key = ".".join(gen_key(r) for _ in range(r.choice([1, 1, 2])))
            lines.append(r.choice(["", "  "]) + key + " = " + gen_value(r, 0))
    return r.choice(["\n", "\n", "\r\n"]).join(lines) + r.choice(["", "\n"])


MUTATION_CHARS = list("=[]{}.,\"'#\\ \t\n\r_+-:eE0123456789TZxob") + ["é", "\x00", "\x7f", '"""', "'''", "]]", "[[", "\r\n"]


def mutate(r, text):
    chars = list(text)
    for _ in range(r.randint(1, 3)):
        i = r.randint(0, len(chars))
        op = r.random()
        if op < 0.4 and chars:
            del chars[min(i, len(chars) - 1)]
        elif op < 0.7:
            chars.insert(i, r.choice(MUTATION_CHARS))
        elif chars:
            chars[min(i, len(chars) - 1)] = r.choice(MUTATION_CHARS)
    return "".join(chars)


def main():
    documents = []
    for folder, should_parse in (("valid", True), ("invalid", False)):
        for path in sorted((FIXTURES / folder).glob("*.toml")):
            text = path.read_bytes().decode("utf-8")
            result = expected(text)
            if (result is not None) != should_parse:
                sys.exit(f"{path}: tomllib {'rejects' if result is None else 'accepts'} it, but it is in {folder}/")
            documents.append({"name": f"{folder}/{path.name}", "toml": text, "expected": result})
    (FIXTURES / "documents.json").write_text(json.dumps(documents, indent=1, ensure_ascii=False) + "\n")

    r = random.Random(20261129)
    generated = []
    for n in range(300):
        text = gen_document(r)
        generated.append({"name": f"generated-{n}", "toml": text, "expected": expected(text)})
        edited = mutate(r, text)
        generated.append({"name": f"edited-{n}", "toml": edited, "expected": expected(edited)})
    (FIXTURES / "differential.json").write_text(json.dumps(generated, indent=1, ensure_ascii=False) + "\n")
    accepted = sum(1 for g in generated if g["expected"] is not None)
    print(f"documents.json: {len(documents)} documents; differential.json: {len(generated)} documents, "
          f"{accepted} valid, {len(generated) - accepted} invalid")


if __name__ == "__main__":
    main()
