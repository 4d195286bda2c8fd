# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# socat UNIX-LISTEN with fork: an echo server per connection, clients one after another and at once; abstract names.
socat -t 30 UNIX-LISTEN:srv,fork EXEC:cat &
spid=$!
for i in 1 2 3; do echo "client $i" | socat -t 30 - UNIX-CONNECT:srv,retry=50,interval=0.1; done
for i in 1 2 3 4 5; do (seq $i 1000 | socat -t 30 - UNIX-CONNECT:srv | md5sum >r$i) & done
wait $(jobs -p | grep -v "^$spid\$")
cat r1 r2 r3 r4 r5
kill $spid; wait $spid 2>/dev/null
# abstract names (shared with the host's network namespace: a unique one)
printf -v name "kevlar-socat-%010d" $((RANDOM * 32768 + RANDOM))
socat -t 30 ABSTRACT-LISTEN:$name,fork SYSTEM:'echo "abstract $(cat)"' &
spid=$!
echo one | socat -t 30 - ABSTRACT-CONNECT:$name,retry=50,interval=0.1
echo two | socat -t 30 - ABSTRACT-CONNECT:$name
kill $spid; wait $spid 2>/dev/null
socat -u ABSTRACT-RECV:$name.d - &
rpid=$!
for i in $(seq 100); do grep -q "@$name.d" /proc/net/unix && break; sleep 0.05; done
echo 'abstract datagram' | socat -u - ABSTRACT-SENDTO:$name.d
sleep 0.3
kill $rpid; wait $rpid 2>/dev/null
socat - ABSTRACT-CONNECT:$name </dev/null 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[P] /; s/"\\0[^"]*"/"@N"/; s/"@N", [0-9]+/"@N", L/'
echo "status ${PIPESTATUS[0]}"
