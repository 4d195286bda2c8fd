# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# timeout --preserve-status and the child status
timeout 2 sh -c 'exit 7'; echo "status $?"
timeout --preserve-status 1 sleep 3; echo "status $?"
