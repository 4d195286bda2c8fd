#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Forbidden constructs outside platform/ (ring rule 2).

In kernel/ libs/ services/ exts/ (comments and string literals stripped):
asm in any spelling, `volatile`, arch macros and arch builtins (code binds
to an arch through same-named headers, never by #ifdef), assembly sources,
__force casts to pointer types (they launder __user/__iomem past sparse),
and casts from integers to pointers.  Integer-to-pointer casts are found by
clang-tidy's performance-no-int-to-ptr on every non-platform .c file (with
diagnostics from non-platform headers counted too); that check skips casts
of integer literals, so `(T *)0x1000` is matched textually here as well.
NOLINT comments cannot silence the check: clang-tidy reads every project
file through a VFS overlay in which `NOLINT` is defused.
usage: forbidden.py [--root DIR] [--cflags FLAGS] [--workdir DIR] [--jobs N] [--no-tidy]
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True
import checklib  # noqa: E402

TOKENS = {
    "asm": "inline assembly", "__asm__": "inline assembly", "__asm": "inline assembly",
    "volatile": "`volatile` (MMIO and asm belong to platform/; use READ_ONCE/WRITE_ONCE)",
    "__volatile__": "`volatile` (MMIO and asm belong to platform/)",
    "__volatile": "`volatile` (MMIO and asm belong to platform/)",
}
TOKEN_RE = re.compile(r"\b(" + "|".join(TOKENS) + r")\b")
ARCH_MACRO_RE = re.compile(r"\b(__x86_64__|__x86_64|__amd64__|__amd64|__i386__|__i386|"
                           r"__aarch64__|__arm__|__arm64__|__riscv|_M_X64|_M_ARM64|"
                           r"CONFIG_ARCH_(?!NAME\b)\w+)\b")
# A __force cast to a pointer type strips __user/__iomem, bypassing usercopy
# and sparse; only platform/ may do that.  (__force to an integer type, as in
# __bitwise endian helpers, stays allowed.)
FORCE_PTR_CAST_RE = re.compile(r"\([^()]*\b__force\b[^()]*\*[\s*]*(?:const\s*)?\)")
ARCH_BUILTIN_RE = re.compile(r"\b(__builtin_(?:ia32|arm|aarch64)_\w+)\b")
# (T *) / (const struct x **) followed by an integer literal; `(T *)0` is NULL.
LITERAL_CAST_RE = re.compile(
    r"\(\s*(?:(?:const|volatile|restrict|struct|union|enum|signed|unsigned|short|long)\s+)*"
    r"[A-Za-z_]\w*(?:\s+(?:const|volatile|restrict|char|int|long))*\s*"
    r"\*[\s*]*(?:(?:const|volatile|restrict)[\s*]*)*\)"
    r"[\s(]*[-+~]?\s*(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\b")

# The one sanctioned integer-to-pointer cast outside platform/: ERR_PTR
# encodes an errno in a pointer that is only ever tested with IS_ERR and
# decoded with PTR_ERR, never dereferenced.  Keyed by file and function.
ALLOWED_CASTS = {("libs/klib/include/klib/errno.h", "ERR_PTR")}

ASM_VOLATILE_RE = re.compile(r"\b(asm|__asm__|__asm)\s+\w*volatile\w*$")
INCLUDE_RE = re.compile(r"^\s*#\s*include")
TIDY_DIAG_RE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
                          r"(?P<sev>warning|error|fatal error): (?P<msg>.*?)"
                          r"(?: \[(?P<check>[^\]]+)\])?$")


def text_checks(root, rel):
    diags = []
    if rel.endswith((".S", ".s")):
        return [f"{rel}:1: assembly source outside platform/"]
    text = checklib.strip_comments_and_strings(checklib.read_text(root / rel))
    for no, line in enumerate(text.splitlines(), 1):
        if INCLUDE_RE.match(line):
            continue  # <asm/...> and <asm-generic/...> are UAPI header names
        for m in TOKEN_RE.finditer(line):
            if "volatile" in m.group(1) and ASM_VOLATILE_RE.search(line[:m.end()]):
                continue  # `asm volatile(...)`: the asm is the violation
            diags.append(f"{rel}:{no}: {m.group(1)}: {TOKENS[m.group(1)]} "
                         "is forbidden outside platform/")
        for m in ARCH_MACRO_RE.finditer(line):
            diags.append(f"{rel}:{no}: arch macro {m.group(1)} outside platform/ "
                         "(bind to an arch through same-named headers, never #ifdef)")
        for m in FORCE_PTR_CAST_RE.finditer(line):
            diags.append(f"{rel}:{no}: `{m.group(0)}`: a __force pointer cast outside platform/ "
                         "launders an address space; use usercopy or a platform helper")
        for m in ARCH_BUILTIN_RE.finditer(line):
            diags.append(f"{rel}:{no}: arch builtin {m.group(1)} outside platform/")
        for m in LITERAL_CAST_RE.finditer(line):
            if literal_value(m.group(1)) != 0 and not allowed_cast(root, rel, no):
                diags.append(f"{rel}:{no}: integer-to-pointer cast `{m.group(0).strip()}` "
                             "outside platform/")
    return diags


