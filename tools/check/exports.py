#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Link-time export check (ring rule 4).

The build links each ring into one relocatable, BUILD/ring-<ring>.o.  A
ring EXPORTS the functions and extern variables declared in its public
headers (found with clang's AST, keeping only declarations located in those
headers) that its object also defines.  Each ring's undefined symbols
(`nm -u`) must be exported by a ring it may call:

  platform  libs, plus the upcalls declared in platform/include/platform/upcall.h
            (and symbols its linker script or extra objects such as ksyms.o define)
  kernel    platform, libs
  libs      libs, plus libs/kevlar_vfs/include/kevlar_vfs/service.h (kernel implements it)
  services  libs (service.h included)
  exts      kernel, platform, libs
  any ring  compiler-emitted runtime calls platform exports (__stack_chk_fail)

Calls between two services or two drivers are caught from their own objects
(BUILD/obj/services/<name>/...), as one ring object hides them.

usage: exports.py [--root DIR] --build DIR [--cflags FLAGS] [--arch x64]
                  [--ldscript FILE] [--platform-extra OBJ ...]
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.setrecursionlimit(100000)  # deep ASTs in the JSON walk
import checklib  # noqa: E402

UPCALL_H = "platform/include/platform/upcall.h"
SERVICE_H = "libs/kevlar_vfs/include/kevlar_vfs/service.h"
CALLEES = {"platform": ["libs"], "kernel": ["platform", "libs"], "libs": ["libs"],
           "services": ["libs"], "exts": ["kernel", "platform", "libs"]}
# Symbols the compiler emits calls to in any ring (fortress: stack protector).
# Platform exports them; every ring may use them, as no source names them.
COMPILER_RUNTIME = {"__stack_chk_fail", "__stack_chk_guard"}
LDSCRIPT_SYM_RE = re.compile(r"(?:PROVIDE(?:_HIDDEN)?\s*\(\s*)?\b([A-Za-z_][\w$]*)\s*=[^=]")


def public_dirs(root, ring, arch):
    if ring == "platform":
        return ["platform/include", f"platform/{arch}/include"]
    if ring == "kernel":
        return ["kernel/include"]
    if ring == "libs":
        return sorted(p.relative_to(root).as_posix() for p in (root / "libs").glob("*/include"))
    if ring == "exts":  # driver libraries (the virtio transport) export to other drivers
        return sorted(p.relative_to(root).as_posix() for p in (root / "exts").glob("*/include"))
    return []


def declared(root, ring, arch, flags, workdir):
    """{name: public header} of the functions and extern variables declared in
    the ring's public headers."""
    dirs = public_dirs(root, ring, arch)
    headers = [h for d in dirs for h in checklib.source_files(root, [d], (".h",))]
    if not headers:
        return {}
    tu = workdir / f"exports-{ring}.c"
    tu.write_text("".join(f'#include "{(root / h).resolve()}"\n' for h in headers))
    res = subprocess.run(["clang", "-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump=json"]
                         + flags + [str(tu.resolve())], cwd=root, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"check-exports: {ring}'s public headers do not compile together:\n{res.stderr}")
    ast = json.loads(res.stdout)
    out = {}
    absroot = str(root.resolve())
    state = {"file": None}

    def walk_loc(loc):
        # clang's JSON names a location's file only when it changes from the
        # previously printed location, so track it in document order.
        if isinstance(loc, dict):
            if "offset" in loc and "file" in loc:
                state["file"] = loc["file"]
            for k, v in loc.items():
                if k != "includedFrom":
                    walk_loc(v)
        elif isinstance(loc, list):
            for v in loc:
                walk_loc(v)

    for node in ast.get("inner", []):
        walk_loc(node.get("loc"))
        where = state["file"]
        walk_loc({k: v for k, v in node.items() if k != "loc"})
        if not where or node.get("isImplicit") or node.get("storageClass") == "static":
            continue
        if node.get("kind") not in ("FunctionDecl", "VarDecl") or "name" not in node:
            continue
        rel = os.path.relpath(os.path.normpath(os.path.join(absroot, where)), absroot)
        if any(rel.startswith(d + "/") for d in dirs):
            out.setdefault(node["name"], rel)
    return out


