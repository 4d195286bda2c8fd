#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Booting from a disk (virtio-blk, DISK=): the host builds a BusyBox tree
# (tools/mk-image.sh) into an ext4 image and puts it as partition 1 of an
# MBR disk and of GPT disks (tests/integration/mkdisk.py), plus a small
# ext4 data disk.  Boots, each with a timeout:
#   mbr    root=/dev/vda1 and the data disk read-only as /dev/vdb: the
#          disk's /sbin/init (pid 1) checks mountinfo and st_dev, then
#          mount -a from its /etc/fstab (sysfs, the data disk by UUID=,
#          tmpfs, a swap entry), mount DIR by fstab, one device mounted twice (one
#          instance: same st_dev and inode numbers), Linux's EBUSY/EACCES
#          for conflicting mounts and remount rw of a read-only device,
#          umount -a -t ext4, syncfs of one filesystem leaving another
#          device's dirty blocks, pivot_root's errors and a pivot_root
#          into a tmpfs;
#   label  root=LABEL=... from a GPT disk, rootdelay=1, init=/sbin/altinit;
#   uuid   root=UUID=... from a GPT disk whose primary header is corrupt,
#          with "gpt" (the backup GPT, as Linux's force_gpt) and without
#          it (no partition: a panic);
#   whole  root=/dev/vda on a disk without partitions, rootfstype=ext2,ext4;
#   nofs   root=/dev/vda on the partitioned disk: no type mounts it, a panic;
#   none   root=/dev/vda1 with no disk: a panic naming the device, QEMU
#          exiting with run-qemu.sh's panic status 3, well within the timeout;
#   switch root=/dev/vda1 rdinit=/init: the initramfs's /init (OVERLAY)
#          mounts /dev/vda1 itself, moves /dev, /proc and /sys into it and
#          runs BusyBox switch_root, as Debian's initramfs does.
# TAP on stdout, console logs in build/test/rootdisk-*.log.
# usage: tests/integration/rootdisk.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/rootdisk
timeout=${ROOTDISK_TIMEOUT:-60}
rm -rf "$out"
mkdir -p "$out/newov/sbin" "$out/newov/etc" "$out/newov/srv" "$out/newov/media" \
  "$out/newov/newroot" "$out/data" "$out/initov/newroot"
uuid=6a3cf0e2-5d1b-4c57-9a0e-3f1d2c4b5a69

fail_all() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }

