# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The guest setup the fsstress scripts share (tests/integration/crash.sh
# and fsstress.sh), sourced from the repository's root:
#   bail MSG                  a one-line TAP failure, exit 1
#   fstest_init NAME [KERNEL] kernel (a Kevlar ELF, default x64 balanced,
#                             or `linux`), tag (kevlar or linux), out
#                             (build/test/NAME-TAG, made empty, with
#                             out/seedfs), mflag (-M under FSTEST_NOMMAP=1),
#                             and out/fsstress (tests/storage/fsstress.c,
#                             static with musl)
#   FSTEST_MOUNT              the guest command's first lines: bring up
#                             /dev/vda, mount it on /mnt (or end the boot
#                             with "FSTEST-DONE mount"), s=the disk's seed
#   fstest_image CMD CPIO     the initramfs running CMD, with /bin/fsstress
#   fstest_disk IMG SEED      a fresh 256M ext4 image whose /fstest-seed
#                             holds SEED
#   fstest_boot IMG CPIO LOG TIMEOUT [guest.py boot options]
#                             boot the kernel on them (tests/storage/
#                             guest.py), the console in LOG and, without
#                             carriage returns, in LOG.txt; guest.py's
#                             status
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }

fstest_init() {
  kernel=${2:-build/x64-balanced/kevlar.elf}
  tag=$([ "$kernel" = linux ] && echo linux || echo kevlar)
  out=build/test/$1-$tag
  mflag=$([ "${FSTEST_NOMMAP:-0}" = 1 ] && echo -M)
  [ "$kernel" = linux ] || [ -f "$kernel" ] || bail "no kernel $kernel"
  rm -rf "$out"
  mkdir -p "$out/seedfs"
  musl-gcc -static -O2 -Wall -Wextra -Werror -o "$out/fsstress" tests/storage/fsstress.c ||
    bail "musl-gcc fsstress.c"
}

# (the round's seed travels on the disk itself, so one image serves every seed)
FSTEST_MOUNT='. /etc/fstest/disk.sh
mount -t ext4 /dev/vda /mnt || { echo "FSTEST-DONE mount"; poweroff -f; }
s=$(cat /mnt/fstest-seed)'

fstest_image() {
  python3 tests/storage/guest.py image --out "$2" --cmd "$1" --file "$out/fsstress=/bin/fsstress"
}

fstest_disk() {
  echo "$2" > "$out/seedfs/fstest-seed"
  mke2fs -q -F -t ext4 -d "$out/seedfs" "$1" 256M > /dev/null 2>&1
}

fstest_boot() {
  local img=$1 cpio=$2 log=$3 timeout=$4 rc
  shift 4
  python3 tests/storage/guest.py boot --kernel "$kernel" --image "$cpio" --disk "$img" \
    --log "$log" --timeout "$timeout" "$@"
  rc=$?
  tr -d '\r' < "$log" > "$log.txt"
  return $rc
}
