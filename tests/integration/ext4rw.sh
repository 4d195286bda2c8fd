#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Writing ext2/3/4 (services/kevlar_ext2) with BusyBox over the loop
# device: images made on the host by mke2fs -d (ext4 4k and 1k, ext4
# without metadata_csum, ext3, ext2) holding empty files, each mounted
# read-write in one boot and written with dd, cp, truncate (shrink and a
# sparse grow), echo >> (O_APPEND), fallocate (ext4), chmod and touch;
# then sync, umount, and the image is sent back over the console
# (gzip | base64).  On the host: e2fsck -fn must be clean and debugfs
# must show exactly the bytes and modes written.  ext4mmap.c stores
# through MAP_SHARED mappings (read(2) must see them at once), and checks
# them again after a remount; its files are compared with the same
# program's run on the host.  TAP on stdout, the
# console log in build/test/ext4rw.log.
# usage: tests/integration/ext4rw.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test
src=$out/ext4rw-src ov=$out/ext4rw-overlay img=$out/ext4rw.cpio log=$out/ext4rw.log
back=$out/ext4rw-back
images="ext4-4k ext4-1k ext4-old ext3 ext2"
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }

# ---- the images: empty files to write (creating names is not this
# test's), one file with data to append to ----
rm -rf "$src" "$ov" "$back"
mkdir -p "$src" "$ov" "$back"
for i in 1 2 3 4 5 6 7 8 9; do : > "$src/f$i"; done
seq 1 20000 > "$src/pre"
# the data the guest writes: distinct lines (a misplaced block shows),
# and a random piece
seq 100000 160000 > "$ov/data"
head -c 50000 /dev/urandom > "$ov/rand"
mkdir -p "$back/host-mmap"
musl-gcc -static -O1 -o "$ov/ext4mmap" tests/integration/ext4mmap.c ||
  bail "musl-gcc ext4mmap.c"
"$ov/ext4mmap" write "$back/host-mmap" >/dev/null && "$ov/ext4mmap" check "$back/host-mmap" >/dev/null ||
  bail "ext4mmap on the host"
for spec in "ext4-4k:-t ext4 -b 4096" "ext4-1k:-t ext4 -b 1024" \
  "ext4-old:-t ext4 -O ^metadata_csum,^64bit" "ext3:-t ext3 -b 1024" "ext2:-t ext2"; do
  n=${spec%%:*}
  # shellcheck disable=SC2086
  mke2fs -q ${spec#*:} -d "$src" "$ov/$n.img" 8M >/dev/null 2>&1 || bail "mke2fs $n"
  e2fsck -fn "$ov/$n.img" >/dev/null 2>&1 || bail "e2fsck -fn $n before"
done

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }'
for n in $images; do
  fa=true
  case $n in ext4*) fa="fallocate -l 300000 /mnt/f6 && fallocate -o 1000000 -l 100000 /mnt/f7";; esac
  cmd="$cmd
s \"cp /$n.img /tmp/w.img && mount -o loop /tmp/w.img /mnt && grep ' /mnt ' /proc/mounts\"
s \"dd if=/data of=/mnt/f1 bs=4096 2>/dev/null && cp /data /mnt/f2 && cat /rand > /mnt/f3 && truncate -s 1234 /mnt/f2\"
s \"truncate -s 5000000 /mnt/f4 && echo middle | dd of=/mnt/f4 bs=1 seek=2000000 conv=notrunc 2>/dev/null && echo last | dd of=/mnt/f4 bs=1 seek=4999000 conv=notrunc 2>/dev/null\"
s \"echo one >> /mnt/f5 && echo two >> /mnt/f5 && echo appended >> /mnt/pre && dd if=/rand of=/mnt/f1 bs=1000 seek=7 count=3 conv=notrunc 2>/dev/null\"
s \"$fa; chmod 4750 /mnt/f3 && touch -d '2001-02-03 04:05:06' /mnt/f5 && md5sum /mnt/f1 /mnt/f2 /mnt/f4 /mnt/pre && ls -l /mnt/f6 /mnt/f7\"
s \"/ext4mmap write /mnt $n\"
s \"umount /mnt && mount -o loop /tmp/w.img /mnt && /ext4mmap check /mnt $n\"
s \"sync && umount /mnt && echo BEGIN-$n && gzip -c /tmp/w.img | base64 && echo END-$n\""
done
tools/mk-image.sh "$img" "$ov" "$cmd" >/dev/null 2>&1 || bail "mk-image"
SMP=${SMP:-2} MEM=${MEM:-512M} INITRD=$img TIMEOUT=${EXT4RW_TIMEOUT:-240} tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
rm -f "$img"
. tests/integration/tap.sh

