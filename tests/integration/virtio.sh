#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# virtio-blk end to end, images made on the host and attached with DISK=
# (tools/run-qemu.sh).  Boot 1 (pc, SMP=4) has five disks: vda an MBR
# image and vdb a GPT image (tests/integration/mkparts.py, a marker
# written into vda5 on the host), vdc 8 MiB of random bytes attached
# read-only, vdd an ext4 image (mke2fs -d of a host tree) attached
# read-only, vde a blank disk: md5sum of vdc against the host's,
# /proc/partitions, /sys/block and the partition nodes, BLKROGET and a
# refused write on vdc, the ext4 tree listed against the host's, 4 writers
# and 4 readers at once on vde, then sync; after power-off the host reads
# what the guest wrote.  Boot 2 (q35) attaches the random image three
# ways: on the root complex (MSI-X), behind a PCIe root port (a modern-only
# device) and with no MSI-X vectors (INTx), each read back exactly.
# Boot 3 zeroes two disks of non-zero bytes with tests/integration/blkzero.c
# (BLKZEROOUT, BLKDISCARD, fallocate): vda offers WRITE_ZEROES and DISCARD,
# vdb neither (zeros written instead; PUNCH_HOLE and BLKDISCARD refused);
# the host then reads the zeroed ranges from both images.
# TAP on stdout, console logs in build/test/virtio*.log.
# usage: tests/integration/virtio.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/virtio
rm -rf "$out"
mkdir -p "$out/tree/sub/deeper"
bail() {
  echo "1..1"
  echo "not ok 1 - $1"
  exit 1
}

# ---- the images ----
python3 tests/integration/mkparts.py "$out" || bail "mkparts"
printf 'part5data' | dd of="$out/mbr.img" bs=512 seek=544 conv=notrunc 2>/dev/null
head -c 8M /dev/urandom > "$out/rand.img"
rand_md5=$(md5sum < "$out/rand.img" | cut -d' ' -f1)
head -c 16M /dev/zero > "$out/blank.img"
echo "hello from the host" > "$out/tree/hello.txt"
head -c 300000 /dev/urandom > "$out/tree/sub/blob.bin"
for i in $(seq 1 40); do echo "$i" > "$out/tree/sub/deeper/f$i"; done
ln -s hello.txt "$out/tree/link"
blob_md5=$(md5sum < "$out/tree/sub/blob.bin" | cut -d' ' -f1)
mke2fs -q -t ext4 -d "$out/tree" "$out/ext4.img" 8M >/dev/null 2>&1 || bail "mke2fs"
(cd "$out/tree" && find . | sort) > "$out/tree.list"

# ---- boot 1 ----
cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "md5sum /dev/vdc"
s "cat /proc/partitions"
s "ls /sys/block"
s "ls -l /dev/vda1 /dev/vda2 /dev/vda5 /dev/vda6 /dev/vdb1 /dev/vdb3"
s "dd if=/dev/vda5 bs=512 count=1 2>/dev/null | head -c 9; echo"
s "dd if=/dev/vdb3 bs=1024 2>/dev/null | wc -c"
s "blockdev --getro /dev/vdc; blockdev --getro /dev/vde; blockdev --getsize64 /dev/vdc"
s "echo x | dd of=/dev/vdc conv=notrunc 2>&1; true"
s "mount -t ext4 -o ro /dev/vdd /mnt && cd /mnt && find . | sort && md5sum sub/blob.bin && cat hello.txt link && cd / && umount /mnt"
dd if=/dev/urandom of=/tmp/src bs=1M count=8 2>/dev/null
s "for i in 0 1 2 3; do dd if=/tmp/src of=/dev/vde bs=4k skip=\$((i*512)) seek=\$((i*512)) count=512 conv=notrunc 2>/dev/null & dd if=/dev/vdc of=/dev/null bs=16k 2>/dev/null & done; wait; sync; md5sum < /tmp/src; md5sum < /dev/vdc"'
tools/mk-image.sh "$out/boot1.cpio" "" "$cmd" >/dev/null 2>&1 || bail "mk-image"
log=build/test/virtio.log
DISK="$out/mbr.img $out/gpt.img $out/rand.img:ro" DISK2="$out/ext4.img:ro $out/blank.img" \
  SMP=4 INITRD=$out/boot1.cpio TIMEOUT=${VIRTIO_TIMEOUT:-90} \
  tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc1=$?
. tests/integration/tap.sh
log1=$LOGTXT

