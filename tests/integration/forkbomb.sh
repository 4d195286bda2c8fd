#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Fork bombs on MEM=128M (issue 9's acceptance): each boot runs one bomb
# for FORKBOMB_SECS seconds under its watchdog (tests/userland/forkbomb.c:
# its own session and group, SIGKILLed as a group, every process reaped),
# then the shell must still answer.  Three kinds, FORKBOMB_BOOTS boots each:
#   nproc  as uid 1000 under `ulimit -u 50` (forks fail with EAGAIN)
#   free   as root without limits, until memory runs out
#   shell  the shell's own `b() { b | b & }; b` as root, without limits:
#          processes exit all the time (the exit/wait wake-ups under load)
# A panic, a hang (the boot's timeout), a surviving bomb process or a
# silent shell fails the boot.  TAP on stdout, logs in build/test/forkbomb/;
# FORKBOMB_KINDS="free shell" runs some kinds only.
# usage: tests/integration/forkbomb.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
boots=${FORKBOMB_BOOTS:-2} secs=${FORKBOMB_SECS:-3}
out=build/test/forkbomb
mkdir -p "$out/overlay/bin"
musl-gcc -static -O1 -o "$out/overlay/bin/forkbomb" tests/userland/forkbomb.c || exit 1

declare -A cmd=(
  [nproc]="(ulimit -u 50; forkbomb $secs 1000); echo \"watchdog \$?\"; echo alive"
  [free]="forkbomb $secs; echo \"watchdog \$?\"; echo alive"
  [shell]="forkbomb $secs - /bin/sh -c 'exec 2>/dev/null; b() { b | b & }; b'; echo \"watchdog \$?\"; echo alive"
)
n=0 failed=0
kinds=(${FORKBOMB_KINDS:-nproc free shell})
echo "1..$((${#kinds[@]} * boots))"
for kind in "${kinds[@]}"; do
  tools/mk-image.sh "$out/$kind.cpio" "$out/overlay" "${cmd[$kind]}" >/dev/null || exit 1
  for i in $(seq 1 "$boots"); do
    n=$((n + 1))
    log=$out/$kind-$i.log
    INITRD="$out/$kind.cpio" MEM=128M TIMEOUT=$((secs + 60)) tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
    rc=$?
    tr -d '\r' < "$log" > "$log.txt"
    if [ $rc -eq 0 ] && grep -qx "forkbomb: gone" "$log.txt" && grep -qx "watchdog 0" "$log.txt" &&
       grep -qx alive "$log.txt" && ! grep -qi panic "$log.txt"; then
      echo "ok $n - fork bomb ($kind) boot $i: killed as a group, the shell answers"
    else
      echo "not ok $n - fork bomb ($kind) boot $i (status $rc: 3 panic, 124 hang)"
      tail -15 "$log.txt" | sed 's/^/# /'
      failed=$((failed + 1))
    fi
    grep '^forkbomb: forks' "$log.txt" | sed 's/^/# /'
  done
done
exit $((failed > 0))
