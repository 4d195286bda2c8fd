# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash traps on EXIT, ERR, signals
# the shell reports a child killed by a signal with its pid: normalized
{
bash -c 'trap "echo exit trap" EXIT; echo body'
bash -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'
bash -c 'set -E; trap "echo err at \$LINENO" ERR; false; echo next'
bash -c 'trap "echo term; exit 5" TERM; kill $$; echo not reached'; echo "status $?"
bash -c 'kill -9 $$'; echo "status $?"
} 2>&1 | sed -E 's/: line ([0-9]+): +[0-9]+ /: line \1: PID /'
