#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The robustness test: boot Kevlar with tests/robust/robust in the image,
# run it (every implemented syscall, hostile arguments, ITER calls each)
# and print its TAP.  A kernel that dies or hangs leaves the plan unmet.
# usage: run.sh [KERNEL] [ITER] [ROBUST_ARGS...]   (from the repo root)
set -uo pipefail
kernel=${1:-build/x64-balanced/kevlar.elf} iter=${2:-300}
shift $(($# < 2 ? $# : 2))
out=build/test/robust
mkdir -p "$out/overlay/bin"
musl-gcc -static -O1 -Wall -Wextra -o "$out/overlay/bin/robust" tests/robust/robust.c || exit 1
tools/mk-image.sh "$out/image.cpio" "$out/overlay" "robust $iter $*" || exit 1
INITRD="$out/image.cpio" TIMEOUT=600 tools/run-qemu.sh "$kernel" quiet > "$out/console.log" 2>&1
rc=$?
tr -d '\r' < "$out/console.log" | grep -E '^(ok|not ok|1\.\.|# )' 
[ $rc -eq 0 ] || echo "# kernel/QEMU exit status $rc"
