#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Real servers and clients over the network (issue 14).  Debian 12's
# nginx-light, redis-server/redis-tools, iperf3 and dropbear-bin are
# fetched by net-servers-fetch.py (apt-get download, dpkg-deb -x under
# build/servers/root, never installed) and laid over BusyBox's image.
# One boot with NET=1 (user net, restrict=on; every forward on the host's
# 127.0.0.1) runs BusyBox httpd, nginx, redis-server, iperf3 -s and
# dropbear (its host key made by dropbearkey); inside it BusyBox wget
# fetches a 10 MiB file from a host `python3 -m http.server --bind
# 127.0.0.1` through NET_GUESTFWD and redis-benchmark runs over loopback.
# From the host: curl gets the 10 MiB file from httpd and from nginx
# (sha256 compared with the original), the guest's redis-benchmark (run on
# the host by the guest tree's own ld.so and libraries: the host has no
# redis) and iperf3 both ways through NET_HOSTFWD, and ssh logs in to
# dropbear with a key from authorized_keys and runs uname -a.  Then two
# Kevlar guests joined by a QEMU socket netdev on 127.0.0.1 with static
# ip=: one serves the file with httpd, the other fetches it with wget.
# TAP on stdout; logs in build/test/net-servers/.
# usage: tests/integration/net-servers.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/net-servers
tmo=${NET_TIMEOUT:-240}
rm -rf "$out"
mkdir -p "$out"
echo "1..16"

python3 tests/integration/net-servers-fetch.py build/debian/debs build/servers/root ||
  { echo "Bail out! net-servers-fetch.py failed"; exit 1; }
R=build/servers/root
# the guest's binaries on the host: its own loader and libraries
guestbin() { "$R/lib64/ld-linux-x86-64.so.2" --library-path "$R/lib/x86_64-linux-gnu:$R/usr/lib/x86_64-linux-gnu" "$@"; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2> /dev/null; done; }
trap cleanup EXIT

# ---- the overlay: the packages, the files served, the servers' configuration ----
ov=$out/overlay
cp -al "$R" "$ov"
mkdir -p "$ov/www" "$ov/root/.ssh" "$ov/var/lib/nginx" "$out/host"
head -c 10485760 /dev/urandom > "$out/host/big"
cp "$out/host/big" "$ov/www/big"
want=$(sha256sum < "$out/host/big" | cut -d' ' -f1)
ssh-keygen -q -t ed25519 -N "" -C net-servers -f "$out/key"
cp "$out/key.pub" "$ov/root/.ssh/authorized_keys"
chmod 700 "$ov/root/.ssh"
chmod 600 "$ov/root/.ssh/authorized_keys"
printf '/bin/sh\n' > "$ov/etc/shells" # dropbear lets in only a user whose shell is listed
cat > "$ov/etc/nginx-test.conf" << 'EOF'
user root;
worker_processes 1;
error_log /tmp/nginx.err;
pid /tmp/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path /tmp/nginx-body;
  proxy_temp_path /tmp/nginx-proxy;
  fastcgi_temp_path /tmp/nginx-fastcgi;
  uwsgi_temp_path /tmp/nginx-uwsgi;
  scgi_temp_path /tmp/nginx-scgi;
  server { listen 8080; root /www; }
}
EOF

# ---- one guest, the servers; the host as their client ----
(cd "$out/host" && exec python3 -u -m http.server --bind 127.0.0.1 0) > "$out/http.out" 2>&1 &
pids+=($!)
hport=
for _ in $(seq 1 150); do
  hport=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$out/http.out" | head -1)
  [ -n "$hport" ] && break
  sleep 0.1
