#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""The containment matrix tier (issue 12), as TAP on stdout.

For each kernel given (balanced, fortress): the /proc/sys/kevlar/inject
interface (`contain --proc`) and the issue's acceptance command (make run
CMDLINE='inject=tmpfs:write' ...).  Then boot the default image with
tests/contain/matrix.c as /bin/contain and run every cell (service x
operation x fault kind, `contain --list`), then the initramfs's file
operations on the root, one boot a cell (`contain --list-root`, run as
init: the root cannot be unmounted).  A matrix cell that brings the kernel
down (a panic: the fault was not contained; or a hang) fails, and the
matrix goes on in a new boot from the next cell, up to MAX_BOOTS boots a
kernel; cells never reached fail.  Then one line per kernel: no boot
printed a panic, a lock-order or leaked-lock report.  Then, at SMP=4,
several processes on one tmpfs, then on one ext4, while faults are
injected (`contain --concurrent 4`).  The ext4 cells mount /dev/loop0
over a small mke2fs -d image (ext4_image) while a copy on /dev/loop1
stays mounted beside it and must go on reading.  Then the driver gate
(virtio_blk): for each fault kind, a fault injected into the driver's
submit and into its interrupt handler, the first in a read of many
segments (1 MiB: one batch of several device requests; one disk a kind, eight disks a
boot) gives EIO on that disk, now and later, while the kernel goes on; a
fault in submit under a mounted ext4 gives EIO from the filesystem; a
fault in the probe leaves /dev/vda failing with EIO.  Then the network
(net()): a fault in the TCP/IP stack's socket call (inet, one boot a
kind: lwIP's instance stays failed) gives EIO there and after; a fault in
virtio_net's transmit fails the NIC (NET=1, ip=), a later connect through
it is ENETUNREACH while the loopback still answers.  Logs in
build/test/contain/.

usage: run.py KERNEL...     env: CONTAIN_TIMEOUT (per boot, 120 s)
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "build/test/contain")
OVERLAY = os.path.join(OUT, "overlay")
HELPER = os.path.join(OVERLAY, "bin/contain")
TIMEOUT = os.environ.get("CONTAIN_TIMEOUT", "120")
MAX_BOOTS = 24
CONCURRENT = 20  # the TAP lines `contain --concurrent` prints
RESULT = re.compile(r"^(not ok|ok) (\d+) - (.*)$")
# what a contained fault must never leave on the console
BAD = re.compile(r"KERNEL (PANIC|FAULT)|lock order|recursive lock|unlocking '|"
                 r"leak|still held|\bBUG\b")

n = 0


def emit(ok, desc, diag=None):
    global n
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {desc}")
    if diag:
        for line in diag.splitlines():
            print(f"# {line}")
    sys.stdout.flush()


def boot(kernel, name, cmd, smp="1", cmdline="", disks="", net=""):
    """Boot `cmd` in the image (with DISK=`disks`, NET=`net`); return (exit
    status, console text)."""
    cpio = os.path.join(OUT, name + ".cpio")
    log = os.path.join(OUT, name + ".log")
    subprocess.run([os.path.join(ROOT, "tools/mk-image.sh"), cpio, OVERLAY, cmd],
                   check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, INITRD=cpio, TIMEOUT=TIMEOUT, SMP=smp, DISK=disks, NET=net)
    with open(log, "wb") as f:
        rc = subprocess.run([os.path.join(ROOT, "tools/run-qemu.sh"), kernel,
                             ("quiet " + cmdline).strip()],
                            env=env, stdout=f, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL).returncode
    os.unlink(cpio)
    with open(log, "rb") as f:
        text = f.read().decode("utf-8", "replace").replace("\r", "")
    return rc, text


def why_down(rc, text):
    first = next((l for l in text.splitlines() if BAD.search(l)), "")
    what = "timed out" if rc == 124 else f"exit status {rc}"
    return f"the kernel went down ({what}) {first}".strip()


