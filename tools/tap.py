#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Count results in TAP or KTAP output.

Leaf results only: in KTAP a suite's own `ok N name` line follows its
indented subtests and is not counted again.  A `# SKIP` result counts as
skipped.  A plan (`1..N`, leading as in KTAP or trailing as TAP allows) that
promised more results than arrived (a crash mid-run) counts the missing
ones as failures.

usage: tap.py NAME FILE   -> prints failing lines (each with up to
       DIAG_MAX of the `#` diagnostic lines that follow it, so that a CI
       log read from afar says how a test failed), then
       "NAME: P passed, F failed[, S skipped]" and exits 1 if F > 0
"""
import re
import sys

RESULT = re.compile(r"^(\s*)(not ok|ok)\b\s*(\d+)?\s*-?\s*(.*)$")
PLAN = re.compile(r"^(\s*)1\.\.(\d+)")
DIAG = re.compile(r"^\s*#")
DIAG_MAX = 12


def count(lines):
    passed = failed = skipped = 0
    failures = []
    prev_indent = None
    plans = {}    # indent -> promised count (latest plan at that depth)
    seen = {}     # indent -> results since that plan
    trailing_ok = set()  # depths whose results were closed by a parent line
    diag = None   # the last failure's diagnostics, while they follow it
    for line in lines:
        line = line.rstrip("\r\n")
        if diag is not None and DIAG.match(line):
            if len(diag) < DIAG_MAX:
                diag.append(line.strip())
            continue
        diag = None
        m = PLAN.match(line)
        if m:
            ind = len(m.group(1).expandtabs())
            plans[ind] = int(m.group(2))
            if seen.get(ind, 0) == 0 or ind in trailing_ok:
                seen[ind] = 0   # a leading plan: results follow
            trailing_ok.discard(ind)
            continue
        m = RESULT.match(line)
        if not m:
            continue
        ind = len(m.group(1).expandtabs())
        seen[ind] = seen.get(ind, 0) + 1
        parent = prev_indent is not None and prev_indent > ind
        prev_indent = ind
        if parent:
            # the subtests are closed: check they all arrived
            deeper = [i for i in plans if i > ind]
            for i in deeper:
                missing = plans[i] - seen.get(i, 0)
                if missing > 0:
                    failed += missing
                    failures.append(f"{missing} result(s) missing before: {line.strip()}")
                del plans[i]
            for i in [i for i in seen if i > ind]:
                seen[i] = 0
                trailing_ok.add(i)
            continue
        desc = m.group(4)
        if "# SKIP" in desc.upper():
            skipped += 1
        elif m.group(2) == "ok":
            passed += 1
        else:
            failed += 1
            diag = []
            failures.append((line.strip(), diag))
    for i, promised in plans.items():
        missing = promised - seen.get(i, 0)
        if missing > 0:
            failed += missing
            failures.append(f"{missing} result(s) missing at the end (plan 1..{promised})")
    return passed, failed, skipped, failures


def main():
    name, path = sys.argv[1], sys.argv[2]
    with open(path, errors="replace") as f:
        p, fl, s, failures = count(f)
    for x in failures:
        x, diag = x if isinstance(x, tuple) else (x, [])
        print(f"  FAIL {name}: {x}")
        for d in diag:
            print(f"      {d}")
    extra = f", {s} skipped" if s else ""
    print(f"{name}: {p} passed, {fl} failed{extra}")
    sys.exit(1 if fl else 0)


if __name__ == "__main__":
    main()