done
p_httpd=$(freeport) p_nginx=$(freeport) p_redis=$(freeport) p_iperf=$(freeport) p_ssh=$(freeport) p_done=$(freeport)
# dropbear without an address: its getaddrinfo has two answers (0.0.0.0
# and ::) to sort, which glibc does after an rtnetlink RTM_GETADDR dump
cmd='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "httpd -p 80 -h /www"
s "nginx -c /etc/nginx-test.conf"
s "redis-server --port 6379 --save \"\" --appendonly no --protected-mode no --daemonize yes --logfile /tmp/redis.log"
s "iperf3 -s -D --logfile /tmp/iperf3.log"
s "dropbearkey -t ed25519 -f /tmp/hostkey > /dev/null 2>&1"
s "dropbear -r /tmp/hostkey -p 22"
s "timeout 60 wget -q -O /tmp/big http://10.0.2.100:5555/big && sha256sum /tmp/big"
s "timeout 120 redis-benchmark --csv -n 2000 -c 10 -t get,set"
echo "== ready"
s "timeout '"$tmo"' nc -l -p 9999"
s "cat /proc/net/dev /proc/net/tcp /proc/meminfo; ls /proc/[0-9]*/task | wc -l"
s "grep -E \"\\[(alert|crit|emerg)\\]\" /tmp/nginx.err; grep -i error /tmp/iperf3.log; grep \" # \" /tmp/redis.log | grep -v \"Memory overcommit\" | grep -Ei \"fail|error\"; true"'
tools/mk-image.sh "$out/a.cpio" "$ov" "$cmd" > /dev/null 2>&1 || { echo "Bail out! mk-image"; exit 1; }
log=$out/a.log
NET=1 NET_HOSTFWD="$p_httpd:80,$p_nginx:8080,$p_redis:6379,$p_iperf:5201,$p_ssh:22,$p_done:9999" \
  NET_GUESTFWD="5555:${hport:-1}" MEM=512M INITRD=$out/a.cpio TIMEOUT=$((tmo + 60)) \
  tools/run-qemu.sh "$kernel" "quiet ip=dhcp" > "$log" 2>&1 &
qemu=$!
pids+=($qemu)
for _ in $(seq 1 $((tmo * 5))); do
  grep -q "^== ready" "$log" 2> /dev/null && break
  kill -0 "$qemu" 2> /dev/null || break
  sleep 0.2
done
sum() { sha256sum < "$1" | cut -d' ' -f1; }
timeout 120 curl -s -o "$out/httpd.big" "http://127.0.0.1:$p_httpd/big"
timeout 120 curl -s -o "$out/nginx.big" "http://127.0.0.1:$p_nginx/big"
timeout 120 curl -s -o "$out/nginx.404" -D "$out/nginx.hdr" "http://127.0.0.1:$p_nginx/nothing"
timeout 120 bash -c "$(declare -f guestbin); R=$R; guestbin $R/usr/bin/redis-benchmark -p $p_redis --csv -n 2000 -c 10 -t get,set" \
  > "$out/redis-host.csv" 2>&1
timeout 60 bash -c "$(declare -f guestbin); R=$R; guestbin $R/usr/bin/iperf3 -c 127.0.0.1 -p $p_iperf -t 2 -J" \
  > "$out/iperf-up.json" 2>&1
timeout 60 bash -c "$(declare -f guestbin); R=$R; guestbin $R/usr/bin/iperf3 -c 127.0.0.1 -p $p_iperf -t 2 -R -J" \
  > "$out/iperf-down.json" 2>&1
timeout 60 ssh -p "$p_ssh" -i "$out/key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
  -o BatchMode=yes -o ConnectTimeout=30 -o LogLevel=ERROR root@127.0.0.1 uname -a > "$out/ssh.out" 2>&1
ssh_rc=$?
timeout 10 python3 -c "import socket; socket.create_connection(('127.0.0.1',$p_done),timeout=5).sendall(b'done\n')"
wait "$qemu"
rc=$?
. tests/integration/tap.sh
n=0 fail=0

