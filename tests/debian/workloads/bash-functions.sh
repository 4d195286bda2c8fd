# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash functions, locals, recursion and return codes
fact() { local n=$1; if ((n <= 1)); then echo 1; else echo $((n * $(fact $((n - 1))))); fi; }
fact 10
f() { local x=inner; g; return 3; }
g() { echo "g sees $x"; }
x=outer; f; echo "status $? x=$x"
declare -f g | head -1
