#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Block statistics (/proc/diskstats, /sys/block/<disk>[/<part>]/stat) on
# virtio disks: vda an MBR image (tests/integration/mkparts.py), vdb a
# blank scratch disk.  tests/integration/diskstats_probe.c reads vda and
# vda1 with O_DIRECT and writes vdb with O_DIRECT and an fsync, and
# checks the counters moved by exactly those requests and sectors (the
# probe's expectations hold on Linux: the same checks pass over a loop
# device on the host, where the host allows it, and are skipped there
# otherwise).  The lines' layout is checked against Linux's.
# usage: tests/integration/diskstats.sh [KERNEL]   (default: x64 balanced)
# TAP on stdout, the console log in build/test/diskstats.log.
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/diskstats
ov=$out/overlay img=$out/image.cpio log=build/test/diskstats.log
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }
[ -f "$kernel" ] || bail "no kernel $kernel"

rm -rf "$out"
mkdir -p "$ov"
musl-gcc -static -O1 -o "$ov/diskstats_probe" tests/integration/diskstats_probe.c ||
  bail "musl-gcc diskstats_probe.c"
python3 tests/integration/mkparts.py "$out" || bail "mkparts"
truncate -s 4M "$out/scratch.img"

# the probe's expectations on the host's Linux, over loop devices (root only)
host_ok=skip
if [ "$(id -u)" = 0 ] && command -v losetup > /dev/null; then
  cp "$out/scratch.img" "$out/host-scratch.img"
  if l=$(losetup -f --show "$out/host-scratch.img" 2> /dev/null); then
    "$ov/diskstats_probe" write "${l#/dev/}" > "$out/host.txt" 2>&1 && host_ok=yes || host_ok=no
    losetup -d "$l"
  fi
fi

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "cat /proc/diskstats"
s "cat /sys/block/vda/stat /sys/block/vda/vda1/stat"
s "/diskstats_probe read vda vda1"
s "/diskstats_probe write vdb"'
tools/mk-image.sh "$img" "$ov" "$cmd" > /dev/null 2>&1 || bail "mk-image"
INITRD=$img DISK="$out/mbr.img $out/scratch.img" TIMEOUT=${DISKSTATS_TIMEOUT:-120} \
  tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
rm -f "$img"
. tests/integration/tap.sh

n17='( [0-9]+){17}$'
echo "1..7"
desc="the guest ran every command and powered off cleanly (exit $rc)"; t [ "$rc" -eq 0 ]
desc="the probe's write checks hold on the host's Linux over a loop device ($host_ok)"
t [ "$host_ok" != no ]
desc="/proc/diskstats: Linux's layout (major, minor, name, 17 numbers) for vda, vda1 and vdb"
t bash -c "has 'cat /proc/diskstats' '^ 254 +0 vda$n17' && has 'cat /proc/diskstats' '^ 254 +1 vda1$n17' \
  && has 'cat /proc/diskstats' '^ 254 +16 vdb$n17'"
desc="/sys/block/vda/stat and vda1/stat: 17 fields, each 8 wide"
t bash -c "[ \$(section 'cat /sys/block/vda/stat /sys/block/vda/vda1/stat' | grep -cE '^( {0,7}[0-9]{1,8} ){16} {0,7}[0-9]{1,8}$') -eq 2 ]"
desc="O_DIRECT reads of vda and vda1 counted exactly, the partition's for the disk too"
t clean "/diskstats_probe read vda vda1"
desc="O_DIRECT writes and an fsync on vdb counted exactly (writes, sectors, one flush)"
t clean "/diskstats_probe write vdb"
desc="no panic, fault, lock-order report or leak in the console log"
t bash -c "! console_bad"
exit $((fail > 0))
