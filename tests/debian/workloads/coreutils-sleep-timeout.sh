# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# timeout kills sleep after one second with status 124
timeout 1 sleep 3; echo "status $?"
timeout 5 sleep 0.1; echo "status $?"
{ timeout -s KILL 1 sleep 3; echo "status $?" >&3; } 3>&1 2>/dev/null
