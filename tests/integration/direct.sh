#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# O_DIRECT and sendfile on virtio disks: a fresh `mke2fs -t ext4` image
# on /dev/vda and a raw 8 MiB disk on /dev/vdb.  In one boot
# tests/integration/direct_probe.c checks O_DIRECT on ext4 files
# (alignment errors, F_GETFL/F_SETFL, direct writes read back through the
# cache and buffered writes and mapped stores read back directly, the end
# of the file, a write over unwritten extents) and on /dev/vdb, then
# sendfile from an ext4 file and from a tmpfs file to a pipe and to files
# on both.  On the host: e2fsck -fn clean, debugfs dumps the two ext4
# files and the raw disk's range is read, each compared with the bytes
# the same program says they must hold.  Where the build directory is on
# ext2/3/4, the file checks also run on the host first (Linux agrees).
# usage: tests/integration/direct.sh [KERNEL]   (default: x64 balanced)
# TAP on stdout, the console log in build/test/direct.log.
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/direct
ov=$out/overlay img=$out/image.cpio log=build/test/direct.log
disk=$out/ext4.img raw=$out/raw.img exp=$out/expect
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }
[ -f "$kernel" ] || bail "no kernel $kernel"

rm -rf "$out"
mkdir -p "$ov" "$out/root" "$exp" "$out/host"
musl-gcc -static -O1 -o "$ov/direct_probe" tests/integration/direct_probe.c ||
  bail "musl-gcc direct_probe.c"
head -c 300000 /dev/urandom > "$out/root/src"
cp "$out/root/src" "$ov/src"
mke2fs -q -F -t ext4 -d "$out/root" "$disk" 64M >/dev/null 2>&1 || bail "mke2fs -t ext4"
truncate -s 8M "$raw"
"$ov/direct_probe" expect "$exp" || bail "direct_probe expect"
host_ok=skip
case $(stat -f -c %T "$out/host") in
  ext2/ext3 | ext4) "$ov/direct_probe" file "$out/host" > "$out/host.txt" && host_ok=yes || host_ok=no ;;
esac

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "mount -t ext4 /dev/vda /mnt"
s "/direct_probe file /mnt"
s "/direct_probe blk /dev/vdb"
s "/direct_probe sendfile /mnt/src /mnt"
s "/direct_probe sendfile /src /tmp"
s "/direct_probe sendfile /mnt/src /tmp"
s "/direct_probe sendfile /src /mnt"
s "umount /mnt"'
tools/mk-image.sh "$img" "$ov" "$cmd" >/dev/null 2>&1 || bail "mk-image"
SMP=${SMP:-2} MEM=${MEM:-512M} INITRD=$img DISK="$disk $raw" TIMEOUT=${DIRECT_TIMEOUT:-240} \
  tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
rm -f "$img"
. tests/integration/tap.sh

echo "1..13"
desc="the guest ran every command and powered off cleanly (exit $rc)"; t [ "$rc" -eq 0 ]
desc="the file checks hold on the host's own ext4 too ($host_ok)"; t [ "$host_ok" != no ]
desc="ext4 on /dev/vda mounted"; t steprc "mount -t ext4 /dev/vda /mnt"
desc="O_DIRECT on ext4 files: alignment, F_GETFL/F_SETFL, coherence with the cache and mappings, the end, unwritten extents"
t clean "/direct_probe file /mnt"
desc="O_DIRECT on /dev/vdb: alignment, coherence with buffered I/O, the end of the device"
t clean "/direct_probe blk /dev/vdb"
desc="sendfile from ext4 to a pipe and to an ext4 file"; t clean "/direct_probe sendfile /mnt/src /mnt"
desc="sendfile from tmpfs to a pipe and to a tmpfs file"; t clean "/direct_probe sendfile /src /tmp"
desc="sendfile from ext4 to a tmpfs file"; t clean "/direct_probe sendfile /mnt/src /tmp"
desc="sendfile from tmpfs to an ext4 file"; t clean "/direct_probe sendfile /src /mnt"
desc="host e2fsck -fn is clean"; t bash -c "e2fsck -fn '$disk' > '$out/e2fsck.txt' 2>&1"
desc="debugfs: d1 and d2 hold exactly the bytes written (direct, buffered, mapped)"
t bash -c "for f in d1 d2; do debugfs -R \"dump /\$f $out/got-\$f\" '$disk' >/dev/null 2>&1; cmp '$exp/'\$f '$out/got-'\$f || exit 1; done"
desc="/dev/vdb holds the direct and buffered writes in MiB 1..3"
t bash -c "dd if='$raw' bs=1M skip=1 count=2 2>/dev/null | cmp - '$exp/blk'"
desc="no panic, fault, lock-order report or leak in the console log"
t bash -c "! console_bad"
exit $((fail > 0))
