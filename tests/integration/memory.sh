#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Memory pressure on a small machine (MEM=128M), as TAP: a program touching
# 500 MiB is OOM-killed with Linux's log line and the shell goes on; a
# bystander with oom_score_adj -1000 is spared; filling /tmp ends in ENOSPC
# and deleting the file frees the space; a tmpfs mounted larger than memory
# runs the OOM killer when its pages run out (the 64 MiB hog dies, the
# write completes), and with nothing killable the write fails with ENOMEM
# (Linux would panic) while the shell goes on; an image larger than memory
# is refused at boot with a message saying so.  Logs in build/test/memory/.
# usage: tests/integration/memory.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/memory
timeout=${MEMORY_TIMEOUT:-120}
mkdir -p "$out/overlay/bin" "$out/big"
n=0 fail=0
t() { # DESC LOG CMD...: one check
  local desc=$1 log=$2
  shift 2
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; else
    echo "not ok $n - $desc"; fail=$((fail + 1)); sed 's/^/# /' "$log" | tail -15
  fi
}
# boot NAME OVERLAY CMD: MEM=128M, output in $out/NAME.txt; sets rc
boot() {
  tools/mk-image.sh "$out/$1.cpio" "$2" "$3" >/dev/null 2>&1 || { rc=255; : > "$out/$1.txt"; return; }
  MEM=128M INITRD="$out/$1.cpio" TIMEOUT=$timeout tools/run-qemu.sh "$kernel" quiet > "$out/$1.log" 2>&1
  rc=$?
  tr -d '\r' < "$out/$1.log" > "$out/$1.txt"
  rm -f "$out/$1.cpio"
}
has() { grep -Eq "$2" "$out/$1.txt"; }

musl-gcc -static -O1 -o "$out/overlay/bin/memhog" tests/integration/memhog.c || exit 1
echo "1..14"

boot oom "$out/overlay" 'sleep 1000 & echo -1000 > /proc/$!/oom_score_adj; memhog 500; echo "memhog status $?"; memhog 16; kill -0 $! && echo "bystander alive"; echo alive'
t "the 500 MiB program is OOM-killed with Linux's log line" "$out/oom.txt" \
  has oom '^\[ *[0-9.]+\] Out of memory: Killed process [0-9]+ \(memhog\) total-vm:[0-9]+kB, anon-rss:[0-9]+kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:[0-9]+kB oom_score_adj:0$'
t "the kernel logs who invoked the OOM killer" "$out/oom.txt" has oom 'memhog invoked oom-killer: .*order=0, oom_score_adj=0'
t "the shell reports SIGKILL (status 137), and a small program runs afterwards" "$out/oom.txt" \
  bash -c "grep -qx 'memhog status 137' $out/oom.txt && grep -qx 'memhog: touched all 16 MiB' $out/oom.txt"
t "the bystander with oom_score_adj -1000 survives; the shell goes on and powers off cleanly" "$out/oom.txt" \
  bash -c "grep -qx 'bystander alive' $out/oom.txt && grep -qx alive $out/oom.txt && [ $rc -eq 0 ] && ! grep -q 'KERNEL' $out/oom.txt"

boot tmpfull "$out/overlay" 'df /tmp | tail -1; dd if=/dev/zero of=/tmp/fill bs=1M count=200; echo "dd status $?"; df /tmp | tail -1; rm /tmp/fill; df /tmp | tail -1; echo alive'
t "filling /tmp stops with ENOSPC (dd fails)" "$out/tmpfull.txt" \
  bash -c "grep -q 'No space left on device' $out/tmpfull.txt && grep -qx 'dd status 1' $out/tmpfull.txt"
t "df shows /tmp at half the RAM, full, then empty after rm" "$out/tmpfull.txt" \
  bash -c "grep -E '^tmpfs .* /tmp\$' $out/tmpfull.txt | awk '{print \$5}' | tr '\n' ' ' | grep -qx '0% 100% 0% ' && grep -E '^tmpfs' $out/tmpfull.txt | awk '{exit !(\$2 > 50000 && \$2 < 66000)}'"
t "the shell goes on and powers off cleanly" "$out/tmpfull.txt" \
  bash -c "grep -qx alive $out/tmpfull.txt && [ $rc -eq 0 ] && ! grep -q KERNEL $out/tmpfull.txt"

# everything but the hog at -1000, so the killer's choice is known
boot tmpoom "$out/overlay" 'echo -1000 > /proc/self/oom_score_adj; mkdir /tmp/big; mount -t tmpfs -o size=1G tmpfs /tmp/big; (echo 0 > /proc/self/oom_score_adj; exec memhog 64 hold > /tmp/hog.log) & until grep -q touched /tmp/hog.log; do sleep 0.2; done; dd if=/dev/zero of=/tmp/big/fill bs=1M count=80; echo "dd status $?"; wc -c < /tmp/big/fill; kill -0 $! || echo "hog gone"; rm /tmp/big/fill; echo alive'
t "a write to a tmpfs larger than memory OOM-kills the hog, with the log line" "$out/tmpoom.txt" \
  has tmpoom '^\[ *[0-9.]+\] Out of memory: Killed process [0-9]+ \(memhog\) .* oom_score_adj:0$'
t "... and the write completes: 80 MiB in the file" "$out/tmpoom.txt" \
  bash -c "grep -qx 'dd status 0' $out/tmpoom.txt && grep -qx 83886080 $out/tmpoom.txt && grep -qx 'hog gone' $out/tmpoom.txt"
t "the shell goes on and powers off cleanly" "$out/tmpoom.txt" \
  bash -c "grep -qx alive $out/tmpoom.txt && [ $rc -eq 0 ] && ! grep -q KERNEL $out/tmpoom.txt"

boot tmpnokill "$out/overlay" 'echo -1000 > /proc/self/oom_score_adj; mkdir /tmp/big; mount -t tmpfs -o size=1G tmpfs /tmp/big; dd if=/dev/zero of=/tmp/big/fill bs=1M count=200; echo "dd status $?"; rm /tmp/big/fill; dd if=/dev/zero of=/tmp/big/small bs=1M count=8; echo "dd status $?"; echo alive'
t "with nothing killable the writer gets ENOMEM, not a panic or SIGSEGV" "$out/tmpnokill.txt" \
  bash -c "grep -q \"dd: error writing '/tmp/big/fill': Cannot allocate memory\" $out/tmpnokill.txt && grep -qx 'dd status 1' $out/tmpnokill.txt"
t "... the memory comes back with rm, and the shell powers off cleanly" "$out/tmpnokill.txt" \
  bash -c "grep -qx 'dd status 0' $out/tmpnokill.txt && grep -qx alive $out/tmpnokill.txt && [ $rc -eq 0 ] && ! grep -q KERNEL $out/tmpnokill.txt"

head -c 150M /dev/zero > "$out/big/big.bin"
boot toobig "$out/big" 'echo booted'
rm -f "$out/big/big.bin"
t "an image larger than memory is refused with a clear message" "$out/toobig.txt" \
  has toobig 'kevlar: the initramfs needs 1[0-9]{2} MiB but the machine has 12[0-9] MiB; boot with more memory \(MEM=[0-9]+M or more\)'
t "... and QEMU exits failing, before init runs" "$out/toobig.txt" \
  bash -c "[ $rc -ne 0 ] && ! grep -qx booted $out/toobig.txt"
[ $fail -eq 0 ]
