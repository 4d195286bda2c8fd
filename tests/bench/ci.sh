#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# CI for the benchmark suite, as TAP: the bench program (tests/bench/bench.c)
# runs once in quick mode natively and once inside Kevlar (one boot), and
# must print every row its -l lists with a figure (not FAIL).  A row may
# instead print "FAIL n/a: ..." (its prerequisite is missing) where the
# run allows it: natively for hackbench and redis (fetched only into the
# bench image) and the raw disk rows (BENCH_DISK_DEV: the bench image's disk,
# never the host's), inside Kevlar for any row (threads are issue 10's; this boot has
# no disk, so the ext4 rows are n/a there).  No timing
# is asserted: benchmarks are measured by `make bench`, not tested.
# usage: ci.sh KERNEL  (from the repo root)
set -uo pipefail
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/bench
bin=build/bench/bin/bench
mkdir -p "$out/overlay/bin"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; cat "$2.why" "$2" 2>/dev/null | sed "s/^/# /" | tail -20; }

make --no-print-directory -s "$bin" || { echo "not ok 1 - bench builds"; exit 1; }
"$bin" -l > "$out/names"
# every_row LOG [NA_OK]: each listed name appears exactly once as
# "name N ns/op", or as "name N FAIL n/a: ..." if it matches regex NA_OK
every_row() {
  local name missing=0 na_ok=${2:-^$}
  [ "$(wc -l < "$out/names")" -ge 35 ] || return 1
  while read -r name; do
    [ "$(grep -cE "^$name [0-9]+ [0-9]+(\.[0-9]+)?$" "$1")" = 1 ] && continue
    [[ $name =~ $na_ok ]] && [ "$(grep -cE "^$name [0-9]+ FAIL n/a: " "$1")" = 1 ] && continue
    echo "missing or failed: $name" >> "$1.why"
    missing=1
  done < "$out/names"
  return $missing
}

rm -f "$out"/*.why
# the ext4 rows run natively on a scratch directory of the host's
mkdir -p "$out/disk"
(cd /tmp && BENCH_DISK_DIR="$OLDPWD/$out/disk" timeout 60 "$OLDPWD/$bin" -q) > "$out/native.txt" 2>&1
if every_row "$out/native.txt" '^(hackbench_|redis_|disk_)'; then ok "bench -q natively: every row"
else nok "bench -q natively: every row" "$out/native.txt"; fi

cp "$bin" "$out/overlay/bin/bench"
tools/mk-image.sh "$out/kevlar.cpio" "$out/overlay" 'cd /tmp && bench -q && echo BENCH-DONE'
INITRD="$out/kevlar.cpio" TIMEOUT=90 tools/run-qemu.sh "$kernel" quiet > "$out/kevlar.log" 2>&1
rc=$?
tr -d '\r' < "$out/kevlar.log" > "$out/kevlar.txt"
if [ $rc -eq 0 ] && grep -qx BENCH-DONE "$out/kevlar.txt" && every_row "$out/kevlar.txt" .; then
  ok "bench -q inside Kevlar: every row (one boot)"
else nok "bench -q inside Kevlar: every row (status $rc)" "$out/kevlar.txt"; fi
echo "1..$n"
