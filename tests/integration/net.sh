#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# NET=1 end to end (tools/run-qemu.sh, issue 14).  First, without a boot:
# run-qemu.sh refuses every NET, NET_HOSTFWD, NET_GUESTFWD and NET_MAC
# that is not its own form (so no address but 127.0.0.1 and 10.0.2.100
# can be named), and tools/net-relay.py, NET_GUESTFWD's relay, carries a
# stream to a listener on the host's 127.0.0.1 and back.  Then one boot
# with NET=1, NET_MAC, NET_HOSTFWD and NET_GUESTFWD: the guest's
# /proc/net/dev has Linux's header (the host's own two lines) and lines
# for lo and eth0; /sys/class/net lists both, eth0's attributes read as
# Linux prints them (the MAC given, a device that is down: flags 0x1002,
# operstate down, carrier EINVAL) and every attribute name is one the
# host's own lo has; connections the host makes to its 127.0.0.1:HOSTPORT
# while the guest runs are accepted by QEMU and reach the guest's NIC as
# frames (eth0's counters move; the device is down, so they are dropped).
# A second boot with ip=dhcp: the lease is logged before init runs and
# eth0 is up.  TAP on stdout, the console log in build/test/net.log.
# usage: tests/integration/net.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/net
rm -rf "$out"
mkdir -p "$out"
n=0 fail=0
t() { # CMD...: one TAP line, described by $desc
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; fail=$((fail + 1)); fi
}
echo "1..14"

# ---- the script's refusals (it exits before starting QEMU) ----
refused() { # VAR=value...: run-qemu.sh exits 1 saying why (a boot it wrongly starts ends at 10 s)
  env TIMEOUT=10 "$@" tools/run-qemu.sh "$kernel" poweroff > "$out/refused.out" 2>&1 < /dev/null
  [ $? -eq 1 ] && grep -q "^run-qemu: " "$out/refused.out"
}
desc="run-qemu.sh refuses NET=2, a port 0 or 70000, a socket peer not on 127.0.0.1"
t bash -c "$(declare -f refused); kernel=$kernel out=$out; refused NET=2 && refused NET=socket:listen:0 \
  && refused NET=socket:connect:70000 && refused NET=socket:connect:10.0.0.1:80"
desc="... a NET_GUESTFWD or NET_HOSTFWD naming an address, a non-number, a missing port"
t bash -c "$(declare -f refused); kernel=$kernel out=$out; \
  refused NET=1 NET_GUESTFWD=5555:1.2.3.4:80 && refused NET=1 NET_HOSTFWD=0.0.0.0:8080:80 \
  && refused NET=1 NET_HOSTFWD=x:80 && refused NET=1 NET_GUESTFWD=5555 && refused NET=1 NET_HOSTFWD=8080:80,"
desc="... forwards without NET=1, and a NET_MAC that is not a MAC"
t bash -c "$(declare -f refused); kernel=$kernel out=$out; refused NET_HOSTFWD=8080:80 \
  && refused NET=socket:listen:4000 NET_GUESTFWD=1:2 && refused NET=1 NET_MAC=52:54:00:12:34"

# ---- the relay, on the host ----
# A listener on a free port of 127.0.0.1 that answers each connection
# with what it read, upper-cased, then closes.
coproc UPPER { exec python3 tests/integration/upper.py; }
read -r -t 10 port <&"${UPPER[0]}"
desc="net-relay.py carries a stream to the host's 127.0.0.1:PORT and back"
t bash -c "[ \"\$(printf 'kevlar relay' | timeout 10 python3 tools/net-relay.py ${port:-0})\" = 'KEVLAR RELAY' ]"

# ---- the boot ----
hostport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "cat /proc/net/dev"
s "ls -1 /sys/class/net; readlink /sys/class/net/eth0"
s "cd /sys/class/net/eth0 && for f in address addr_len broadcast flags ifindex mtu operstate type; do echo \$f=\$(cat \$f); done"
s "cat /sys/class/net/eth0/carrier"
s "ls /sys/class/net/eth0 /sys/class/net/eth0/statistics"
s "cat /sys/class/net/lo/type /sys/class/net/lo/ifindex"
s "cat /sys/class/net/eth0/statistics/rx_dropped # before"
echo "== waiting for the host"
sleep 6
s "cat /sys/class/net/eth0/statistics/rx_dropped /sys/class/net/eth0/statistics/rx_packets"'
tools/mk-image.sh "$out/boot.cpio" "" "$cmd" > /dev/null 2>&1 || { echo "not ok - mk-image"; exit 1; }
log=build/test/net.log
NET=1 NET_MAC=52:54:00:12:34:77 NET_HOSTFWD="$hostport:80" NET_GUESTFWD="5555:${port:-1}" \
  INITRD=$out/boot.cpio TIMEOUT=${NET_TIMEOUT:-90} \
  tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1 &