echo "1..20"
desc="boot 1: every command ran and the guest powered off cleanly (exit $rc1)"
t bash -c "[ $rc1 -eq 0 ] && [ \$(grep -c '^== end rc=' '$log1') -eq 10 ]"
desc="md5sum of the read-only vdc is the host image's"; t has "md5sum /dev/vdc" "^$rand_md5 "
desc="/proc/partitions: vda..vde on major 254 (16 minors each), vda1/2/5/6 and vdb1/3"
t bash -c "has 'cat /proc/partitions' '^ 254 +0 +1024 vda$' && has 'cat /proc/partitions' '^ 254 +1 +64 vda1$' \
  && has 'cat /proc/partitions' '^ 254 +5 +100 vda5$' && has 'cat /proc/partitions' '^ 254 +6 +50 vda6$' \
  && has 'cat /proc/partitions' '^ 254 +16 +1024 vdb$' && has 'cat /proc/partitions' '^ 254 +19 +200 vdb3$' \
  && has 'cat /proc/partitions' '^ 254 +32 +8192 vdc$' && has 'cat /proc/partitions' '^ 254 +64 +16384 vde$'"
desc="/sys/block lists the five disks"
t bash -c "[ \$(section 'ls /sys/block' | grep -o 'vd[a-e]' | sort -u | wc -l) -eq 5 ]"
desc="the partition nodes are block devices"
t bash -c "[ \$(section 'ls -l /dev/vda1' | grep -c '^b') -eq 6 ]"
desc="vda5 starts with the marker the host wrote at sector 544"; t has "dd if=/dev/vda5" '^part5data$'
desc="GPT partition vdb3 reads 204800 bytes"; t has "dd if=/dev/vdb3" '^ *204800$'
desc="BLKROGET: vdc (:ro) is read-only, vde is not; BLKGETSIZE64 of vdc is 8 MiB"
t bash -c "[ \"\$(section 'blockdev --getro' | tr '\n' ' ')\" = '1 0 8388608 ' ]"
desc="a write to the read-only vdc fails with EPERM, as Linux's blkdev_write_iter"
t has "echo x | dd of=/dev/vdc" "can't write|error writing.*Operation not permitted"
desc="mount -o ro of the ext4 disk lists the host's tree"
t bash -c "diff <(section 'mount -t ext4' | grep '^\\.' | grep -v '^./lost+found$') '$out/tree.list' > /dev/null"
desc="the ext4 disk's files read back (md5 of a 300000-byte file, a symlink)"
t bash -c "has 'mount -t ext4' '^$blob_md5 ' && [ \$(section 'mount -t ext4' | grep -c '^hello from the host$') -eq 2 ]"
guest_src=$(section "for i in 0 1 2 3" | sed -n 1p | cut -d' ' -f1)
host_rw=$(head -c 8M "$out/blank.img" | md5sum | cut -d' ' -f1)
desc="4 writers and 4 readers at once on 4 CPUs; sync; the host reads what the guest wrote"
t bash -c "[ -n '$guest_src' ] && [ '$guest_src' = '$host_rw' ] && has 'for i in 0 1 2 3' '^$rand_md5 '"

# ---- boot 2: q35, MSI-X, a modern-only device behind a root port, INTx ----
cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "md5sum /dev/vda /dev/vdb /dev/vdc"
s "dmesg | grep virtio-blk"'
tools/mk-image.sh "$out/boot2.cpio" "" "$cmd" >/dev/null 2>&1 || bail "mk-image 2"
log=build/test/virtio-q35.log
QEMU_EXTRA="-device pcie-root-port,id=vrp,chassis=5,slot=0 \
-drive if=none,file=$out/rand.img,format=raw,id=m1,readonly=on -device virtio-blk-pci,drive=m1,bus=vrp \
-drive if=none,file=$out/rand.img,format=raw,id=m2,readonly=on -device virtio-blk-pci,drive=m2,vectors=0" \
  DISK="$out/rand.img:ro" MACHINE=q35 INITRD=$out/boot2.cpio TIMEOUT=${VIRTIO_TIMEOUT:-90} \
  tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc2=$?
LOGTXT=$log.txt
tr -d '\r' < "$log" > "$LOGTXT"
desc="boot 2 (q35): the guest ran its commands and powered off cleanly (exit $rc2)"
t bash -c "[ $rc2 -eq 0 ] && [ \$(grep -c '^== end rc=0$' '$LOGTXT') -eq 2 ]"
desc="q35: three disks read back exactly"
t bash -c "[ \$(section 'md5sum /dev/vda' | grep -c '^$rand_md5 ') -eq 3 ]"
desc="q35: MSI-X on the root complex and behind the root port, INTx without vectors"
t bash -c "[ \$(section 'dmesg' | grep -c 'MSI-X') -eq 2 ] && [ \$(section 'dmesg' | grep -c 'INTx') -eq 1 ]"

