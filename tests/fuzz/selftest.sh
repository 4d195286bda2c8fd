#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# run.sh's hang report, proven on a planted silence: seed 1 round 21's
# child stops itself (kill(self, SIGSTOP)), and with a 60 s round bound
# the fuzzer says nothing for longer than a 3 s heartbeat.  run.sh must
# call that a hang and show, through QEMU's gdb stub, what the kernel was
# doing: init (the fuzzer) asleep in nanosleep, the child parked in its
# stop, and the kernel log.  usage: selftest.sh KERNEL  (from the repo root)
set -uo pipefail
kernel=${1:-build/x64-balanced/kevlar.elf}
cfg=$(basename "$(dirname "$kernel")")
out=build/test/fuzz-selftest-$cfg
echo "1..4"
rm -f "$out/hang.txt" # a report left by an earlier run proves nothing
FUZZ_OUT=$out FUZZ_HEARTBEAT=3 FUZZ_BOUND=60 bash tests/fuzz/run.sh "$kernel" 10 1 21 > "$out.tap" 2>&1
n=0
check() { # DESCRIPTION COMMAND...
  n=$((n + 1))
  if "${@:2}"; then echo "ok $n - $1"; else echo "not ok $n - $1"; sed 's/^/# /' "$out.tap" | tail -40; fi
}
check "a silent fuzzer is reported as a kernel hang in seed 1 round 21" \
  grep -q '^not ok 1 - fuzz .*: kernel hang: no fuzzer output for 3s in seed 1 round 21$' "$out.tap"
# hang.txt: "process PID (comm) ...", its threads, their frames indented below
frames_of() { # PROCESS-LINE-REGEX: the lines of the first matching process
  awk -v re="$1" '/^process / { on = $0 ~ re } on' "$out/hang.txt" 2>/dev/null
}
check "the report shows init asleep in nanosleep (its saved kernel stack)" \
  bash -c "$(declare -f frames_of); out=$out; frames_of '^process 1 \\\\(fuzz\\\\)' | grep -q 'sys_nanosleep'"
check "the report shows the child stopped and parked" \
  bash -c "$(declare -f frames_of); out=$out; frames_of 'stopped 1' | grep -q ' park '"
check "the report has the kernel log's tail and reaches the TAP diagnostics" \
  bash -c "grep -qs 'Kevlar .* a Linux-ABI ringkernel' '$out/hang.txt' && grep -q '^#   ---- processes and their threads ----' '$out.tap'"