qemu=$!
# once the guest waits, connect to the forwarded port three times
connected=0
for _ in $(seq 1 600); do
  grep -q "^== waiting for the host" "$log" 2> /dev/null && break
  sleep 0.1
done
for _ in 1 2 3; do
  python3 -c "import socket; s=socket.create_connection(('127.0.0.1',$hostport),timeout=2); s.close()" \
    2> /dev/null && connected=$((connected + 1))
done
wait "$qemu"
rc=$?
kill "$UPPER_PID" 2> /dev/null
n_before=$n fail_before=$fail
. tests/integration/tap.sh
n=$n_before fail=$fail_before

desc="the guest ran its commands and powered off cleanly (exit $rc)"
t bash -c "[ $rc -eq 0 ] && [ \$(grep -c '^== end rc=' '$LOGTXT') -eq 8 ]"
desc="/proc/net/dev: the host's two header lines, then lo and eth0"
t bash -c "diff <(section 'cat /proc/net/dev' | head -2) <(head -2 /proc/net/dev) > /dev/null \
  && has 'cat /proc/net/dev' '^ +lo: +0 +0 ' && has 'cat /proc/net/dev' '^ +eth0: '"
desc="/sys/class/net lists eth0 and lo, links into devices/virtual/net"
t bash -c "has 'ls -1 /sys/class/net' '^eth0$' && has 'ls -1 /sys/class/net' '^lo$' \
  && has 'ls -1 /sys/class/net' '^../../devices/virtual/net/eth0$'"
desc="eth0's attributes: the MAC given, 6, ff:..., 0x1002 (down), ifindex 2, 1500, down, type 1"
t bash -c "[ \"\$(section 'cd /sys/class/net/eth0' | tr '\n' ' ')\" = 'address=52:54:00:12:34:77 addr_len=6 broadcast=ff:ff:ff:ff:ff:ff flags=0x1002 ifindex=2 mtu=1500 operstate=down type=1 ' ]"
desc="carrier of a device that is down: EINVAL, as Linux; lo is type 772, ifindex 1"
t bash -c "has 'cat /sys/class/net/eth0/carrier' 'Invalid argument' \
  && [ \"\$(section 'cat /sys/class/net/lo/type' | tr '\n' ' ')\" = '772 1 ' ]"
desc="every attribute name of eth0 and its statistics is one the host's lo has"
t bash -c "names=\$(section 'ls /sys/class/net/eth0' | grep -v ':$' | tr -s ' \t' '\n' | grep .); \
  [ \$(echo \"\$names\" | wc -l) -ge 25 ] && for f in \$names; do \
  [ -e /sys/class/net/lo/\$f ] || [ -e /sys/class/net/lo/statistics/\$f ] || exit 1; done"
before=$(section 'cat /sys/class/net/eth0/statistics/rx_dropped # before' | sed -n 1p)
after=$(SECTION_EXACT=1 section 'cat /sys/class/net/eth0/statistics/rx_dropped /sys/class/net/eth0/statistics/rx_packets' | sed -n 1p)
desc="the host's connections to 127.0.0.1:$hostport were accepted ($connected of 3) and reached eth0 as frames (dropped: ${before:-?} before, ${after:-?} after)"
t bash -c "[ $connected -eq 3 ] && [ \"${after:-0}\" -gt \"${before:-0}\" ]"
desc="no panic, fault or lock report on the console"
t bash -c "! console_bad"

# ---- ip=dhcp: the stack started at boot, eth0 configured by DHCP ----
cmd2='echo "== flags $(cat /sys/class/net/eth0/flags) $(cat /sys/class/net/eth0/operstate)"'
tools/mk-image.sh "$out/dhcp.cpio" "" "$cmd2" > /dev/null 2>&1 || { echo "not ok - mk-image"; exit 1; }
NET=1 INITRD=$out/dhcp.cpio TIMEOUT=${NET_TIMEOUT:-90} \
  tools/run-qemu.sh "$kernel" "quiet ip=dhcp" > "$out/dhcp.log" 2>&1
rc=$?
desc="ip=dhcp: the log gives eth0 the lease 10.0.2.15/24 before init runs (exit $rc)"
t bash -c "[ $rc -eq 0 ] && grep -q 'inet: eth0: DHCP address 10.0.2.15 netmask 255.255.255.0' '$out/dhcp.log'"
desc="ip=dhcp: eth0 is up (flags 0x1003, as Linux's sysfs shows a running device; operstate up), no panic"
t bash -c "grep -q '^== flags 0x1003 up' '$out/dhcp.log' && ! grep -Eq 'panic|contain:|ipconfig:' '$out/dhcp.log'"
[ "$fail" -eq 0 ]
