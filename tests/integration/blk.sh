#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# End-to-end check of the block layer with BusyBox: partitioned images
# (tests/integration/mkparts.py: MBR with logical partitions, GPT) copied
# to tmpfs, attached with `losetup -P`, then /proc/partitions, the
# partition nodes, data written through a partition landing at its
# offset in the file, `losetup -a`/`-f`/`-d`, dd of a device node, and
# concurrent writers and readers of one loop device on 4 CPUs.
# TAP on stdout, the console log in build/test/blk.log.
# usage: tests/integration/blk.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test
mkdir -p "$out/blk-overlay"
img=$out/blk.cpio log=$out/blk.log
python3 tests/integration/mkparts.py "$out/blk-overlay" || { echo "1..1"; echo "not ok 1 - mkparts"; exit 1; }
cmd='cp /mbr.img /gpt.img /tmp/
s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "losetup -f"
s "losetup -P -f /tmp/mbr.img && losetup -a"
s "cat /proc/partitions"
s "ls -l /dev/loop0p1 /dev/loop0p2 /dev/loop0p5 /dev/loop0p6"
s "echo part5data | dd of=/dev/loop0p5 conv=notrunc 2>/dev/null && sync && dd if=/tmp/mbr.img bs=512 skip=544 count=1 2>/dev/null | head -c 9; echo"
s "losetup -P /dev/loop1 /tmp/gpt.img && losetup -f && cat /proc/partitions"
s "dd if=/dev/loop1p3 bs=1024 2>/dev/null | wc -c"
s "losetup -d /dev/loop0 && losetup -d /dev/loop1 && losetup -a && cat /proc/partitions && ls /dev | grep loop0p | wc -l"
dd if=/dev/zero of=/tmp/img bs=1M count=4 2>/dev/null; dd if=/dev/urandom of=/tmp/src bs=1M count=4 2>/dev/null
s "losetup /dev/loop0 /tmp/img && for i in 0 1 2 3; do dd if=/tmp/src of=/dev/loop0 bs=4k skip=\$((i*256)) seek=\$((i*256)) count=256 conv=notrunc 2>/dev/null & dd if=/dev/loop0 of=/dev/null bs=1k 2>/dev/null & done; wait; sync; md5sum /tmp/src /tmp/img; md5sum < /dev/loop0; losetup -d /dev/loop0"'
tools/mk-image.sh "$img" "$out/blk-overlay" "$cmd" >/dev/null 2>&1 || { echo "1..1"; echo "not ok 1 - mk-image"; exit 1; }
SMP=${SMP:-4} INITRD=$img TIMEOUT=${BLK_TIMEOUT:-60} tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
. tests/integration/tap.sh

echo "1..10"
desc="the guest ran every command and powered off cleanly (exit $rc)"; t [ "$rc" -eq 0 ]
desc="every command exited 0"; t bash -c "[ \$(grep -c '^== end rc=0$' \"\$LOGTXT\") -eq 9 ]"
desc="losetup -f names /dev/loop0 first"; t has "losetup -f" '^/dev/loop0$'
desc="losetup -P -f attaches the MBR image to loop0 and -a lists it"; t has "losetup -P -f" '^/dev/loop0: 0 /tmp/mbr.img'
desc="/proc/partitions: loop0 1024, p1 64, p2 (extended) 1, p5 100, p6 50 KiB, partitions on major 259"
t bash -c "has 'cat /proc/partitions' '^   7        0       1024 loop0$' && has 'cat /proc/partitions' '^ 259 +[0-9]+ +64 loop0p1$' && has 'cat /proc/partitions' '^ 259 +[0-9]+ +1 loop0p2$' && has 'cat /proc/partitions' '^ 259 +[0-9]+ +100 loop0p5$' && has 'cat /proc/partitions' '^ 259 +[0-9]+ +50 loop0p6$'"
desc="the partition nodes are block devices"; t bash -c "[ \$(section 'ls -l /dev/loop0p1' | grep -c '^b') -eq 4 ]"
desc="a write to loop0p5 lands at sector 544 of the file"; t has "echo part5data" '^part5data'
desc="GPT: loop1p1 50 KiB and loop1p3 200 KiB, and loop1p3 reads 204800 bytes"
t bash -c "has 'losetup -P /dev/loop1' ' +50 loop1p1$' && has 'losetup -P /dev/loop1' ' +200 loop1p3$' && has 'losetup -P /dev/loop1' '^/dev/loop2$' && has 'dd if=/dev/loop1p3' '^ *204800$'"
desc="losetup -d detaches both: -a empty, no partitions left"
t bash -c "! has 'losetup -d' 'loop[01]' && has 'losetup -d' '^major minor' && has 'losetup -d' '^ *0$'"
desc="4 writers and 4 readers at once on 4 CPUs: the file and the device read back what was written"
t bash -c "[ \$(section 'losetup /dev/loop0 /tmp/img' | awk '{print \$1}' | sort -u | wc -l) -eq 1 ] && [ \$(section 'losetup /dev/loop0 /tmp/img' | wc -l) -eq 3 ]"
[ "$fail" -eq 0 ]
