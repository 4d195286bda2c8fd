#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The syscall fuzzer (tests/fuzz/README.md): build tests/fuzz/ with musl
# (the syscall table is tests/robust/robust.c's, extracted here), boot
# Kevlar with it as pid 1, watch the console, print one TAP line.  A
# panic (QEMU exits 3), no fuzzer line for FUZZ_HEARTBEAT seconds (the
# kernel hangs), an unkillable child ("fuzz: HANG") or a missing
# "fuzz: done" line is "not ok", with the seed, the round and the command
# that replays it.  On a hang, before QEMU is stopped, gdb reads what the
# kernel was doing through QEMU's gdb stub (tools/hang-report.py: the CPU's
# backtrace, every process's threads and their kernel stacks, the kernel
# log's tail) into $out/hang.txt and the TAP diagnostics.
# usage: run.sh KERNEL [SECONDS] [SEED] [ROUND] [FIRST]   (from the repo root)
#   SEED empty: a random one; ROUND: replay that round alone, every call
#   logged; FIRST: start at that round (the rounds before a failure change
#   kernel state a replay of one round does not have)
# env: FUZZ_CALLS (calls a round, 64), FUZZ_HEARTBEAT (s, 120), FUZZ_BOUND (s a
#   round may take before its child is killed, 5), FUZZ_OUT
set -uo pipefail
kernel=${1:-build/x64-balanced/kevlar.elf} secs=${2:-600} seed=${3:-} round=${4:-} first=${5:-}
calls=${FUZZ_CALLS:-64} heartbeat=${FUZZ_HEARTBEAT:-120}
[ -n "$seed" ] || seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
cfg=$(basename "$(dirname "$kernel")")
profile=${cfg#*-}
profile=${profile%-clang}
out=${FUZZ_OUT:-build/test/fuzz-$cfg}
mkdir -p "$out/overlay/bin"
rm -f "$out/hang.txt"

echo "1..1"
sed -n '/^static const struct call calls\[\] = {$/,/^};$/{//!p}' tests/robust/robust.c > "$out/calls.inc"
if ! grep -q '^	C(' "$out/calls.inc"; then
  echo "not ok 1 - fuzz: no syscall table in tests/robust/robust.c"; exit 1
fi
if ! musl-gcc -static -O1 -Wall -Wextra -Werror -I"$out" -o "$out/overlay/bin/fuzz" \
    tests/fuzz/fuzz.c tests/fuzz/child.c tests/fuzz/args.c > "$out/build.log" 2>&1; then
  sed 's/^/# /' "$out/build.log"; echo "not ok 1 - fuzz: the fuzzer does not build"; exit 1
fi
args="-s $seed -t $secs -n $calls"
[ -n "${FUZZ_BOUND:-}" ] && args+=" -T $FUZZ_BOUND"
if [ -n "$round" ]; then args+=" -r $round -v"; limit=600
else limit=$((secs + 300)); fi
[ -n "$first" ] && args+=" -f $first"
tools/mk-image.sh "$out/image.cpio" "$out/overlay" "exec /bin/fuzz $args" || exit 1

# QEMU in its own process group, so a silent (hung) kernel can be stopped;
# with a gdb stub on a Unix socket (no port to collide with another run),
# so that a hang can be looked at first
: > "$out/console.log"
gdbsock=
if command -v gdb > /dev/null; then
  gdbsock=$out/gdb.sock
  rm -f "$gdbsock"
fi
QEMU_EXTRA="${QEMU_EXTRA:-}${gdbsock:+ -chardev socket,path=$gdbsock,server=on,wait=off,id=kgdb -gdb chardev:kgdb}" \
  INITRD="$out/image.cpio" TIMEOUT=$limit setsid tools/run-qemu.sh "$kernel" quiet \
  > "$out/console.log" 2>&1 &
qpid=$!
# the heartbeat: the fuzzer's own lines (kernel messages do not count)
hung=0 beats=0 changed=$SECONDS
while kill -0 "$qpid" 2>/dev/null; do
  sleep 2
  b=$(grep -ac '^fuzz: ' "$out/console.log")
  if [ "$b" != "$beats" ]; then beats=$b changed=$SECONDS
  elif [ $((SECONDS - changed)) -gt "$heartbeat" ]; then
    hung=1
    if [ -n "$gdbsock" ]; then
      timeout 60 gdb -nx -batch -ex "target remote $gdbsock" -x tools/hang-report.py \
        "$kernel" > "$out/hang.txt" 2>&1
    fi
    kill -- -"$qpid" 2>/dev/null; break
  fi
done
wait "$qpid"; rc=$?

log=$(tr -d '\r' < "$out/console.log")
last=$(grep -a '^fuzz: seed [0-9]* round [0-9]*$' <<<"$log" | tail -n 1)
r=${last##* round }
done_line=$(grep -a '^fuzz: done ' <<<"$log" | tail -n 1)
what=
if [ $hung = 1 ]; then what="kernel hang: no fuzzer output for ${heartbeat}s"
elif [ $rc -eq 3 ]; then what="kernel panic"
elif grep -aq '^fuzz: HANG' <<<"$log"; then what="a process survives SIGKILL"
elif [ $rc -eq 124 ]; then what="QEMU timed out after ${limit}s"
elif [ -z "$done_line" ]; then what="no 'fuzz: done' line (exit status $rc)"
fi
if [ -n "$round" ]; then # a replay: show the calls
  grep -a '^fuzz: ' <<<"$log" | sed 's/^/# /'
fi
if [ -z "$what" ]; then
  echo "ok 1 - fuzz $profile: ${done_line#fuzz: done }"
  exit 0
fi
# the failure, the console's last lines, and the replay command
if grep -aqE 'KERNEL (PANIC|FAULT)|^fuzz: HANG' <<<"$log"; then
  grep -a -m1 -A40 -E 'KERNEL (PANIC|FAULT)|^fuzz: HANG' <<<"$log" | sed 's/^/# /'
elif [ -z "$round" ]; then
  tail -n 15 <<<"$log" | sed 's/^/# /'
fi
if [ $hung = 1 ] && [ -s "$out/hang.txt" ]; then
  echo "# what the kernel was doing (gdb, tools/hang-report.py; also $out/hang.txt):"
  sed 's/^/#   /' "$out/hang.txt"
fi
echo "# console: $out/console.log"
smp=; [ "${SMP:-1}" != 1 ] && smp=" SMP=$SMP"
echo "# replay: make fuzz PROFILE=$profile$smp FUZZ_SEED=$seed FUZZ_ROUND=${r:-0}"
echo "not ok 1 - fuzz $profile: $what in seed $seed round ${r:-?}"
exit 1
