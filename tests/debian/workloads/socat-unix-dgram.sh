# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# socat over Unix datagram sockets: UNIX-SENDTO to UNIX-RECV, UNIX-RECVFROM answering the sender's bound name, with fork.
socat -u UNIX-RECV:d1 - &
rpid=$!
for i in $(seq 100); do [ -S d1 ] && break; sleep 0.05; done
printf 'one datagram\n' | socat -u - UNIX-SENDTO:d1
for i in $(seq 100); do [ -e d1 ] || break; sleep 0.05; done
sleep 0.3
kill $rpid; wait $rpid 2>/dev/null
# RECVFROM answers the sender: the client must be bound to a name
socat -t 30 UNIX-RECVFROM:d2 SYSTEM:'tr a-z A-Z' &
for i in $(seq 100); do [ -S d2 ] && break; sleep 0.05; done
echo 'shout this' | socat -t 5 - UNIX-SENDTO:d2,bind=c2
wait $!; echo "recvfrom $?"
# with fork, one child per datagram
socat -t 30 UNIX-RECVFROM:d3,fork SYSTEM:'rev' &
spid=$!
for i in $(seq 100); do [ -S d3 ] && break; sleep 0.05; done
# (a datagram has no end: each client waits its 5 s; all at once)
for w in alpha beta gamma; do (echo $w | socat -t 5 - UNIX-SENDTO:d3,bind=c3$w >out.$w) & done
wait $(jobs -p | grep -v "^$spid\$")
cat out.alpha out.beta out.gamma
rm out.*
kill $spid; wait $spid 2>/dev/null
ls
echo lost | socat -u - UNIX-SENDTO:nonexistent 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[P] /; s/0x[0-9a-f]+/P/'
echo "status ${PIPESTATUS[0]}"
