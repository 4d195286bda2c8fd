#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Network configuration as Debian does it (issue 14): one NET=1 boot
# (eth0 left down, no ip=) where BusyBox's ifconfig and route configure
# eth0 statically, bring it down and up and set the default route, and
# Debian's own iproute2 `ip` (bookworm's .deb and the libraries it
# loads, fetched with `apt-get download` into build/iproute2 once) does the same over rtnetlink, while `ip monitor` hears the
# changes.  Reaching slirp's network is checked with a TCP connection to
# 10.0.2.100:5555, which NET_GUESTFWD forwards to a listener on the
# host's 127.0.0.1 (it answers upper-cased); `ip route get` checks the
# default route (slirp with restrict=on reaches nothing beyond).
# /proc/net/route, tcp, udp and if_inet6 (with slirp's SLAAC prefix
# fec0::/64) are checked, and names from the image's /etc/hosts resolve
# with glibc (Debian's getent) and musl.  TAP on stdout, the console log
# in build/test/netcfg.log.
# usage: tests/integration/netcfg.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
ipr=build/iproute2 out=build/test/netcfg
rm -rf "$out"
mkdir -p "$out" "$ipr/debs"
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }

# iproute2 and libc-bin (getent) with the libraries they load: their
# Depends closure by the Debian tier's resolver, `apt-get download` into
# build/iproute2/debs, unpacked into build/iproute2/root (the host's own
# libraries are not used: a minbase system lacks most of them)
if [ ! -x "$ipr/root/bin/ip" ] || [ ! -x "$ipr/root/usr/bin/getent" ]; then
  rm -rf "$ipr/root"
  python3 - "$ipr" << 'PY' > /dev/null 2>&1
import os, subprocess, sys
sys.path.insert(0, "tests/debian")
import fetch
fetch.SKIP |= {"debconf", "adduser", "libc-l10n", "libcap2-bin"}
ipr = sys.argv[1]
for f in fetch.fetch(fetch.resolve(["iproute2", "libc-bin"]), os.path.join(ipr, "debs")):
    subprocess.run(["dpkg-deb", "-x", f, os.path.join(ipr, "root")], check=True)
PY
fi
[ -x "$ipr/root/bin/ip" ] || bail "iproute2 could not be fetched (apt-get download)"

# ---- the overlay: Debian's ip with the libraries it loads, getent, the probe ----
ov=$out/overlay
mkdir -p "$ov/opt/iproute2" "$ov/usr/bin" "$ov/lib/x86_64-linux-gnu" "$ov/lib64" "$ov/etc"
cp "$ipr/root/bin/ip" "$ov/opt/iproute2/ip"
[ -d "$ipr/root/etc/iproute2" ] && cp -a "$ipr/root/etc/iproute2" "$ov/etc/"
[ -d "$ipr/root/usr/share/iproute2" ] && mkdir -p "$ov/usr/share" && cp -a "$ipr/root/usr/share/iproute2" "$ov/usr/share/"
libs=$PWD/$ipr/root/lib/x86_64-linux-gnu:$PWD/$ipr/root/usr/lib/x86_64-linux-gnu
for bin in "$ipr/root/bin/ip" "$ipr/root/usr/bin/getent"; do
  "$ipr/root/lib64/ld-linux-x86-64.so.2" --library-path "$libs" --list "$bin" |
    awk '$2 == "=>" && $3 ~ /^\// {print $3}' |
    while read -r lib; do cp -L "$lib" "$ov/lib/x86_64-linux-gnu/"; done
done
cp -L "$ipr/root/lib64/ld-linux-x86-64.so.2" "$ov/lib64/"
cp "$ipr/root/usr/bin/getent" "$ov/usr/bin/getent"
musl-gcc -static -O1 -o "$ov/usr/bin/netcfg_probe" tests/integration/netcfg_probe.c ||
  bail "musl-gcc netcfg_probe.c"

# ---- the host's listener behind NET_GUESTFWD ----
coproc UPPER { exec python3 tests/integration/upper.py --line; }
read -r -t 10 port <&"${UPPER[0]}"

