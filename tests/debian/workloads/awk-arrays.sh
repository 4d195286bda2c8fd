# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# gawk associative arrays, sorting and functions
printf 'b 2\na 1\nb 3\nc 5\na 4\n' > f
awk '{t[$1] += $2} END {n = asorti(t, k); for (i = 1; i <= n; i++) print k[i], t[k[i]]}' f
awk 'function fib(n) {return n < 2 ? n : fib(n-1) + fib(n-2)} BEGIN {print fib(20)}'
awk 'BEGIN {s = "a,b,c"; n = split(s, p, ","); print n, p[3]; print toupper(substr("hello", 2, 3))}'