# ---- the disk's tree: BusyBox, an fstab, its init ----
cat > "$out/newov/etc/fstab" <<'EOF'
# <file system> <mount point> <type> <options> <dump> <pass>
/dev/vda1	/	ext4	ro	0	1
proc	/proc	proc	defaults	0	0
sysfs	/sys	sysfs	defaults	0	0
UUID=0b7e5c2a-61f4-4d0e-8c3a-9e2d7f1a4b6c	/mnt	ext4	ro	0	2
tmpfs	/tmp	tmpfs	size=1m	0	0
/dev/vda2	none	swap	sw	0	0
EOF
cat > "$out/newov/sbin/altinit" <<'EOF'
#!/bin/sh
echo "== altinit"; echo "altinit pid=$$"; echo "== end rc=0"
EOF
cat > "$out/newov/sbin/init" <<'EOF'
#!/bin/sh
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s 'echo pid=$$'
s 'cat /proc/self/mountinfo'
s 'stat -c "%d %n" / /dev /proc'
s 'ls /'
s 'cat /proc/cmdline'
grep -q rootdisk_full /proc/cmdline || exit 0
s 'umount /sys; mount -a; cat /proc/mounts'
s 'umount /mnt && mount /mnt && grep " /mnt " /proc/mounts'
s 'mount -o ro /dev/vdb /srv && stat -c "%d %i %n" /mnt/hello /srv/hello /mnt /srv && grep -c "254:16 / " /proc/self/mountinfo && cat /srv/hello'
s 'mount /dev/vdb /media; grep -c "254:16 / " /proc/self/mountinfo; umount /media'
s 'mount -t ext4 -o rw /dev/vda1 /media'
s 'mount -t ext3 -o ro /dev/vdb /media'
s 'mount -o remount,rw /mnt'
s 'umount -a -t ext4; grep -c vdb /proc/mounts'
s 'mount /mnt && dd if=/dev/zero of=/tmp/z bs=64k count=16 2>/dev/null && losetup /dev/loop1 /tmp/z && exec 3</dev/loop1 && for i in 1 2 3; do dd if=/dev/urandom of=/dev/loop1 bs=64k count=8 2>/dev/null; sync -f /mnt/hello; grep Dirty: /proc/meminfo; done; sync; grep Dirty: /proc/meminfo'
mkdir /tmp/nr && mount -t tmpfs nr /tmp/nr && mkdir /tmp/nr/old /tmp/nr/bin && cp /bin/busybox /tmp/nr/bin/
while read -r c; do s "$c 2>&1"; done < /etc/mounterr.cmds
cd /tmp/nr
s 'pivot_root . old && cd / && /bin/busybox cat /old/proc/self/mountinfo && /bin/busybox ls /old/sbin/init /bin'
EOF
# pivot_root's and MS_MOVE's errors, run in Kevlar and (when this host
# lets root unshare its mounts) under Linux, the same paths on a tmpfs /tmp
printf '%s\n' 'pivot_root /etc /etc' 'pivot_root /tmp/nr /etc' 'pivot_root /tmp/nr /proc' \
  'pivot_root /tmp/nr/bin /tmp/nr/old' 'mount --move /tmp/nr/bin /tmp/nr/old' \
  'mount --move /tmp/nr /tmp/nr/old' > "$out/newov/etc/mounterr.cmds"
chmod +x "$out/newov/sbin/init" "$out/newov/sbin/altinit"
tools/mk-image.sh "$out/new.cpio" "$out/newov" >/dev/null 2>&1 || fail_all "mk-image (the disk's tree)"
mkdir "$out/tree" && (cd "$out/tree" && cpio -idm --quiet < ../new.cpio) || fail_all "unpack the tree"
mke2fs -q -F -t ext4 -L kvroot -U "$uuid" -d "$out/tree" "$out/root.img" 32M || fail_all "mke2fs root"
echo "hello from vdb" > "$out/data/hello"
mke2fs -q -F -t ext4 -L kvdata -U 0b7e5c2a-61f4-4d0e-8c3a-9e2d7f1a4b6c -d "$out/data" "$out/data.img" 4M || fail_all "mke2fs data"
for k in mbr gpt gpt-badprimary; do
  python3 tests/integration/mkdisk.py "$out/$k.img" "$out/root.img" "$k" || fail_all "mkdisk $k"
done
cat > "$out/initov/init" <<'EOF'
#!/bin/sh
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
mount -o ro /dev/vda1 /newroot || echo "initramfs: mount failed"
mount --move /dev /newroot/dev && mount --move /proc /newroot/proc && mount --move /sys /newroot/sys
exec switch_root /newroot /sbin/init
EOF
chmod +x "$out/initov/init"
tools/mk-image.sh "$out/initrd.cpio" >/dev/null 2>&1 || fail_all "mk-image (initramfs)"
tools/mk-image.sh "$out/switch.cpio" "$out/initov" >/dev/null 2>&1 || fail_all "mk-image (switch_root)"

