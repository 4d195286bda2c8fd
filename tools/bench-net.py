#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""`make bench-net`: servers in the guest, their clients on the host.

  bench-net.py --linux VMLINUZ --kevlar NAME=ELF [...] [--runs N] [--out DIR]

Boots Debian's Linux and each Kevlar, one after the other, with the same
initramfs and the same QEMU line (tools/run-qemu.sh: NET=1, user net with
restrict=on, forwards on the host's 127.0.0.1 only).  The guest runs
Debian's nginx (serving a 4 KiB file) and iperf3 -s from build/servers/root
(tests/integration/net-servers-fetch.py); Linux loads its virtio-net
modules and configures eth0 with BusyBox's ifconfig, Kevlar takes `ip=`.
From the host:

  nginx_4K_req_per_s   a Python load generator: 8 keep-alive HTTP/1.1
                       connections, GET /4k, 400 requests to warm up, then
                       NGINX_REQUESTS (default 3000) timed by the host
  iperf3_host_to_guest the guest's iperf3 binary run on the host by the
                       tree's own loader (the host has none), -t 5; Mbit/s
                       received, by the *server's* (the guest's) clock

BENCH_MODE=icount adds -icount shift=0: the guest's clock then counts
instructions, so iperf3's figure is per guest instruction time while the
nginx figure stays the host's wall clock.  Medians over --runs boots.
"""
import argparse
import asyncio
import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SERVERS = os.path.join(ROOT, "build", "servers", "root")
NET_MODULES = ("drivers/virtio/virtio_ring.ko", "drivers/virtio/virtio.ko",
               "drivers/virtio/virtio_pci_modern_dev.ko",
               "drivers/virtio/virtio_pci_legacy_dev.ko", "drivers/virtio/virtio_pci.ko",
               "net/core/failover.ko", "drivers/net/net_failover.ko",
               "drivers/net/virtio_net.ko")
NGINX_CONF = """user root;
worker_processes 1;
error_log /tmp/nginx.err;
pid /tmp/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  keepalive_requests 100000;
  client_body_temp_path /tmp/nginx-body;
  proxy_temp_path /tmp/nginx-proxy;
  fastcgi_temp_path /tmp/nginx-fastcgi;
  uwsgi_temp_path /tmp/nginx-uwsgi;
  scgi_temp_path /tmp/nginx-scgi;
  server { listen 8080; root /www; }
}
"""
CMD = """for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci failover net_failover virtio_net; do
  [ -f /lib/kbnet/$m.ko ] && insmod /lib/kbnet/$m.ko 2>/dev/null
