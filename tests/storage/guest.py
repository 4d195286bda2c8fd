#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""The storage harnesses' guest: one initramfs and one QEMU command line for
Kevlar and for Debian's Linux, with a disk attached as /dev/vda.

  guest.py tree OUT
      Debian 12's rsync, git, sqlite3 and fio: the Depends closure fetched
      once with `apt-get download` into OUT/debs (tests/debian/fetch.py's
      resolver), unpacked under OUT/pkgroot, and only the programs and the
      shared libraries they load (DT_NEEDED, transitively) copied into
      OUT/tree-work (rsync, git, sqlite3) and OUT/tree-fio, each with
      ld.so's cache.  Nothing is installed on the host.
  guest.py image --out CPIO --cmd FILE [--tree DIR] [--file SRC=DEST ...]
      The default BusyBox image (tools/mk-image.sh) plus /etc/fstest/disk.sh
      (brings /dev/vda up: under Linux it loads the virtio modules of the
      bench kernel, which Debian builds as modules), the files given, the
      Debian tree if given, and FILE as the command to run.
  guest.py boot --kernel K --image CPIO --disk IMG --log LOG --timeout S
                [--kill-after-line TEXT --kill-delay SECS] [--disk2 IMG] [--icount]
      Boot K (`linux` = the bench's Debian kernel, or a Kevlar ELF) with the
      identical QEMU command line, the disk on virtio-blk (what DISK=img
      attaches), the console to LOG.  With --kill-after-line, QEMU is killed
      (SIGKILL, a power cut) SECS after the console shows TEXT.  Exit status:
      0 when the console shows "FSTEST-DONE 0", 1 when it shows another
      status, 124 on the timeout, 137 when killed on purpose, 3 otherwise.
      --icount: QEMU's -icount shift=0 (tools/bench.py's icount mode).
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "debian"))

PACKAGES = ["rsync", "git", "sqlite3", "fio"]
# git needs neither perl nor its manual for init/add/commit
SKIP = {"perl", "git-man", "liberror-perl", "python3", "python3.11", "python3-minimal",
        "libpython3.11-stdlib", "libpython3.11-minimal", "libpython3-stdlib"}
# two trees: the workload's programs, and fio (whose ceph and gluster
# libraries make it 70 MB alone)
TREES = {"work": (["usr/bin/rsync", "usr/bin/git", "usr/bin/sqlite3"],
                  ["usr/share/git-core/templates"]),
         "fio": (["usr/bin/fio"], [])}
MULTIARCH = "usr/lib/x86_64-linux-gnu"
# the virtio stack of Debian's cloud kernel, in load order (no modules.dep
# ships in the package; these have no other dependencies)
LINUX_MODULES = ["drivers/virtio/virtio_ring.ko", "drivers/virtio/virtio.ko",
                 "drivers/virtio/virtio_pci_modern_dev.ko",
                 "drivers/virtio/virtio_pci_legacy_dev.ko",
                 "drivers/virtio/virtio_pci.ko", "drivers/block/virtio_blk.ko"]
LINUX_STAMP = os.path.join(ROOT, "build", "bench", "linux", "vmlinuz.path")

DISK_SH = """# /etc/fstest/disk.sh, sourced: bring up /dev/vda when a virtio block device
# (PCI 1af4:1001 or 1af4:1042) is attached.  Debian's Linux builds virtio
# as modules: load them from /lib/fstest-ko when the kernel has loadable
# modules and no disk yet, and wait for the device node; make the nodes
# of /sys/block/vd* that /dev lacks.
fstest_vblk() {
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat $d/vendor 2>/dev/null)" = 0x1af4 ] || continue
		case $(cat $d/device 2>/dev/null) in 0x1001|0x1042) return 0 ;; esac
	done
	return 1
}
if [ ! -e /dev/vda ] && fstest_vblk; then
	if [ -e /proc/modules ] && [ -d /lib/fstest-ko ]; then
		for m in %s; do insmod /lib/fstest-ko/$m.ko 2>/dev/null; done
	fi
	i=0
	while [ ! -e /dev/vda ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
fi
# a /dev without devtmpfs: make the nodes the kernel lists
for b in /sys/block/vd*; do
	[ -e "$b/dev" ] && [ ! -e "/dev/${b##*/}" ] && d=$(cat "$b/dev") &&
		mknod "/dev/${b##*/}" b "${d%%:*}" "${d##*:}"
done
[ -e /dev/vda ] || echo "FSTEST-NODISK: no /dev/vda"
""" % " ".join(os.path.basename(m)[:-3] for m in LINUX_MODULES)


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    return [l.split("[", 1)[1].split("]", 1)[0] for l in out.splitlines() if "(NEEDED)" in l]


