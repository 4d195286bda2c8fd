# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash job control in a script: jobs, wait, kill %1
set -m
sleep 10 & sleep 11 &
jobs | sed 's/  */ /g'
kill %1; wait %1; echo "wait status $?"
kill %2; wait; jobs; echo done
