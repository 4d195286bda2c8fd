# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# socat relaying between a Unix socket and a pipe, a FIFO and a program; socketpairs to EXEC; half-close.
mkfifo fifo
socat -u UNIX-LISTEN:s1 PIPE:fifo &
(seq 1 5000 | socat -u - UNIX-CONNECT:s1,retry=50,interval=0.1) &
md5sum <fifo
wait
seq 1 5000 | md5sum
# a program's stdio on a socketpair (EXEC's default) and on pipes
seq 1 5 | socat -t 30 - EXEC:'sort -rn'
socat -u EXEC:'seq 3',pipes -
seq 10 | socat -t 30 - SYSTEM:'paste -sd+'
# a Unix socket bridged to a program, the client half-closing
socat -t 30 UNIX-LISTEN:s2 EXEC:'wc -c' &
head -c 123456 /dev/zero | socat -t 30 - UNIX-CONNECT:s2,retry=50,interval=0.1
wait $!; echo "bridge $?"
# two listeners relayed by a third socat
socat -t 30 UNIX-LISTEN:back SYSTEM:'tr a-z A-Z' &
socat -t 30 UNIX-LISTEN:front UNIX-CONNECT:back,retry=50,interval=0.1 &
echo 'through two sockets' | socat -t 30 - UNIX-CONNECT:front,retry=50,interval=0.1
wait
