#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""`make bench`: Kevlar against Debian's Linux in the same QEMU, one table.

  bench.py fetch-linux DIR
      Resolve linux-image-cloud-amd64 to its kernel package with apt-cache,
      `apt-get download` it and extract it under DIR (once; a stamp file
      names the vmlinuz).  Nothing is installed on the host.
  bench.py overlay DIR BENCH_BINARY
      Write the overlay for the one initramfs: /bin/bench and a /init that
      marks its first instruction on the console before running the
      image's own /init (copied to /etc/kbench/init).
  bench.py cmd [BENCH_ARGS...]
      Print the command the image runs (init's CMD).
  bench.py run --image CPIO --linux VMLINUZ --kevlar NAME=ELF [...] --out DIR
      Boot each kernel BENCH_RUNS times, alternating kernel by kernel,
      with the identical QEMU command line, parse the marker-delimited
      blocks, take medians and print the table; CSV and JSON go to DIR.

Environment: BENCH_RUNS (default 5), BENCH_MODE=wall|icount (icount adds
`-icount shift=0`), BENCH_TIMEOUT (seconds per boot, default 240), MEM,
SMP.
"""
import json
import math
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CPU = "max"


def fetch_linux(dest):
    stamp = os.path.join(dest, "vmlinuz.path")
    if os.path.exists(stamp):
        print(open(stamp).read().strip())
        return
    meta = "linux-image-cloud-amd64"
    deps = subprocess.run(["apt-cache", "depends", meta], capture_output=True, text=True,
                          check=True).stdout
    m = re.search(r"Depends:\s*(linux-image-[0-9][^\s]*-cloud-amd64)", deps)
    if not m:
        sys.exit(f"bench: cannot resolve {meta} with apt-cache (apt-get update?)")
    pkg = m.group(1)
    os.makedirs(dest, exist_ok=True)
    dl = tempfile.mkdtemp(dir=dest)
    # apt drops privileges to _apt for downloads: let it write here
    os.chmod(dl, 0o777)
    subprocess.run(["apt-get", "download", "-q", pkg], cwd=dl, check=True,
                   stdout=sys.stderr)
    debs = [f for f in os.listdir(dl) if f.endswith(".deb")]
    root = os.path.join(dest, "root")
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run(["dpkg-deb", "-x", os.path.join(dl, debs[0]), root], check=True)
    shutil.move(os.path.join(dl, debs[0]), os.path.join(dest, debs[0]))
    shutil.rmtree(dl)
    boot = os.path.join(root, "boot")
    vmlinuz = [f for f in os.listdir(boot) if f.startswith("vmlinuz-")][0]
    config = open(os.path.join(boot, vmlinuz.replace("vmlinuz", "config"))).read()
    # the image relies on these being built in: no modules are loaded
    for opt in ("BLK_DEV_INITRD", "DEVTMPFS", "TMPFS", "PROC_FS", "SERIAL_8250_CONSOLE"):
        if f"CONFIG_{opt}=y" not in config:
            sys.exit(f"bench: {vmlinuz} lacks built-in CONFIG_{opt}")
    path = os.path.abspath(os.path.join(boot, vmlinuz))
    with open(stamp, "w") as f:
        f.write(path + "\n")
    print(path)


INIT_WRAPPER = """#!/bin/sh
# make bench: mark the first instruction of /init on the console (the host
# timestamps this line), then run the image's own /init.
echo KBENCH-INIT
exec /bin/sh /etc/kbench/init
"""

# The one command both kernels run (init's CMD).  Memory is read before
# anything else runs; /proc/uptime is each kernel's own boot clock.
CMD = """echo KBENCH-BEGIN
echo "KBENCH-UPTIME $(cut -d' ' -f1 /proc/uptime)"
echo "KBENCH-MEM $(awk '/^MemTotal:/{t=$2} /^MemAvailable:/{a=$2} END{print t, a}' /proc/meminfo)"
/bin/bench $BENCH_ARGS
echo KBENCH-END
poweroff -f
"""


def make_overlay(dest, binary):
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, "bin"))
    os.makedirs(os.path.join(dest, "etc", "kbench"))
    shutil.copy2(binary, os.path.join(dest, "bin", "bench"))
    shutil.copy2(os.path.join(ROOT, "image", "init"), os.path.join(dest, "etc", "kbench", "init"))
    with open(os.path.join(dest, "init"), "w") as f:
        f.write(INIT_WRAPPER)
    os.chmod(os.path.join(dest, "init"), 0o755)


def qemu_args(kernel, image, mem, smp, icount):
    args = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg", "-cpu", CPU,
            "-m", mem, "-smp", str(smp), "-nographic", "-no-reboot", "-serial", "mon:stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-nic", "none",
            "-fw_cfg", "name=etc/sercon-port,string=0"]
    if icount:
        args += ["-icount", "shift=0"]
    return args + ["-kernel", kernel, "-initrd", image,
                   "-append", "console=ttyS0 quiet panic=-1"]


def boot_once(kernel, image, mem, smp, icount, timeout, log):
    """One boot: returns {rows, boot_ms, uptime_s, mem_used_kib, error}."""
    args = qemu_args(kernel, image, mem, smp, icount)
    t0 = time.monotonic()
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    res = {"rows": {}, "boot_ms": None, "uptime_s": None, "mem_used_kib": None,
           "error": None}
    inside = False
    os.set_blocking(p.stdout.fileno(), False)
    buf = b""
    deadline = t0 + timeout
    done = False
    while not done:
        if time.monotonic() > deadline:
            p.kill()
            res["error"] = f"timed out after {timeout}s"
            break
        try:
            chunk = os.read(p.stdout.fileno(), 65536)
        except BlockingIOError:
            if p.poll() is not None:
                break
            time.sleep(0.005)
            continue
        if not chunk:
            break
        now = time.monotonic()
        log.write(chunk)
        buf += chunk
        while b"\n" in buf:
            raw, buf = buf.split(b"\n", 1)
            line = raw.decode(errors="replace").strip("\r\n \x1b")
            if line.endswith("KBENCH-INIT") and res["boot_ms"] is None:
                res["boot_ms"] = (now - t0) * 1000
            elif line == "KBENCH-BEGIN":
                inside = True
            elif line == "KBENCH-END":
                done = True
            elif inside:
                parse_line(line, res)
    try:
        p.wait(timeout=15)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    if not done and not res["error"]:
        res["error"] = f"no KBENCH-END (QEMU exit {p.returncode})"
    return res


def parse_line(line, res):
    f = line.split()
    if len(f) >= 2 and f[0] == "KBENCH-UPTIME":
        res["uptime_s"] = float(f[1])
    elif len(f) == 3 and f[0] == "KBENCH-MEM":
        res["mem_used_kib"] = int(f[1]) - int(f[2])
    elif len(f) >= 3 and re.fullmatch(r"[a-z0-9_A-Z]+", f[0]) and f[1].isdigit():
        if f[2] == "FAIL":
            res["rows"][f[0]] = {"iters": int(f[1]), "fail": " ".join(f[3:])}
        else:
            try:
                res["rows"][f[0]] = {"iters": int(f[1]), "ns": float(f[2])}
            except ValueError:
                pass


def median_or_none(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def summarize(runs, names):
    """Median of each row over the runs that produced a figure."""
    out = {}
    for n in names:
        ns = [r["rows"][n]["ns"] for r in runs if "ns" in r["rows"].get(n, {})]
        fails = sorted({r["rows"][n]["fail"] for r in runs if "fail" in r["rows"].get(n, {})})
        missing = sum(1 for r in runs if n not in r["rows"])
        out[n] = {"ns": statistics.median(ns) if ns else None, "samples": ns, "fails": fails,
                  "missing": missing}
    sysfig = {k: median_or_none([r[k] for r in runs])
              for k in ("boot_ms", "uptime_s", "mem_used_kib")}
    return out, sysfig


def fmt_ns(x):
    if x is None:
        return "FAILED"
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}"


def run(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="bench.py run")
    ap.add_argument("--image", required=True)
    ap.add_argument("--linux", required=True)
    ap.add_argument("--kevlar", action="append", required=True, help="NAME=ELF")
    ap.add_argument("--bench", required=True, help="the bench binary (for -l)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    runs_n = int(os.environ.get("BENCH_RUNS", "5"))
    mode = os.environ.get("BENCH_MODE", "wall")
    if mode not in ("wall", "icount"):
        sys.exit("bench: BENCH_MODE must be wall or icount")
    icount = mode == "icount"
    timeout = int(os.environ.get("BENCH_TIMEOUT", "240"))
    mem = os.environ.get("MEM", "256M")
    smp = int(os.environ.get("SMP", "1"))
    names = subprocess.run([a.bench, "-l"], capture_output=True, text=True,
                           check=True).stdout.split()
    kernels = [("linux", a.linux)] + [tuple(k.split("=", 1)) for k in a.kevlar]
    os.makedirs(a.out, exist_ok=True)
    shown = " ".join(qemu_args("KERNEL", "INITRD", mem, smp, icount)[1:])
    print(f"bench: QEMU TCG, -cpu {CPU}, -m {mem}, -smp {smp}, mode {mode}, "
          f"{runs_n} runs per kernel, alternating")
    print(f"bench: qemu-system-x86_64 {shown}")
    print(f"bench: Linux = {os.path.basename(a.linux)}; "
          + ", ".join(f"Kevlar {n} = {p}" for n, p in kernels[1:]))
    sys.stdout.flush()
    runs = {name: [] for name, _ in kernels}
    t_all = time.monotonic()
    for i in range(runs_n):
        for name, kernel in kernels:
            logpath = os.path.join(a.out, f"{name}-run{i + 1}.log")
            with open(logpath, "wb") as log:
                t = time.monotonic()
                r = boot_once(kernel, a.image, mem, smp, icount, timeout, log)
            runs[name].append(r)
            ok = sum(1 for v in r["rows"].values() if "ns" in v)
            err = f", {r['error']} (log {logpath})" if r["error"] else ""
            print(f"  run {i + 1}/{runs_n} {name:<12} {time.monotonic() - t:6.1f}s "
                  f"{ok}/{len(names)} rows{err}", flush=True)
    summary = {name: summarize(rs, names) for name, rs in runs.items()}
    report(a.out, names, kernels, summary, runs, mode, mem, smp, runs_n, shown)
    print(f"bench: {time.monotonic() - t_all:.0f}s in all; results in {a.out}/results.csv, "
          f"{a.out}/results.json")


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def report(out, names, kernels, summary, runs, mode, mem, smp, runs_n, shown):
    kev = [n for n, _ in kernels[1:]]
    lin = summary["linux"][0]
    hdr = f"{'benchmark':<26} {'Linux ns':>12}"
    for k in kev:
        label = "Kevlar ns" if len(kev) == 1 else f"{k} ns"
        hdr += f" {label:>14} {'ratio':>7}"
    print()
    print(hdr)
    print("-" * len(hdr))
    ratios = {k: [] for k in kev}
    rows_csv = []
    failures = []
    for n in names:
        if all(summary[k][0][n]["missing"] == len(runs[k]) for k in summary):
            continue  # not selected (BENCH_ARGS named other rows)
        line = f"{n:<26} {fmt_ns(lin[n]['ns']):>12}"
        row = {"benchmark": n, "linux_ns": lin[n]["ns"]}
        if lin[n]["ns"] is None:
            failures.append(("linux", n, lin[n]))
        for k in kev:
            s = summary[k][0][n]
            r = s["ns"] / lin[n]["ns"] if s["ns"] and lin[n]["ns"] else None
            if r:
                ratios[k].append(r)
            if s["ns"] is None or s["fails"] or s["missing"]:
                failures.append((k, n, s))
            line += f" {fmt_ns(s['ns']):>14} {(f'{r:.2f}' if r else '-'):>7}"
            row[f"{k}_ns"] = s["ns"]
            row[f"{k}_ratio"] = r
        rows_csv.append(row)
        print(line)
    print("-" * len(hdr))
    gm = {k: geomean(ratios[k]) for k in kev}
    line = f"{'geomean Kevlar/Linux':<26} {'':>12}"
    for k in kev:
        line += f" {f'({len(ratios[k])} rows)':>14} {(f'{gm[k]:.2f}' if gm[k] else '-'):>7}"
    print(line)
    print()
    print("whole system (medians)")
    sysrows = [("boot to /init, host ms", "boot_ms", "{:.0f}"),
               ("uptime at CMD, guest s", "uptime_s", "{:.2f}"),
               ("memory used after boot, KiB", "mem_used_kib", "{:.0f}")]
    hdr2 = f"{'':<30} {'Linux':>10}" + "".join(f" {k:>12}" for k in kev)
    print(hdr2)
    for label, key, f in sysrows:
        vals = [summary["linux"][1][key]] + [summary[k][1][key] for k in kev]
        print(f"{label:<30} " + " ".join(
            (f"{(f.format(v) if v is not None else '-'):>10}" if i == 0 else
             f"{(f.format(v) if v is not None else '-'):>12}") for i, v in enumerate(vals)))
    if failures:
        print()
        for k, n, s in failures:
            why = "; ".join(s["fails"]) or "no figure"
            if s["missing"]:
                why += f"; missing in {s['missing']} run(s)"
            print(f"note: {k} {n}: {why}")
    with open(os.path.join(out, "results.csv"), "w") as f:
        cols = ["benchmark", "linux_ns"] + [c for k in kev for c in (f"{k}_ns", f"{k}_ratio")]
        f.write(",".join(cols) + "\n")
        for row in rows_csv:
            f.write(",".join("" if row[c] is None else
                             (row[c] if isinstance(row[c], str) else f"{row[c]:.4g}")
                             for c in cols) + "\n")
        for label, key, _ in sysrows:
            f.write(",".join([f"system:{key}", str(summary["linux"][1][key] or "")] +
                             [c for k in kev for c in (str(summary[k][1][key] or ""), "")]) + "\n")
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"mode": mode, "cpu": CPU, "mem": mem, "smp": smp, "runs": runs_n,
                   "qemu": shown, "geomean": gm, "rows": rows_csv,
                   "system": {n: summary[n][1] for n in summary},
                   "samples": {n: {b: summary[n][0][b]["samples"] for b in names}
                               for n in summary},
                   "raw": runs}, f, indent=1)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == "fetch-linux" and len(sys.argv) == 3:
        fetch_linux(sys.argv[2])
    elif cmd == "overlay" and len(sys.argv) == 4:
        make_overlay(sys.argv[2], sys.argv[3])
    elif cmd == "cmd":
        sys.stdout.write(CMD.replace("$BENCH_ARGS", " ".join(map(shlex.quote, sys.argv[2:]))))
    elif cmd == "run":
        run(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
