#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The ext2/3/4 namespace written by Kevlar (services/kevlar_ext2: namei.c,
# dirwrite.c, dx_insert.c) with BusyBox: empty images made by mke2fs
# (ext4 4k, ext4 1k, ext4 without metadata_csum, ext3, ext2) are mounted
# read-write over the loop device and filled: `tar x` of a source tree (a
# 2000-entry directory that becomes an htree, nested dirs, fast and slow
# symlinks, hard links, a FIFO, odd modes), `mkdir -p`, `cp -a`, `mv`
# across directories, `ln`, `ln -s`, `rm -r` of a subtree; then umount.
# Each image comes back to the host (gzip | base64 on the console), must
# be clean under `e2fsck -fn`, and `debugfs rdump` of it must equal the
# same commands run on the host (names, types, modes, sizes, contents,
# link targets; hard link counts and the FIFO by debugfs stat).  Then
# ext4names_probe.c, run in Kevlar and on the host's Linux loop mount of
# the same fresh image, prints what chattr's ioctls, xattrs, O_TMPFILE,
# RENAME_EXCHANGE and rename's errors answer: identical, and the image
# Kevlar wrote clean under e2fsck -fn.  TAP on stdout, the console log in
# build/test/ext4names.log.
# usage: tests/integration/ext4names.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
# The host's own loop mount (Linux's answers for the probe) lives in a
# mount namespace of this script's, gone with it even if it is killed.
if [ "$(id -u)" = 0 ] && [ -z "${EXT4NAMES_SH_NS:-}" ] && command -v unshare >/dev/null; then
  EXT4NAMES_SH_NS=1 exec unshare --mount --propagation private bash "$0" "$@"
fi
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test
src=$out/names-src ov=$out/names-overlay img=$out/names.cpio log=$out/ext4names.log
back=$out/names-back host=$out/names-host
images="ext4-4k ext4-1k ext4-old ext3 ext2"
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }

# ---- the source tree, packed with tar ----
rm -rf "$src" "$ov" "$back" "$host"
mkdir -p "$src/tree/a/b/c" "$src/tree/big" "$ov" "$back" "$host"
for i in $(seq 1 2000); do echo "$i" > "$src/tree/big/entry-number-$i"; done
echo deep > "$src/tree/a/b/c/leaf"
echo hello > "$src/tree/a/hello"
head -c 100000 /dev/urandom > "$src/tree/a/random"
ln -s a/hello "$src/tree/fast"
ln -s "$(printf 'y%.0s' $(seq 1 150))/../a/hello" "$src/tree/slow"
ln "$src/tree/a/hello" "$src/tree/a/b/hardlink"
mkfifo "$src/tree/fifo"
chmod 0640 "$src/tree/a/random"; chmod 2750 "$src/tree/a/b"
tar cf "$ov/src.tar" -C "$src" tree || bail "tar"

# ---- what the guest does, run the same way on the host ----
cat > "$ov/names.sh" <<'EOF'
set -e
M=$1
cd "$M"
tar xf "$2"
mkdir -p x/y/z
cp -a tree/a x/y/z/copy
mv tree/a/b x/moved
mv x/y/z/copy/hello x/y/renamed
ln x/y/renamed x/second-name
ln -s ../x/y/renamed tree/link-to-renamed
rm -r tree/big/entry-number-1?? x/y/z/copy/b
for i in 1 2 3 4 5 6 7 8 9; do mkdir -p "d$i/e$i/f$i"; echo "$i" > "d$i/e$i/file"; done
rm -r d2 d4 d6
mv d1 d3/inside
mv tree/big big-moved
ls big-moved | wc -l
EOF
for n in $images; do
  case $n in
    ext4-4k) opts="-t ext4 -b 4096" ;;
    ext4-1k) opts="-t ext4 -b 1024" ;;
    ext4-old) opts="-t ext4 -O ^metadata_csum,^64bit" ;;
    ext3) opts="-t ext3 -b 1024" ;;
    ext2) opts="-t ext2" ;;
  esac
  mke2fs -q -F $opts -N 4096 "$ov/$n.img" 16M >/dev/null 2>&1 || bail "mke2fs $n"
done
mke2fs -q -F -t ext4 "$ov/probe.img" 16M >/dev/null 2>&1 || bail "mke2fs probe"
musl-gcc -static -O1 -o "$ov/probe" tests/integration/ext4names_probe.c || bail "musl-gcc probe"
rm -f "$host.probe"
if [ "$(id -u)" = 0 ]; then
  cp "$ov/probe.img" "$host.img"; mkdir -p "$host.mnt"
  if mount -o loop "$host.img" "$host.mnt" 2>/dev/null; then
    "$ov/probe" "$host.mnt" > "$host.probe"; umount "$host.mnt"
  fi
  rm -f "$host.img"
fi
mkdir -p "$host/tree"
want=$(busybox sh "$ov/names.sh" "$host/tree" "$PWD/$ov/src.tar") || bail "names.sh on the host"

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }'
for n in $images; do
  cmd="$cmd