done
ifconfig lo 127.0.0.1 up 2>/dev/null
grep -q kevlar /proc/version || ifconfig eth0 10.0.2.15 netmask 255.255.255.0 up
nginx -c /etc/nginx-bench.conf && iperf3 -s -D && echo KBNET-READY
nc -l -p 9999 > /dev/null
echo KBNET-DONE
"""


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def make_image(out):
    ov = os.path.join(out, "overlay")
    shutil.rmtree(ov, ignore_errors=True)
    subprocess.run(["cp", "-al", SERVERS, ov], check=True)
    os.makedirs(os.path.join(ov, "www"), exist_ok=True)
    with open(os.path.join(ov, "www", "4k"), "wb") as f:
        f.write(bytes(range(256)) * 16)
    with open(os.path.join(ov, "etc", "nginx-bench.conf"), "w") as f:
        f.write(NGINX_CONF)
    os.makedirs(os.path.join(ov, "var", "lib", "nginx"), exist_ok=True)
    mods = sorted(glob.glob(os.path.join(ROOT, "build", "bench", "linux", "root", "lib",
                                         "modules", "*", "kernel")))
    os.makedirs(os.path.join(ov, "lib", "kbnet"), exist_ok=True)
    for m in NET_MODULES:
        if mods and os.path.exists(os.path.join(mods[-1], m)):
            shutil.copyfile(os.path.join(mods[-1], m),
                            os.path.join(ov, "lib", "kbnet", os.path.basename(m)))
    img = os.path.join(out, "net.cpio")
    subprocess.run([os.path.join(ROOT, "tools", "mk-image.sh"), img, ov, CMD], check=True,
                   stdout=subprocess.DEVNULL)
    return img


async def http_load(port, conns, total):
    """GET /4k over `conns` keep-alive connections until `total` answers."""
    left = [total]
    req = b"GET /4k HTTP/1.1\r\nHost: bench\r\n\r\n"

    async def one():
        r, w = await asyncio.open_connection("127.0.0.1", port)
        while left[0] > 0:
            left[0] -= 1
            w.write(req)
            head = await r.readuntil(b"\r\n\r\n")
            n = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    n = int(line.split(b":")[1])
            if not head.startswith(b"HTTP/1.1 200") or len(await r.readexactly(n)) != 4096:
                raise RuntimeError("bad answer")
        w.close()

    await asyncio.gather(*(one() for _ in range(conns)))


def guest_iperf3(port, secs):
    ld = os.path.join(SERVERS, "lib64", "ld-linux-x86-64.so.2")
    lp = ":".join(os.path.join(SERVERS, d) for d in ("lib/x86_64-linux-gnu",
                                                      "usr/lib/x86_64-linux-gnu"))
    p = subprocess.run([ld, "--library-path", lp, os.path.join(SERVERS, "usr/bin/iperf3"),
                        "-c", "127.0.0.1", "-p", str(port), "-t", str(secs), "-J"],
                       capture_output=True, text=True, timeout=secs + 60)
    return json.loads(p.stdout)["end"]["sum_received"]["bits_per_second"] / 1e6


def boot(kernel, linux, img, log, icount, nreq):
    p_http, p_iperf, p_done = freeport(), freeport(), freeport()
    env = dict(os.environ, NET="1", INITRD=img, TIMEOUT="600", HANG_REPORT="0",
               NET_HOSTFWD=f"{p_http}:8080,{p_iperf}:5201,{p_done}:9999")
    if icount:
        env["QEMU_EXTRA"] = "-icount shift=0"
    append = ("console=ttyS0 quiet panic=-1" if linux else
              "quiet ip=10.0.2.15:::255.255.255.0::eth0:off")
    with open(log, "wb") as lf:
        q = subprocess.Popen([os.path.join(ROOT, "tools", "run-qemu.sh"), kernel, append],
                             env=env, stdout=lf, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL)
        res = {}
        try:
            deadline = time.monotonic() + 300
            while b"KBNET-READY" not in open(log, "rb").read():
                if q.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the guest did not get ready (see {log})")
                time.sleep(0.2)
            asyncio.run(http_load(p_http, 8, 400))
            t0 = time.monotonic()
            asyncio.run(http_load(p_http, 8, nreq))
            res["nginx_4K_req_per_s"] = nreq / (time.monotonic() - t0)
            res["iperf3_host_to_guest_Mbit_s"] = guest_iperf3(p_iperf, 5)
        finally:
            try:
                socket.create_connection(("127.0.0.1", p_done), timeout=5).close()
            except OSError:
                pass
            try:
                q.wait(timeout=60)
            except subprocess.TimeoutExpired:
                q.kill()
                q.wait()
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--linux", required=True)
    ap.add_argument("--kevlar", action="append", default=[])
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench", "net"))
    a = ap.parse_args()
    icount = os.environ.get("BENCH_MODE", "wall") == "icount"
    nreq = int(os.environ.get("NGINX_REQUESTS", "3000"))
    os.makedirs(a.out, exist_ok=True)
    img = make_image(a.out)
    kernels = [("linux", a.linux, True)] + [(k.split("=", 1)[0], k.split("=", 1)[1], False)
                                            for k in a.kevlar]
    runs = {name: [] for name, _, _ in kernels}
    for i in range(a.runs):
        for name, path, linux in kernels:
            r = boot(path, linux, img, os.path.join(a.out, f"{name}-{i}.log"), icount, nreq)
            print(f"  run {i + 1}/{a.runs} {name:<10} " +
                  " ".join(f"{k} {v:.1f}" for k, v in r.items()), file=sys.stderr)
            runs[name].append(r)
    rows = ["nginx_4K_req_per_s", "iperf3_host_to_guest_Mbit_s"]
    mode = "icount" if icount else "wall"
    print(f"bench-net: mode {mode}, {a.runs} runs, medians (higher is better)")
    print(f"{'row':<30}" + "".join(f" {n:>12}" for n, _, _ in kernels) + "   ratio")
    for row in rows:
        med = {n: statistics.median(r[row] for r in runs[n]) for n, _, _ in kernels}
        line = f"{row:<30}" + "".join(f" {med[n]:>12.1f}" for n, _, _ in kernels)
        for n, _, _ in kernels[1:]:
            line += f" {med[n] / med['linux']:>7.2f}"
        print(line)
    with open(os.path.join(a.out, f"results-{mode}.json"), "w") as f:
        json.dump(runs, f, indent=1)


if __name__ == "__main__":
    main()
