#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# AF_PACKET with the real programs (issue 14).  One boot with NET=1 and no
# ip= on the command line: `ifconfig eth0 up`, then BusyBox's DHCP client
# `udhcpc -i eth0 -n -q` over its packet sockets (a classic BPF filter,
# PACKET_AUXDATA) gets a lease of 10.0.2.15 from slirp's server at
# 10.0.2.2; its script prints the lease.  (Under restrict=on slirp's
# offer carries no router or DNS option, so the script's router and dns
# are empty, as they would be for Linux.)  TAP on stdout, console logs
# under build/test/packet/.
# usage: tests/integration/packet.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/packet
rm -rf "$out"
mkdir -p "$out"
echo "1..5"

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
printf "#!/bin/sh\necho \"lease: \$1 ip=\$ip subnet=\$subnet serverid=\$serverid router=\$router dns=\$dns\"\n" > /tmp/lease.sh
chmod +x /tmp/lease.sh
s "ifconfig eth0 up"
s "udhcpc -i eth0 -n -q -s /tmp/lease.sh"
s "cat /proc/net/dev"'
tools/mk-image.sh "$out/dhcp.cpio" "" "$cmd" > /dev/null 2>&1 || { echo "not ok - mk-image"; exit 1; }
log=$out/dhcp.log
NET=1 INITRD=$out/dhcp.cpio TIMEOUT=${PACKET_TIMEOUT:-120} tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
. tests/integration/tap.sh

desc="ifconfig eth0 up (boot exit $rc)"
t steprc "ifconfig eth0 up"
desc="udhcpc -i eth0 -n -q: a lease of 10.0.2.15/24 from 10.0.2.2"
t bash -c "$(declare -f steprc section has); steprc 'udhcpc -i eth0 -n -q -s /tmp/lease.sh' &&
  has 'udhcpc -i eth0 -n -q -s /tmp/lease.sh' 'lease of 10.0.2.15 obtained from 10.0.2.2'"
desc="... its script ran deconfig, then bound with ip 10.0.2.15, subnet 255.255.255.0, server 10.0.2.2, no router or dns (restrict=on)"
t bash -c "$(declare -f section has); s='udhcpc -i eth0 -n -q -s /tmp/lease.sh';
  has \"\$s\" 'lease: deconfig ip= subnet= serverid= router= dns=' &&
  has \"\$s\" 'lease: bound ip=10.0.2.15 subnet=255.255.255.0 serverid=10.0.2.2 router= dns='"
desc="eth0 sent and received frames (/proc/net/dev)"
t bash -c "$(declare -f section); section 'cat /proc/net/dev' | awk '\$1 == \"eth0:\" && \$2 > 0 && \$3 > 0 && \$10 > 0 {ok=1} END {exit !ok}'"
desc="no panic, fault or lock report on the console"
t bash -c "! console_bad"
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
