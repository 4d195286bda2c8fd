#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Fetch the servers net-servers.sh runs and unpack them into an overlay.

  net-servers-fetch.py DEBS_DIR ROOT_DIR

Debian 12's nginx-light (nginx with its light module set), redis-server
and redis-tools (redis-benchmark), iperf3 and dropbear-bin, with the
closure of their Depends, resolved and downloaded by the Debian tier's
fetch.py (apt-cache, `apt-get download` into DEBS_DIR, cached), then
unpacked with `dpkg-deb -x` into ROOT_DIR.  Nothing is installed into the
host.  The tree is not usrmerged: it is an OVERLAY for BusyBox's image
(tools/mk-image.sh), whose /bin and /sbin are directories; the libraries
land in /lib and /usr/lib, where ld.so looks, and ldconfig -r builds its
cache.  Package scripts are not run: what a postinst would make (users,
directories) the test's own files provide.  A second run with the same
packages leaves the tree alone (ROOT_DIR/.packages says what is there).
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "debian"))
import fetch  # noqa: E402  (the Debian tier's resolver and downloader)

PACKAGES = "nginx-light redis-server redis-tools iperf3 dropbear-bin".split()
# Packaging machinery and tools BusyBox already has (iproute2 would put
# Debian's ip over BusyBox's applet).
fetch.SKIP |= set("adduser lsb-base debconf passwd perl-base systemd-sysv iproute2 "
                  "libcap2-bin".split())
PRUNE = ["usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale",
         "usr/share/lintian", "usr/share/bug", "usr/share/zoneinfo", "usr/lib/x86_64-linux-gnu/gconv",
         "etc/init.d", "etc/logrotate.d", "lib/systemd", "usr/lib/systemd"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    debs, root = sys.argv[1], sys.argv[2]
    fetch.prefetch(PACKAGES)
    if any(fetch._SHOW[p] is None for p in PACKAGES):
        print("net-servers-fetch.py: apt-get update", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        fetch._SHOW.clear()
    files = fetch.fetch(fetch.resolve(PACKAGES), debs)
    listing = "\n".join(os.path.basename(x) for x in files) + "\n"
    stamp = os.path.join(root, ".packages")
    if os.path.exists(stamp) and open(stamp).read() == listing:
        return
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    for f in files:
        subprocess.run(["dpkg-deb", "-x", f, root], check=True)
    for p in PRUNE:
        full = os.path.join(root, p)
        if os.path.isdir(full) and not os.path.islink(full):
            shutil.rmtree(full)
        elif os.path.lexists(full):
            os.unlink(full)
    subprocess.run(["ldconfig", "-r", root], check=True)
    with open(stamp, "w") as f:
        f.write(listing)
    print(f"net-servers-fetch.py: {len(files)} packages unpacked into {root}", file=sys.stderr)


if __name__ == "__main__":
    main()