# the expected files, made on the host
exp=$back/expect
mkdir -p "$exp"
cp "$ov/data" "$exp/f1"
dd if="$ov/rand" of="$exp/f1" bs=1000 seek=7 count=3 conv=notrunc 2>/dev/null
head -c 1234 "$ov/data" > "$exp/f2"
cp "$ov/rand" "$exp/f3"
truncate -s 5000000 "$exp/f4"
echo middle | dd of="$exp/f4" bs=1 seek=2000000 conv=notrunc 2>/dev/null
echo last | dd of="$exp/f4" bs=1 seek=4999000 conv=notrunc 2>/dev/null
printf 'one\ntwo\n' > "$exp/f5"
cp "$src/pre" "$exp/pre"; echo appended >> "$exp/pre"
cp "$back/host-mmap/f8" "$back/host-mmap/f9" "$exp/"

nimg=$(echo $images | wc -w)
echo "1..$((2 + 5 * nimg + 1))"
desc="the guest ran every command and powered off cleanly (exit $rc)"; t [ "$rc" -eq 0 ]
desc="every command exited 0"; t bash -c "[ \$(grep -c '^== end rc=0$' \"\$LOGTXT\") -eq $((8 * nimg)) ]"
for im in $images; do
  b=$back/$im.img
  awk -v b="BEGIN-$im" -v e="END-$im" '$0 == e {on = 0} on; $0 == b {on = 1}' "$LOGTXT" | base64 -d 2>/dev/null | gunzip > "$b" 2>/dev/null
  desc="$im: mounted read-write (/proc/mounts says rw)"
  t has "cp /$im.img /tmp/w.img" ' /mnt ext[234] rw'
  desc="$im: the image came back and e2fsck -fn finds it clean"
  t bash -c "[ -s '$b' ] && e2fsck -fn '$b' > '$back/$im.fsck' 2>&1"
  desc="$im: debugfs reads exactly the bytes written (dd, cp, cat, truncate down and up, a sparse file, O_APPEND, stores through mappings)"
  t bash -c "for f in f1 f2 f3 f4 f5 pre f8 f9; do debugfs -R \"dump /\$f $back/$im.\$f\" '$b' >/dev/null 2>&1; cmp -s '$exp/'\$f '$back/$im.'\$f || { echo \"$im \$f differs\" >&2; exit 1; }; done"
  desc="$im: MAP_SHARED stores: read(2) sees them, a mapping sees pwrite(2), the bytes are there after a remount"
  t bash -c "has '/ext4mmap write /mnt $im' '^ext4mmap-write-ok\$' && has 'umount /mnt && mount -o loop /tmp/w.img /mnt && /ext4mmap check /mnt $im' '^ext4mmap-check-ok\$'"
  desc="$im: modes, times, sizes and blocks as written (chmod 4750, touch -d, a sparse file's few blocks, fallocate on ext4)"
  t bash -c "st() { debugfs -R \"stat /\$1\" '$b' 2>/dev/null; }
    st f3 | grep -q 'Mode:  04750' && st f5 | grep -q 'mtime: 0x3a7b8372' &&
    [ \$(st f4 | sed -n 's/.*Blockcount: \\([0-9]*\\).*/\\1/p') -lt 100 ] &&
    case $im in ext4*) st f6 | grep -q 'Size: 300000' && st f7 | grep -q 'Size: 1100000' &&
      [ \$(st f6 | sed -n 's/.*Blockcount: \\([0-9]*\\).*/\\1/p') -ge 586 ];; *) true;; esac"
done
desc="no panic, fault, lock-order report or leak in the console log"
t bash -c "! console_bad"
exit $((fail > 0))