def matrix(kernel, profile, cells, root_cells):
    consoles = []
    results = {}
    start, boots = 1, 0
    while start <= len(cells) and boots < MAX_BOOTS:
        boots += 1
        rc, text = boot(kernel, f"{profile}-{boots}", f"contain --from {start}")
        consoles.append(text)
        last = start - 1
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = RESULT.match(line)
            if not m:
                continue
            k = int(m.group(2))
            diag = "\n".join(l[2:] for l in lines[i + 1:i + 3] if l.startswith("# "))
            results[k] = (m.group(1) == "ok", m.group(3), diag)
            last = max(last, k)
        if "contain: done" in text:
            break
        if last + 1 <= len(cells):
            results[last + 1] = (False, cells[last], why_down(rc, text))
        start = last + 2
    for k, cell in enumerate(cells, 1):
        ok, desc, diag = results.get(k, (False, cell, "not reached"))
        emit(ok, f"{profile}: {desc}", diag)
    for cell in root_cells:
        op, kind = cell.split()
        rc, text = boot(kernel, f"{profile}-root-{op}-{kind}", f"exec contain --root {op} {kind}")
        consoles.append(text)
        lines = text.splitlines()
        m = next((RESULT.match(l) for l in lines if RESULT.match(l)), None)
        diag = "\n".join(l[2:] for l in lines if l.startswith("# "))
        if not m:
            diag = why_down(rc, text)
        emit(bool(m) and m.group(1) == "ok" and rc == 0,
             f"{profile}: initramfs (the root) {op} {kind}", diag)
    bad = [l for t in consoles for l in t.splitlines() if BAD.search(l)]
    emit(not bad, f"{profile}: no boot printed a panic, lock-order or leaked-lock report",
         "\n".join(bad[:5]))


def concurrent(kernel, profile):
    rc, text = boot(kernel, f"{profile}-concurrent", "contain --concurrent 4", smp="4")
    got = [RESULT.match(l) for l in text.splitlines()]
    got = [m for m in got if m]
    for m in got[:CONCURRENT]:
        emit(m.group(1) == "ok", f"{profile} SMP=4: {m.group(3)}")
    for _ in range(len(got), CONCURRENT):
        emit(False, f"{profile} SMP=4: concurrent use under injection", why_down(rc, text))
    bad = [l for l in text.splitlines() if BAD.search(l)]
    emit(not bad and rc == 0, f"{profile} SMP=4: the machine powers off cleanly, nothing reported",
         "\n".join(bad[:5]) or f"exit status {rc}")


PROC_LINES = 8  # `contain --proc`
# the acceptance command: the first write to /tmp fails, a fresh
# tmpfs on /tmp works
ACCEPT = ("echo a > /tmp/x; echo status $?; umount /tmp; "
          "mount -t tmpfs none /tmp && echo b > /tmp/y && cat /tmp/y")


def proc_interface(kernel, profile):
    rc, text = boot(kernel, f"{profile}-proc", "contain --proc",
                    cmdline="inject=tmpfs@999:write:3:gp inject=initramfs:lookup:4000000000")
    got = [m for m in map(RESULT.match, text.splitlines()) if m]
    for m in got[:PROC_LINES]:
        emit(m.group(1) == "ok", f"{profile}: /proc/sys/kevlar/inject: {m.group(3)}")
    for _ in range(len(got), PROC_LINES):
        emit(False, f"{profile}: /proc/sys/kevlar/inject", why_down(rc, text))
    rc, text = boot(kernel, f"{profile}-accept", ACCEPT, cmdline="inject=tmpfs:write")
    lines = text.splitlines()
    emit(rc == 0 and "status 1" in lines and lines[-1:] == ["b"] and
         any("Input/output error" in l for l in lines),
         f"{profile}: make run CMDLINE='inject=tmpfs:write' CMD='{ACCEPT}': "
         "an I/O error, then b, exit 0", "\n".join(lines[-6:]) + f"\nexit status {rc}")


def direct_panics(kernel):
    """Where services are called directly, the same injection is the
    kernel's own fault: a panic (run-qemu.sh's status 3)."""
    rc, text = boot(kernel, "direct-accept", ACCEPT, cmdline="inject=tmpfs:write")
    emit(rc == 3 and "KERNEL PANIC" in text and "b" not in text.splitlines()[-3:],
         "performance: the acceptance command's injected fault panics the kernel",
         "\n".join(text.splitlines()[-6:]) + f"\nexit status {rc}")