# ---- boot 3: zeroing, with and without WRITE_ZEROES ----
ov=$out/ov3
mkdir -p "$ov"
tools/stage-uapi.sh x64 "$out/uapi" >/dev/null 2>&1 || bail "stage-uapi.sh"
musl-gcc -static -O1 -idirafter "$out/uapi" -o "$ov/blkzero" tests/integration/blkzero.c ||
  bail "musl-gcc blkzero.c"
for zi in z1 z2; do head -c 8M /dev/urandom | tr '\000' '\001' > "$out/$zi.img"; done
cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "/blkzero /dev/vda"
s "/blkzero /dev/vdb"'
tools/mk-image.sh "$out/boot3.cpio" "$ov" "$cmd" >/dev/null 2>&1 || bail "mk-image 3"
log=build/test/virtio-zero.log
QEMU_EXTRA="-drive if=none,file=$out/z2.img,format=raw,id=z2 \
-device virtio-blk-pci,drive=z2,write-zeroes=off,discard=off" \
  DISK="$out/z1.img" INITRD=$out/boot3.cpio TIMEOUT=${VIRTIO_TIMEOUT:-90} \
  tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc3=$?
LOGTXT=$log.txt
tr -d '\r' < "$log" > "$LOGTXT"
common='zeroout: 0
zeroout reads: zeros, before kept, after kept
zeroout unaligned start: EINVAL
zeroout unaligned length: EINVAL
zeroout empty: EINVAL
zeroout past the end: EINVAL
zeroout read-only fd: EBADF
zeroout bad pointer: EFAULT
zeroout 3 MiB: 0, reads zeros
zero range: 0, reads zeros
zero range at the end, keep size: 0, reads zeros
zero range past the end: EINVAL
zero range at the size: EINVAL
zero range unaligned: EINVAL'
desc="boot 3: blkzero ran on both disks and the guest powered off cleanly (exit $rc3)"
t bash -c "[ $rc3 -eq 0 ] && [ \$(grep -c '^== end rc=0$' '$LOGTXT') -eq 2 ]"
desc="WRITE_ZEROES offered: BLKZEROOUT, ZERO_RANGE, PUNCH_HOLE and BLKDISCARD work and read back zeros, errnos as Linux's"
t diff <(section "/blkzero /dev/vda") <(printf '%s\n' "$common" 'punch hole: 0' 'allocate: EOPNOTSUPP' \
  'zero range on a read-only fd: EBADF' 'discard: 0' 'discard empty: EINVAL' 'discard unaligned: EINVAL' \
  'discard past the end: EINVAL' 'discard read-only fd: EBADF' 'from the disk: zeros, zeros, zeros')
desc="no WRITE_ZEROES nor DISCARD: zeros written instead, PUNCH_HOLE and BLKDISCARD are EOPNOTSUPP"
t diff <(section "/blkzero /dev/vdb") <(printf '%s\n' "$common" 'punch hole: EOPNOTSUPP' 'allocate: EOPNOTSUPP' \
  'zero range on a read-only fd: EBADF' 'discard: EOPNOTSUPP' 'discard empty: EOPNOTSUPP' \
  'discard unaligned: EOPNOTSUPP' 'discard past the end: EOPNOTSUPP' 'discard read-only fd: EBADF' \
  'from the disk: zeros, zeros, zeros')
# the ranges on the host: zeros (a dirty block of the range was not written
# back over them), and the bytes around them kept
zero_on_host() {
  cmp -s <(dd if="$1" bs=4096 skip=1 count=16 2>/dev/null) <(head -c 65536 /dev/zero) &&
    cmp -s <(dd if="$1" bs=1M skip=1 count=3 2>/dev/null) <(head -c 3145728 /dev/zero) &&
    [ "$(dd if="$1" bs=1 skip=4095 count=1 2>/dev/null | od -An -tu1 | tr -d ' ')" != 0 ] &&
    [ "$(dd if="$1" bs=1 skip=69632 count=1 2>/dev/null | od -An -tu1 | tr -d ' ')" != 0 ]
}
desc="the host reads the zeroed ranges of the disk with WRITE_ZEROES as zeros"; t zero_on_host "$out/z1.img"
desc="the host reads the zeroed ranges of the disk without it as zeros"; t zero_on_host "$out/z2.img"
[ "$fail" -eq 0 ]
