#!/usr/bin/env python3
"""Side-by-side WPT figures: Aperture's results (the table `./mach test` or `./mach wpt` prints
on stdout, saved to a file) beside headless Chromium's (the JSON `./mach wpt-chromium --out`
writes), per directory, over the test URLs Aperture ran.

    python3 wpt/compare.py APERTURE_TABLE CHROMIUM_JSON [--depth N] [--markdown]
"""

import argparse
import json
import re
from collections import defaultdict

ROW = re.compile(r"^(OK|ERROR|TIMEOUT|CRASH|PRECONDITION_FAILED)\s+(\d+)/(\d+)\s+\d+\s+(/\S+)")


def directory(path, depth):
    parts = path.split("?")[0].strip("/").split("/")[:-1]
    return "/".join(parts[:depth]) or "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("aperture")
    parser.add_argument("chromium")
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()

    aperture = {}
    with open(args.aperture, errors="replace") as f:
        for line in f:
            m = ROW.match(line)
            if m:
                aperture[m.group(4)] = (int(m.group(2)), int(m.group(3)))
    chromium = {}
    for url, result in json.load(open(args.chromium)).items():
        path = "/" + url.split("://", 1)[-1].split("/", 1)[-1]
        chromium[path] = (result["passed"], result["total"])

    rows = defaultdict(lambda: [0, 0, 0, 0, 0])
    for path, (passed, total) in aperture.items():
        row = rows[directory(path, args.depth)]
        row[0] += passed
        row[1] += total
        c_passed, c_total = chromium.get(path, (0, 0))
        row[2] += c_passed
        row[3] += c_total
        row[4] += 1
    totals = [sum(r[i] for r in rows.values()) for i in range(5)]
    if args.markdown:
        print("| directory | test URLs | Aperture | headless Chromium |")
        print("|---|---|---|---|")
        for name, (p, t, cp, ct, n) in sorted(rows.items()):
            print(f"| `{name}` | {n} | {p} / {t} | {cp} / {ct} |")
        print(f"| all | {totals[4]} | {totals[0]} / {totals[1]} | {totals[2]} / {totals[3]} |")
    else:
        print(f"{'directory':45} {'urls':>5} {'Aperture':>15} {'Chromium':>15}")
        for name, (p, t, cp, ct, n) in sorted(rows.items()):
            print(f"{name:45} {n:5} {p:7}/{t:<7} {cp:7}/{ct:<7}")
        print(f"{'all':45} {totals[4]:5} {totals[0]:7}/{totals[1]:<7} {totals[2]:7}/{totals[3]:<7}")


if __name__ == "__main__":
    main()
