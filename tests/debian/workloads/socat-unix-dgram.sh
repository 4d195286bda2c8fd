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
socat UNIX-RECVFROM:d2 SYSTEM:'tr a-z A-Z' &
for i in $(seq 100); do [ -S d2 ] && break; sleep 0.05; done
echo 'shout this' | socat - UNIX-SENDTO:d2,bind=c2
wait $!; echo "recvfrom $?"
# with fork, one child per datagram
socat UNIX-RECVFROM:d3,fork SYSTEM:'rev' &
spid=$!
for i in $(seq 100); do [ -S d3 ] && break; sleep 0.05; done
for w in alpha beta gamma; do echo $w | socat - UNIX-SENDTO:d3,bind=c3$w; done
kill $spid; wait $spid 2>/dev/null
ls
echo lost | socat -u - UNIX-SENDTO:nonexistent 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[P] /'
echo "status ${PIPESTATUS[0]}"