IP=/opt/iproute2/ip
cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "ifconfig eth0"
s "ifconfig eth0 10.0.2.15 netmask 255.255.255.0 up"
s "ifconfig eth0 | grep -E \"inet addr|UP\""
s "route add default gw 10.0.2.2"
s "route -n"
s "cat /proc/net/route"
s "ip addr show dev eth0"
s "ip route"
s "echo busybox | timeout 20 nc 10.0.2.100 5555"
s "ifconfig eth0 down"
s "ifconfig eth0 | grep -c UP"
s "echo down | timeout 10 nc 10.0.2.100 5555"
s "ifconfig eth0 up"
s "echo again | timeout 20 nc 10.0.2.100 5555"
s "route del default gw 10.0.2.2"
s "route -n | grep -c ^0.0.0.0"
s "ifconfig eth0 0.0.0.0 && ifconfig eth0 | grep -c inet.addr; ifconfig eth0 10.0.2.15 netmask 255.255.255.0"
s "'$IP' monitor link address route > /tmp/mon.txt 2>&1 & echo \$! > /tmp/mon.pid; sleep 1"
s "'$IP' addr del 10.0.2.15/24 dev eth0"
s "'$IP' link set eth0 down"
s "'$IP' link show eth0"
s "'$IP' addr add 10.0.2.16/24 brd + dev eth0"
s "'$IP' link set eth0 up"
s "'$IP' route add default via 10.0.2.2"
s "'$IP' route add default via 10.0.2.2 2>&1"
s "'$IP' -4 addr show dev eth0"
s "'$IP' route"
s "'$IP' route get 10.0.2.2"
s "'$IP' route get 192.0.2.1"
s "echo iproute | timeout 20 nc 10.0.2.100 5555"
s "'$IP' -s link show eth0"
s "'$IP' link set eth0 mtu 1400 && '$IP' link show eth0"
s "'$IP' route del default"
s "'$IP' route get to 192.0.2.1 2>&1"
s "sleep 1; kill \$(cat /tmp/mon.pid); cat /tmp/mon.txt"
s "'$IP' -6 addr show dev eth0"
s "cat /proc/net/if_inet6"
s "'$IP' -6 route show table all"
s "nc -l -p 7777 > /dev/null & p=\$!; sleep 1; cat /proc/net/tcp6 /proc/net/tcp; kill \$p"
s "netcfg_probe --udp 7778"
s "netcfg_probe --mcast eth0"
s "getent hosts localhost; getent ahostsv4 localhost; getent hosts kevlar"
s "netcfg_probe localhost ip6-localhost kevlar nosuchhost.invalid"'
tools/mk-image.sh "$out/boot.cpio" "$ov" "$cmd" > /dev/null 2>&1 || bail "mk-image"
log=build/test/netcfg.log
NET=1 NET_GUESTFWD="5555:${port:-1}" INITRD=$out/boot.cpio TIMEOUT=${NETCFG_TIMEOUT:-150} \
  tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
kill "$UPPER_PID" 2> /dev/null
. tests/integration/tap.sh
export -f steprc
echo "1..22"

desc="the guest ran its commands and powered off cleanly (exit $rc)"
t bash -c "[ $rc -eq 0 ] && [ \$(grep -c '^== end rc=' '$LOGTXT') -eq 43 ] && ! console_bad"
desc="ifconfig: eth0 starts down without an address; ifconfig sets 10.0.2.15/24, broadcast .255, up"
t bash -c "! SECTION_EXACT=1 has 'ifconfig eth0' 'inet addr' && ! SECTION_EXACT=1 has 'ifconfig eth0' ' UP ' \
  && has 'ifconfig eth0 | grep' 'inet addr:10.0.2.15  Bcast:10.0.2.255  Mask:255.255.255.0' \
  && has 'ifconfig eth0 | grep' 'UP BROADCAST RUNNING MULTICAST'"
desc="route add default gw: route -n shows it and the subnet's route"
t bash -c "SECTION_EXACT=1 has 'route -n' '^0\.0\.0\.0 +10\.0\.2\.2 +0\.0\.0\.0 +UG +0 +0 +0 eth0' \
  && SECTION_EXACT=1 has 'route -n' '^10\.0\.2\.0 +0\.0\.0\.0 +255\.255\.255\.0 +U +0 +0 +0 eth0'"
