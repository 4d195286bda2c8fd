# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# findmnt and mountpoint
mountpoint /tmp; mountpoint /tmp/w; echo "status $?"
findmnt -n -o FSTYPE /tmp
