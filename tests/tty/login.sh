#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# BusyBox login and su on the serial console (tests/tty/login.py): the
# default image plus tests/tty/login-etc (a user "user", uid 1000, and
# root, both with the password "secret") and BusyBox installed
# set-user-ID root, as su needs.  TAP on stdout; the console transcript
# goes to $OUT/login-console.log.
# usage: tests/tty/login.sh [KERNEL]     env: OUT (build/test), TTY_TIMEOUT (120)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
OUT=${OUT:-build/test}
overlay=$OUT/login-overlay
image=$OUT/login-initramfs.cpio
rm -rf "$overlay"
mkdir -p "$overlay/etc" "$overlay/bin"
cp tests/tty/login-etc/* "$overlay/etc/"
chmod 0640 "$overlay/etc/shadow"
cp "${BUSYBOX:-/bin/busybox}" "$overlay/bin/busybox"
chmod 04755 "$overlay/bin/busybox"
if ! tools/mk-image.sh "$image" "$overlay" "" > "$OUT/login-image.log" 2>&1; then
  echo "not ok 1 - build the login image (see $OUT/login-image.log)"
  echo "1..1"
  exit 1
fi
TTY_LOG=$OUT/login-console.log exec python3 tests/tty/login.py "$kernel" "$image" \
  --timeout "${TTY_TIMEOUT:-120}"