boot() { # NAME INITRD CMDLINE DISK [DISK2]: the console in $out/../rootdisk-NAME.log, rc
  local name=$1 initrd=$2 cmdline=$3
  INITRD=$initrd DISK=$4 DISK2=${5:-} TIMEOUT=$timeout tools/run-qemu.sh "$kernel" "$cmdline" \
    > "build/test/rootdisk-$name.log" 2>&1
}
boot mbr "$out/initrd.cpio" "root=/dev/vda1 rootwait rootdisk_full" "$out/mbr.img" "$out/data.img:ro"
rc_mbr=$?
boot label "$out/initrd.cpio" "root=LABEL=kvroot rootdelay=1 init=/sbin/altinit" "$out/gpt.img"
rc_label=$?
boot uuid "$out/initrd.cpio" "root=UUID=${uuid^^} gpt" "$out/gpt-badprimary.img"
rc_uuid=$?
boot uuidnogpt "$out/initrd.cpio" "root=UUID=$uuid" "$out/gpt-badprimary.img"
rc_uuidnogpt=$?
start=$(date +%s)
boot none "$out/initrd.cpio" "root=/dev/vda1" ""
rc_none=$? took=$(($(date +%s) - start))
boot whole "$out/initrd.cpio" "root=/dev/vda rootfstype=ext2,ext4 rw" "$out/root.img"
rc_whole=$?
boot nofs "$out/initrd.cpio" "root=/dev/vda" "$out/mbr.img"
rc_nofs=$?
boot switch "$out/switch.cpio" "quiet root=/dev/vda1 rdinit=/init" "$out/mbr.img"
rc_switch=$?

# the same commands under Linux, in a mount namespace of their own
linux=""
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && [ -x /bin/busybox ]; then
  mkdir -p "$out/hostbin" && ln -sf /bin/busybox "$out/hostbin/pivot_root" &&
    ln -sf /bin/busybox "$out/hostbin/mount" &&
    PATH=$(pwd)/$out/hostbin:$PATH unshare -m sh -c 'mount --make-rprivate / &&
      mount -t tmpfs t /tmp && mkdir /tmp/nr && mount -t tmpfs nr /tmp/nr &&
      mkdir /tmp/nr/old /tmp/nr/bin &&
      while read -r c; do echo "== $c 2>&1"; eval "$c" 2>&1; echo "== end rc=$?"; done' \
      < "$out/newov/etc/mounterr.cmds" > "$out/linux.txt" 2>&1 && linux=$out/linux.txt
fi

n=0 fail=0
t() { # CMD...: one TAP line, described by $desc
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; fail=$((fail + 1)); fi
}
use() { log=build/test/rootdisk-$1.log; export LOGTXT=$log.txt; tr -d '\r' < "$log" > "$LOGTXT"; }
section() {
  awk -v want="== $1" 'substr($0, 1, length(want)) == want {on = 1; next} /^== end rc=/ {if (on) exit} on' "$LOGTXT"
}
rc_of() { awk -v want="== $1" 'substr($0, 1, length(want)) == want {on = 1; next} on && /^== end rc=/ {sub(/^== end rc=/, ""); print; exit}' "$LOGTXT"; }
has() { section "$1" | grep -Eq "$2"; }
export -f section rc_of has

