# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# socat over a Unix stream socket: a file sent through UNIX-LISTEN/UNIX-CONNECT both ways, checksummed; connect and bind errors.
head -c 300000 /dev/zero | tr '\0' 'k' >data
seq 1 20000 >>data
md5sum <data
socat -u UNIX-LISTEN:s1 CREATE:out &
socat -u FILE:data UNIX-CONNECT:s1,retry=50,interval=0.1
echo "send $?"
wait $!; echo "listen $?"
md5sum <out
# the listener writes, the connector reads
socat -u FILE:data UNIX-LISTEN:s2,unlink-early &
socat -u UNIX-CONNECT:s2,retry=50,interval=0.1 - | md5sum
wait $!; echo "listen $?"
for s in s1 s2; do [ -e $s ] || echo "$s removed"; done
# a bidirectional exchange: the listener answers what it reads
socat -t 30 UNIX-LISTEN:s3 SYSTEM:'read l; echo "got $l"; echo bye' &
echo hello | socat -t 30 - UNIX-CONNECT:s3,retry=50,interval=0.1
wait $!; echo "listen $?"
socat - UNIX-CONNECT:nonexistent </dev/null 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[P] /'
echo "status ${PIPESTATUS[0]}"
: >plain
socat - UNIX-CONNECT:plain </dev/null 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[P] /'
echo "status ${PIPESTATUS[0]}"
socat -u UNIX-LISTEN:plain - 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[P] /'
echo "status ${PIPESTATUS[0]}"
