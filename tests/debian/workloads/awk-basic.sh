# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# gawk fields, sums and printf
printf 'a 1\nb 2\nc 3\n' | awk '{s += $2; print $1} END {print "sum", s}'
echo 'x:y:z' | awk -F: '{print NF, $2}'
awk 'BEGIN {printf "%5.2f|%-4s|%d\n", 3.14159, "ab", 42}'