echo "1..29"
use mbr
desc="root=/dev/vda1: mounted read-only, and the machine powered off cleanly (exit $rc_mbr)"
t bash -c "[ $rc_mbr -eq 0 ] && grep -q 'VFS: Mounted root (ext4 filesystem) readonly on device 254:1' '$LOGTXT'"
desc="the disk's /sbin/init runs as pid 1"; t has 'echo pid' '^pid=1$'
desc="mountinfo: the root is 254:1 ext4 /dev/vda1 read-only on /, /dev /proc /sys moved into it, no rootfs line"
t bash -c "has 'cat /proc/self/mountinfo' '^[0-9]+ [0-9]+ 254:1 / / ro,relatime - ext4 /dev/vda1 ro' && has 'cat /proc/self/mountinfo' ' / /dev rw' && has 'cat /proc/self/mountinfo' ' / /proc rw' && has 'cat /proc/self/mountinfo' ' / /dev/pts ' && ! has 'cat /proc/self/mountinfo' 'rootfs'"
desc="st_dev of the root is makedev(254, 1) = 65025"; t has 'stat -c "%d %n"' '^65025 /$'
desc="mount -a: sysfs on /sys, the data disk (UUID=) read-only on /mnt and tmpfs on /tmp from fstab, the swap entry ignored"
t bash -c "has 'umount /sys; mount -a' '^sysfs /sys sysfs rw' && has 'umount /sys; mount -a' '^/dev/vdb /mnt ext4 ro' && has 'umount /sys; mount -a' '^tmpfs /tmp tmpfs rw.*size=1024k' && ! has 'umount /sys; mount -a' 'swap|vda2'"
desc="mount /mnt finds the device in fstab"; t has 'umount /mnt && mount /mnt' '^/dev/vdb /mnt ext4 ro'
desc="the same device on /mnt and /srv: one instance (st_dev 254:16 = 65040 and the same inode numbers in both, two mountinfo lines)"
t bash -c "[ \$(section 'mount -o ro /dev/vdb /srv' | awk '/\\/hello$/ {print \$1, \$2}' | sort -u | wc -l) -eq 1 ] && has 'mount -o ro /dev/vdb /srv' '^65040 12 /mnt/hello$' && has 'mount -o ro /dev/vdb /srv' '^2$' && has 'mount -o ro /dev/vdb /srv' '^hello from vdb$'"
desc="a rw mount of the read-only device is refused (EACCES) and BusyBox retries read-only: a third mount of the instance"
t has 'mount /dev/vdb /media' '^3$'
desc="a rw mount of /dev/vda1, mounted read-only as the root: EBUSY, as Linux"
t bash -c "has 'mount -t ext4 -o rw /dev/vda1' 'busy' && [ \"\$(rc_of 'mount -t ext4 -o rw /dev/vda1')\" != 0 ]"
desc="another type on a mounted device (ext3 over the ext4 instance): EBUSY"
t has 'mount -t ext3 -o ro /dev/vdb' 'busy'
desc="mount -o remount,rw of the read-only device: EACCES (Permission denied), as Linux"
t has 'mount -o remount,rw /mnt' 'Permission denied'
desc="umount -a -t ext4 unmounts both data mounts (the root stays)"; t has 'umount -a -t ext4' '^0$'
desc="syncfs of the ext4 on /dev/vdb leaves /dev/loop1's dirty blocks (sync writes them)"
t bash -c "[ \$(section 'mount /mnt && dd' | grep -c 'Dirty: *512 kB') -ge 1 ] && section 'mount /mnt && dd' | tail -1 | grep -q 'Dirty: *0 kB'"
desc="pivot_root /etc /etc (on the root's mount): EBUSY"; t has 'pivot_root /etc /etc' 'busy'
desc="pivot_root with put_old on the root's mount: EBUSY"; t has 'pivot_root /tmp/nr /etc' 'busy'
desc="pivot_root with put_old not below new_root: EINVAL"; t has 'pivot_root /tmp/nr /proc' 'Invalid argument'
desc="pivot_root to a directory that is no mount point: EINVAL"; t has 'pivot_root /tmp/nr/bin' 'Invalid argument'
desc="mount --move of a directory that is no mount's root: EINVAL; into itself: ELOOP"
t bash -c "has 'mount --move /tmp/nr/bin' 'Invalid argument' && has 'mount --move /tmp/nr /tmp/nr/old' 'Too many levels of symbolic links'"
if [ -n "$linux" ]; then
  desc="those six pivot_root and mount --move errors are Linux's, message for message"
  t bash -c "diff <(grep -v '^\[' '$LOGTXT' | awk '/^== (pivot_root|mount --move) .* 2>&1\$/ {on = 1} on {print} /^== end rc=/ {on = 0}') '$linux'"
else
  desc="those errors against Linux # SKIP this host cannot unshare its mounts"; t true
