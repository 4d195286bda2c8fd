# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# head and tail on pipes and files
seq 1 100 | head -3
seq 1 100 | tail -2
seq 1 100 > f
head -c 10 f | od -c | head -2
tail -n +98 f
