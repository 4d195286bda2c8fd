# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dd with block sizes and counts
dd if=/dev/zero of=f bs=4096 count=3 status=none
stat -c %s f
seq 1 1000 > n
dd if=n of=m bs=7 skip=2 count=5 status=none; cat m; echo
dd if=/dev/zero bs=1k count=2 2>/dev/null | wc -c