fi
desc="pivot_root . old: the tmpfs is /, the disk's root under /old"
t bash -c "has 'pivot_root . old' ' / / rw,relatime - tmpfs nr ' && has 'pivot_root . old' ' / /old ro,relatime - ext4 /dev/vda1 ' && has 'pivot_root . old' '^/old/sbin/init$' && has 'pivot_root . old' '^busybox$'"

use label
desc="root=LABEL=kvroot from a GPT disk, after rootdelay=1, init=/sbin/altinit as pid 1 (exit $rc_label)"
t bash -c "[ $rc_label -eq 0 ] && grep -q 'Waiting 1 sec before mounting root device' '$LOGTXT' && grep -q 'Mounted root (ext4 filesystem) readonly on device 254:1' '$LOGTXT' && has altinit '^altinit pid=1$'"

use uuid
desc="root=UUID= (upper case) from a GPT disk with a corrupt primary header and \"gpt\": the backup table (exit $rc_uuid)"
t bash -c "[ $rc_uuid -eq 0 ] && grep -q 'Primary GPT is invalid, using alternate GPT' '$LOGTXT' && has 'echo pid' '^pid=1$'"
use uuidnogpt
desc="the same disk without \"gpt\": no partition, so no root: a panic (exit $rc_uuidnogpt)"
t bash -c "[ $rc_uuidnogpt -eq 3 ] && grep -q 'Unable to mount root fs' '$LOGTXT' && grep -q '254:0 .* vda (disk)' '$LOGTXT' && ! grep -q 'vda1' '$LOGTXT'"

use none
desc="root=/dev/vda1 with no disk: a clear message and a panic, QEMU exits 3 in ${took}s (timeout ${timeout}s)"
t bash -c "[ $rc_none -eq 3 ] && [ $took -lt $timeout ] && grep -q 'VFS: Cannot open root device \"/dev/vda1\": no such device' '$LOGTXT' && grep -q 'KERNEL PANIC.*Unable to mount root fs' '$LOGTXT'"

use whole
desc="root=/dev/vda (a disk without partitions) with rootfstype=ext2,ext4 and rw: ext2 refuses it, ext4 mounts it (exit $rc_whole)"
t bash -c "[ $rc_whole -eq 0 ] && grep -q 'Mounted root (ext4 filesystem) [a-z-]* on device 254:0' '$LOGTXT' && has 'echo pid' '^pid=1$' && has 'cat /proc/self/mountinfo' ' 254:0 / / r[ow],relatime - ext4 /dev/vda '"
use nofs
desc="root=/dev/vda holding a partition table, no filesystem: a panic saying so (exit $rc_nofs)"
t bash -c "[ $rc_nofs -eq 3 ] && grep -q 'Cannot open root device \"/dev/vda\": no filesystem type mounts it' '$LOGTXT'"

use switch
desc="root= with rdinit=/init: the initramfs's /init switch_roots, the disk's init is pid 1 on the ext4 root (exit $rc_switch)"
t bash -c "[ $rc_switch -eq 0 ] && ! grep -q 'VFS: Mounted root' '$LOGTXT'  && has 'cat /proc/cmdline' '^quiet root=/dev/vda1 rdinit=/init$' && has 'echo pid' '^pid=1$' && has 'cat /proc/self/mountinfo' '254:1 / / ro,relatime - ext4 /dev/vda1 ro'"
desc="after switch_root, mountinfo shows the moved /dev, /proc, /sys and nothing of the initramfs"
t bash -c "has 'cat /proc/self/mountinfo' ' / /dev rw' && has 'cat /proc/self/mountinfo' ' / /sys rw' && ! has 'cat /proc/self/mountinfo' 'rootfs|/newroot'"
desc="st_dev of / and /dev differ after switch_root (65025 and devtmpfs's)"
t bash -c "has 'stat -c \"%d %n\"' '^65025 /$' && ! has 'stat -c \"%d %n\"' '^65025 /dev$'"
[ "$fail" -eq 0 ]
