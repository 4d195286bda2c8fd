# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# seq with steps, widths and formats
seq 5 -2 -3
seq -w 8 11
seq -f '%.2f' 0 0.5 1.5
seq -s, 1 5