def find_lib(pkgroot, name):
    for d in (MULTIARCH, "usr/lib", "usr/lib64"):
        p = os.path.join(pkgroot, d, name)
        if os.path.lexists(p):
            return os.path.join(d, name)
    # a library of a package's private directory (ceph, glusterfs)
    for dirpath, _, files in os.walk(os.path.join(pkgroot, MULTIARCH)):
        if name in files:
            return os.path.relpath(os.path.join(dirpath, name), pkgroot)
    sys.exit(f"guest.py: no {name} in the unpacked packages")


def copy(pkgroot, tree, rel):
    """Copy rel (following links, keeping the link names) into tree."""
    src = os.path.join(pkgroot, rel)
    dst = os.path.join(tree, rel)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if os.path.isdir(src):
        shutil.copytree(src, dst, dirs_exist_ok=True)
        return
    shutil.copyfile(os.path.realpath(src), dst)
    shutil.copymode(os.path.realpath(src), dst)


def cmd_tree(out):
    import fetch  # tests/debian/fetch.py
    stamp = os.path.join(out, "tree.stamp")
    if os.path.exists(stamp):
        print(out)
        return
    fetch.SKIP |= SKIP
    fetch.prefetch(PACKAGES)
    if any(fetch._SHOW[p] is None for p in PACKAGES):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        fetch._SHOW.clear()
    files = fetch.fetch(fetch.resolve(PACKAGES), os.path.join(out, "debs"))
    pkgroot = os.path.join(out, "pkgroot")
    shutil.rmtree(pkgroot, ignore_errors=True)
    os.makedirs(pkgroot)
    for f in files:
        subprocess.run(["dpkg-deb", "-x", f, pkgroot], check=True)
    fetch.usrmerge(pkgroot)
    for name, (programs, data) in TREES.items():
        make_tree(pkgroot, os.path.join(out, "tree-" + name), programs, data)
    with open(stamp, "w") as f:
        f.write(" ".join(PACKAGES) + "\n")
    print(out)


def make_tree(pkgroot, tree, programs, data):
    """programs, the libraries they load, and data, from pkgroot into tree"""
    shutil.rmtree(tree, ignore_errors=True)
    todo, done = list(programs), set()
    while todo:
        rel = todo.pop()
        if rel in done:
            continue
        done.add(rel)
        copy(pkgroot, tree, rel)
        for lib in needed(os.path.join(pkgroot, rel)):
            todo.append(find_lib(pkgroot, lib))
    for rel in data:
        copy(pkgroot, tree, rel)
    copy(pkgroot, tree, os.path.join(MULTIARCH, "ld-linux-x86-64.so.2"))
    os.makedirs(os.path.join(tree, "lib64"), exist_ok=True)
    os.symlink("../" + MULTIARCH + "/ld-linux-x86-64.so.2",
               os.path.join(tree, "lib64", "ld-linux-x86-64.so.2"))
    # the private library directories (ceph) go into ld.so's cache
    dirs = sorted({os.path.dirname(r) for r in done if r.startswith(MULTIARCH + "/")})
    os.makedirs(os.path.join(tree, "etc"), exist_ok=True)
    with open(os.path.join(tree, "etc", "ld.so.conf"), "w") as f:
        f.write("\n".join("/" + d for d in dirs) + "\n")
    subprocess.run(["ldconfig", "-r", tree], check=True)
    size = subprocess.run(["du", "-sh", tree], capture_output=True, text=True).stdout.split()[0]
    print(f"guest.py: {len(done)} files in {tree} ({size})", file=sys.stderr)


def linux_kernel():
    if not os.path.exists(LINUX_STAMP):
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "bench.py"), "fetch-linux",
                        os.path.dirname(LINUX_STAMP)], check=True, stdout=subprocess.DEVNULL)
    return open(LINUX_STAMP).read().strip()


def add_disk_support(ov):
    """/etc/fstest/disk.sh and Linux's virtio modules into overlay ov"""
    os.makedirs(os.path.join(ov, "etc", "fstest"), exist_ok=True)
    with open(os.path.join(ov, "etc", "fstest", "disk.sh"), "w") as f:
        f.write(DISK_SH)
    kroot = os.path.join(os.path.dirname(linux_kernel()), "..", "lib", "modules")
    kver = os.listdir(kroot)[0]
    os.makedirs(os.path.join(ov, "lib", "fstest-ko"), exist_ok=True)
    for m in LINUX_MODULES:
        shutil.copyfile(os.path.join(kroot, kver, "kernel", m),
                        os.path.join(ov, "lib", "fstest-ko", os.path.basename(m)))


