#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Crash-and-replay rounds on ext4 (issue 13's acceptance).  Each round:
# a fresh `mke2fs -t ext4` 256M image; boot 1 mounts it and runs
# tests/storage/fsstress.c (seeded random operations: create, write,
# truncate, rename, link, unlink, mkdir, rmdir, fsync, mmap writes) for up
# to STRESS_SECS, printing "FSTEST-SEALED name size hash [how]" for each
# file it has made durable (written by write and fsync, or through a shared
# mmap and msync or fsync, renamed into sealed/, both directories
# fsync'ed); QEMU is killed with SIGKILL (a power cut) at a
# random moment, seeded and printed, after the stress starts.  Boot 2
# mounts the image (the journal replays), reads every file, prints the
# size and hash of every sealed file, unmounts.  On the host: every sealed
# file the console showed before the kill is there with its content, and
# `e2fsck -fn` is clean.  One TAP line a round.
# usage: tests/integration/crash.sh [KERNEL|linux]   (default: x64 balanced)
#   linux: Debian's Linux in the same QEMU (validates the harness).
# env: CRASH_ROUNDS (50) CRASH_SEED (random unless given; round r uses
#   CRASH_SEED + r) CRASH_ROUND=r (run that round only) STRESS_SECS (5)
#   CRASH_TIMEOUT (per boot, 120 s) FSTEST_NOMMAP=1 (plain writes instead
#   of mmap writes; not the default).  Logs in build/test/crash-<kernel>/.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/storage/fstest.sh
fstest_init crash "${1:-}"
rounds=${CRASH_ROUNDS:-50}
seed=${CRASH_SEED:-$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')}
secs=${STRESS_SECS:-5}
timeout=${CRASH_TIMEOUT:-120}

cat > "$out/stress.cmd" <<EOF
$FSTEST_MOUNT
/bin/fsstress run -s \$s -n 0 -t $secs $mflag /mnt/stress
echo "FSTEST-STRESS-EXIT \$?"
umount /mnt
echo "FSTEST-DONE 0"
poweroff -f
EOF
cat > "$out/check.cmd" <<EOF
$FSTEST_MOUNT
echo "FSTEST-READ \$(find /mnt -type f | wc -l) files, \$(find /mnt -type f | xargs cat | wc -c) bytes"
[ -d /mnt/stress/sealed ] && /bin/fsstress sums /mnt/stress/sealed
umount /mnt && echo "FSTEST-DONE 0"
poweroff -f
EOF
for k in stress check; do
  fstest_image "$out/$k.cmd" "$out/$k.cpio" || bail "building the $k image"
done

# lost_files STRESS_LOG CHECK_LOG: the sealed files of the first (complete
# lines only: the kill may cut the last one; a fifth field says the bytes
# went in through a shared mmap) that the second does not show with the
# same size and hash
lost_files() {
  awk '$1 == "FSTEST-SUM" {have[$2] = $3 " " $4}
    $1 == "FSTEST-SEALED" && length($4) == 16 && (NF == 4 || (NF == 5 && $5 ~ /^mmap\+(msync|fsync)$/)) {
      want[$2] = $3 " " $4}
    END {for (n in want) if (!(n in have)) print n " (" want[n] ", got missing)";
      else if (have[n] != want[n]) print n " (" want[n] ", got " have[n] ")"}' "$1" "$2" |
    sort | paste -sd ';' | sed 's/;/; /g'
}
# the check itself must catch a lost and a changed file, and ignore a cut line
printf 'FSTEST-SEALED s0 5 00000000000000aa\nFSTEST-SEALED s1 6 00000000000000bb\nFSTEST-SEALED s2 7 00000000000000cc\nFSTEST-SEALED s3 8 00000\n' > "$out/self.1"
printf 'FSTEST-SEALED s4 9 00000000000000dd mmap+msync\nFSTEST-SEALED s5 9 00000000000000ee mmap+fs\n' >> "$out/self.1"
printf 'FSTEST-SUM s0 5 00000000000000aa\nFSTEST-SUM s2 7 00000000000000cd\n' > "$out/self.2"
self=$(lost_files "$out/self.1" "$out/self.2")
[ "$self" = "s1 (6 00000000000000bb, got missing); s2 (7 00000000000000cc, got 7 00000000000000cd); s4 (9 00000000000000dd, got missing)" ] ||
  bail "the lost-file check does not catch a missing and a changed file, or takes a cut line ($self)"

# the kill moment of round r: seeded, uniform in [0.05, STRESS_SECS - 0.5] s
# after the stress prints FSTEST-GO
delay() { python3 -c "import random, sys; print(f'{random.Random(int(sys.argv[1])).uniform(0.05, float(sys.argv[2]) - 0.5):.3f}')" "$1" "$secs"; }

one_round() { # r
  local r=$1 s=$((seed + r)) d img=$out/round.img l1=$out/round$1-stress.log l2=$out/round$1-check.log
  d=$(delay "$s")
  fstest_disk "$img" "$s" || { why="mke2fs"; return 1; }
  fstest_boot "$img" "$out/stress.cpio" "$l1" "$timeout" --kill-after-line FSTEST-GO --kill-delay "$d"
  local b1=$?
  if grep -q '^FSTEST-FAIL' "$l1.txt"; then why="the stress failed: $(grep -m1 '^FSTEST-FAIL' "$l1.txt")"; return 1; fi
  if [ $b1 != 137 ] && ! grep -q '^FSTEST-STRESS-EXIT 0' "$l1.txt"; then
    why="boot 1 status $b1 before the kill (log $l1)"; return 1
  fi
  local sealed msealed replay
  sealed=$(grep -c '^FSTEST-SEALED ' "$l1.txt")
  msealed=$(grep -c '^FSTEST-SEALED .* mmap+' "$l1.txt")
  replay=$(dumpe2fs -h "$img" 2>/dev/null | grep -q needs_recovery && echo yes || echo no)
  cp "$img" "$out/round$r-crashed.img"
  fstest_boot "$img" "$out/check.cpio" "$l2" "$timeout"
  local b2=$?
  [ $b2 = 0 ] || { why="boot 2 (mount, replay, read) status $b2 (log $l2)"; return 1; }
  local lost
  lost=$(lost_files "$l1.txt" "$l2.txt")
  [ -z "$lost" ] || { why="fsync'ed files lost or changed: $lost"; return 1; }
  e2fsck -fn "$img" > "$out/round$r-e2fsck.txt" 2>&1 || { why="e2fsck -fn: $(grep -v '^Pass\|^e2fsck' "$out/round$r-e2fsck.txt" | head -3 | tr '\n' ' ')"; return 1; }
  rm -f "$out/round$r-crashed.img"
  total_sealed=$((total_sealed + sealed)) total_msealed=$((total_msealed + msealed))
  why="seed $s, killed ${d}s after FSTEST-GO$([ $b1 = 137 ] || echo ' (the stress had ended)'), $sealed sealed files ($msealed through mmap) intact, journal replay $replay, e2fsck clean"
}

first=1 last=$rounds
[ -n "${CRASH_ROUND:-}" ] && first=$CRASH_ROUND last=$CRASH_ROUND
echo "1..$((last - first + 1))"
echo "# crash: $tag, CRASH_SEED=$seed, $((last - first + 1)) rounds, STRESS_SECS=$secs${mflag:+, no mmap writes}"
pass=0 fail=0 t0=$SECONDS total_sealed=0 total_msealed=0
for r in $(seq "$first" "$last"); do
  why=""
  if one_round "$r"; then
    echo "ok $r - round $r: $why"; pass=$((pass + 1))
  else
    echo "not ok $r - round $r (CRASH_SEED=$seed CRASH_ROUND=$r): $why"; fail=$((fail + 1))
  fi
done
echo "# crash: $pass passed, $fail failed in $((SECONDS - t0)) s ($tag, CRASH_SEED=$seed${mflag:+, no mmap writes}; $total_sealed sealed files intact in the passing rounds, $total_msealed of them written through mmap; logs in $out)"
[ "$fail" = 0 ]
