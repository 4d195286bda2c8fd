#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""sparse over every ring's .c files (ring rule 3), zero warnings allowed.

sparse defines __CHECKER__, which turns klib/compiler.h's __user, __iomem,
__force, __bitwise and lock-context annotations into real address spaces
and contexts.  Only preprocessor flags are passed (sparse does not know all
of gcc's code-generation flags).  All of sparse's warnings are on, minus
the ones that flag valid kernel C rather than bugs.  Any warning or error
fails the check.
usage: sparse.py [--root DIR] [--cflags FLAGS] [--jobs N]
"""
import concurrent.futures
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True
import checklib  # noqa: E402

SPARSE_FLAGS = [
    "-Wsparse-all",
    # Always on, named here because they are the point of the exercise:
    "-Waddress-space", "-Wcast-to-as", "-Wcast-from-as", "-Wbitwise", "-Wbitwise-pointer",
    "-Wcontext", "-Wdecl",
    # Valid kernel C, not bugs:
    "-Wno-constant-suffix",              # 0xffff800000000000 "is so big it is unsigned long"
    "-Wno-declaration-after-statement",  # C11
    "-Wno-ptr-subtraction-blows",        # pointer differences of non-power-of-2 structs
    "-Wno-shadow", "-Wno-typesign", "-Wno-pedantic",
    "-Wno-unknown-attribute",            # gcc attributes sparse has not learned yet
]


def run_one(root, rel, flags):
    res = subprocess.run(["sparse"] + flags + SPARSE_FLAGS + [rel], cwd=root,
                         capture_output=True, text=True)
    lines = [l for l in (res.stdout + res.stderr).splitlines() if l.strip()]
    bad = [l for l in lines if ": warning:" in l or ": error:" in l]
    if res.returncode != 0 and not bad:
        bad = [f"{rel}:1: sparse failed (status {res.returncode})"]
    # Keep sparse's context lines ("in included file", "expected ...") with the warnings.
    return lines if bad else []


def main():
    ap = checklib.arg_parser(__doc__.splitlines()[0])
    checklib.add_cflags_args(ap)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    root = Path(args.root)
    files = checklib.source_files(root, checklib.RINGS, (".c",))
    flags = checklib.preprocessor_flags(checklib.kernel_cflags(root, args.cflags), False)
    warnings = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for out in pool.map(lambda f: run_one(root, f, flags), files):
            for line in out:
                print(line)
                warnings += ": warning:" in line or ": error:" in line or "sparse failed" in line
    if warnings:
        print(f"check-sparse: {warnings} warning(s)/error(s) in {len(files)} files "
              "(zero allowed)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
