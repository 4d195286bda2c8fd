# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Shared helpers for the ring checkers in tools/check/.

Every checker takes --root DIR (default: this repository) so it can run on
the planted-violation trees under tests/check/fixtures/.  Paths in
diagnostics are relative to the root; diagnostics are `file:line: message`.
"""
import argparse
import functools
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RINGS = ("platform", "kernel", "libs", "services", "exts")
NON_PLATFORM = ("kernel", "libs", "services", "exts")
# Never scanned: build output, and the checkers' own planted violations.
EXCLUDED_DIRS = ("build", "tests/check/fixtures")


def arg_parser(description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--root", default=str(REPO), help="tree to check (default: the repository)")
    return ap


def add_cflags_args(ap):
    ap.add_argument("--cflags", help="kernel CFLAGS (default: $KEVLAR_KCFLAGS, "
                    "else `make -s print-kcflags` in the root)")
    ap.add_argument("--workdir", default=str(REPO / "build" / "check"),
                    help="scratch directory (default: build/check)")


def source_files(root, dirs, suffixes, with_tests=False):
    """Files under root/<dirs> ending in one of `suffixes`, as sorted root-relative paths.
    Host unit tests (*_test.c) are skipped unless with_tests."""
    root = Path(root)
    out = []
    for d in dirs:
        top = root / d
        if not top.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            dirnames[:] = [n for n in dirnames
                           if not any(f"{rel_dir}/{n}" == e for e in EXCLUDED_DIRS)]
            for n in filenames:
                if not n.endswith(tuple(suffixes)):
                    continue
                if n.endswith("_test.c") and not with_tests:
                    continue
                out.append(f"{rel_dir}/{n}")
    return sorted(out)


def ring_of(relpath):
    first = relpath.split("/", 1)[0]
    return first if first in RINGS else None


def strip_comments_and_strings(text):
    """Blank out comments and the contents of string/char literals, keeping
    line and column positions (newlines survive, everything else becomes a space)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            # A backslash-newline continues a // comment.
            while end < n and text[end - 1] == "\\":
                nxt = text.find("\n", end + 1)
                end = n if nxt < 0 else nxt
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + text[j - 1:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_text(path):
    return Path(path).read_text(encoding="utf-8", errors="replace")


def kernel_cflags(root, given):
    """The kernel CFLAGS as a list: --cflags if given, else $KEVLAR_KCFLAGS
    (mk/check.mk sets it), else `make -s print-kcflags` in the root."""
    if given is not None:
        return shlex.split(given)
    if os.environ.get("KEVLAR_KCFLAGS"):
        return shlex.split(os.environ["KEVLAR_KCFLAGS"])
    try:
        res = subprocess.run(["make", "-s", "--no-print-directory", "print-kcflags"], cwd=root,
                             capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as e:
        sys.exit(f"check: `make print-kcflags` failed:\n{e.stderr}")
    return shlex.split(res.stdout.strip().splitlines()[-1])


GCC_INCLUDE = re.compile(r"/gcc(-cross)?/[^/]+/[^/]+/include/?$")


@functools.lru_cache(maxsize=None)
def clang_resource_include():
    res = subprocess.run(["clang", "-print-file-name=include"], capture_output=True, text=True,
                         check=True)
    return res.stdout.strip()


def preprocessor_flags(flags, for_clang):
    """Only the flags that shape preprocessing and the language: -I, -isystem,
    -D, -U, -include, -std, -nostdinc, -ffreestanding, -m64/-m32.  Code
    generation and warning flags are gcc's business.  For clang tools, gcc's
    own header directory is replaced by clang's resource include dir."""
    out = []
    it = iter(flags)
    for f in it:
        for opt in ("-I", "-isystem", "-D", "-U", "-include", "-iquote"):
            if f == opt:
                val = next(it, "")
                break
            if f.startswith(opt) and opt in ("-I", "-D", "-U"):
                val = f[len(opt):]
                f = opt
                break
        else:
            if f.startswith("-std=") or f in ("-nostdinc", "-ffreestanding", "-m64", "-m32"):
                out.append(f)
            continue
        if f == "-isystem" and for_clang and GCC_INCLUDE.search(val):
            val = clang_resource_include()
        out += [f, val]
    return out


def report(diags, name):
    """Print sorted `file:line: message` diagnostics; return the exit status."""
    for d in sorted(set(diags), key=_diag_key):
        print(d)
    if diags:
        print(f"check-{name}: {len(set(diags))} violation(s)", file=sys.stderr)
        return 1
    return 0


def _diag_key(d):
    m = re.match(r"([^:]*):(\d+):", d)
    return (m.group(1), int(m.group(2)), d) if m else (d, 0, d)
