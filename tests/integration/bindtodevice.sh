#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# SO_BINDTODEVICE with a second interface (issue 14; tests/abi/inet/
# bindtodevice.c covers lo, the names and the errors against Linux).
# One NET=1 boot with ip=dhcp: bindtodevice_probe's TCP client bound to
# eth0 reaches a listener on the host's 127.0.0.1 through slirp
# (NET_GUESTFWD 10.0.2.100:5555, upper-casing what it reads), one bound
# to lo does not, a listener bound to eth0 refuses a connection over
# 127.0.0.1 and one bound to lo takes it.  TAP on stdout, the console
# log in build/test/bindtodevice.log.
# usage: tests/integration/bindtodevice.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/bindtodevice
rm -rf "$out"
mkdir -p "$out/overlay/usr/bin"
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }
musl-gcc -static -O1 -o "$out/overlay/usr/bin/bindtodevice_probe" \
  tests/integration/bindtodevice_probe.c || bail "musl-gcc bindtodevice_probe.c"

# the host's listener behind NET_GUESTFWD: each connection's bytes, upper-cased, after its EOF
coproc UPPER { exec python3 tests/integration/upper.py; }
read -r -t 10 port <&"${UPPER[0]}"

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "bindtodevice_probe"'
tools/mk-image.sh "$out/boot.cpio" "$out/overlay" "$cmd" > /dev/null 2>&1 || bail "mk-image"
log=build/test/bindtodevice.log
NET=1 NET_GUESTFWD="5555:${port:-1}" INITRD=$out/boot.cpio TIMEOUT=${BINDTODEVICE_TIMEOUT:-90} \
  tools/run-qemu.sh "$kernel" "quiet ip=dhcp" > "$log" 2>&1
rc=$?
kill "$UPPER_PID" 2> /dev/null
. tests/integration/tap.sh
export -f steprc
echo "1..6"
probe() { section bindtodevice_probe | grep -qx "ok: $1"; }
desc="the probe ran to its end and the guest powered off cleanly (exit $rc)"
t bash -c "[ $rc -eq 0 ] && steprc bindtodevice_probe && ! console_bad"
for what in "an unbound client reaches the host through slirp" \
  "a client bound to eth0 reaches the host through slirp" \
  "a client bound to lo does not reach slirp's 10.0.2.100" \
  "a listener bound to eth0 refuses a connection over lo" \
  "a listener bound to lo takes it"; do
  desc=$what
  t probe "$what"
done
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
