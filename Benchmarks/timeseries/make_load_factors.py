#!/usr/bin/env python3
"""Writes load-factors-8760.csv: 8,760 hourly load scale factors for the time-series benchmark.

    python3 Benchmarks/timeseries/make_load_factors.py [OUT]

Deterministic (no random numbers, standard library only): a smooth synthetic shape, not
measured data (ASSUMPTION, made up for benchmarking). Hour 0 is 00:00 on a Monday, 1 January,
of a 365-day year. The raw shape is

    0.45 * season + 0.40 * day + 0.15 * week

with season = cos(2 pi (d - 15) / 365) (peak in mid-January, trough in mid-July), day a
two-peak daily profile (low at 04:00, a morning peak at 08:00 and a larger evening peak at
18:00), week = 1 on Monday to Friday and 0.4 at the weekend; it is then mapped linearly onto
[0.7, 1.0], so the lowest hour is 0.7 and the highest 1.0 of the case's load. Six decimals.
"""
import math
import sys
from pathlib import Path

HOURS = 8760
LOW, HIGH = 0.7, 1.0


def raw(hour: int) -> float:
    day, h = divmod(hour, 24)
    season = math.cos(2 * math.pi * (day - 15) / 365)
    daily = (-math.cos(2 * math.pi * (h - 4) / 24)
             + 0.35 * math.exp(-((h - 8) / 2.0) ** 2)
             + 0.55 * math.exp(-((h - 18) / 2.5) ** 2))
    week = 1.0 if day % 7 < 5 else 0.4
    return 0.45 * season + 0.40 * daily + 0.15 * week


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("load-factors-8760.csv")
    values = [raw(k) for k in range(HOURS)]
    lo, hi = min(values), max(values)
    lines = ["hour,factor"]
    lines += [f"{k},{LOW + (HIGH - LOW) * (v - lo) / (hi - lo):.6f}" for k, v in enumerate(values)]
    out.write_text("\n".join(lines) + "\n")
    print(f"{out}: {HOURS} factors in [{LOW}, {HIGH}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
