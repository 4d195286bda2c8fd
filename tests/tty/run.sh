#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The interactive TTY scenario (tests/tty/session.py): boot the built
# kernel with the default image and no command, so that /init runs an
# interactive login shell on the serial console, and type at it.  TAP on
# stdout; the console transcript goes to $OUT/tty-console.log.
# usage: tests/tty/run.sh [KERNEL]     env: OUT (build/test), TTY_TIMEOUT (90)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
OUT=${OUT:-build/test}
mkdir -p "$OUT"
image=$OUT/tty-initramfs.cpio
if ! tools/mk-image.sh "$image" "" "" > "$OUT/tty-image.log" 2>&1; then
  echo "not ok 1 - build the interactive image (see $OUT/tty-image.log)"
  echo "1..1"
  exit 1
fi
TTY_LOG=$OUT/tty-console.log exec python3 tests/tty/session.py "$kernel" "$image" \
  --timeout "${TTY_TIMEOUT:-90}"
