# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash kills and reaps children, reports signals
# the shell reports a child killed by a signal with its pid: normalized
{
sleep 20 & p=$!; kill -TERM $p; wait $p; echo "TERM status $?"
sleep 20 & p=$!; kill -KILL $p; wait $p; echo "KILL status $?"
sh -c 'kill -SEGV $$'; echo "SEGV status $?"
} 2>&1 | sed -E 's/: line ([0-9]+): +[0-9]+ /: line \1: PID /'