desc="/proc/net/route in Linux's format: header and lines padded to 127 columns"
t bash -c "section 'cat /proc/net/route' | awk 'length(\$0) != 127 {bad=1} END {exit bad || NR != 3}' \
  && has 'cat /proc/net/route' \$'^eth0\\t00000000\\t0202000A\\t0003\\t0\\t0\\t0\\t00000000' \
  && has 'cat /proc/net/route' \$'^eth0\\t0002000A\\t00000000\\t0001\\t0\\t0\\t0\\t00FFFFFF'"
desc="BusyBox ip: eth0's address and link flags, the routes"
t bash -c "has 'ip addr show dev eth0' 'inet 10\.0\.2\.15/24 brd 10\.0\.2\.255 scope global eth0' \
  && has 'ip addr show dev eth0' '<BROADCAST,MULTICAST,UP,LOWER_UP>' \
  && has 'ip route' '^default via 10\.0\.2\.2 dev eth0' \
  && has 'ip route' '^10\.0\.2\.0/24 dev eth0 .*src 10\.0\.2\.15'"
desc="TCP over the configured eth0 to slirp's 10.0.2.100 (the host's listener answers)"
t has 'echo busybox' '^BUSYBOX$'
desc="ifconfig eth0 down: not UP, and the connection fails; up again: it works"
t bash -c "has 'ifconfig eth0 | grep -c UP' '^0$' && ! has 'echo down' '^DOWN$' \
  && has 'echo again' '^AGAIN$'"
desc="route del default: gone; ifconfig eth0 0.0.0.0 removes the address"
t bash -c "has 'route -n | grep -c' '^0$' && has 'ifconfig eth0 0.0.0.0' '^0$'"
desc="iproute2: ip addr del, ip link set down: state DOWN"
t bash -c "steprc \"$IP addr del 10.0.2.15/24 dev eth0\" && has \"$IP link show eth0\" 'eth0: <BROADCAST,MULTICAST> mtu 1500 .*state DOWN'"
desc="iproute2: ip addr add brd +, link up, route add default; a second add is EEXIST"
t bash -c "steprc \"$IP addr add 10.0.2.16/24 brd + dev eth0\" && steprc \"$IP link set eth0 up\" \
  && SECTION_EXACT=1 has \"$IP route add default via 10.0.2.2 2>&1\" 'File exists'"
desc="iproute2: ip -4 addr show: 10.0.2.16/24 brd 10.0.2.255, state UP"
t bash -c "has \"$IP -4 addr show dev eth0\" 'inet 10\.0\.2\.16/24 brd 10\.0\.2\.255 scope global eth0' \
  && has \"$IP -4 addr show dev eth0\" 'state UP'"
desc="iproute2: ip route lists the default and the kernel's subnet route"
t bash -c "SECTION_EXACT=1 has \"$IP route\" '^default via 10\.0\.2\.2 dev eth0 \$' \
  && SECTION_EXACT=1 has \"$IP route\" '^10\.0\.2\.0/24 dev eth0 proto kernel scope link src 10\.0\.2\.16'"
desc="iproute2: ip route get: on-link 10.0.2.2, 192.0.2.1 via the gateway"
t bash -c "has \"$IP route get 10.0.2.2\" '^10\.0\.2\.2 dev eth0 src 10\.0\.2\.16' \
  && SECTION_EXACT=1 section \"$IP route get 192.0.2.1\" | grep -q '^192\.0\.2\.1 via 10\.0\.2\.2 dev eth0 src 10\.0\.2\.16'"
desc="TCP to 10.0.2.100 after iproute2's configuration; ip -s link counts the frames"
t bash -c "has 'echo iproute' '^IPROUTE$' && section \"$IP -s link show eth0\" | awk '/RX:/ {getline; exit !(\$2 > 0)}'"
desc="iproute2: mtu 1400 set and shown; route del default: 192.0.2.1 unreachable"
t bash -c "has \"$IP link set eth0 mtu 1400\" 'mtu 1400' && steprc \"$IP route del default\" \
  && has \"$IP route get to 192.0.2.1\" 'Network is unreachable'"
