# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash wait -n and $! for background jobs
(sleep 2; exit 3) & (exit 4) &
wait -n; echo "first $?"
wait -n; echo "second $?"
(exit 9) & p=$!; wait $p; echo "pid status $?"
