#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Debian's fio on an ext4 disk, Kevlar beside Debian's Linux in the same QEMU.

  fio.py [--kernel NAME=ELF ...] [--runs N] [--mode wall|icount] [--out DIR]
         [--jobs NAME,NAME...]

Each kernel boots FIO_RUNS times (default 1) with the same initramfs (BusyBox,
Debian's fio and the libraries it loads: tests/storage/guest.py) and a fresh
`mke2fs -t ext4` 256M image on virtio-blk.  The guest mounts it on /mnt and
runs the jobs below one after another, each
printing fio's JSON between markers; the host prints bandwidth and IOPS
per job and kernel (medians over runs) and writes DIR/results.{txt,md,json}
(the .md table is for the docs to quote).  The QEMU command line is
guest.py's, the same for both kernels; --mode icount (FIO_MODE) adds
`-icount shift=0` as tools/bench.py's icount mode does: the guest's clock
then counts guest instructions (1 ns each) and not the host's load, so the
figures repeat on a busy machine (the time the guest sleeps waiting for
the disk still passes at the host's speed).
The read jobs read /mnt/fio-ro/data (64 MiB, put on the image by
`mke2fs -d`, opened with --readonly: they also run on a read-only mount);
the write jobs write /mnt/fio/data.
--jobs (FIO_JOBS) runs only the jobs named (comma-separated), e.g.
`FIO_JOBS=rand-read-4k-psync,rand-write-4k-psync make fio-bench`.
Only psync and sync engines: Kevlar has neither libaio nor io_uring.
Linux is always measured; a kernel whose jobs fail shows FAILED and the
exit status is 1.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GUEST = os.path.join(HERE, "guest.py")

COMMON = "--size=64M --output-format=json --group_reporting"
# the read jobs read a file mke2fs -d put on the image (read-only, so they
# also run where the mount is read-only); the write jobs write their own
RO = "--filename=/mnt/fio-ro/data --readonly"
RW = "--filename=/mnt/fio/data"
# name, fio options, the direction it measures
JOBS = [
    ("seq-read-1M-sync", f"{RO} --rw=read --bs=1M --ioengine=sync --invalidate=1", "read"),
    ("seq-read-1M-psync", f"{RO} --rw=read --bs=1M --ioengine=psync --invalidate=1", "read"),
    ("rand-read-4k-psync", f"{RO} --rw=randread --bs=4k --ioengine=psync --invalidate=1 "
     "--runtime=8 --randrepeat=1", "read"),
    ("seq-write-1M-sync", f"{RW} --rw=write --bs=1M --ioengine=sync --end_fsync=1", "write"),
    ("seq-write-1M-psync", f"{RW} --rw=write --bs=1M --ioengine=psync --end_fsync=1",
     "write"),
    ("rand-write-4k-psync", f"{RW} --rw=randwrite --bs=4k --ioengine=psync --fsync=64 "
     "--runtime=8 --randrepeat=1", "write"),
    ("randrw-4k-psync", f"{RW} --rw=randrw --bs=4k --ioengine=psync --runtime=8 --randrepeat=1 "
     "--end_fsync=1", "both"),
]


def guest_cmd(jobs):
    lines = [". /etc/fstest/disk.sh",
             "mount -t ext4 /dev/vda /mnt || { echo 'FSTEST-DONE mount'; poweroff -f; }",
             "mkdir -p /mnt/fio"]
    for name, opts, _ in jobs:
        lines += [f"echo FIO-BEGIN {name}",
                  f"fio --name={name} {COMMON} {opts}; echo FIO-RC {name} $?",
                  f"echo FIO-END {name}"]
    lines += ["umount /mnt", "echo FSTEST-DONE 0", "poweroff -f"]
    return "\n".join(lines) + "\n"


def parse(log, jobs):
    """{job: {"read": (KiB/s, iops), "write": (...)} or None}"""
    text = open(log, "rb").read().decode(errors="replace").replace("\r", "")
    res = {}
    for name, _, _ in jobs:
        m = re.search(rf"^FIO-BEGIN {re.escape(name)}\n(.*?)^FIO-END {re.escape(name)}$", text,
                      re.S | re.M)
        rc = re.search(rf"^FIO-RC {re.escape(name)} (\d+)$", text, re.M)
        res[name] = None
        if not m or not rc or rc.group(1) != "0":
            continue
        body = m.group(1)
        try:
            j = json.loads(body[body.index("{"):body.rindex("}") + 1])
            job = j["jobs"][0]
            res[name] = {d: (job[d]["bw"], job[d]["iops"]) for d in ("read", "write")}
        except (ValueError, KeyError, IndexError):
            pass
    return res


def ro_tree(out):
    """fio-ro/data, 64 MiB, for mke2fs -d"""
    tree = os.path.join(out, "disk.d")
    data = os.path.join(tree, "fio-ro", "data")
    if not os.path.exists(data):
        os.makedirs(os.path.dirname(data), exist_ok=True)
        with open(data + ".tmp", "wb") as f:
            f.write(os.urandom(64 << 20))
        os.rename(data + ".tmp", data)
    return tree


def main():
    ap = argparse.ArgumentParser(prog="fio.py")
    ap.add_argument("--kernel", action="append", default=[], help="NAME=ELF (Kevlar)")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("FIO_RUNS", "1")))
    ap.add_argument("--mode", choices=("wall", "icount"),
                    default=os.environ.get("FIO_MODE", "wall"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "storage", "fio"))
    ap.add_argument("--jobs", default=os.environ.get("FIO_JOBS", ""),
                    help="comma-separated job names (default: all)")
    a = ap.parse_args()
    names = [n for n in a.jobs.split(",") if n]
    unknown = set(names) - {j[0] for j in JOBS}
    if unknown:
        ap.error(f"unknown job(s): {', '.join(sorted(unknown))}")
    jobs = [j for j in JOBS if not names or j[0] in names]
    os.makedirs(a.out, exist_ok=True)
    tree = subprocess.run([sys.executable, GUEST, "tree", os.path.join(ROOT, "build", "storage")],
                          check=True, capture_output=True, text=True).stdout.strip()
    cmd = os.path.join(a.out, "cmd")
    with open(cmd, "w") as f:
        f.write(guest_cmd(jobs))
    image = os.path.join(a.out, "fio.cpio")
    subprocess.run([sys.executable, GUEST, "image", "--out", image, "--cmd", cmd,
                    "--tree", os.path.join(tree, "tree-fio")], check=True)
    kernels = [("linux", "linux")] + [tuple(k.split("=", 1)) for k in a.kernel]
    runs = {k: [] for k, _ in kernels}
    for i in range(a.runs):
        for name, path in kernels:
            disk = os.path.join(a.out, "disk.img")
            subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-d", ro_tree(a.out), disk,
                            "256M"], check=True, capture_output=True)
            log = os.path.join(a.out, f"{name}-run{i + 1}.log")
            t = time.monotonic()
            rc = subprocess.run([sys.executable, GUEST, "boot", "--kernel", path, "--image", image,
                                 "--disk", disk, "--log", log, "--timeout",
                                 os.environ.get("FIO_TIMEOUT", "600")] +
                                (["--icount"] if a.mode == "icount" else [])).returncode
            fsck = subprocess.run(["e2fsck", "-fn", disk], capture_output=True).returncode
            r = parse(log, jobs)
            runs[name].append(r)
            ok = sum(1 for v in r.values() if v)
            print(f"  run {i + 1}/{a.runs} {name:<10} {time.monotonic() - t:6.1f}s {ok}/{len(jobs)} "
                  f"jobs, boot status {rc}, e2fsck -fn {'clean' if fsck == 0 else 'NOT CLEAN'} "
                  f"(log {log})", flush=True)
            if fsck:
                r["_fsck"] = True
    lines, md, table, bad = [], [], {}, False
    md += ["| fio job (64 MiB file on ext4) | dir | " +
           " | ".join(f"{n} MB/s | {n} IOPS" for n, _ in kernels) +
           "".join(f" | {n} / linux" for n, _ in kernels[1:]) + " |",
           "|---|---|" + "---:|---:|" * len(kernels) + "---:|" * (len(kernels) - 1)]
    hdr = f"{'fio job (64 MiB file on ext4)':<24} {'dir':<5}" + "".join(
        f" {n + ' MB/s':>14} {n + ' IOPS':>13}" for n, _ in kernels)
    if len(kernels) > 1:
        hdr += "".join(f" {'ratio ' + n:>12}" for n, _ in kernels[1:])
    lines += [hdr, "-" * len(hdr)]
    for name, _, dirn in jobs:
        for d in (("read", "write") if dirn == "both" else (dirn,)):
            cells, mbs, mdcells = [], {}, []
            for k, _ in kernels:
                vals = [r[name][d] for r in runs[k] if r.get(name)]
                if len(vals) < len(runs[k]) or not vals:
                    bad = True
                    cells.append(f" {'FAILED':>14} {'':>13}")
                    mdcells.append("FAILED | ")
                    mbs[k] = None
                    continue
                bw = statistics.median(v[0] for v in vals) * 1024 / 1e6
                iops = statistics.median(v[1] for v in vals)
                mbs[k] = bw
                cells.append(f" {bw:>14.1f} {iops:>13.0f}")
                mdcells.append(f"{bw:.1f} | {iops:.0f}")
                table.setdefault(name, {}).setdefault(d, {})[k] = {"MBps": bw, "iops": iops}
            line = f"{name:<24} {d:<5}" + "".join(cells)
            mdline = f"| {name} | {d} | " + " | ".join(mdcells)
            for k, _ in kernels[1:]:
                r = mbs[k] / mbs["linux"] if mbs.get(k) and mbs.get("linux") else None
                line += f" {(f'{r:.2f}' if r else '-'):>12}"
                mdline += f" | {(f'{r:.2f}' if r else '-')}"
            lines.append(line)
            md.append(mdline + " |")
    if any(r.get("_fsck") for rs in runs.values() for r in rs):
        bad = True
        lines.append("e2fsck -fn found errors after a run: see the logs")
    note = (f"medians of {a.runs} run(s), {a.mode} clock"
            f"{' (-icount shift=0)' if a.mode == 'icount' else ''}; ratio: the kernel's MB/s "
            "over Linux's (the same as its IOPS over Linux's), higher is better; Debian's Linux "
            f"{os.path.basename(subprocess.run([sys.executable, GUEST, 'kernel'], capture_output=True, text=True).stdout.strip())}"
            ", QEMU TCG, the same command line for both, virtio-blk, cache=writeback on the host")
    lines.append(f"({note})")
    md.append("")
    md.append(f"({note})")
    text = "\n".join(lines)
    print()
    print(text)
    with open(os.path.join(a.out, "results.txt"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump({"jobs": [j[0] for j in jobs], "runs": a.runs, "mode": a.mode,
                   "results": table}, f, indent=1)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
