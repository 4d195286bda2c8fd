# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# stdout and stderr both on the console, in order
echo out1
echo err1 >&2
/usr/bin/echo out2
ls /nonexistent-path
echo "ls status $?"
