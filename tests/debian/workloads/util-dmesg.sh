# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dmesg reads the kernel log
dmesg > out 2>&1; echo "status $?"
[ -s out ] && echo "log not empty"