s \"cp /$n.img /tmp/i.img && mount -o loop /tmp/i.img /mnt && sh /names.sh /mnt /src.tar; cd /; umount /mnt && losetup -a | wc -l\"
echo '-- image $n'; gzip -c /tmp/i.img | base64; echo '-- end $n'; rm /tmp/i.img"
done
cmd="$cmd
s \"cp /probe.img /tmp/p.img && mount -o loop /tmp/p.img /mnt && /probe /mnt > /tmp/probe.out; cd /; umount /mnt && echo '-- probe' && cat /tmp/probe.out && echo '-- end probe'\"
echo '-- image probe'; gzip -c /tmp/p.img | base64; echo '-- end probe'"
tools/mk-image.sh "$img" "$ov" "$cmd" >/dev/null 2>&1 || bail "mk-image"
SMP=${SMP:-2} MEM=${MEM:-512M} INITRD=$img TIMEOUT=${EXT4NAMES_TIMEOUT:-300} tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
rm -f "$img"
. tests/integration/tap.sh

# a listing debugfs rdump and the host tree both give (rdump drops a
# directory's set-id bits: x/moved's S_ISGID is checked by debugfs stat)
listing() {
  (cd "$1" && find . -mindepth 1 ! -path './lost+found*' ! -type p -printf '%p %y %m %s %l\n' |
     awk '$2 == "d" {$4 = "-"; if (length($3) == 4) $3 = substr($3, 2)} 1' | sort
   find . -type f ! -path './lost+found*' -exec md5sum {} + | sort -k 2)
}
listing "$host/tree" > "$host.list"

echo "1..$((5 + 3 * 5))"
desc="the guest ran every command and powered off cleanly (exit $rc)"; t [ "$rc" -eq 0 ]
desc="every command exited 0"; t bash -c "[ \$(grep -c '^== end rc=0$' \"\$LOGTXT\") -eq 6 ]"
for im in $images; do
  awk -v s="-- image $im" -v e="-- end $im" '$0 == e {on = 0} on; $0 == s {on = 1}' "$LOGTXT" |
    base64 -d 2>/dev/null | gunzip > "$back/$im.img" 2>/dev/null
  desc="$im: tar x, mkdir -p, cp -a, mv, ln, ln -s, rm -r on a read-write loop mount; umount frees the loop device"
  t bash -c "[ \"\$(section 'cp /$im.img' | tail -2 | tr '\n' ' ')\" = '$want 0 ' ]"
  desc="$im: the image Kevlar wrote is clean under e2fsck -fn"
  t bash -c "e2fsck -fn '$back/$im.img' > '$back/$im.fsck' 2>&1 || { head -20 '$back/$im.fsck' >&2; exit 1; }"
  desc="$im: debugfs rdump of it equals the same commands run on the host (names, types, modes, sizes, links, targets, contents)"
  rm -rf "$back/$im.dump"; mkdir -p "$back/$im.dump"
  debugfs -R "rdump / $back/$im.dump" "$back/$im.img" >/dev/null 2>&1
  listing "$back/$im.dump" > "$back/$im.list"
  t bash -c "diff '$host.list' '$back/$im.list' | head -10 >&2; cmp -s '$host.list' '$back/$im.list' &&
    debugfs -R 'stat /x/y/renamed' '$back/$im.img' 2>/dev/null | grep -q 'Links: 2' &&
    debugfs -R 'stat /x/moved' '$back/$im.img' 2>/dev/null | grep -q 'Mode:  02750' &&
    debugfs -R 'stat /tree/fifo' '$back/$im.img' 2>/dev/null | grep -q 'Type: FIFO'"
done
awk '$0 == "-- end probe" {on = 0} on; $0 == "-- probe" {on = 1}' "$LOGTXT" > "$back/probe.out"
awk '$0 == "-- end probe" {on = 0} on; $0 == "-- image probe" {on = 1}' "$LOGTXT" |
  base64 -d 2>/dev/null | gunzip > "$back/probe.img" 2>/dev/null
desc="ext4names_probe: chattr flags and what they forbid, xattrs, O_TMPFILE, RENAME_EXCHANGE, rename and rmdir errors, as on Linux's mount of the same image"
if [ -s "$host.probe" ]; then
  t bash -c "diff '$host.probe' '$back/probe.out' >&2; cmp -s '$host.probe' '$back/probe.out'"
else
  n=$((n + 1)); echo "ok $n - $desc # SKIP this host cannot loop-mount"
fi
desc="the probe's image, written by Kevlar, is clean under e2fsck -fn"
t bash -c "e2fsck -fn '$back/probe.img' > '$back/probe.fsck' 2>&1 || { head -20 '$back/probe.fsck' >&2; exit 1; }"
desc="the console shows no panic, lock-order or leak report"
t bash -c "! console_bad"
[ "$fail" -eq 0 ]