desc="ip monitor heard the link, address and route changes (RTNLGRP_LINK, IPV4_IFADDR, IPV4_ROUTE)"
t bash -c "has 'sleep 1; kill' 'Deleted .*10\.0\.2\.15/24' \
  && has 'sleep 1; kill' 'inet 10\.0\.2\.16/24' \
  && has 'sleep 1; kill' 'eth0: <BROADCAST,MULTICAST> mtu 1500' \
  && has 'sleep 1; kill' '^default via 10\.0\.2\.2 dev eth0' \
  && has 'sleep 1; kill' '^Deleted default via 10\.0\.2\.2'"
desc="IPv6: eth0's fe80:: link-local address and slirp's SLAAC fec0::/64 address, /proc/net/if_inet6"
t bash -c "has \"$IP -6 addr show dev eth0\" 'inet6 fe80::[0-9a-f:]+/64 scope link' \
  && has 'cat /proc/net/if_inet6' '^fe80[0-9a-f]{28} 02 40 20 80 +eth0$' \
  && has 'cat /proc/net/if_inet6' '^00000000000000000000000000000001 01 80 10 80 +lo$' \
  && has 'cat /proc/net/if_inet6' '^fec0[0-9a-f]{28} 02 40 40 (00|40) +eth0$' \
  && has \"$IP -6 addr show dev eth0\" 'inet6 fec0::[0-9a-f:]+/64 scope site (tentative )?dynamic'"
desc="iproute2: ip -6 route show table all: eth0's prefixes, its local addresses, ff00::/8"
t bash -c "has \"$IP -6 route\" '^fe80::/64 dev eth0 proto kernel metric 256 pref medium' \
  && has \"$IP -6 route\" '^fec0::/64 dev eth0 proto kernel metric 256 ' \
  && has \"$IP -6 route\" '^local fe80::[0-9a-f:]+ dev eth0 table local proto kernel metric 0 pref medium' \
  && has \"$IP -6 route\" '^local ::1 dev lo table local proto kernel metric 0 pref medium' \
  && has \"$IP -6 route\" '^multicast ff00::/8 dev eth0 table local proto kernel metric 256 pref medium'"
desc="/proc/net/tcp6, tcp, udp: BusyBox nc's listener on [::]:7777 (0A), the finished connections (06), a UDP socket on 0.0.0.0:7778 (07), Linux's widths"
t bash -c "has 'nc -l -p 7777' '^ +[0-9]+: 0{32}:1E61 0{32}:0000 0A ' \
  && has 'nc -l -p 7777' '^ +[0-9]+: 0F02000A:[0-9A-F]{4} 6402000A:15B3 06 ' \
  && section 'nc -l -p 7777' | grep -A99 '^  sl  local_address rem_address' | awk 'length(\$0) != 149 {bad=1} END {exit bad}' \
  && has 'netcfg_probe --udp' '^ +[0-9]+: 00000000:1E62 00000000:0000 07 ' \
  && section 'netcfg_probe --udp' | awk 'length(\$0) != 127 {bad=1} END {exit bad}'"
desc="multicast on eth0: a socket joined to 239.1.2.3 there gets back its own datagram (IP_MULTICAST_IF, LOOP)"
t bash -c "has 'netcfg_probe --mcast' \"^mcast: got 'to the group'\""
desc="glibc (getent) resolves localhost (::1 first, as Linux's glibc with this /etc/hosts), its IPv4 address and kevlar"
t bash -c "has 'getent hosts' '^::1 +localhost ip6-localhost ip6-loopback' && has 'getent hosts' '^127\.0\.0\.1 +STREAM localhost' \
  && has 'getent hosts' '^127\.0\.1\.1 +kevlar'"
desc="musl resolves them too; an .invalid name is an error"
t bash -c "has 'netcfg_probe localhost' '^localhost: 127\.0\.0\.1 ::1$|^localhost: ::1 127\.0\.0\.1$' \
  && has 'netcfg_probe localhost' '^ip6-localhost: ::1$' && has 'netcfg_probe localhost' '^kevlar: 127\.0\.1\.1$' \
  && has 'netcfg_probe localhost' '^nosuchhost\.invalid: '"
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
