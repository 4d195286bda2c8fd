#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""`make bench`: Kevlar against Debian's Linux in the same QEMU, one table.

  bench.py fetch-linux DIR
      Resolve linux-image-cloud-amd64 to its kernel package with apt-cache,
      `apt-get download` it and extract it under DIR (once; a stamp file
      names the vmlinuz).  Nothing is installed on the host.
  bench.py fetch-hackbench DIR
      `apt-get download` Debian's rt-tests and libc6 into DIR and extract
      them under DIR/root (once; a stamp file marks it): hackbench is a
      workload row, dynamically linked against glibc.
  bench.py overlay DIR BENCH_BINARY [HACKBENCH_ROOT]
      Write the overlay for the one initramfs: /bin/bench and a /init that
      marks its first instruction on the console before running the
      image's own /init (copied to /etc/kbench/init); with HACKBENCH_ROOT,
      also /usr/bin/hackbench and the glibc files it loads.
  bench.py cmd [BENCH_ARGS...]
      Print the command the image runs (init's CMD).
  bench.py run --image CPIO --linux VMLINUZ --kevlar NAME=ELF [...] --out DIR
      Boot each kernel BENCH_RUNS times, alternating kernel by kernel,
      with the identical QEMU command line, parse the marker-delimited
      blocks, take medians and print the table; CSV and JSON go to DIR.
      Linux boots twice per run: as shipped (the "Linux" column, against
      which the "ratio" columns are taken, as before) and with
      `mitigations=off` on its command line ("Linux m=off" and the
      "r m=off" ratios), so every ratio is read against both.
  bench.py smp --smp 1,2,4 (same options as run)
      `run` once per -smp value (every kernel on the same -smp), then one
      table of each row at each SMP side by side and the CPU-bound
      scaling figure: cpu_work_Nproc (N processes, each the same fixed
      work) at SMP=N, its wall time and speed-up over N=1 for Linux and
      Kevlar.  Results go to DIR/smpN/ and DIR/smp.{csv,json}.

  bench.py profiles --modes wall,icount (same options as run)
      `run` once per mode (Linux once per run and mode, never once per
      profile), then one table: every row x Linux and each Kevlar, in each
      mode side by side, the geomeans, and the cost of one crossing into a
      service (CROSSING_PAIRS: the same call on a tmpfs file and on a
      ring-1 devfs node).  Per-mode tables and results go to DIR/<mode>/,
      the combined table to DIR/profiles.txt and DIR/profiles.json.
      BENCH_ICOUNT_RUNS (default 1: icount figures repeat) sets the runs
      of the icount mode; BENCH_RUNS those of wall mode.
  bench.py profiles-table DIR
      Print the combined table again from DIR/<mode>/results.json.

Environment: BENCH_RUNS (default 5), BENCH_MODE=wall|icount (icount adds
`-icount shift=0`), BENCH_TIMEOUT (seconds per boot, default 240),
BENCH_NOMIT=0 (skip the mitigations=off boot of Linux), MEM, SMP.
"""
import glob
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
sys.path.insert(0, os.path.join(ROOT, "tests", "storage"))
import guest  # noqa: E402  (the disk helper and Linux's virtio modules)

# Issue 13: every boot gets a fresh `mke2fs -t ext4` image on virtio-blk
# (BENCH_DISK=0: none), mounted on /mnt for the ext4_* rows: the last disk
# attached (after any other the bench attaches), found as the first of
# /dev/vdb, /dev/vda that mounts as ext4.
DISK_SIZE = "256M"
# rows shown again as rates under the table: (unit, rate from ns per op)
RATES = {"ext4_seq_write_64M_per_MiB": ("MB/s", lambda ns: 1048576e3 / ns),
         "ext4_seq_read_64M_per_MiB": ("MB/s", lambda ns: 1048576e3 / ns),
         "ext4_rand_read_4K": ("IOPS", lambda ns: 1e9 / ns),
         "ext4_fsync_4K_write": ("fsyncs/s", lambda ns: 1e9 / ns),
         "ext4_create_delete_0K": ("files/s", lambda ns: 1e9 / ns),
         "ext4_create_delete_10K": ("files/s", lambda ns: 1e9 / ns),
         "ext4_tar_extract_100_files": ("files/s", lambda ns: 100e9 / ns),
         "tcp_loopback_bw_4K": ("MB/s", lambda ns: 4096e3 / ns),
         "tcp_loopback_bw_64K": ("MB/s", lambda ns: 65536e3 / ns),
         "tcp_connect_accept_close": ("conns/s", lambda ns: 1e9 / ns),
         "redis_bench_set_c20": ("req/s", lambda ns: 1e9 / ns),
         "redis_bench_get_c20": ("req/s", lambda ns: 1e9 / ns)}


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


HACKBENCH_PKGS = ["rt-tests", "libc6"]
# what /usr/bin/hackbench loads (NEEDED: libpthread.so.0, libc.so.6)
HACKBENCH_FILES = ["usr/bin/hackbench", "lib/x86_64-linux-gnu/libc.so.6",
                   "lib/x86_64-linux-gnu/libpthread.so.0",
                   "lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"]


def fetch_hackbench(dest):
    stamp = os.path.join(dest, "hackbench.stamp")
    root = os.path.join(dest, "root")
    if not os.path.exists(stamp):
        debs = os.path.join(dest, "debs")
        os.makedirs(debs, exist_ok=True)
        os.chmod(debs, 0o777)  # apt downloads as _apt
        have = os.listdir(debs)
        want = [p for p in HACKBENCH_PKGS if not any(f.startswith(p + "_") for f in have)]
        if want:
            subprocess.run(["apt-get", "download", "-q"] + want, cwd=debs, check=True,
                           stdout=sys.stderr)
        shutil.rmtree(root, ignore_errors=True)
        for p in HACKBENCH_PKGS:
            deb = [f for f in os.listdir(debs) if f.startswith(p + "_") and f.endswith(".deb")]
            subprocess.run(["dpkg-deb", "-x", os.path.join(debs, deb[0]), root], check=True)
        for f in HACKBENCH_FILES:
            if not os.path.exists(os.path.join(root, f)):
                sys.exit(f"bench: {f} is not in {HACKBENCH_PKGS}")
        with open(stamp, "w") as f:
            f.write(" ".join(HACKBENCH_PKGS) + "\n")
    print(root)


INIT_WRAPPER = """#!/bin/sh
# make bench: mark the first instruction of /init on the console (the host
# timestamps this line), then run the image's own /init.  Linux's cloud
# kernel has virtio as modules: load them for the disk rows (Kevlar has no
# modules and its driver built in: insmod fails there, quietly).
echo KBENCH-INIT
# Linux's /dev first (the image's /init mounts devtmpfs only when /dev/null
# is missing, and a redirection to it below would create it as a file)
[ -e /dev/null ] || mount -t devtmpfs devtmpfs /dev
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk; do
  [ -f /lib/kbench/$m.ko ] && insmod /lib/kbench/$m.ko 2>/dev/null
done
# the image has a static /dev (no devtmpfs under Linux): the disk's node
if [ ! -e /dev/vda ] && mount -t sysfs sysfs /sys 2>/dev/null; then
  d=$(cat /sys/block/vda/dev 2>/dev/null) && mknod /dev/vda b "${d%:*}" "${d#*:}"
  umount /sys
fi
exec /bin/sh /etc/kbench/init
"""

# The disk of the disk_* rows, the same file for both kernels (read-only).
DISK_IMAGE = os.path.join(ROOT, "build", "bench", "disk.img")
DISK_MODULES = ("drivers/virtio/virtio_ring.ko", "drivers/virtio/virtio.ko",
                "drivers/virtio/virtio_pci_modern_dev.ko",
                "drivers/virtio/virtio_pci_legacy_dev.ko", "drivers/virtio/virtio_pci.ko",
                "drivers/block/virtio_blk.ko")


def disk_image():
    """128 MiB of random bytes (not sparse: both kernels read real data)."""
    if not os.path.exists(DISK_IMAGE) or os.path.getsize(DISK_IMAGE) != 128 << 20:
        os.makedirs(os.path.dirname(DISK_IMAGE), exist_ok=True)
        with open(DISK_IMAGE + ".tmp", "wb") as f:
            for _ in range(128):
                f.write(os.urandom(1 << 20))
        os.replace(DISK_IMAGE + ".tmp", DISK_IMAGE)
    return DISK_IMAGE

# The one command both kernels run (init's CMD).  Memory is read before
# anything else runs; /proc/uptime is each kernel's own boot clock.
CMD = """echo KBENCH-BEGIN
echo "KBENCH-UPTIME $(cut -d' ' -f1 /proc/uptime)"
echo "KBENCH-MEM $(awk '/^MemTotal:/{t=$2} /^MemAvailable:/{a=$2} END{print t, a}' /proc/meminfo)"
[ -f /etc/fstest/disk.sh ] && . /etc/fstest/disk.sh
[ -b /dev/vda ] && export BENCH_DISK_DEV=/dev/vda # the raw disk of the disk_* rows
for d in /dev/vdb /dev/vda; do
	[ -e $d ] && mount -t ext4 $d /mnt 2>/dev/null && export BENCH_DISK_DIR=/mnt BENCH_DROP_CACHES=1 && break
done
/bin/bench $BENCH_ARGS
[ -n "$BENCH_DISK_DIR" ] && umount /mnt
echo KBENCH-END
poweroff -f
"""


# Issue 14's redis rows: Debian's redis-server and redis-benchmark from the
# tree tests/integration/net-servers-fetch.py unpacks, with the libraries
# the tree's own loader says they load (absent tree: the rows are n/a).
SERVERS_ROOT = os.path.join(ROOT, "build", "servers", "root")
REDIS_BINS = ["usr/bin/redis-server", "usr/bin/redis-benchmark"]


def add_redis(dest):
    root = SERVERS_ROOT
    if not all(os.path.exists(os.path.join(root, b)) for b in REDIS_BINS):
        return
    ldso = os.path.join(root, "lib64", "ld-linux-x86-64.so.2")
    libpath = ":".join(os.path.join(root, d) for d in ("lib/x86_64-linux-gnu",
                                                        "usr/lib/x86_64-linux-gnu"))
    files = set(REDIS_BINS)
    for b in REDIS_BINS:
        out = subprocess.run([ldso, "--library-path", libpath, "--list", os.path.join(root, b)],
                             capture_output=True, text=True, check=True).stdout
        for m in re.finditer(r"=> (\S+) \(", out):
            files.add(os.path.relpath(m.group(1), root))
    for f in sorted(files):
        d = os.path.join(dest, f)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        if os.path.lexists(d):
            os.unlink(d)
        shutil.copyfile(os.path.realpath(os.path.join(root, f)), d)
        os.chmod(d, 0o755)
    # the loader, where hackbench's files put it (the same libc6 package)
    lib = os.path.join(dest, "lib", "x86_64-linux-gnu", "ld-linux-x86-64.so.2")
    if not os.path.exists(lib):
        shutil.copyfile(os.path.realpath(ldso), lib)
        os.chmod(lib, 0o755)
    if not os.path.lexists(os.path.join(dest, "lib64", "ld-linux-x86-64.so.2")):
        os.makedirs(os.path.join(dest, "lib64"), exist_ok=True)
        os.symlink("../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                   os.path.join(dest, "lib64", "ld-linux-x86-64.so.2"))


def make_overlay(dest, binary, hackbench_root=None):
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, "bin"))
    os.makedirs(os.path.join(dest, "etc", "kbench"))
    shutil.copy2(binary, os.path.join(dest, "bin", "bench"))
    if hackbench_root:
        for f in HACKBENCH_FILES:
            os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
            # the file itself, not a link into the extracted tree
            shutil.copyfile(os.path.realpath(os.path.join(hackbench_root, f)),
                            os.path.join(dest, f))
            os.chmod(os.path.join(dest, f), 0o755)
        os.makedirs(os.path.join(dest, "lib64"))
        os.symlink("../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                   os.path.join(dest, "lib64", "ld-linux-x86-64.so.2"))
    # Debian's Linux: its virtio modules, from the package fetch-linux unpacked
    mods = sorted(glob.glob(os.path.join(ROOT, "build", "bench", "linux", "root", "lib",
                                         "modules", "*", "kernel")))
    if mods:
        os.makedirs(os.path.join(dest, "lib", "kbench"), exist_ok=True)
        for m in DISK_MODULES:
            if os.path.exists(os.path.join(mods[-1], m)):
                shutil.copyfile(os.path.join(mods[-1], m),
                                os.path.join(dest, "lib", "kbench", os.path.basename(m)))
    add_redis(dest)
    shutil.copy2(os.path.join(ROOT, "image", "init"), os.path.join(dest, "etc", "kbench", "init"))
    guest.add_disk_support(dest)
    with open(os.path.join(dest, "init"), "w") as f:
        f.write(INIT_WRAPPER)
    os.chmod(os.path.join(dest, "init"), 0o755)


def disk_tree(disk):
    """The files mke2fs -d puts on every disk: kbench-ro/big, the 64 MiB
    file the read rows read (so they also run on a read-only mount)."""
    tree = disk + ".d"
    big = os.path.join(tree, "kbench-ro", "big")
    if not os.path.exists(big):
        os.makedirs(os.path.dirname(big), exist_ok=True)
        with open(big + ".tmp", "wb") as f:
            for i in range(64):
                f.write(bytes([i]) * (1 << 20))
        os.rename(big + ".tmp", big)
    return tree


def qemu_args(kernel, image, mem, smp, icount, append="", disk=None):
    args = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg", "-cpu", CPU,
            "-m", mem, "-smp", str(smp), "-nographic", "-no-reboot", "-serial", "mon:stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-nic", "none",
            "-fw_cfg", "name=etc/sercon-port,string=0"]
    if icount:
        args += ["-icount", "shift=0"]
    args += ["-drive", f"if=none,file={disk_image()},format=raw,id=bd,readonly=on",
             "-device", "virtio-blk-pci,drive=bd"]
    if disk:
        args += guest.disk_args([disk])
    return args + ["-kernel", kernel, "-initrd", image,
                   "-append", "console=ttyS0 quiet panic=-1" + (" " + append if append else "")]


def boot_once(kernel, image, mem, smp, icount, timeout, log, append="", disk=None):
    """One boot: returns {rows, boot_ms, uptime_s, mem_used_kib, error}."""
    if disk:
        subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-d", disk_tree(disk), disk,
                        DISK_SIZE], check=True, capture_output=True)
    args = qemu_args(kernel, image, mem, smp, icount, append, disk)
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
        iters = [r["rows"][n]["iters"] for r in runs if "ns" in r["rows"].get(n, {})]
        out[n] = {"ns": statistics.median(ns) if ns else None, "samples": ns, "fails": fails,
                  "missing": missing, "iters": max(iters) if iters else None}
    sysfig = {k: median_or_none([r[k] for r in runs])
              for k in ("boot_ms", "uptime_s", "mem_used_kib")}
    return out, sysfig


def fmt_ns(x, fails=()):
    if x is None:
        # a missing prerequisite (no threads, no hackbench) is not a failure
        return "n/a" if fails and all(f.startswith("n/a") for f in fails) else "FAILED"
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}"


LINUX_NOMIT = "linux-nomit"
NOMIT_APPEND = "mitigations=off"


def options(prog, argv, smp_list=False):
    import argparse
    ap = argparse.ArgumentParser(prog=prog)
    ap.add_argument("--image", required=True)
    ap.add_argument("--linux", required=True)
    ap.add_argument("--kevlar", action="append", required=True, help="NAME=ELF")
    ap.add_argument("--bench", required=True, help="the bench binary (for -l)")
    ap.add_argument("--out", required=True)
    if smp_list:
        ap.add_argument("--smp", default="1,2,4", help="comma-separated -smp values")
    a = ap.parse_args(argv)
    cfg = {"runs_n": int(os.environ.get("BENCH_RUNS", "5")),
           "mode": os.environ.get("BENCH_MODE", "wall"),
           "timeout": int(os.environ.get("BENCH_TIMEOUT", "240")),
           "mem": os.environ.get("MEM", "256M"),
           "nomit": os.environ.get("BENCH_NOMIT", "1") != "0"}
    if cfg["mode"] not in ("wall", "icount"):
        sys.exit("bench: BENCH_MODE must be wall or icount")
    cfg["icount"] = cfg["mode"] == "icount"
    # (name, kernel, extra command line): Linux as shipped first, then
    # Linux with mitigations=off, then each Kevlar
    kernels = [("linux", a.linux, "")]
    if cfg["nomit"]:
        kernels.append((LINUX_NOMIT, a.linux, NOMIT_APPEND))
    kernels += [tuple(k.split("=", 1)) + ("",) for k in a.kevlar]
    names = subprocess.run([a.bench, "-l"], capture_output=True, text=True,
                           check=True).stdout.split()
    return a, cfg, kernels, names


def measure(cfg, kernels, names, smp, out):
    """Boot every kernel BENCH_RUNS times at -smp SMP: {name: [boot results]}."""
    mem, icount, runs_n = cfg["mem"], cfg["icount"], cfg["runs_n"]
    os.makedirs(out, exist_ok=True)
    if icount and smp > 1:
        print(f"bench: warning: -icount runs the vCPUs one at a time, and Debian's Linux "
              f"did not reach /init within 240 s with -icount on -smp {smp}: use wall mode")
    disk = os.path.join(out, "ext4.img") if os.environ.get("BENCH_DISK", "1") != "0" else None
    shown = " ".join(qemu_args("KERNEL", "INITRD", mem, smp, icount, disk=disk and "DISK")[1:])
    print(f"bench: QEMU TCG, -cpu {CPU}, -m {mem}, -smp {smp}, mode {cfg['mode']}, "
          f"{runs_n} runs per kernel, alternating")
    print(f"bench: qemu-system-x86_64 {shown}")
    print(f"bench: Linux = {os.path.basename(kernels[0][1])}"
          + (f" (and again with {NOMIT_APPEND})" if cfg["nomit"] else "") + "; "
          + ", ".join(f"Kevlar {n} = {p}" for n, p, _ in kernels if not n.startswith("linux")))
    sys.stdout.flush()
    runs = {name: [] for name, _, _ in kernels}
    for i in range(runs_n):
        for name, kernel, append in kernels:
            logpath = os.path.join(out, f"{name}-run{i + 1}.log")
            with open(logpath, "wb") as log:
                t = time.monotonic()
                r = boot_once(kernel, cfg["image"], mem, smp, icount, cfg["timeout"], log,
                              append, disk)
            runs[name].append(r)
            ok = sum(1 for v in r["rows"].values() if "ns" in v)
            err = f", {r['error']} (log {logpath})" if r["error"] else ""
            print(f"  run {i + 1}/{runs_n} {name:<12} {time.monotonic() - t:6.1f}s "
                  f"{ok}/{len(names)} rows{err}", flush=True)
    return runs, shown


def run(argv):
    a, cfg, kernels, names = options("bench.py run", argv)
    cfg["image"] = a.image
    smp = int(os.environ.get("SMP", "1"))
    t_all = time.monotonic()
    runs, shown = measure(cfg, kernels, names, smp, a.out)
    summary = {name: summarize(rs, names) for name, rs in runs.items()}
    report(a.out, names, kernels, summary, runs, cfg["mode"], cfg["mem"], smp, cfg["runs_n"],
           shown)
    print(f"bench: {time.monotonic() - t_all:.0f}s in all; results in {a.out}/results.csv, "
          f"{a.out}/results.json")


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def ratio(a, b):
    return a / b if a and b else None


def fmt_r(r):
    return f"{r:.2f}" if r else "-"


def report(out, names, kernels, summary, runs, mode, mem, smp, runs_n, shown):
    kev = [n for n, _, _ in kernels if not n.startswith("linux")]
    nomit = LINUX_NOMIT in summary
    lin = summary["linux"][0]
    lnm = summary[LINUX_NOMIT][0] if nomit else None
    hdr = f"{'benchmark':<28} {'Linux ns':>12}"
    if nomit:
        hdr += f" {'Linux m=off':>12}"
    for k in kev:
        label = "Kevlar ns" if len(kev) == 1 else f"{k} ns"
        hdr += f" {label:>14} {'ratio':>7}" + (f" {'r m=off':>7}" if nomit else "")
    print()
    print(hdr)
    print("-" * len(hdr))
    ratios = {k: [] for k in kev}
    ratios_nm = {k: [] for k in kev}
    rows_csv = []
    failures = []
    for n in names:
        if all(summary[k][0][n]["missing"] == len(runs[k]) for k in summary):
            continue  # not selected (BENCH_ARGS named other rows)
        line = f"{n:<28} {fmt_ns(lin[n]['ns'], lin[n]['fails']):>12}"
        row = {"benchmark": n, "linux_ns": lin[n]["ns"]}
        if lin[n]["ns"] is None:
            failures.append(("linux", n, lin[n]))
        if nomit:
            line += f" {fmt_ns(lnm[n]['ns'], lnm[n]['fails']):>12}"
            row["linux_nomit_ns"] = lnm[n]["ns"]
            if lnm[n]["ns"] is None:
                failures.append((LINUX_NOMIT, n, lnm[n]))
        for k in kev:
            s = summary[k][0][n]
            r = ratio(s["ns"], lin[n]["ns"])
            if r:
                ratios[k].append(r)
            if s["ns"] is None or s["fails"] or s["missing"]:
                failures.append((k, n, s))
            line += f" {fmt_ns(s['ns'], s['fails']):>14} {fmt_r(r):>7}"
            row[f"{k}_ns"] = s["ns"]
            row[f"{k}_ratio"] = r
            if nomit:
                rn = ratio(s["ns"], lnm[n]["ns"])
                if rn:
                    ratios_nm[k].append(rn)
                line += f" {fmt_r(rn):>7}"
                row[f"{k}_ratio_nomit"] = rn
        rows_csv.append(row)
        print(line)
    print("-" * len(hdr))
    gm = {k: geomean(ratios[k]) for k in kev}
    gm_nm = {k: geomean(ratios_nm[k]) for k in kev}
    line = f"{'geomean Kevlar/Linux':<28} {'':>12}" + (f" {'':>12}" if nomit else "")
    for k in kev:
        line += f" {f'({len(ratios[k])} rows)':>14} {fmt_r(gm[k]):>7}"
        if nomit:
            line += f" {fmt_r(gm_nm[k]):>7}"
    print(line)
    if nomit:
        print(f"(ratio: Kevlar / Linux as shipped; r m=off: Kevlar / Linux booted with "
              f"{NOMIT_APPEND})")
    rated = [n for n in names if n in RATES and any(summary[k][0][n]["ns"] for k in summary)]
    if rated:
        print()
        print(f"as rates (ext4: a fresh mke2fs -t ext4 {DISK_SIZE} image a boot; tcp and redis: 127.0.0.1)")
        cols = ["linux"] + ([LINUX_NOMIT] if nomit else []) + kev
        labels = ["Linux"] + (["Linux m=off"] if nomit else []) + kev
        print(f"{'':<28} {'unit':>9}" + "".join(f" {lab:>12}" for lab in labels))
        for n in rated:
            unit, f = RATES[n]
            vals = [summary[c][0][n]["ns"] for c in cols]
            print(f"{n:<28} {unit:>9}" + "".join(
                f" {(f'{f(v):.1f}' if v else fmt_ns(None, summary[c][0][n]['fails'])):>12}"
                for v, c in zip(vals, cols)))
    print()
    print("whole system (medians)")
    sysrows = [("boot to /init, host ms", "boot_ms", "{:.0f}"),
               ("uptime at CMD, guest s", "uptime_s", "{:.2f}"),
               ("memory used after boot, KiB", "mem_used_kib", "{:.0f}")]
    cols = ["linux"] + ([LINUX_NOMIT] if nomit else []) + kev
    labels = ["Linux"] + (["Linux m=off"] if nomit else []) + kev
    print(f"{'':<30}" + "".join(f" {lab:>12}" for lab in labels))
    for label, key, f in sysrows:
        vals = [summary[c][1][key] for c in cols]
        print(f"{label:<30}" + "".join(
            f" {(f.format(v) if v is not None else '-'):>12}" for v in vals))
    if failures:
        print()
        for k, n, s in failures:
            why = "; ".join(s["fails"]) or "no figure"
            if s["missing"]:
                why += f"; missing in {s['missing']} run(s)"
            print(f"note: {k} {n}: {why}")
    # the columns of before come first, unchanged; the m=off ones follow
    csv_cols = ["benchmark", "linux_ns"] + [c for k in kev for c in (f"{k}_ns", f"{k}_ratio")]
    if nomit:
        csv_cols += ["linux_nomit_ns"] + [f"{k}_ratio_nomit" for k in kev]
    with open(os.path.join(out, "results.csv"), "w") as f:
        f.write(",".join(csv_cols) + "\n")
        for row in rows_csv:
            f.write(",".join("" if row[c] is None else
                             (row[c] if isinstance(row[c], str) else f"{row[c]:.4g}")
                             for c in csv_cols) + "\n")
        for label, key, _ in sysrows:
            sysv = lambda n: str(summary[n][1][key] or "")
            cells = [f"system:{key}", sysv("linux")] + [c for k in kev for c in (sysv(k), "")]
            if nomit:
                cells += [sysv(LINUX_NOMIT)] + ["" for k in kev]
            f.write(",".join(cells) + "\n")
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"mode": mode, "cpu": CPU, "mem": mem, "smp": smp, "runs": runs_n,
                   "qemu": shown, "geomean": gm,
                   "linux_nomit_append": NOMIT_APPEND if nomit else None,
                   "geomean_nomit": gm_nm if nomit else None, "rows": rows_csv,
                   "system": {n: summary[n][1] for n in summary},
                   "samples": {n: {b: summary[n][0][b]["samples"] for b in names}
                               for n in summary},
                   "raw": runs}, f, indent=1)


SCALING_ROW = "cpu_work_{}proc"


def smp(argv):
    """`run` at each -smp, then the rows side by side and the scaling figure."""
    a, cfg, kernels, names = options("bench.py smp", argv, smp_list=True)
    cfg["image"] = a.image
    smps = [int(x) for x in a.smp.split(",")]
    if cfg["icount"] and any(n > 1 for n in smps):
        # one vCPU at a time, and Linux does not boot so: nothing to compare
        print("bench-smp: icount mode measures SMP=1 only (use wall mode for -smp > 1)")
        smps = [1]
    t_all = time.monotonic()
    per = {}
    for n in smps:
        out = os.path.join(a.out, f"smp{n}")
        runs, shown = measure(cfg, kernels, names, n, out)
        summary = {name: summarize(rs, names) for name, rs in runs.items()}
        report(out, names, kernels, summary, runs, cfg["mode"], cfg["mem"], n, cfg["runs_n"],
               shown)
        per[n] = {k: {b: v["ns"] for b, v in summary[k][0].items()} for k in summary}
        per[n]["_fails"] = {k: {b: v["fails"] for b, v in summary[k][0].items()}
                            for k in summary}
        per[n]["_iters"] = {k: {b: v["iters"] for b, v in summary[k][0].items()}
                            for k in summary}
        print()
    cols = [k for k, _, _ in kernels]
    label = {"linux": "Linux", LINUX_NOMIT: "Lx m=off"}
    kev = [k for k in cols if not k.startswith("linux")]
    print(f"bench-smp: ns per op, each kernel on the same -smp (mode {cfg['mode']}, "
          f"{cfg['runs_n']} runs, medians); ratio = Kevlar / Linux as shipped")
    hdr = f"{'benchmark':<28} {'SMP':>3}" + "".join(
        f" {label.get(k, k if len(kev) > 1 else 'Kevlar'):>12}" for k in cols) + \
        "".join(f" {'ratio':>6}" + (f" {'r m=off':>7}" if LINUX_NOMIT in cols else "")
                for _ in kev)
    print(hdr)
    print("-" * len(hdr))
    csv = [["benchmark", "smp"] + [f"{k}_ns" for k in cols]]
    for b in names:
        if all(per[n][k][b] is None and not per[n]["_fails"][k][b] for n in smps for k in cols):
            continue  # not in this image
        for n in smps:
            line = f"{b:<28} {n:>3}" + "".join(
                f" {fmt_ns(per[n][k][b], per[n]['_fails'][k][b]):>12}" for k in cols)
            for k in kev:
                line += f" {fmt_r(ratio(per[n][k][b], per[n]['linux'][b])):>6}"
                if LINUX_NOMIT in cols:
                    line += f" {fmt_r(ratio(per[n][k][b], per[n][LINUX_NOMIT][b])):>7}"
            print(line)
            csv.append([b, str(n)] + ["" if per[n][k][b] is None else f"{per[n][k][b]:.4g}"
                                      for k in cols])
    scaling = scaling_table(per, smps, cols, label, names, kev)
    with open(os.path.join(a.out, "smp.csv"), "w") as f:
        f.write("\n".join(",".join(r) for r in csv) + "\n")
    with open(os.path.join(a.out, "smp.json"), "w") as f:
        json.dump({"mode": cfg["mode"], "runs": cfg["runs_n"], "smp": smps,
                   "ns": {n: {k: per[n][k] for k in cols} for n in smps},
                   "scaling": scaling}, f, indent=1)
    print(f"bench-smp: {time.monotonic() - t_all:.0f}s in all; results in {a.out}/smp.csv, "
          f"{a.out}/smp.json and {a.out}/smpN/")


def scaling_table(per, smps, cols, label, names, kev):
    """cpu_work_Nproc at SMP=N: N processes each doing the same fixed work.
    The row is ns per unit of the total work, so the wall time is that
    times N times the units per process, and the speed-up over N=1 is
    ns(1proc, SMP=1) / ns(Nproc, SMP=N)."""
    base = SCALING_ROW.format(1)
    todo = [n for n in smps if SCALING_ROW.format(n) in names]
    if 1 not in todo:
        return None
    print()
    print("CPU-bound scaling: N processes, each the same fixed work, at SMP=N "
          "(ms from the first fork to the last exit; speed-up = throughput over N=1)")
    hdr = f"{'N = SMP':>8}" + "".join(f" {label.get(k, k if len(kev) > 1 else 'Kevlar') + ' ms':>14}"
                                       f" {'speed-up':>9}" for k in cols)
    print(hdr)
    print("-" * len(hdr))
    table = {}
    for n in todo:
        line = f"{n:>8}"
        for k in cols:
            ns1, nsn = per[1][k][base], per[n][k][SCALING_ROW.format(n)]
            iters = per[n]["_iters"][k][SCALING_ROW.format(n)]  # units per process
            wall = nsn * n * iters / 1e6 if nsn else None
            up = ns1 / nsn if ns1 and nsn else None
            table.setdefault(k, {})[n] = {"wall_ms": wall, "speedup": up}
            line += f" {(f'{wall:.0f}' if wall else '-'):>14} {(f'{up:.2f}' if up else '-'):>9}"
        print(line)
    for k in kev:
        for n in todo:
            lu, ku = table["linux"][n]["speedup"], table[k][n]["speedup"]
            if lu and ku:
                print(f"  SMP={n}: {k} speed-up {ku:.2f} vs Linux {lu:.2f} "
                      f"({(ku / lu - 1) * 100:+.0f}%)")
    return table


# (service row, ring-1 row): the same system call once on a tmpfs file
# (one crossing into ring 2) and once on a devfs node (ring 1, no crossing)
CROSSING_PAIRS = [("fstat", "fstat_devnull", "fstat: tmpfs - /dev/null"),
                  ("pread_tmpfs_1B", "pread_devzero_1B", "pread 1B: tmpfs - /dev/zero")]


def profiles(argv):
    """`run` in each mode, then every row x kernel x mode in one table."""
    import argparse
    import contextlib
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--modes", default="wall,icount")
    m, rest = pre.parse_known_args(argv)
    modes = m.modes.split(",")
    a, cfg, kernels, names = options("bench.py profiles", rest)
    cfg["image"] = a.image
    smp_n = int(os.environ.get("SMP", "1"))
    t_all = time.monotonic()
    per, took = {}, {}
    for mode in modes:
        if mode not in ("wall", "icount"):
            sys.exit("bench: --modes takes wall and icount")
        c = dict(cfg, mode=mode, icount=mode == "icount")
        if mode == "icount":
            c["runs_n"] = int(os.environ.get("BENCH_ICOUNT_RUNS", "1"))
        out = os.path.join(a.out, mode)
        t = time.monotonic()
        runs, shown = measure(c, kernels, names, smp_n, out)
        summary = {name: summarize(rs, names) for name, rs in runs.items()}
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "table.txt"), "w") as f, contextlib.redirect_stdout(f):
            report(out, names, kernels, summary, runs, mode, c["mem"], smp_n, c["runs_n"],
                   shown)
        per[mode] = {"summary": summary, "runs": c["runs_n"]}
        took[mode] = time.monotonic() - t
    cols = [k for k, _, _ in kernels]
    text = profiles_table(per, modes, cols, names, cfg, smp_n)
    print()
    print(text)
    with open(os.path.join(a.out, "profiles.txt"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(a.out, "profiles.json"), "w") as f:
        json.dump({"modes": modes, "smp": smp_n, "mem": cfg["mem"], "kernels": cols,
                   "runs": {mo: per[mo]["runs"] for mo in modes},
                   "seconds": took,
                   "ns": {mo: {k: {b: v["ns"] for b, v in per[mo]["summary"][k][0].items()}
                               for k in cols} for mo in modes}}, f, indent=1)
    print(f"bench-profiles: {time.monotonic() - t_all:.0f}s in all ("
          + ", ".join(f"{mo} {took[mo]:.0f}s" for mo in modes)
          + f"); results in {a.out}/profiles.txt, {a.out}/profiles.json, {a.out}/<mode>/")


def profiles_table_from(out):
    """The combined table of a finished `profiles` run, from its results."""
    per, modes, j = {}, [], None
    for mo in ("wall", "icount"):
        path = os.path.join(out, mo, "results.json")
        if not os.path.exists(path):
            continue
        j = json.load(open(path))
        names = list(j["samples"]["linux"])
        per[mo] = {"summary": {k: summarize(rs, names) for k, rs in j["raw"].items()},
                   "runs": j["runs"]}
        modes.append(mo)
    if not j:
        sys.exit(f"bench: no results under {out}")
    return profiles_table(per, modes, list(j["raw"]), names, {"mem": j["mem"]}, j["smp"])


def profiles_table(per, modes, cols, names, cfg, smp_n):
    label = {"linux": "Linux", LINUX_NOMIT: "Lx m=off"}
    kev = [k for k in cols if not k.startswith("linux")]
    w = 11
    lines = [f"bench-profiles: ns per op, medians (" + ", ".join(
        f"{mo}: {per[mo]['runs']} run(s)" for mo in modes)
        + f"), QEMU TCG -cpu {CPU} -m {cfg['mem']} -smp {smp_n}"]
    head1 = f"{'':<28}" + "".join(f" | {mo + ' ns':<{(w + 1) * len(cols) - 1}}" for mo in modes)
    head2 = f"{'benchmark':<28}" + "".join(
        " |" + "".join(f" {label.get(k, k)[:w]:>{w}}" for k in cols)[1:] for _ in modes)
    lines += [head1, head2, "-" * len(head2)]
    ns = {mo: {k: per[mo]["summary"][k][0] for k in cols} for mo in modes}
    for b in names:
        if all(ns[mo][k][b]["missing"] == per[mo]["runs"] for mo in modes for k in cols):
            continue  # not selected
        line = f"{b:<28}"
        for mo in modes:
            line += " |" + "".join(f" {fmt_ns(ns[mo][k][b]['ns'], ns[mo][k][b]['fails']):>{w}}"
                                   for k in cols)[1:]
        lines.append(line)
    lines.append("-" * len(head2))
    for ref in ["linux"] + (["balanced"] if "balanced" in kev else []):
        line = f"{'geomean / ' + label.get(ref, ref):<28}"
        for mo in modes:
            cells = []
            for k in cols:
                if k == ref or k.startswith("linux"):
                    cells.append("")
                    continue
                rs = [ratio(ns[mo][k][b]["ns"], ns[mo][ref][b]["ns"]) for b in names]
                cells.append(fmt_r(geomean(rs)))
            line += " |" + "".join(f" {c:>{w}}" for c in cells)[1:]
        lines.append(line)
    # the cost of one crossing: (service row - ring-1 row), per kernel and mode
    pairs = [(s, r, t) for s, r, t in CROSSING_PAIRS if s in names and r in names]
    if pairs:
        lines += ["", "cost of one crossing into a service, ns: the call on a tmpfs file minus "
                  "the same call on a ring-1 devfs node"]
        lines.append(head2.replace("benchmark", "pair     ", 1))
        lines.append("-" * len(head2))
        for s, r, title in pairs:
            line = f"{title:<28}"
            for mo in modes:
                cells = []
                for k in cols:
                    a, b = ns[mo][k][s]["ns"], ns[mo][k][r]["ns"]
                    cells.append(f"{a - b:.0f}" if a is not None and b is not None else "-")
                line += " |" + "".join(f" {c:>{w}}" for c in cells)[1:]
            lines.append(line)
        for hi in ("fortress", "balanced"):
            if hi not in kev or "performance" not in kev:
                continue
            line = f"{hi + ' - performance':<28}"
            for mo in modes:
                d = []
                for s, r, _ in pairs:
                    try:
                        d.append((ns[mo][hi][s]["ns"] - ns[mo][hi][r]["ns"])
                                 - (ns[mo]["performance"][s]["ns"]
                                    - ns[mo]["performance"][r]["ns"]))
                    except TypeError:
                        pass
                txt = " / ".join(f"{x:.0f}" for x in d) if d else "-"
                line += f" | {txt + ' ns (' + ' / '.join(s for s, _, _ in pairs) + ')':<{(w + 1) * len(cols) - 1}}"
            lines.append(line)
    lines.append("")
    for mo in modes:
        # how far apart a row's runs were: the table's noise, measured
        spread = [max(v["samples"]) / min(v["samples"]) for k in cols
                  for v in per[mo]["summary"][k][0].values()
                  if len(v["samples"]) > 1 and min(v["samples"]) > 0]
        if spread:
            lines.append(f"{mo}: a row's slowest run / its fastest, median over rows and "
                         f"kernels {statistics.median(spread):.2f}, worst {max(spread):.2f}")
    lines += ["wall: QEMU TCG on the host's CPUs, shared with whatever else runs (a 2-core "
              "machine here): read the rows with their spread above", "icount: "
              "-icount shift=0, one guest instruction per virtual ns: deterministic, "
              "instructions executed rather than time"]
    return "\n".join(lines)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == "fetch-linux" and len(sys.argv) == 3:
        fetch_linux(sys.argv[2])
    elif cmd == "fetch-hackbench" and len(sys.argv) == 3:
        fetch_hackbench(sys.argv[2])
    elif cmd == "overlay" and len(sys.argv) in (4, 5):
        make_overlay(*sys.argv[2:])
    elif cmd == "cmd":
        sys.stdout.write(CMD.replace("$BENCH_ARGS", " ".join(map(shlex.quote, sys.argv[2:]))))
    elif cmd == "run":
        run(sys.argv[2:])
    elif cmd == "smp":
        smp(sys.argv[2:])
    elif cmd == "profiles":
        profiles(sys.argv[2:])
    elif cmd == "profiles-table" and len(sys.argv) == 3:
        print(profiles_table_from(sys.argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
