#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The random-operation stress against its model on ext4, no crash: on a
# fresh `mke2fs -t ext4` 256M image, tests/storage/fsstress.c runs
# FSSTRESS_OPS (3000) seeded operations on /mnt/stress (each result checked
# as it happens, the whole tree against the model at the end), the disk is
# unmounted and mounted again and the model is checked once more
# (`fsstress verify` replays it from the seed without touching the disk),
# then unmounted; on the host `e2fsck -fn` is clean.  Several seeds, one
# boot each.  TAP on stdout; logs in build/test/fsstress-<kernel>/.
# usage: tests/integration/fsstress.sh [KERNEL|linux]   (default: x64 balanced)
# env: FSSTRESS_SEEDS ("1 2 3")  FSSTRESS_OPS (3000)  FSSTRESS_TIMEOUT (300 s a boot)
#   FSTEST_NOMMAP=1 (plain writes instead of mmap writes; not the default)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/storage/fstest.sh
fstest_init fsstress "${1:-}"
seeds=${FSSTRESS_SEEDS:-1 2 3}
ops=${FSSTRESS_OPS:-3000}
cat > "$out/cmd" <<EOF
$FSTEST_MOUNT
/bin/fsstress run -s \$s -n $ops $mflag /mnt/stress | grep -v '^FSTEST-SEALED'
echo "FSTEST-RUN \$?"
umount /mnt && mount -t ext4 /dev/vda /mnt && /bin/fsstress verify -s \$s -n $ops $mflag /mnt/stress
echo "FSTEST-VERIFY \$?"
umount /mnt && echo "FSTEST-DONE 0"
poweroff -f
EOF
fstest_image "$out/cmd" "$out/image.cpio" || bail "building the image"
set -- $seeds
echo "1..$(($# * 3))"
n=0 fail=0
t() { n=$((n + 1)); if eval "$1"; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=$((fail + 1)); fi; }
for s in $seeds; do
  img=$out/seed$s.img log=$out/seed$s.log
  fstest_disk "$img" "$s" || bail "mke2fs"
  fstest_boot "$img" "$out/image.cpio" "$log" "${FSSTRESS_TIMEOUT:-300}"
  why=$(grep -m1 '^FSTEST-FAIL' "$log.txt")
  t 'grep -q "^FSTEST-STRESS ok run seed $s ops $ops " "$log.txt"' \
    "seed $s: $ops operations, each result and then the tree as the model says${why:+ ($why)}"
  t 'grep -q "^FSTEST-STRESS ok verify seed $s ops $ops " "$log.txt" && grep -qx "FSTEST-DONE 0" "$log.txt"' \
    "seed $s: after umount and mount, the tree is still the model's, and unmounts (log $log)"
  t 'e2fsck -fn "$img" > "$out/seed$s-e2fsck.txt" 2>&1' "seed $s: host e2fsck -fn is clean"
done
echo "# fsstress: $((n - fail)) passed, $fail failed ($tag, seeds $seeds, $ops operations each${mflag:+, no mmap writes})"
[ "$fail" = 0 ]
