#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# AF_PACKET with the real programs (issue 14).  One boot with NET=1 and no
# ip= on the command line: `ifconfig eth0 up`, then BusyBox's DHCP client
# `udhcpc -i eth0 -n -q` over its packet sockets (a classic BPF filter,
# PACKET_AUXDATA) gets a lease of 10.0.2.15 from slirp's server at
# 10.0.2.2; its script prints the lease.  (Under restrict=on slirp's
# offer carries no router or DNS option, so the script's router and dns
# are empty, as they would be for Linux.)  In the same boot, Debian's
# iputils `ping` (iputils-ping fetched with `apt-get download` into
# build/packet/, unpacked with dpkg-deb, with the host's loader and
# libraries at the paths ldd names; nothing installed on the host) pings
# 127.0.0.1 and ::1 three times each, as root (raw ICMP sockets) and as
# uid 1000 through su (ping sockets).  TAP on stdout, console logs under
# build/test/packet/.
# usage: tests/integration/packet.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/packet
rm -rf "$out"
mkdir -p "$out"
echo "1..9"

# ---- Debian's iputils ping in an overlay ----
debs=build/packet/debs tree=build/packet/iputils ov=$out/overlay
mkdir -p "$debs"
if ! ls "$debs"/iputils-ping_*.deb > /dev/null 2>&1; then
  (cd "$debs" && apt-get download iputils-ping > /dev/null 2>&1) ||
    { echo "not ok - apt-get download iputils-ping"; exit 1; }
fi
rm -rf "$tree" && dpkg-deb -x "$debs"/iputils-ping_*.deb "$tree" || { echo "not ok - dpkg-deb"; exit 1; }
mkdir -p "$ov/opt/iputils" "$ov/etc"
cp "$tree/bin/ping" "$ov/opt/iputils/ping"
for l in $(ldd "$tree/bin/ping" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
  mkdir -p "$ov$(dirname "$l")" && cp -L "$l" "$ov$l"
done
cp image/etc/passwd image/etc/group "$ov/etc/"
echo "user:x:1000:1000:user:/tmp:/bin/sh" >> "$ov/etc/passwd"
echo "user:x:1000:" >> "$ov/etc/group"

cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
printf "#!/bin/sh\necho \"lease: \$1 ip=\$ip subnet=\$subnet serverid=\$serverid router=\$router dns=\$dns\"\n" > /tmp/lease.sh
chmod +x /tmp/lease.sh
s "ifconfig eth0 up"
s "udhcpc -i eth0 -n -q -s /tmp/lease.sh"
s "cat /proc/net/dev"
s "/opt/iputils/ping -c3 127.0.0.1"
s "/opt/iputils/ping -6 -c3 ::1"
s "su user -c \"id -u; /opt/iputils/ping -c3 127.0.0.1\""
s "su user -c \"/opt/iputils/ping -6 -c3 ::1\""'
tools/mk-image.sh "$out/dhcp.cpio" "$ov" "$cmd" > /dev/null 2>&1 || { echo "not ok - mk-image"; exit 1; }
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
replies() { # HEADER SRC: three echo replies from SRC with TTL 64, "3 received", rc 0
  steprc "$1" && [ "$(section "$1" | grep -cE "^64 bytes from $2: icmp_seq=[123] ttl=64 time=")" -eq 3 ] &&
    has "$1" "^3 packets transmitted, 3 received, 0% packet loss"
}
desc="iputils ping -c3 127.0.0.1 as root: three replies, ttl 64"
t replies "/opt/iputils/ping -c3 127.0.0.1" 127.0.0.1
desc="iputils ping -6 -c3 ::1 as root: three replies, hop limit 64"
t replies "/opt/iputils/ping -6 -c3 ::1" ::1
desc="iputils ping -c3 127.0.0.1 as uid 1000 (ping sockets): three replies"
t bash -c "$(declare -f replies steprc); has 'su user -c \"id -u' '^1000\$' && replies 'su user -c \"id -u; /opt/iputils/ping -c3 127.0.0.1\"' 127.0.0.1"
desc="iputils ping -6 -c3 ::1 as uid 1000: three replies"
t bash -c "$(declare -f replies steprc); replies 'su user -c \"/opt/iputils/ping -6 -c3 ::1\"' ::1"
desc="no panic, fault or lock report on the console"
t bash -c "! console_bad"
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
