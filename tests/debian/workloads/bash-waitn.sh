# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash wait -n and $! for background jobs.  The first job cannot end
# before the first `wait -n` returned (it waits on a FIFO written only
# then), so the order does not depend on timing: with a bare `sleep 2`
# a host stall of 2 s let both jobs end together, and wait(2) then
# reaps the older child first, on Linux too.
d=$(mktemp -d); mkfifo "$d/go"
(read -r x < "$d/go"; exit 3) & (exit 4) &
wait -n; echo "first $?"
echo go > "$d/go"
wait -n; echo "second $?"
(exit 9) & p=$!; wait $p; echo "pid status $?"
rm -r "$d"
