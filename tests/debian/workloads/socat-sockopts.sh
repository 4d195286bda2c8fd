# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# socat's generic socket options on a Unix stream connection, one at a time: which it can set and which the kernel refuses.
socat -t 30 UNIX-LISTEN:srv,fork EXEC:cat &
spid=$!
for i in $(seq 100); do [ -S srv ] && break; sleep 0.05; done
for opt in so-keepalive so-reuseaddr so-linger=1 so-oobinline so-passcred so-rcvlowat=1 so-sndlowat=1 \
	so-priority=1 so-dontroute so-rcvbuf=8192 so-sndbuf=8192 so-debug so-broadcast \
	setsockopt-int=1:9:1 setsockopt-int=1:999:1 setsockopt-bin=1:13:x0100000002000000; do
	echo "$opt: $(echo "$opt" | socat -t 30 - UNIX-CONNECT:srv,$opt 2>&1 |
		sed -E 's/^.* socat\[[0-9]+\] /socat[P] /; s/setsockopt\([0-9]+, /setsockopt(F, /; s/0x[0-9a-f]+/P/')"
done
kill $spid; wait $spid 2>/dev/null
echo done