def literal_value(lit):
    base = 16 if lit[:2] in ("0x", "0X") else 8 if lit.startswith("0") and len(lit) > 1 else 10
    try:
        return int(lit, base)
    except ValueError:
        return -1  # malformed (08): not NULL, so still a cast to report


_func_ranges = {}


def allowed_cast(root, rel, line):
    """True if rel:line lies inside an allowlisted function's body."""
    for f, func in ALLOWED_CASTS:
        if f != rel:
            continue
        key = (rel, func)
        if key not in _func_ranges:
            _func_ranges[key] = function_lines(root / rel, func)
        lo, hi = _func_ranges[key]
        if lo <= line <= hi:
            return True
    return False


def function_lines(path, func):
    """(first, last) line of the definition of `func` in path, or (0, -1)."""
    if not path.is_file():
        return 0, -1
    text = checklib.strip_comments_and_strings(checklib.read_text(path))
    m = re.search(r"\b" + re.escape(func) + r"\s*\([^;{)]*\)\s*\{", text)
    if not m:
        return 0, -1
    depth, i = 0, m.end() - 1
    while i < len(text):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            break
        i += 1
    return text.count("\n", 0, m.start()) + 1, text.count("\n", 0, i) + 1


def nolint_overlay(root, workdir):
    """A clang VFS overlay mapping each project file that mentions NOLINT to a
    copy where the marker is defused, so clang-tidy cannot be silenced."""
    copies = workdir / "nolint"
    shutil.rmtree(copies, ignore_errors=True)
    entries = []
    for rel in checklib.source_files(root, checklib.RINGS, (".c", ".h"), with_tests=True):
        text = checklib.read_text(root / rel)
        if "NOLINT" not in text:
            continue
        dst = copies / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(text.replace("NOLINT", "NOL1NT"), encoding="utf-8")
        entries.append({"type": "file", "name": str((root / rel).resolve()),
                        "external-contents": str(dst.resolve())})
    overlay = workdir / "nolint-overlay.json"
    overlay.write_text(json.dumps({"version": 0, "use-external-names": False,
                                   "case-sensitive": True, "roots": entries}))
    return overlay


def tidy_one(root, rel, flags, overlay):
    absroot = str(root.resolve())
    # Header paths come out relative (-Ikernel/include) or absolute ("x.h").
    headers = "^(" + re.escape(absroot) + "/)?(" + "|".join(checklib.NON_PLATFORM) + ")/"
    cmd = ["clang-tidy", "--quiet", f"--vfsoverlay={overlay}",
           "--checks=-*,performance-no-int-to-ptr", "--warnings-as-errors=*",
           f"--header-filter={headers}", rel, "--"] + flags
    res = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    out, parsed = [], False
    for line in (res.stdout + res.stderr).splitlines():
        m = TIDY_DIAG_RE.match(line)
        if not m:
            continue
        parsed = True
        path = os.path.normpath(os.path.join(absroot, m.group("file")))
        shown = os.path.relpath(path, absroot)
        check = m.group("check") or ""
        if "performance-no-int-to-ptr" in check:
            if checklib.ring_of(shown) in checklib.NON_PLATFORM and not shown.startswith("..") \
                    and not allowed_cast(root, shown, int(m.group("line"))):
                out.append(f"{shown}:{m.group('line')}: integer-to-pointer cast outside platform/ "
                           f"(clang-tidy performance-no-int-to-ptr)")
        elif m.group("sev") != "warning":
            out.append(f"{shown}:{m.group('line')}: clang-tidy cannot compile {rel}: "
                       f"{m.group('msg')}")
    if res.returncode != 0 and not parsed:
        tail = (res.stderr or res.stdout).strip().splitlines()[-3:]
        out.append(f"{rel}:1: clang-tidy failed (status {res.returncode}): {' | '.join(tail)}")
    return out


def main():
    ap = checklib.arg_parser(__doc__.splitlines()[0])
    checklib.add_cflags_args(ap)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-tidy", action="store_true", help="textual checks only")
    args = ap.parse_args()
    root = Path(args.root)
    diags = []
    files = checklib.source_files(root, checklib.NON_PLATFORM, (".c", ".h", ".S", ".s"))
    for rel in files:
        diags += text_checks(root, rel)
    cfiles = [f for f in files if f.endswith(".c")]
    if not args.no_tidy and cfiles:
        flags = checklib.preprocessor_flags(checklib.kernel_cflags(root, args.cflags), True)
        workdir = Path(args.workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        overlay = nolint_overlay(root, workdir)
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            for out in pool.map(lambda f: tidy_one(root, f, flags, overlay.resolve()), cfiles):
                diags += out
    return checklib.report(diags, "forbidden")


if __name__ == "__main__":
    sys.exit(main())
