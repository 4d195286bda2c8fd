# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash parameter expansion and pattern matching
s='/usr/lib/libc.so.6'
echo "${s##*/} ${s%/*} ${s/lib/LIB} ${s//lib/L} ${#s} ${s:5:3}"
[[ $s == *libc* ]] && echo match
[[ abc123 =~ ^([a-z]+)([0-9]+)$ ]] && echo "${BASH_REMATCH[2]}"
v=; echo "${v:-default} ${v:=set} $v"
printf -v out '%03d' 7; echo "$out"; echo "${s^^}"
