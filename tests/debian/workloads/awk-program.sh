# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# a gawk program file reading two inputs
cat > prog.awk <<'A'
FNR == NR { price[$1] = $2; next }
{ total += price[$1] * $2; printf "%-6s %3d x %6.2f\n", $1, $2, price[$1] }
END { printf "total %.2f\n", total }
A
printf 'tea 2.50\ncake 3.25\n' > prices; printf 'tea 2\ncake 1\ntea 1\n' > orders
awk -f prog.awk prices orders
gawk --version | head -1 | cut -d, -f1
