#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Ping sockets and raw ICMP with the real programs (issue 14).  One boot
# without a NIC: BusyBox `ping -c3 127.0.0.1` and `ping6 -c3 ::1` (as
# root: raw ICMP sockets) each get three replies with Linux's TTL/hop
# limit 64, and /proc/sys/net/ipv4/ping_group_range reads Debian's
# "0<TAB>2147483647".  A second boot with NET=1 and ip=dhcp: `ping -c3
# 10.0.2.2` over virtio-net gets slirp's three answers.  TAP on stdout,
# console logs under build/test/icmp/.
# usage: tests/integration/icmp.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/icmp
rm -rf "$out"
mkdir -p "$out"
echo "1..6"

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "ping -c3 127.0.0.1"
s "ping6 -c3 ::1"
s "cat /proc/sys/net/ipv4/ping_group_range"'
tools/mk-image.sh "$out/lo.cpio" "" "$cmd" > /dev/null 2>&1 || { echo "not ok - mk-image"; exit 1; }
log=$out/lo.log
INITRD=$out/lo.cpio TIMEOUT=${ICMP_TIMEOUT:-90} tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
. tests/integration/tap.sh

replies() { # HEADER N SRC TTL: N echo replies from SRC with that TTL, "N packets received", rc 0
  steprc "$1" && [ "$(section "$1" | grep -cE "^[0-9]+ bytes from $3: seq=[0-9]+ ttl=$4 time=")" -eq "$2" ] \
    && has "$1" "$2 packets transmitted, $2 packets received, 0% packet loss"
}
desc="BusyBox ping -c3 127.0.0.1: three replies, ttl 64 (boot exit $rc)"
t replies "ping -c3 127.0.0.1" 3 127.0.0.1 64
desc="BusyBox ping6 -c3 ::1: three replies, hop limit 64"
t replies "ping6 -c3 ::1" 3 ::1 64
desc="net.ipv4.ping_group_range is Debian's 0<TAB>2147483647"
t bash -c "[ \"\$(section 'cat /proc/sys/net/ipv4/ping_group_range')\" = \"\$(printf '0\t2147483647')\" ]"
desc="no panic, fault or lock report on the console"
t bash -c "! console_bad"

# ---- NET=1: slirp answers its gateway's echo ----
cmd2='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "ping -c3 10.0.2.2"'
tools/mk-image.sh "$out/net.cpio" "" "$cmd2" > /dev/null 2>&1 || { echo "not ok - mk-image"; exit 1; }
log=$out/net.log
NET=1 INITRD=$out/net.cpio TIMEOUT=${ICMP_TIMEOUT:-90} \
  tools/run-qemu.sh "$kernel" "quiet ip=dhcp" > "$log" 2>&1
rc=$?
n_before=$n fail_before=$fail
. tests/integration/tap.sh
n=$n_before fail=$fail_before
desc="NET=1 ip=dhcp: BusyBox ping -c3 10.0.2.2 gets slirp's three answers (its TTL) (boot exit $rc)"
t bash -c "$(declare -f replies steprc); replies 'ping -c3 10.0.2.2' 3 10.0.2.2 '[0-9]+'"
desc="... and no panic, fault or lock report"
t bash -c "! console_bad"
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