# did the command whose header starts with $1 end with rc 0?
ok_rc() { awk -v want="== $1" 'substr($0, 1, length(want)) == want {on = 1; next} on && /^== end rc=/ {print; exit}' "$LOGTXT" | grep -qx "== end rc=0"; }
export -f ok_rc
iperf_bytes() { python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["end"]["sum_received"]["bytes"]))' "$1" 2> /dev/null || echo 0; }
desc="the servers started in the guest (httpd, nginx, redis-server, iperf3 -s, dropbearkey, dropbear)"
t bash -c "for c in 'httpd -p 80' 'nginx -c' 'redis-server' 'iperf3 -s' 'dropbearkey' 'dropbear -r'; do ok_rc \"\$c\" || exit 1; done"
desc="BusyBox wget in Kevlar got 10 MiB from the host's http.server through NET_GUESTFWD, same sha256"
t bash -c "has 'timeout 60 wget' '^$want'"
desc="the host's curl got 10 MiB from BusyBox httpd in Kevlar through NET_HOSTFWD, same sha256"
t bash -c "[ -f '$out/httpd.big' ] && [ \$(sha256sum < '$out/httpd.big' | cut -d' ' -f1) = $want ]"
desc="the host's curl got 10 MiB from nginx in Kevlar, same sha256"
t bash -c "[ -f '$out/nginx.big' ] && [ \$(sha256sum < '$out/nginx.big' | cut -d' ' -f1) = $want ]"
desc="nginx answers a missing file with 404 and its Server header"
t bash -c "grep -q '^HTTP/1.1 404' '$out/nginx.hdr' && grep -qi '^Server: nginx' '$out/nginx.hdr'"
desc="redis-benchmark in Kevlar over loopback: SET and GET, 2000 requests each, rates reported"
t bash -c "has 'timeout 120 redis-benchmark' '^\"SET\",\"[1-9]' && has 'timeout 120 redis-benchmark' '^\"GET\",\"[1-9]'"
desc="redis-benchmark on the host against redis-server in Kevlar through NET_HOSTFWD: SET and GET"
t bash -c "grep -q '^\"SET\",\"[1-9]' '$out/redis-host.csv' && grep -q '^\"GET\",\"[1-9]' '$out/redis-host.csv'"
up=$(iperf_bytes "$out/iperf-up.json") down=$(iperf_bytes "$out/iperf-down.json")
desc="iperf3 host -> Kevlar for 2 s: the guest's server received $up bytes"
t bash -c "[ $up -gt 1000000 ]"
desc="iperf3 Kevlar -> host (-R) for 2 s: the host received $down bytes"
t bash -c "[ $down -gt 1000000 ]"
desc="ssh -i key root@127.0.0.1 uname -a through dropbear in Kevlar (rc $ssh_rc): Kevlar's uname"
t bash -c "[ $ssh_rc -eq 0 ] && grep -q '^Linux .*kevlar' '$out/ssh.out'"
desc="no alert in nginx's log, no error in iperf3's or redis's; the guest powered off cleanly (exit $rc)"
t bash -c "[ $rc -eq 0 ] && ! has 'grep -E' . && ok_rc 'timeout $tmo nc -l -p 9999'"
desc="no panic, fault or lock report on the console"
t bash -c "! console_bad"
kill "${pids[0]}" 2> /dev/null

# ---- two guests on a QEMU socket netdev: TCP from one Kevlar to another ----
p_sock=$(freeport)
cmd_srv='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "httpd -p 80 -h /www"
echo "== serving"
s "timeout '"$tmo"' nc -l -p 9000"'
cmd_cli='s() { echo "== $1"; eval "$1"; echo "== end rc=$?"; }
s "timeout 120 wget -q -O /tmp/big http://10.0.3.1/big && sha256sum /tmp/big"
s "echo done | timeout 20 nc 10.0.3.1 9000"'
mkdir -p "$out/ov2/www"
cp "$out/host/big" "$out/ov2/www/big"
tools/mk-image.sh "$out/srv.cpio" "$out/ov2" "$cmd_srv" > /dev/null 2>&1 &&
  tools/mk-image.sh "$out/cli.cpio" "" "$cmd_cli" > /dev/null 2>&1 || { echo "Bail out! mk-image"; exit 1; }
NET=socket:listen:$p_sock NET_MAC=52:54:00:12:35:01 MEM=512M INITRD=$out/srv.cpio TIMEOUT=$tmo \
  tools/run-qemu.sh "$kernel" "quiet ip=10.0.3.1:::255.255.255.0::eth0:off" > "$out/srv.log" 2>&1 &
srv=$!
pids+=($srv)
for _ in $(seq 1 $((tmo * 5))); do
  grep -q "^== serving" "$out/srv.log" 2> /dev/null && break
  kill -0 "$srv" 2> /dev/null || break
  sleep 0.2
done
NET=socket:connect:$p_sock NET_MAC=52:54:00:12:35:02 INITRD=$out/cli.cpio TIMEOUT=$tmo \
  tools/run-qemu.sh "$kernel" "quiet ip=10.0.3.2:::255.255.255.0::eth0:off" > "$out/cli.log" 2>&1
crc=$?
wait "$srv"
src=$?
log=$out/cli.log
n_before=$n fail_before=$fail
. tests/integration/tap.sh
n=$n_before fail=$fail_before
desc="two guests on socket:listen/connect with static ip=: wget in one got 10 MiB from httpd in the other, same sha256"
t bash -c "has 'timeout 120 wget' '^$want'"
desc="the client told the server it was done over TCP; both powered off cleanly (exit $crc, $src)"
t bash -c "[ $crc -eq 0 ] && [ $src -eq 0 ] && tr -d '\r' < '$out/srv.log' | grep -qx done"
desc="no panic, fault or lock report on the client's console"
t bash -c "! console_bad"
log=$out/srv.log
n_before=$n fail_before=$fail
. tests/integration/tap.sh
n=$n_before fail=$fail_before
desc="no panic, fault or lock report on the server's console"
t bash -c "! console_bad"
[ "$fail" -eq 0 ]
