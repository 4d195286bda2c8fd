#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Runner of the differential ABI suite (tests/abi/README.md).  Stdlib only.

  run.py native [PREFIX...]    run every built test on the host, twice, through
                               abi-exec; write build/abi/native/<id>.out; TAP
  run.py overlay               build/abi/overlay/abi/{bin/...,run-all} for Kevlar
                               (alias: run.py kevlar)
  run.py compare LOG [PREFIX...]  split a Kevlar console log into per-test outputs
                               and compare them byte for byte with the native
                               ones (DIVERGENCES honoured); TAP
  run.py selftest              prove compare on logs synthesized from the
                               native outputs (a difference, a missing test, a
                               cut-off block, a divergence, bad input); TAP
  run.py chroot [PREFIX...]    run the overlay on the host exactly as Kevlar
                               will (chroot, BusyBox sh, /abi/run-all, /tmp a
                               tmpfs), then compare its log; TAP.  Needs root.

A test id is <libc>/<topic>/<name>.  PREFIX restricts a run to ids starting
with it (e.g. musl/fs/); several PREFIXes select the ids matching any.
Every mode exits 1 if any result is "not ok".
"""
import concurrent.futures
import difflib
import os
import pty
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "tests", "abi")
OUT = os.path.join(ROOT, "build", "abi")
BIN = os.path.join(OUT, "bin")
NATIVE = os.path.join(OUT, "native")
OVERLAY = os.path.join(OUT, "overlay")
ABI_EXEC = os.path.join(BIN, "abi-exec")
DIVERGENCES = os.path.join(SRC, "DIVERGENCES")
MUSL_ONLY_MARK = "/* abi: musl only"   # a file built with musl only: "...: <reason> */"
# A test that reads or changes state the whole host shares (the kernel log,
# a sysctl): natively it runs alone, after the others, "...: <reason> */".
SERIAL_MARK = "/* abi: serial"
LIBCS = ("musl", "glibc", "glibc-dyn")  # musl static, glibc static, glibc dynamic
TIMEOUT = 10          # per test, enforced by abi-exec
TTY_TOPICS = ("tty",)  # these get a terminal on stdin (abi-exec -i)

BEGIN = re.compile(rb"^=== ([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)$")
END = re.compile(rb"^=== end exit=(-?[0-9]+)$")
# A kernel log line on the shared console (e.g. the first call of a missing
# syscall): the kernel's words, not the test's output.
KLOG = re.compile(rb"^\[ *[0-9]+\.[0-9]{6}\] ")


# ---- the list of tests ------------------------------------------------------
def expected_ids(prefixes=()):
    """Every id the sources promise: three builds of each file (musl only if
    marked), restricted to those starting with one of `prefixes` (a string
    or several; none: every id)."""
    if isinstance(prefixes, str):
        prefixes = (prefixes,)
    want = tuple(prefixes) or ("",)
    ids = []
    for topic in sorted(os.listdir(SRC)):
        tdir = os.path.join(SRC, topic)
        if topic == "harness" or not os.path.isdir(tdir):
            continue
        for f in sorted(os.listdir(tdir)):
            if not f.endswith(".c"):
                continue
            name = f[:-2]
            ids.append(f"musl/{topic}/{name}")
            with open(os.path.join(tdir, f)) as fh:
                if not any(line.startswith(MUSL_ONLY_MARK) for line in fh):
                    ids += [f"{libc}/{topic}/{name}" for libc in LIBCS[1:]]
    ids = sorted(i for i in ids if i.startswith(want))
    if not ids:
        sys.exit("run.py: no test id starts with " + " or ".join(f"'{p}'" for p in want))
    return ids


def topic_of(tid):
    return tid.split("/")[1]


class Tap:
    """Collects results; prints TAP (plan first) to stdout and a file."""

    def __init__(self, path=None):
        self.results = []
        self.path = path

    def add(self, ok, desc, diag=()):
        self.results.append((ok, desc, list(diag)))

    def emit(self):
        lines = [f"1..{len(self.results)}"]
        for n, (ok, desc, diag) in enumerate(self.results, 1):
            lines.append(f"{'ok' if ok else 'not ok'} {n} - {desc}")
            lines += [f"# {d}" for d in diag]
        failed = sum(1 for ok, _, _ in self.results if not ok)
        skipped = sum(1 for ok, d, _ in self.results if ok and "# SKIP" in d)
        lines.append(f"# {len(self.results) - failed - skipped} passed, {failed} failed"
                     + (f", {skipped} skipped" if skipped else ""))
        text = "\n".join(lines) + "\n"
        sys.stdout.write(text)
        if self.path:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(self.path, "w") as f:
                f.write(text)
        return 1 if failed else 0


def diff_lines(want, got, limit=30, names=("linux", "kevlar")):
    d = list(difflib.unified_diff(want.decode("latin-1").splitlines(),
                                  got.decode("latin-1").splitlines(),
                                  names[0], names[1], lineterm="", n=1))
    return d[:limit] + ([f"... ({len(d) - limit} more diff lines)"] if len(d) > limit else [])


# ---- native -----------------------------------------------------------------
def run_once(tid, scratch):
    cmd = [ABI_EXEC, "-d", scratch, "-t", str(TIMEOUT)]
    master = slave = None
    if topic_of(tid) in TTY_TOPICS:
        master, slave = pty.openpty()
        cmd.append("-i")
    cmd.append(os.path.join(BIN, tid))
    try:
        p = subprocess.run(cmd, stdin=slave if slave is not None else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=TIMEOUT + 30)
        return p.stdout
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"") + b"run.py: abi-exec itself hung\n"
    finally:
        for fd in (master, slave):
            if fd is not None:
                os.close(fd)


def is_serial(tid):
    with open(os.path.join(SRC, topic_of(tid), tid.split("/")[-1] + ".c")) as fh:
        return any(line.startswith(SERIAL_MARK) for line in fh)


def native_one(tid, scratch):
    """Returns (ok, diagnostics)."""
    exe = os.path.join(BIN, tid)
    dest = os.path.join(NATIVE, tid + ".out")
    if not os.access(exe, os.X_OK):
        if os.path.exists(dest):
            os.unlink(dest)   # never compare against a stale reference
        return False, ["not built: " + exe]
    first = run_once(tid, scratch)
    second = run_once(tid, scratch)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as f:
        f.write(first)
    diag = []
    if first != second:
        diag.append("not deterministic: two native runs differ")
        diag += diff_lines(first, second, 20, ("run1", "run2"))
    for line in first.decode("latin-1").splitlines():
        if line.startswith("FAIL") or "FAIL:" in line or line.startswith(("abi-exec:", "run.py:")):
            diag.append("output: " + line)
    if not first.endswith(b"\n") or not re.search(rb"\n(exit=[0-9]+|signal=SIG\w+)\n\Z",
                                                   b"\n" + first):
        diag.append("output does not end with an exit=/signal= line")
    return not diag, diag


def cmd_native(*prefixes):
    if not os.access(ABI_EXEC, os.X_OK):
        sys.exit("run.py: build first (make abi-build)")
    scratch = os.path.join(OUT, "scratch")
    os.makedirs(scratch, exist_ok=True)
    ids = expected_ids(prefixes)
    tap = Tap(os.path.join(OUT, "native.tap" if not prefixes else "native-partial.tap"))
    serial = [t for t in ids if is_serial(t)]
    parallel = [t for t in ids if t not in serial]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = dict(zip(parallel, pool.map(lambda t: native_one(t, scratch), parallel)))
    for tid in serial:
        results[tid] = native_one(tid, scratch)
    for tid, (ok, diag) in ((t, results[t]) for t in ids):
        tap.add(ok, tid, diag)
    return tap.emit()


# ---- overlay ----------------------------------------------------------------
RUN_ALL_HEAD = """#!/bin/sh
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Generated by tests/abi/run.py overlay: run the differential ABI suite on
# Kevlar, one test per process through /abi/bin/abi-exec, each printed as
#   === <libc>/<topic>/<name>
#   <output of the test, then exit=N or signal=SIGNAME>
#   === end exit=<abi-exec's status>
# usage: /abi/run-all [PREFIX...]   (e.g. musl/fs/; default: every test;
# several prefixes run the tests matching any of them)
# ABI_TMP: where scratch directories are made (default /tmp);
# ABI_TIMEOUT: seconds per test (default 10).  The tty tests read the
# terminal on run-all's stdin.
base=${ABI_TMP:-/tmp}
secs=${ABI_TIMEOUT:-10}
prefixes=$*
run() {
	if [ -n "$prefixes" ]; then
		hit=
		for p in $prefixes; do
			case "$2" in
			"$p"*) hit=1 ;;
			esac
		done
		[ -n "$hit" ] || return 0
	fi
	echo "=== $2"
	/abi/bin/abi-exec -d "$base" -t "$secs" $1 "/abi/bin/$2"
	echo "=== end exit=$?"
}
"""


def copy_shared_libs(exes, root):
    """Put the host's (Debian's) loader and every library `exes` need under
    `root` at the paths ldd resolves them to, so the dynamic builds run in
    Kevlar with the same ld.so and libc.so.6 as natively."""
    libs = set()
    for exe in exes:
        out = subprocess.run(["ldd", exe], capture_output=True, text=True).stdout
        for line in out.splitlines():
            m = re.search(r"(/\S+) \(0x", line)
            if m:
                libs.add(m.group(1))
    # glibc dlopen()s libgcc_s for the unwinder that pthread_exit and
    # pthread_cancel use: ldd cannot list it, and without it they abort.
    # It goes beside libc.so.6, where the loader's default path finds it.
    for lib in list(libs):
        gcc_s = os.path.join(os.path.dirname(lib), "libgcc_s.so.1")
        if os.path.basename(lib) == "libc.so.6" and os.path.exists(gcc_s):
            libs.add(gcc_s)
    for lib in sorted(libs):
        dest = os.path.join(root, lib.lstrip("/"))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(os.path.realpath(lib), dest)


def cmd_overlay():
    ids = expected_ids()
    missing = [t for t in ids if not os.access(os.path.join(BIN, t), os.X_OK)]
    if missing or not os.access(ABI_EXEC, os.X_OK):
        sys.exit("run.py: not built: " + " ".join(missing or [ABI_EXEC]))
    shutil.rmtree(OVERLAY, ignore_errors=True)
    dest = os.path.join(OVERLAY, "abi")
    os.makedirs(os.path.join(dest, "bin"))
    shutil.copy2(ABI_EXEC, os.path.join(dest, "bin", "abi-exec"))
    for tid in ids:
        os.makedirs(os.path.join(dest, "bin", os.path.dirname(tid)), exist_ok=True)
        shutil.copy2(os.path.join(BIN, tid), os.path.join(dest, "bin", tid))
    copy_shared_libs([os.path.join(BIN, t) for t in ids if t.startswith("glibc-dyn/")], OVERLAY)
    lines = [RUN_ALL_HEAD, f'echo "=== abi run-all: {len(ids)} tests"\n']
    for tid in ids:
        flag = '"-i"' if topic_of(tid) in TTY_TOPICS else '""'
        lines.append(f"run {flag} {tid}\n")
    lines.append('echo "=== abi run-all done"\n')
    script = os.path.join(dest, "run-all")
    with open(script, "w") as f:
        f.write("".join(lines))
    os.chmod(script, 0o755)
    print(f"abi overlay: {OVERLAY} ({len(ids)} tests; run /abi/run-all)")
    return 0


# ---- compare ----------------------------------------------------------------
def parse_log(data):
    """Console log bytes -> ({id: output bytes, or None if cut off}, ids in log order)."""
    data = data.replace(b"\r\n", b"\n")
    blocks, order = {}, []
    cur, buf = None, []
    for line in data.split(b"\n"):
        line = line.rstrip(b"\r")
        m = BEGIN.match(line)
        if m:
            if cur is not None:
                blocks[cur] = None          # a new block began: the last was cut off
            cur, buf = m.group(1).decode(), []
            order.append(cur)
            continue
        if cur is not None and END.match(line):
            blocks[cur] = b"".join(x + b"\n" for x in buf)
            cur = None
            continue
        if cur is not None and not KLOG.match(line):
            buf.append(line)
    if cur is not None:
        blocks[cur] = None
    return blocks, order


def load_divergences(path):
    """-> ({id: reason}, [error lines])."""
    div, errors = {}, []
    if not os.path.exists(path):
        return div, errors
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^((?:musl|glibc|glibc-dyn)/[\w.-]+/[\w.-]+):\s*(\S.*)$", line)
            if not m:
                errors.append(f"{os.path.basename(path)}:{n}: malformed (want "
                              f"'<libc>/<topic>/<name>: reason'): {line}")
                continue
            div[m.group(1)] = m.group(2)
    return div, errors


def compare(log_bytes, divergences_path, prefixes=()):
    """-> Tap with one result per expected test (plus format errors)."""
    tap = Tap()
    ids = expected_ids(prefixes)
    blocks, _ = parse_log(log_bytes)
    div, errors = load_divergences(divergences_path)
    all_ids = set(expected_ids())
    for e in errors:
        tap.add(False, "DIVERGENCES format", [e])
    for tid in sorted(div):
        if tid not in all_ids:
            tap.add(False, f"DIVERGENCES: {tid}", ["names no test in tests/abi/"])
    for tid in ids:
        native_path = os.path.join(NATIVE, tid + ".out")
        if not os.path.exists(native_path):
            tap.add(False, tid, ["no native output: run make abi-native first"])
            continue
        with open(native_path, "rb") as f:
            want = f.read()
        got = blocks.get(tid, b"<missing>")
        if tid in div:
            diag = ["note: matches Linux now; remove it from DIVERGENCES"] if got == want else []
            tap.add(True, f"{tid} # SKIP divergence: {div[tid]}", diag)
        elif got == b"<missing>":
            tap.add(False, tid, ["missing from the console log"])
        elif got is None:
            tap.add(False, tid, ["block has no '=== end' line (cut off: crash or hang?)"])
        elif got != want:
            tap.add(False, tid, diff_lines(want, got))
        else:
            tap.add(True, tid)
    for tid in sorted(set(blocks) - all_ids):
        tap.add(False, f"{tid} (in the log)", ["no such test"])
    return tap


def cmd_compare(log, *prefixes):
    with open(log, "rb") as f:
        data = f.read()
    tap = compare(data, DIVERGENCES, prefixes)
    tap.path = os.path.join(OUT, "kevlar.tap")
    return tap.emit()


# ---- selftest of compare -----------------------------------------------------
def synth_log(outputs, crlf=True):
    """A console log as Kevlar would print it, from {id: bytes}."""
    parts = [b"Kevlar booting...\nsome kernel line\n=== abi run-all: x tests\n"]
    for tid, out in outputs.items():
        if out is None:
            continue
        m = re.search(rb"(?:exit=([0-9]+)|signal=SIG(\w+))\n\Z", out)
        code = m.group(1) if m and m.group(1) else b"0"
        parts.append(b"=== " + tid.encode() + b"\n" + out + b"=== end exit=" + code + b"\n")
    parts.append(b"=== abi run-all done\npower off\n")
    log = b"".join(parts)
    return log.replace(b"\n", b"\r\n") if crlf else log


def cmd_selftest():
    ids = expected_ids()
    outputs = {}
    for tid in ids:
        try:
            with open(os.path.join(NATIVE, tid + ".out"), "rb") as f:
                outputs[tid] = f.read()
        except FileNotFoundError:
            sys.exit(f"run.py: no native output for {tid}: run make abi-native first")
    work = os.path.join(OUT, "selftest")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    tap = Tap(os.path.join(OUT, "selftest.tap"))

    def run(name, log, divergences):
        """Write the synthesized log to a file and compare it, as cmd_compare does."""
        path = os.path.join(work, name + ".log")
        with open(path, "wb") as f:
            f.write(log)
        with open(path, "rb") as f:
            t = compare(f.read(), divergences)
        with open(os.path.join(work, name + ".tap"), "w") as f:
            for ok, desc, _ in t.results:
                f.write(f"{'ok' if ok else 'not ok'} - {desc}\n")
        return t

    def failing(t):
        return [d for ok, d, _ in t.results if not ok]

    def skipped(t):
        return [d for ok, d, _ in t.results if ok and "# SKIP" in d]

    def expect(cond, desc, t):
        tap.add(cond, desc, [] if cond else failing(t)[:5] + skipped(t)[:5])

    empty_div = os.path.join(work, "DIVERGENCES.empty")
    open(empty_div, "w").close()
    t = run("identical", synth_log(outputs), empty_div)
    expect(not failing(t) and not skipped(t) and len(t.results) == len(ids),
           f"identical log (CRLF, kernel noise around blocks): all {len(ids)} ok", t)
    t = run("identical-divergences", synth_log(outputs), DIVERGENCES)
    expect(not failing(t), "tests/abi/DIVERGENCES is well-formed and names only real tests", t)
    victim, gone, cut = ids[len(ids) // 2], ids[0], ids[-1]
    changed = dict(outputs)
    changed[victim] = outputs[victim].replace(b"\n", b" \n", 1)
    t = run("one-byte-difference", synth_log(changed), empty_div)
    expect(failing(t) == [victim], f"a one-byte difference in {victim} is exactly one not ok", t)
    dropped = dict(outputs)
    dropped[gone] = None
    t = run("missing", synth_log(dropped), empty_div)
    expect(failing(t) == [gone], f"a test missing from the log ({gone}) is not ok", t)
    log = synth_log(outputs, crlf=False)
    log = log[:log.rindex(b"=== end")] + b"[kernel panic]\n"
    t = run("cut-off", log, empty_div)
    expect(failing(t) == [cut], f"a block cut off by a crash ({cut}) is not ok", t)
    div = os.path.join(work, "DIVERGENCES.planted")
    with open(div, "w") as f:
        f.write(f"# comment\n{victim}: planted reason\n")
    t = run("divergence", synth_log(changed), div)
    expect(not failing(t) and skipped(t) == [f"{victim} # SKIP divergence: planted reason"],
           "a listed divergence is reported as a skip with its reason, not dropped", t)
    with open(div, "w") as f:
        f.write("musl/nosuch/test: stale\nthis line is malformed\n")
    t = run("bad-divergences", synth_log(outputs), div)
    expect(len(failing(t)) == 2, "DIVERGENCES naming no test, or malformed, is not ok", t)
    extra = dict(outputs)
    extra["musl/nosuch/test"] = b"exit=0\n"
    t = run("unknown-test", synth_log(extra), empty_div)
    expect(failing(t) == ["musl/nosuch/test (in the log)"], "an unknown test in the log is not ok",
           t)
    return tap.emit()


# ---- the overlay under Linux ---------------------------------------------------
def cmd_chroot(*prefixes):
    """Boot-less dress rehearsal of the Kevlar run: same files, same script."""
    busybox = shutil.which("busybox")
    if os.geteuid() != 0 or not busybox or not shutil.which("unshare"):
        sys.exit("run.py chroot: needs root, busybox and unshare")
    if not os.path.isdir(os.path.join(OVERLAY, "abi")):
        sys.exit("run.py chroot: make abi-overlay first")
    root = os.path.join(OUT, "chroot-root")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(OVERLAY, root)
    for d in ("bin", "dev", "proc", "sys", "tmp"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    # what the permission tests read of the image (perm/initramfs): a 0700
    # /root and a 0644 /etc/passwd, as on the host
    os.makedirs(os.path.join(root, "root"), exist_ok=True)
    os.chmod(os.path.join(root, "root"), 0o700)
    os.makedirs(os.path.join(root, "etc"), exist_ok=True)
    shutil.copy2(os.path.join(ROOT, "image", "etc", "passwd"), os.path.join(root, "etc"))
    shutil.copy2(busybox, os.path.join(root, "bin", "busybox"))
    os.symlink("busybox", os.path.join(root, "bin", "sh"))
    script = (f"mount --rbind /dev {root}/dev && mount -t proc proc {root}/proc && "
              f"mount -t sysfs sysfs {root}/sys && "
              f"mount -t tmpfs tmpfs {root}/tmp && exec chroot {root} /bin/sh /abi/run-all "
              + " ".join(f"'{p}'" for p in prefixes))
    master, slave = pty.openpty()
    try:
        p = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                           stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=3600)
    finally:
        os.close(master)
        os.close(slave)
    log = os.path.join(OUT, "chroot.log")
    with open(log, "wb") as f:
        f.write(p.stdout)
    tap = compare(p.stdout, DIVERGENCES, prefixes)
    tap.path = os.path.join(OUT, "chroot.tap")
    return tap.emit()


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    mode, args = argv[1], argv[2:]
    if mode == "native":
        return cmd_native(*args)
    if mode in ("overlay", "kevlar") and not args:
        return cmd_overlay()
    if mode == "compare" and args:
        return cmd_compare(*args)
    if mode == "selftest" and not args:
        return cmd_selftest()
    if mode == "chroot":
        return cmd_chroot(*args)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