def ext4_image():
    """/e4.img and /e4b.img in the overlay: the tree the ext4 cells use."""
    tree = os.path.join(OUT, "e4-tree")
    subprocess.run(["rm", "-rf", tree], check=True)
    os.makedirs(os.path.join(tree, "d"))
    for name, text in (("f", "hello\n"), ("g", "g\n"), ("e", "e\n")):
        with open(os.path.join(tree, name), "w") as f:
            f.write(text)
    os.symlink("f", os.path.join(tree, "l"))
    os.setxattr(os.path.join(tree, "f"), "user.a", b"1")
    img = os.path.join(OVERLAY, "e4.img")
    subprocess.run(["rm", "-f", img], check=True)
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", tree, img, "2M"], check=True)
    subprocess.run(["cp", img, os.path.join(OVERLAY, "e4b.img")], check=True)


KINDS = ("panic", "assert", "pagefault", "gp", "ud", "div0", "stack")
VIRTIO_LINES = 2 * len(KINDS) + 1 + len(KINDS) + 1
VDISKS = ""  # DISK= of the virtio cells (virtio_disks)


def virtio_disks():
    """Seven 1 MiB disks (one a fault kind) and the ext4 image: DISK=."""
    imgs = []
    for i in range(len(KINDS)):
        img = os.path.join(OUT, f"vd{i}.img")
        with open(img, "wb") as f:
            f.write(os.urandom(1 << 20))
        imgs.append(img)
    e4 = os.path.join(OUT, "vde4.img")
    subprocess.run(["cp", os.path.join(OVERLAY, "e4.img"), e4], check=True)
    return " ".join(imgs + [e4])


def virtio(kernel, profile):
    """The driver gate's cells (see the module's docstring)."""
    consoles = []
    for op in ("submit", "irq"):
        script = []
        for i, kind in enumerate(KINDS):
            d = "/dev/vd" + "abcdefg"[i]
            script.append(
                f"echo virtio_blk:{op}:1:{kind} > /proc/sys/kevlar/inject; "
                f"dd if={d} of=/dev/null bs=1M count=1 2>&1 | grep -c 'Input/output error'; "
                f"dd if={d} of=/dev/null bs=4k skip=20 count=1 2>&1 | grep -c 'Input/output error'; "
                f"echo cell {kind} done")
        script.append("mount -t ext4 -o ro /dev/vdh /mnt/e && cat /mnt/e/f && "
                      "echo virtio_blk:submit:1:gp > /proc/sys/kevlar/inject; "
                      "cat /mnt/e/g; echo cat-status $?; ls /mnt/e | wc -l; umount /mnt/e; "
                      "echo ext4 done")
        rc, text = boot(kernel, f"{profile}-virtio-{op}", "; ".join(script),
                        disks=VDISKS)
        consoles.append(text)
        lines = text.splitlines()
        for i, kind in enumerate(KINDS):
            try:
                at = lines.index(f"cell {kind} done")
                ok = lines[at - 2:at] == ["1", "1"]
            except ValueError:
                ok = False
            emit(ok and rc == 0, f"{profile}: virtio_blk {op} {kind}: EIO on its disk, "
                 "in a read of many segments, then in a later one; the kernel goes on",
                 why_down(rc, text) if not ok else None)
        if op == "submit":
            ok = ("hello" in lines and "cat-status 1" in lines and "ext4 done" in lines and
                  any("Input/output error" in l for l in lines))
            emit(ok and rc == 0, f"{profile}: virtio_blk submit gp under a mounted ext4: "
                 "the filesystem reports EIO", "\n".join(lines[-8:]))
    for kind in KINDS:
        rc, text = boot(kernel, f"{profile}-virtio-probe-{kind}",
                        "cat /proc/partitions | grep -c vd; echo init-status $?",
                        cmdline=f"inject=virtio_blk:probe:1:{kind}", disks=VDISKS)
        consoles.append(text)
        lines = text.splitlines()
        emit(rc == 0 and lines[-2:] == ["0", "init-status 1"] and
             any("failed in probe" in l for l in lines),
             f"{profile}: virtio_blk probe {kind}: the first device fails in its probe, "
             "the driver's init stops, no disk appears, the kernel goes on",
             "\n".join(lines[-4:]))
    bad = [l for t in consoles for l in t.splitlines() if BAD.search(l)]
    emit(not bad, f"{profile}: virtio_blk: no boot printed a panic, lock-order or leaked-lock "
         "report", "\n".join(bad[:5]))


