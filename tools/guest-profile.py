#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Where a Kevlar guest spends its time, through QEMU's gdb stub.

usage: guest-profile.py sample KERNEL IMAGE [--secs N] [--delay S] [--icount]
       guest-profile.py count  KERNEL IMAGE FUNC... [--secs N] [--delay S] [--icount]
       guest-profile.py sample|count KERNEL --attach PORT ...

Boots KERNEL with the initramfs IMAGE (make one running the load, e.g.
tools/mk-image.sh OUT build/bench/overlay 'for i in $(seq 100); do
/bin/bench udp_loopback_pingpong; done; poweroff -f') on QEMU TCG with a
gdb stub on 127.0.0.1, waits --delay seconds (boot), then for --secs:

  sample  stops the guest every 10 ms, reads RIP and walks the kernel's
          frame pointers (-fno-omit-frame-pointer), and prints the flat
          and inclusive shares of kernel functions and the commonest
          stacks.  Shares are of host time, not of guest instructions: a
          CR3 write or an MMIO exit weighs more than under -icount.
  count   puts a breakpoint on each FUNC and counts the calls, printed
          per call of the first FUNC (e.g. data segments per tcp_write).

Nothing is left running; the guest is killed at the end.  --attach PORT
samples a guest booted elsewhere with `-gdb tcp:127.0.0.1:PORT` (e.g.
run-qemu.sh with NET=1 and that in QEMU_EXTRA, under a host-driven load
such as bench-net's iperf3) and leaves it running.
"""
import argparse
import bisect
import collections
import os
import socket
import subprocess
import sys
import time

KERNEL_BASE = 0xFFFF800000000000


class Stub:
    """The gdb remote protocol, just enough: packets, acks, stop replies."""

    def __init__(self, port):
        for _ in range(200):
            try:
                self.s = socket.create_connection(("127.0.0.1", port))
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("guest-profile: no gdb stub on port %d" % port)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        # QEMU stops the guest and reports it when a debugger attaches
        time.sleep(0.5)
        self.s.settimeout(0.5)
        try:
            while self.s.recv(65536):
                pass
        except socket.timeout:
            pass
        self.s.settimeout(None)
        self.s.sendall(b"+")

    def send(self, pkt):
        self.s.sendall(("$%s#%02x" % (pkt, sum(pkt.encode()) & 0xFF)).encode())

    def recv(self):
        while True:
            i = self.buf.find(b"$")
            j = self.buf.find(b"#", i) if i >= 0 else -1
            if j >= 0 and len(self.buf) >= j + 3:
                pkt = self.buf[i + 1:j].decode()
                self.buf = self.buf[j + 3:]
                self.s.sendall(b"+")
                return pkt
            d = self.s.recv(65536)
            if not d:
                raise EOFError
            self.buf += d

    @staticmethod
    def is_stop(pkt):
        return pkt[:1] in ("T", "S")

    def stopped(self):
        while not self.is_stop(self.recv()):
            pass

    def cmd(self, pkt):
        """A command's reply (stop replies that arrive meanwhile skipped)."""
        self.send(pkt)
        while True:
            r = self.recv()
            if not self.is_stop(r):
                return r

    def reg(self, regs, n):
        return int.from_bytes(bytes.fromhex(regs[n * 16:(n + 1) * 16]), "little")


def symbols(elf):
    out = subprocess.run(["nm", "-n", elf], capture_output=True, text=True, check=True).stdout
    addrs, names, byname = [], [], {}
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3:
            byname[p[2]] = int(p[0], 16)
            if p[1] in "tTwW":
                addrs.append(int(p[0], 16))
                names.append(p[2])
    return addrs, names, byname


def sample(st, syms, secs):
    addrs, names, _ = syms

    def name(a):
        if a < KERNEL_BASE:
            return "[user]"
        i = bisect.bisect_right(addrs, a) - 1
        return names[i] if i >= 0 else "?%x" % a

    flat, incl, stacks = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    st.send("c")
    t_end = time.time() + secs
    while time.time() < t_end:
        time.sleep(0.01)
        st.s.sendall(b"\x03")
        st.stopped()
        regs = st.cmd("g")
        rip, rbp = st.reg(regs, 16), st.reg(regs, 6)
        chain = [rip]
        for _ in range(24):  # the saved rbp and return address of each frame
            if rbp < KERNEL_BASE:
                break
            m = st.cmd("m%x,10" % rbp)
            if m.startswith("E") or len(m) < 32:
                break
            nrbp = int.from_bytes(bytes.fromhex(m[:16]), "little")
            chain.append(int.from_bytes(bytes.fromhex(m[16:32]), "little"))
            if nrbp <= rbp:
                break
            rbp = nrbp
        st.send("c")
        n += 1
        fs = [name(a) for a in chain]
        flat[fs[0]] += 1
        for f in set(fs):
            incl[f] += 1
        stacks[";".join(reversed(fs[:8]))] += 1
    print("samples %d" % n)
    for title, c, k in (("flat", flat, 50), ("inclusive", incl, 70)):
        print("\n== %s ==" % title)
        for f, v in c.most_common(k):
            print("%6.2f%% %s" % (100.0 * v / max(n, 1), f))
    print("\n== stacks (outermost first) ==")
    for f, v in stacks.most_common(40):
        print("%5d %s" % (v, f))


def count(st, syms, secs, funcs):
    byname = syms[2]
    missing = [f for f in funcs if f not in byname]
    if missing:
        sys.exit("guest-profile: no symbol %s" % ", ".join(missing))
    at = {byname[f]: f for f in funcs}
    for a in at:
        if st.cmd("Z0,%x,1" % a) != "OK":
            sys.exit("guest-profile: the stub refused a breakpoint")
    hits = collections.Counter()
    st.send("c")
    t_end = time.time() + secs
    while time.time() < t_end:
        st.stopped()
        rip = st.reg(st.cmd("g"), 16)
        if rip in at:
            hits[at[rip]] += 1
            # step over it: out, one instruction, back in
            st.cmd("z0,%x,1" % rip)
            st.send("s")
            st.stopped()
            st.cmd("Z0,%x,1" % rip)
        st.send("c")
    first = hits[funcs[0]] or 1
    for f in funcs:
        print("%-36s %9d  %7.3f per %s" % (f, hits[f], hits[f] / first, funcs[0]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("sample", "count"))
    ap.add_argument("kernel")
    ap.add_argument("image", nargs="?")
    ap.add_argument("funcs", nargs="*")
    ap.add_argument("--secs", type=float, default=30)
    ap.add_argument("--delay", type=float, default=5)
    ap.add_argument("--icount", action="store_true", help="-icount shift=0, as BENCH_MODE=icount")
    ap.add_argument("--mem", default="256M")
    ap.add_argument("--attach", type=int, help="sample a running QEMU's gdb stub on this port")
    a = ap.parse_args()
    if a.attach and a.image:  # no image: the first name is a function
        a.funcs, a.image = [a.image] + a.funcs, None
    if a.mode == "count" and not a.funcs:
        sys.exit("guest-profile: count needs functions")
    syms = symbols(a.kernel)
    if a.attach:
        funcs = a.funcs
        st = Stub(a.attach)
        if a.mode == "sample":
            sample(st, syms, a.secs)
        else:
            count(st, syms, a.secs, funcs)
        st.s.sendall(b"\x03")  # stop it, take the breakpoints out, and let it go
        st.stopped()
        for f in funcs:
            st.cmd("z0,%x,1" % syms[2][f])
        st.cmd("D")
        return
    if not a.image:
        sys.exit("guest-profile: an image, or --attach")
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    args = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg", "-cpu", "max", "-m", a.mem,
            "-smp", "1", "-nographic", "-no-reboot", "-serial", "mon:stdio", "-nic", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-gdb", "tcp:127.0.0.1:%d" % port, "-kernel", a.kernel, "-initrd", a.image,
            "-append", "console=ttyS0 quiet panic=-1"]
    if a.icount:
        args += ["-icount", "shift=0"]
    q = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        time.sleep(a.delay)
        st = Stub(port)
        st.send("?")
        st.stopped()
        if a.mode == "sample":
            sample(st, syms, a.secs)
        else:
            count(st, syms, a.secs, a.funcs)
    finally:
        q.kill()
        q.wait()


if __name__ == "__main__":
    main()
