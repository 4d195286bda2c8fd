#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Fetch the Debian tier's packages and unpack them into one root tree.

  fetch.py DEBS_DIR ROOT_DIR

Resolves the Depends/Pre-Depends closure of PACKAGES with apt-cache (the
first alternative of each OR-group that exists; a virtual package by its
first provider), downloads each .deb once with `apt-get download` into
DEBS_DIR (a second run downloads nothing) and unpacks them all with
`dpkg-deb -x` into ROOT_DIR, merged as Debian 12 installs them (usrmerge:
/bin, /sbin and /lib live under /usr).  Nothing is installed into the host.
The tree is then trimmed of documentation and locales, and ld.so's cache
is built for it (ldconfig -r), so programs start as on an installed system.
"""
import os
import re
import shutil
import functools
import subprocess
import sys

PACKAGES = """bash coreutils findutils grep sed gawk tar gzip xz-utils diffutils
procps util-linux perl python3.11 python3 sqlite3 openssl make gcc-12 gcc
binutils libc6-dev dash libpam-modules libpam-runtime dbus-daemon dbus-bin
socat""".split()
# Packaging machinery, and alternatives we do not want unpacked over the
# ones we keep (libelogind0 would replace libsystemd0's library).
SKIP = set("""dpkg debconf cdebconf usrmerge usr-is-merged init-system-helpers
install-info libelogind0 base-files base-passwd debianutils""".split())
PRUNE = ["usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale",
         "usr/share/lintian", "usr/share/bug", "usr/share/gcc/python",
         "usr/lib/python3.11/test", "usr/lib/python3.11/idlelib",
         "usr/lib/python3.11/tkinter", "usr/lib/python3.11/turtledemo",
         "usr/lib/python3.11/ensurepip", "usr/lib/python3.11/lib2to3/tests",
         "usr/lib/python3.11/pydoc_data", "usr/share/perl/5.36/pod",
         "usr/share/perl/5.36/unicore/TestProp.pl", "usr/share/zoneinfo",
         # the biggest files no workload runs: LTO, sanitizers, gold, static libc
         "usr/bin/x86_64-linux-gnu-lto-dump-12", "usr/lib/gcc/x86_64-linux-gnu/12/lto1",
         "usr/bin/x86_64-linux-gnu-ld.gold", "usr/lib/x86_64-linux-gnu/gconv",
         "usr/lib/x86_64-linux-gnu/libc.a", "usr/lib/x86_64-linux-gnu/libm-2.36.a"]
PRUNE_GLOB = re.compile(r"^lib(asan|tsan|lsan|ubsan|hwasan|gprofng)\.")


_SHOW = {}


def prefetch(names):
    """Read the candidate control records of many packages in one apt-cache call."""
    names = sorted(set(n for n in names if n not in _SHOW))
    if not names:
        return
    p = subprocess.run(["apt-cache", "show", "--no-all-versions"] + names,
                       capture_output=True, text=True)
    for n in names:
        _SHOW[n] = None     # virtual or unknown, unless a record follows
    for record in p.stdout.split("\n\n"):
        fields, key = {}, None
        for line in record.splitlines():
            if line.startswith(" ") and key:
                fields[key] += " " + line.strip()
            elif ":" in line:
                key, _, val = line.partition(":")
                fields[key] = val.strip()
        if fields.get("Package") in _SHOW and _SHOW[fields["Package"]] is None:
            _SHOW[fields["Package"]] = fields


def apt_show(pkg):
    """-> dict of control fields of the candidate version, or None (virtual)."""
    prefetch([pkg])
    return _SHOW[pkg]


@functools.lru_cache(maxsize=None)
def providers(name):
    p = subprocess.run(["apt-cache", "showpkg", name], capture_output=True, text=True)
    out = p.stdout.split("Reverse Provides:", 1)
    return [l.split()[0] for l in out[1].splitlines() if l.strip()] if len(out) > 1 else []


def dep_groups(fields):
    deps = ", ".join(fields.get(k, "") for k in ("Pre-Depends", "Depends"))
    return [[re.sub(r"[ (:].*", "", a.strip()) for a in g.split("|")]
            for g in (g.strip() for g in deps.split(",")) if g]


def resolve(roots):
    """Breadth first; one apt-cache call per level.  Of an OR-group, the
    first alternative that is a real package and not skipped; a virtual
    package by a provider already chosen, else its first one not skipped."""
    chosen, level = set(), list(roots)
    while level:
        prefetch(level)
        nxt = []
        for pkg in level:
            if pkg in chosen or pkg in SKIP:
                continue
            fields = apt_show(pkg)
            if fields is None:
                cands = [c for c in providers(pkg) if c not in SKIP]
                if not cands and not providers(pkg):
                    sys.exit(f"fetch.py: no package or provider for {pkg}")
                if cands and not any(c in chosen or c in roots for c in cands):
                    nxt.append(cands[0])
                continue
            chosen.add(pkg)
            groups = dep_groups(fields)
            prefetch(a for g in groups for a in g)
            for alts in groups:
                if any(a in chosen for a in alts):
                    continue
                real = [a for a in alts if a not in SKIP and _SHOW.get(a)]
                pick = real[0] if real else next((a for a in alts if a not in SKIP), None)
                if pick:
                    nxt.append(pick)
        level = nxt
    return sorted(chosen)


def fetch(pkgs, debs):
    os.makedirs(debs, exist_ok=True)
    have = {f.split("_")[0] for f in os.listdir(debs) if f.endswith(".deb")}
    want = [p for p in pkgs if p not in have]
    if want:
        print(f"fetch.py: downloading {len(want)} packages into {debs}", file=sys.stderr)
        subprocess.run(["apt-get", "download", "-q", "-o", "APT::Sandbox::User=root"] + want,
                       cwd=debs, check=True, stdout=subprocess.DEVNULL)
    return sorted(os.path.join(debs, f) for f in os.listdir(debs)
                  if f.endswith(".deb") and f.split("_")[0] in pkgs)


def usrmerge(root):
    """Move /bin, /sbin, /lib* under /usr and leave links, as Debian 12 does."""
    for d in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = os.path.join(root, d)
        if not os.path.isdir(top) or os.path.islink(top):
            continue
        dest = os.path.join(root, "usr", d)
        os.makedirs(dest, exist_ok=True)
        subprocess.run(["cp", "-a", "--remove-destination", top + "/.", dest], check=True)
        shutil.rmtree(top)
        os.symlink("usr/" + d, top)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    debs, root = sys.argv[1], sys.argv[2]
    prefetch(PACKAGES)
    if any(_SHOW[p] is None for p in PACKAGES):
        # a machine whose package lists were never fetched (a fresh chroot)
        print("fetch.py: apt-get update", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        _SHOW.clear()
    pkgs = resolve(PACKAGES)
    files = fetch(pkgs, debs)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    for f in files:
        subprocess.run(["dpkg-deb", "-x", f, root], check=True)
    usrmerge(root)
    for p in PRUNE:
        full = os.path.join(root, p)
        if os.path.isdir(full) and not os.path.islink(full):
            shutil.rmtree(full)
        elif os.path.lexists(full):
            os.unlink(full)
    for d in ("usr/lib/x86_64-linux-gnu", "usr/lib/gcc/x86_64-linux-gnu/12"):
        for f in os.listdir(os.path.join(root, d)):
            if PRUNE_GLOB.match(f):
                os.unlink(os.path.join(root, d, f))
    # update-alternatives and postinst links the packages would have made
    links = {"usr/bin/awk": "gawk", "usr/bin/python3": "python3.11", "usr/bin/cc": "gcc",
             "usr/bin/c99": "gcc", "usr/bin/gcc": "gcc-12", "usr/bin/cpp": "cpp-12"}
    for path, target in links.items():
        full = os.path.join(root, path)
        if not os.path.lexists(full):
            os.symlink(target, full)
    subprocess.run(["ldconfig", "-r", root], check=True)
    with open(os.path.join(root, ".packages"), "w") as f:
        f.write("\n".join(os.path.basename(x) for x in files) + "\n")
    print(f"fetch.py: {len(files)} packages unpacked into {root}", file=sys.stderr)


if __name__ == "__main__":
    main()