def disk_args(disks):
    """QEMU's arguments for the disks: virtio-blk over PCI, /dev/vda first"""
    args = []
    for i, d in enumerate(disks):
        args += ["-drive", f"file={d},format=raw,if=none,id=vd{i},cache=writeback",
                 "-device", f"virtio-blk-pci,drive=vd{i}"]
    return args


def cmd_image(a):
    ov = a.out + ".overlay"
    shutil.rmtree(ov, ignore_errors=True)
    os.makedirs(ov)
    if a.tree:
        shutil.copytree(a.tree, ov, symlinks=True, dirs_exist_ok=True)
    add_disk_support(ov)
    for spec in a.file or []:
        src, dest = spec.split("=", 1)
        dst = os.path.join(ov, dest.lstrip("/"))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)
    cmd = open(a.cmd).read()
    subprocess.run([os.path.join(ROOT, "tools", "mk-image.sh"), a.out, ov, cmd], check=True)
    shutil.rmtree(ov)


def qemu_args(kernel, image, disks, mem, smp, icount=False):
    args = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg", "-cpu", "max",
            "-m", mem, "-smp", str(smp), "-nographic", "-no-reboot", "-serial", "mon:stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-nic", "none",
            "-fw_cfg", "name=etc/sercon-port,string=0"]
    # tools/bench.py's icount mode: one guest instruction per virtual ns,
    # so the guest's clock counts its own work, not the host's load
    args += (["-icount", "shift=0"] if icount else []) + disk_args(disks)
    return args + ["-kernel", kernel, "-initrd", image,
                   # no_timer_check: Linux's boot-time IO-APIC timer test fails
                   # now and then under TCG on a loaded host ("IO-APIC + timer
                   # doesn't work!", a panic); Kevlar ignores the word
                   "-append", "console=ttyS0 quiet panic=-1 no_timer_check"]


def cmd_boot(a):
    kernel = linux_kernel() if a.kernel == "linux" else a.kernel
    disks = [a.disk] + ([a.disk2] if a.disk2 else [])
    args = qemu_args(kernel, a.image, disks, os.environ.get("MEM", "1G"),
                     os.environ.get("SMP", "1"), a.icount)
    t0 = time.monotonic()
    status, kill_at, buf = None, None, b""
    with open(a.log, "wb") as log:
        p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        os.set_blocking(p.stdout.fileno(), False)
        while True:
            now = time.monotonic()
            if kill_at is not None and now >= kill_at:
                p.send_signal(signal.SIGKILL)
                p.wait()
                log.write(f"\n[guest.py: QEMU killed {a.kill_delay:.3f}s after "
                          f"'{a.kill_after_line}']\n".encode())
                return 137
            if now - t0 > a.timeout:
                p.kill()
                p.wait()
                log.write(f"\n[guest.py: timed out after {a.timeout}s]\n".encode())
                return 124
            try:
                chunk = os.read(p.stdout.fileno(), 65536)
            except BlockingIOError:
                if p.poll() is not None:
                    break
                time.sleep(0.002)
                continue
            if not chunk:
                break
            log.write(chunk)
            log.flush()
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode(errors="replace").strip("\r\n \x1b")
                if (a.kill_after_line and kill_at is None
                        and line.startswith(a.kill_after_line)):
                    kill_at = time.monotonic() + a.kill_delay
                if line.startswith("FSTEST-DONE "):
                    status = line.split()[1]
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    if status is None:
        return 3
    return 0 if status == "0" else 1


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "tree" and len(sys.argv) == 3:
        return cmd_tree(sys.argv[2])
    if sys.argv[1] == "kernel":
        print(linux_kernel())
        return 0
    ap = argparse.ArgumentParser(prog="guest.py " + sys.argv[1])
    if sys.argv[1] == "image":
        ap.add_argument("--out", required=True)
        ap.add_argument("--cmd", required=True)
        ap.add_argument("--tree")
        ap.add_argument("--file", action="append")
        return cmd_image(ap.parse_args(sys.argv[2:]))
    if sys.argv[1] == "boot":
        ap.add_argument("--kernel", required=True)
        ap.add_argument("--image", required=True)
        ap.add_argument("--disk", required=True)
        ap.add_argument("--disk2")
        ap.add_argument("--log", required=True)
        ap.add_argument("--timeout", type=float, required=True)
        ap.add_argument("--kill-after-line")
        ap.add_argument("--kill-delay", type=float, default=0)
        ap.add_argument("--icount", action="store_true")
        return cmd_boot(ap.parse_args(sys.argv[2:]))
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main() or 0)
