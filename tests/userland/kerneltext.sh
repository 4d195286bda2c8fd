#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Boot KERNEL (any profile) and run tests/userland/kerneltext.c: uname()
# and read() into kernel text through both of its aliases must give EFAULT
# and the kernel must keep running.  Exit status 0 if so; the console log
# is build/test/kerneltext/<profile>.log.  usage: kerneltext.sh KERNEL
set -uo pipefail
kernel=$1
name=$(basename "$(dirname "$kernel")")
out=build/test/kerneltext
mkdir -p "$out/overlay/bin"
musl-gcc -static -O1 -Wall -Wextra -o "$out/overlay/bin/kerneltext" tests/userland/kerneltext.c || exit 1
tools/mk-image.sh "$out/$name.cpio" "$out/overlay" 'kerneltext; echo "status $?"; echo still running' || exit 1
INITRD="$out/$name.cpio" TIMEOUT=${TIMEOUT:-120} tools/run-qemu.sh "$kernel" quiet > "$out/$name.log" 2>&1
rc=$?
tr -d '\r' < "$out/$name.log" > "$out/$name.txt"
cat "$out/$name.txt"
[ $rc -eq 0 ] && grep -qx "kerneltext: 8 of 8 writes refused" "$out/$name.txt" &&
  grep -qx "status 0" "$out/$name.txt" && grep -qx "still running" "$out/$name.txt"
