# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# socat's Unix socket options: a listener's mode, seqpacket sockets, UNIX-CLIENT to stream and datagram servers, GOPEN on a socket, buffer sizes.
socat -u UNIX-LISTEN:m1,mode=600,unlink-early - &
for i in $(seq 100); do [ -S m1 ] && break; sleep 0.05; done
stat -c '%A %F' m1
echo mode | socat -u - UNIX-CONNECT:m1
wait $!
# seqpacket: message boundaries kept
socat -u UNIX-LISTEN:sp,socktype=5 - &
for i in $(seq 100); do [ -S sp ] && break; sleep 0.05; done
printf 'seq packet\n' | socat -u - UNIX-CONNECT:sp,socktype=5,retry=50,interval=0.1
wait $!; echo "seqpacket $?"
# UNIX-CLIENT connects to a stream server, and sends to a datagram one
socat -u UNIX-LISTEN:cs - &
for i in $(seq 100); do [ -S cs ] && break; sleep 0.05; done
echo 'client to stream' | socat -u - UNIX-CLIENT:cs
wait $!
socat -u UNIX-RECV:cd - &
rpid=$!
for i in $(seq 100); do [ -S cd ] && break; sleep 0.05; done
echo 'client to datagram' | socat -u - UNIX-CLIENT:cd
sleep 0.3
kill $rpid; wait $rpid 2>/dev/null
# GOPEN finds the socket behind a path and connects to it
socat -u UNIX-LISTEN:go - &
for i in $(seq 100); do [ -S go ] && break; sleep 0.05; done
echo 'gopen' | socat -u - GOPEN:go
wait $!
# socket buffer options and a large transfer through small buffers
socat -u UNIX-LISTEN:buf,rcvbuf=4096 - | md5sum &
for i in $(seq 100); do [ -S buf ] && break; sleep 0.05; done
seq 1 100000 | socat -u - UNIX-CONNECT:buf,sndbuf=4096
wait
seq 1 100000 | md5sum
