# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# ps sees this shell and its children
ps -o comm= -p $$
sleep 2 & p=$!
ps -o comm=,stat= -p $p | sed 's/ *$//' | cut -c1-6
kill $p; wait $p; echo "wait $?"
