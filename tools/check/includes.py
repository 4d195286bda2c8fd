#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Include-graph check (ring rule 1).

Resolves every #include of every .c/.h/.S under platform/ kernel/ libs/
services/ exts/ the way the compiler would (quoted: the including file's
directory first; then the kernel's -I path), classifies the target, and
enforces who may include what:

  platform/   platform/**, libs public headers
  kernel/     kernel/**, platform/include/** (not platform/<arch>/ or private dirs), libs public
  libs/<n>/   its own lib, libs public headers
  services/<n>/  its own directory, libs public headers
  exts/<n>/   its own directory, kernel/include/**, platform/include/**, libs public,
              and another driver's public headers (exts/<m>/include/**: a driver
              library such as the virtio transport)
  everyone    compiler headers, Linux UAPI (<linux/ asm/ asm-generic/>), <generated/...>
  services/kevlar_inet/  also lwIP's headers (fetched under build/: THIRD_PARTY below)

A public header (an include/ directory) may not include a private one, and
project headers may not form include cycles.
usage: includes.py [--root DIR] [--arch x64]
"""
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True
import checklib  # noqa: E402

# Third-party code a service is built from (fetched under build/, never
# scanned, never committed: mk/lwip.mk): its include directories count as
# part of that service, and only that service's own files have them on
# their path, so any other file including one of their headers fails as
# unresolvable, and the service's files keep every other rule.
THIRD_PARTY = {
    "services/kevlar_inet": ("services/kevlar_inet/include", "build/lwip/src/src/include"),
}
COMPILER_HEADERS = {"stdint.h", "stddef.h", "stdbool.h", "stdarg.h", "stdalign.h",
                    "stdnoreturn.h", "stdatomic.h", "limits.h", "float.h", "iso646.h"}
UAPI_PREFIXES = ("linux/", "asm/", "asm-generic/")
INCLUDE_RE = re.compile(r'^[ \t]*#[ \t]*include(?:_next)?[ \t]*(?:([<"])([^>"\n]*)[>"]|(.*))')


def zone(rel):
    """(ring, name, kind) of a project file; kind is public, arch or private."""
    p = rel.split("/")
    ring = p[0]
    if ring == "platform":
        if p[1] == "include":
            return ring, None, "public"
        arch = p[1] if p[1] not in ("core", "mm") and len(p) > 2 else None
        kind = "arch" if arch and p[2] == "include" else "private"
        return ring, arch, kind
    if ring == "kernel":
        return ring, None, "public" if p[1] == "include" else "private"
    if ring == "libs":
        return ring, p[1], "public" if len(p) > 2 and p[2] == "include" else "private"
    if ring == "exts" and len(p) > 3 and p[2] == "include":
        return ring, p[1], "public"
    return ring, p[1] if len(p) > 2 else None, "private"


def verdict(src, dst):
    """None if a file in zone src may include one in zone dst, else why not."""
    s_ring, s_name, s_kind = src
    d_ring, d_name, d_kind = dst
    leak = s_kind in ("public", "arch") and d_kind == "private"
    if d_ring == "libs" and d_kind == "public":
        return None
    if s_ring == "platform":
        if d_ring != "platform":
            return f"platform/ may not include {d_ring}/ (upward include)"
        if s_name and d_name and s_name != d_name:
            return f"platform/{s_name} may not include platform/{d_name} (another arch)"
        return "a public platform header may not include a private one" if leak else None
    if s_ring == "kernel":
        if d_ring == "kernel":
            return "kernel/include may not include a kernel-private header" if leak else None
        if d_ring == "platform":
            if d_kind == "public":
                return None
            if d_kind == "arch":
                return "kernel/ may not include platform arch headers; use <platform/...>"
            return "kernel/ may not include platform-private headers"
        return f"kernel/ may not include {d_ring}/"
    if s_ring == "libs":
        if d_ring == "libs" and d_name == s_name:
            return "a lib's public header may not include its private one" if leak else None
        return "libs/ may include only libs public headers"
    if s_ring == "services":
        if d_ring == "services" and d_name == s_name:
            return None
        if d_ring == "services":
            return f"services/{s_name} may not include services/{d_name} (sideways include)"
        return (f"services/ may include only its own directory and libs public headers, "
                f"not {d_ring}/")
    if s_ring == "exts":
        if d_ring == "exts" and d_name == s_name:
            return "a driver's public header may not include its private one" if leak else None
        if d_ring == "exts" and d_kind == "public":
            return None
        if d_ring == "exts":
            return f"exts/{s_name} may not include exts/{d_name} (sideways include)"
        if d_ring in ("kernel", "platform") and d_kind == "public":
            return None
        if d_ring in ("kernel", "platform"):
            return f"exts/ may include only {d_ring}'s public headers ({d_ring}/include)"
        return f"exts/ may not include {d_ring}/"
    return f"unknown ring {s_ring}"


class Resolver:
    def __init__(self, root, arch):
        self.root = root
        libs = sorted(p.relative_to(root).as_posix() for p in (root / "libs").glob("*/include"))
        # The kernel's -I order (mk/flags.mk), klib first.
        libs.sort(key=lambda d: d != "libs/klib/include")
        self.common = libs + ["platform/include"]
        # the drivers' public headers, on every file's path as mk/flags.mk puts them
        self.exts = sorted(p.relative_to(root).as_posix() for p in (root / "exts").glob("*/include"))
        self.arch = arch

    def search_path(self, src):
        z = zone(src)
        arch = z[1] if z[0] == "platform" and z[1] else self.arch
        return self.common + [f"platform/{arch}/include", "kernel/include"] + self.exts

    @staticmethod
    def third_party(src):
        """The third-party include directories `src` may use (its service's)."""
        return [d for owner, dirs in THIRD_PARTY.items() if src.startswith(owner + "/")
                for d in dirs]

    def resolve(self, src, quote, name):
        """('file', relpath) | ('third-party', relpath) | ('outside', path) |
        ('system', kind) | (None, None)."""
        if name.startswith("generated/"):
            return "system", "generated"
        cands = [Path(src).parent.as_posix()] if quote == '"' else []
        for d in cands + self.search_path(src) + self.third_party(src):
            p = self.root / d / name
            if p.is_file():
                try:
                    rel = p.resolve().relative_to(self.root.resolve()).as_posix()
                except ValueError:
                    return "outside", str(p)
                if checklib.ring_of(rel) is None and d in self.third_party(src):
                    return "third-party", rel
                return "file", rel
        if name.startswith(UAPI_PREFIXES):
            return "system", "uapi"
        if name in COMPILER_HEADERS:
            return "system", "compiler"
        return None, None


def parse_includes(root, rel):
    text = checklib.strip_comments_and_strings(checklib.read_text(root / rel))
    raw = checklib.read_text(root / rel).splitlines()
    out = []
    for no, line in enumerate(text.splitlines(), 1):
        m = INCLUDE_RE.match(line)
        if not m:
            continue
        # The stripper blanked the "..." contents; take the name from the raw line.
        m = INCLUDE_RE.match(raw[no - 1])
        out.append((no, m.group(1), m.group(2), m.group(3)))
    return out


def find_cycles(graph):
    """One concrete cycle per strongly connected component (Tarjan, iterative)."""
    index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    scc = set()
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        scc.add(w)
                        if w == v:
                            break
                    if len(scc) > 1 or v in graph[v]:
                        sccs.append(scc)
    cycles = []
    for scc in sccs:
        first = min(scc)
        # Shortest path first -> ... -> first inside the component (BFS).
        prev, queue, found = {first: None}, [first], None
        while queue and not found:
            v = queue.pop(0)
            for w in sorted(graph[v]):
                if w == first:
                    found = v
                    break
                if w in scc and w not in prev:
                    prev[w] = v
                    queue.append(w)
        path = [first]
        while found is not None and found != first:
            path.insert(1, found)
            found = prev[found]
        cycles.append(path + [first])
    return cycles


def main():
    ap = checklib.arg_parser(__doc__.splitlines()[0])
    ap.add_argument("--arch", default="x64", help="arch whose headers <arch/...> resolves to")
    args = ap.parse_args()
    root = Path(args.root)
    res = Resolver(root, args.arch)
    diags = []
    graph, edge_line = {}, {}
    for src in checklib.source_files(root, checklib.RINGS, (".c", ".h", ".S")):
        graph.setdefault(src, set())
        src_zone = zone(src)
        for no, quote, name, computed in parse_includes(root, src):
            where = f"{src}:{no}"
            if computed is not None:
                diags.append(f"{where}: computed #include {computed.strip()!r} cannot be checked")
                continue
            if src_zone[0] != "platform" and name.startswith("arch/"):
                diags.append(f"{where}: direct include of <{name}> outside platform/; "
                             "include the <platform/...> header that wraps it")
                continue
            kind, target = res.resolve(src, quote, name)
            if kind is None:
                shown = f"<{name}>" if quote == "<" else f'"{name}"'
                diags.append(f"{where}: cannot resolve {shown} "
                             "to a project, compiler, UAPI or generated header")
                continue
            if kind == "outside":
                diags.append(f"{where}: {name} resolves outside the tree ({target})")
                continue
            if kind in ("system", "third-party"):
                continue
            if checklib.ring_of(target) is None:
                diags.append(f"{where}: {name} resolves to {target}, outside the ring directories")
                continue
            why = verdict(src_zone, zone(target))
            if why:
                diags.append(f"{where}: includes {target}: {why}")
            graph[src].add(target)
            edge_line.setdefault((src, target), no)
    for cyc in find_cycles(graph):
        line = edge_line[(cyc[0], cyc[1])]
        diags.append(f"{cyc[0]}:{line}: include cycle: {' -> '.join(cyc)}")
    return checklib.report(diags, "includes")


if __name__ == "__main__":
    sys.exit(main())