def nm(obj, undefined):
    res = subprocess.run(["nm", "-P", "-u" if undefined else "--defined-only", str(obj)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"check-exports: nm {obj} failed: {res.stderr.strip()}")
    syms = set()
    for line in res.stdout.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if undefined or (kind.isupper() and kind != "U"):
            syms.add(name)
    return syms


def ldscript_symbols(path):
    text = checklib.strip_comments_and_strings(checklib.read_text(path))
    return {m.group(1) for m in LDSCRIPT_SYM_RE.finditer(text)}


def use_line(root, src, sym):
    """The line of src that uses sym, preferring a use over a local prototype."""
    if not (root / src).is_file():
        return 1
    text = checklib.strip_comments_and_strings(checklib.read_text(root / src))
    lines = text.splitlines()
    uses = [text.count("\n", 0, m.start()) + 1
            for m in re.finditer(r"\b" + re.escape(sym) + r"\b", text)]
    proto = re.compile(r"^\s*(?!return\b|else\b|case\b)[A-Za-z_][\w\s]*[\s*]"
                       + re.escape(sym) + r"\b.*;\s*$")
    calls = [n for n in uses if not proto.match(lines[n - 1])]
    return (calls or uses or [1])[0]


def source_of(build, obj):
    return obj.relative_to(build / "obj").as_posix()[:-2]  # kernel/x.c.o -> kernel/x.c


def referencing_source(root, build, ring, sym):
    """`src:line` of a ring source whose object references sym, if findable."""
    objdir = build / "obj" / ring
    for obj in sorted(objdir.rglob("*.o")) if objdir.is_dir() else []:
        if sym in nm(obj, True):
            src = source_of(build, obj)
            return f"{src}:{use_line(root, src, sym)}"
    return None


def sideways(root, build, ring, public=None):
    """Diagnostics for calls between two services (or two drivers): one ring
    object hides them, so look at each member's own objects.  `public`: the
    ring's own exports ({symbol: header}); a driver may call what another
    driver declares in its public headers (exts/<m>/include) and defines."""
    public = public or {}
    groups = {}
    for obj in sorted((build / "obj" / ring).rglob("*.o")):
        parts = obj.relative_to(build / "obj").parts
        if len(parts) > 2:
            groups.setdefault(parts[1], []).append(obj)
    defs = {g: set().union(*(nm(o, False) for o in objs)) for g, objs in groups.items()}
    diags = []
    for g, objs in groups.items():
        for obj in objs:
            for sym in sorted(nm(obj, True) - defs[g]):
                for other in sorted(o for o in defs if o != g and sym in defs[o]):
                    if public.get(sym, "").startswith(f"{ring}/{other}/include/"):
                        continue
                    src = source_of(build, obj)
                    where = f"{src}:{use_line(root, src, sym)}"
                    diags.append(f"{where}: {ring}/{g} references `{sym}`, defined in "
                                 f"{ring}/{other} (sideways call)")
    return diags


def main():
    ap = checklib.arg_parser(__doc__.splitlines()[0])
    checklib.add_cflags_args(ap)
    ap.add_argument("--build", required=True, help="build dir holding ring-<ring>.o")
    ap.add_argument("--arch", default="x64")
    ap.add_argument("--ldscript", help="linker script whose symbols platform may use")
    ap.add_argument("--platform-extra", nargs="*", default=[],
                    help="objects linked beside the rings whose symbols are platform's (ksyms.o)")
    args = ap.parse_args()
    root, build = Path(args.root), Path(args.build)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    flags = checklib.preprocessor_flags(checklib.kernel_cflags(root, args.cflags), True)

    defined, undefined, decls, exports = {}, {}, {}, {}
    for ring in checklib.RINGS:
        obj = build / f"ring-{ring}.o"
        if not obj.is_file():
            sys.exit(f"check-exports: {obj} is missing (build the kernel first)")
        defined[ring] = nm(obj, False)
        undefined[ring] = nm(obj, True)
        decls[ring] = declared(root, ring, args.arch, flags, workdir)
    # Symbols the final link adds beside the rings belong to platform.
    link_syms = ldscript_symbols(args.ldscript) if args.ldscript else set()
    for extra in args.platform_extra:
        link_syms |= nm(extra, False)
    defined["platform"] |= link_syms
    for ring in checklib.RINGS:
        exports[ring] = {s for s in decls[ring] if s in defined[ring]}
    upcalls = {s for s, h in decls["platform"].items() if h == UPCALL_H}
    service_api = {s for s, h in decls["libs"].items() if h == SERVICE_H}

    diags = []
    for ring in checklib.RINGS:
        allowed = set().union(*(exports[c] for c in CALLEES[ring]))
        allowed |= COMPILER_RUNTIME & exports["platform"]
        if ring == "platform":
            allowed |= upcalls | link_syms
        if ring in ("libs", "services"):
            allowed |= service_api
        for sym in sorted(undefined[ring] - allowed):
            owners = [r for r in checklib.RINGS if sym in defined[r]]
            if not owners:
                why = "is not defined by any ring"
            elif owners[0] in CALLEES[ring] or owners[0] == ring:
                why = (f"is defined in {owners[0]}/ but not declared in its public headers "
                       f"({', '.join(public_dirs(root, owners[0], args.arch)) or 'none'})")
            else:
                why = f"is defined in {owners[0]}/, which {ring}/ may not call"
            where = referencing_source(root, build, ring, sym) or f"{build / f'ring-{ring}.o'}:1"
            diags.append(f"{where}: {ring}/ references `{sym}`, which {why}")
    for ring in ("services", "exts"):
        diags += sideways(root, build, ring, decls[ring] if ring == "exts" else None)
    return checklib.report(diags, "exports")


if __name__ == "__main__":
    sys.exit(main())