NET_LINES = 2 * len(KINDS) + 1
# the stack's address on QEMU's user network, and a TCP connect that
# reaches it (slirp's gateway, port 1) or fails fast with the errno's text
IPCONF = "ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:off"


def nc(addr):
    return f"nc -w 2 {addr} 1 </dev/null 2>&1 | tail -1"


def net(kernel, profile):
    """The network's cells.  inet (lwIP, one instance for good: one boot a
    kind): a fault in a socket call gives EIO there and in every later
    socket call, and the kernel goes on.  virtio_net: a fault in the
    driver's transmit fails that NIC; a later connect through it is
    unreachable, the loopback still answers, the kernel goes on."""
    consoles = []
    for kind in KINDS:
        rc, text = boot(kernel, f"{profile}-inet-{kind}",
                        f"{nc('127.0.0.1')}; echo inet:inet:1:{kind} > /proc/sys/kevlar/inject; "
                        f"{nc('127.0.0.1')}; {nc('127.0.0.1')}; echo alive")
        consoles.append(text)
        lines = text.splitlines()
        got = [l for l in lines if l.startswith("nc:")]
        ok = (len(got) == 3 and "refused" in got[0] and "Input/output error" in got[1] and
              "Input/output error" in got[2] and "alive" in lines and
              any("inet instance" in l and "failed" in l for l in lines))
        emit(ok and rc == 0, f"{profile}: inet socket call {kind}: EIO then and after, "
             "the kernel goes on", None if ok and rc == 0 else "\n".join(got + [f"exit status {rc}"]))
    for kind in KINDS:
        rc, text = boot(kernel, f"{profile}-virtio-net-{kind}",
                        f"echo virtio_net:xmit:1:{kind} > /proc/sys/kevlar/inject; "
                        f"{nc('10.0.2.2')}; sleep 1; {nc('10.0.2.2')}; {nc('127.0.0.1')}; "
                        "echo alive", cmdline=IPCONF, net="1")
        consoles.append(text)
        lines = text.splitlines()
        got = [l for l in lines if l.startswith("nc:")]
        ok = (len(got) == 3 and "unreachable" in got[1] and "refused" in got[2] and
              "alive" in lines)
        emit(ok and rc == 0, f"{profile}: virtio_net xmit {kind}: the NIC fails, a later "
             "connect through it is unreachable, the loopback answers, the kernel goes on",
             "\n".join(lines[-5:]) if not ok else None)
    bad = [l for t in consoles for l in t.splitlines() if BAD.search(l)]
    emit(not bad, f"{profile}: inet, virtio_net: no boot printed a panic, lock-order or "
         "leaked-lock report", "\n".join(bad[:5]))


def main():
    kernels = sys.argv[1:] or [os.path.join(ROOT, "build/x64-balanced/kevlar.elf")]
    direct = os.environ.get("CONTAIN_DIRECT")
    os.makedirs(os.path.join(OVERLAY, "bin"), exist_ok=True)
    for d in ("mnt/t", "mnt/o", "mnt/e"):
        os.makedirs(os.path.join(OVERLAY, d), exist_ok=True)
    ext4_image()
    global VDISKS
    VDISKS = virtio_disks()
    subprocess.run(["musl-gcc", "-static", "-O1", "-o", HELPER,
                    os.path.join(HERE, "matrix.c")], check=True)
    cells = subprocess.run([HELPER, "--list"], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    root_cells = subprocess.run([HELPER, "--list-root"], check=True, capture_output=True,
                                text=True).stdout.splitlines()
    print(f"1..{len(kernels) * (PROC_LINES + 1 + len(cells) + len(root_cells) + 1 + CONCURRENT + 1 + VIRTIO_LINES + NET_LINES) + (1 if direct else 0)}")
    for kernel in kernels:
        profile = os.path.basename(os.path.dirname(kernel)).split("-", 1)[-1]
        proc_interface(kernel, profile)
        matrix(kernel, profile, cells, root_cells)
        concurrent(kernel, profile)
        virtio(kernel, profile)
        net(kernel, profile)
    if direct:
        direct_panics(direct)


if __name__ == "__main__":
    main()
